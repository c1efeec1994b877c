/**
 * Writes a submission's files under `<out>/<student>/`: report.json, results.json (Gradescope's
 * format), feedback.html, stdout.txt and stderr.txt. Every file goes through a temporary file and a rename, so an
 * interrupted run never leaves half a file behind.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Digits } from '../data/digits.ts';
import type { GradeResult } from '../grade.ts';
import { toGradescopeResults } from './gradescope.ts';
import { writeFeedbackPage } from './html/write.ts';
import { ReportSchema, type Report } from './schema.ts';

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const writeReport = (dir: string, report: Report) => writeFileAtomic(join(dir, 'report.json'), json(report));

/**
 * report.json is the mark that the student's files are complete: its fingerprint lets a rerun skip
 * the student. So the one from before goes first, the other four are written (at once: each waits
 * mostly on the disk), and report.json comes last. A write that fails, or a run that ends, in
 * between leaves no report.json, and the rerun grades the student again. With `complete: false`
 * (type warnings still to come) report.json waits for writeReportJson or a later call.
 */
export async function writeSubmissionFiles(out: string, result: GradeResult, digits: Digits, { complete = true } = {}): Promise<string> {
  const dir = join(out, result.report.student);
  await mkdir(dir, { recursive: true });
  const report = ReportSchema.parse(result.report);
  await rm(join(dir, 'report.json'), { force: true });
  await Promise.all([
    writeFileAtomic(join(dir, 'results.json'), json(toGradescopeResults(report, result.durationMs))),
    writeFeedbackPage(out, report, digits),
    writeFileAtomic(join(dir, 'stdout.txt'), result.stdout),
    writeFileAtomic(join(dir, 'stderr.txt'), result.stderr),
  ]);
  if (complete) await writeReport(dir, report);
  return dir;
}

/** report.json alone, for files written with `complete: false` that need nothing else. */
export async function writeReportJson(out: string, result: GradeResult): Promise<string> {
  const dir = join(out, result.report.student);
  await writeReport(dir, ReportSchema.parse(result.report));
  return dir;
}
