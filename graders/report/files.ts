/**
 * Writes a submission's files under `<out>/<student>/`: report.json, results.json (Gradescope's
 * format), feedback.html, stdout.txt and stderr.txt. Every file goes through a temporary file and a rename, so an
 * interrupted run never leaves half a file behind.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Digits } from '../data/digits.ts';
import type { GradeResult } from '../grade.ts';
import { toGradescopeResults } from './gradescope.ts';
import { writeFeedbackPage } from './html/write.ts';
import { ReportSchema } from './schema.ts';

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function writeSubmissionFiles(out: string, result: GradeResult, digits: Digits): Promise<string> {
  const dir = join(out, result.report.student);
  await mkdir(dir, { recursive: true });
  const report = ReportSchema.parse(result.report);
  // The others at once (each write waits mostly on the disk, not the processor), report.json last:
  // its fingerprint lets a rerun skip the student, so it is written only once the rest is there.
  await Promise.all([
    writeFileAtomic(join(dir, 'results.json'), json(toGradescopeResults(report, result.durationMs))),
    writeFeedbackPage(out, report, digits),
    writeFileAtomic(join(dir, 'stdout.txt'), result.stdout),
    writeFileAtomic(join(dir, 'stderr.txt'), result.stderr),
  ]);
  await writeFileAtomic(join(dir, 'report.json'), json(report));
  return dir;
}
