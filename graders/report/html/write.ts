/**
 * Writes the HTML pages: `<out>/<student>/feedback.html` and `<out>/summary.html`, each through a
 * temporary file and a rename like every other report file, so a reader never opens half a page.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Digits } from '../../data/digits.ts';
import type { Report } from '../schema.ts';
import { renderFeedbackPage } from './feedback.ts';
import { renderSummaryPage } from './summary.ts';

/** Returns the page's path. */
export async function writeFeedbackPage(out: string, report: Report, digits: Digits): Promise<string> {
  const dir = join(out, report.student);
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'feedback.html');
  await writeFileAtomic(path, renderFeedbackPage(report, digits));
  return path;
}

/** Returns the page's path. */
export async function writeSummaryPage(out: string, reports: Report[]): Promise<string> {
  await mkdir(out, { recursive: true });
  const path = join(out, 'summary.html');
  await writeFileAtomic(path, renderSummaryPage(reports));
  return path;
}
