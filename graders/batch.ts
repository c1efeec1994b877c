/**
 * Many submissions: find them under the paths given, grade up to `jobs` at once, and write each
 * one's files as soon as it is done, so one submission's failure never touches another's report.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { globSync } from 'glob';
import pLimit from 'p-limit';
import { gradeSubmission, type GradeResult, type GradeSettings, type Submission } from './grade.ts';
import { writeSubmissionFiles } from './report/files.ts';

export class DiscoveryError extends Error {}

const isSubmission = (dir: string) => {
  try {
    return statSync(join(dir, 'index.ts')).isFile();
  } catch {
    return false;
  }
};

/**
 * A path is a submission (a folder holding index.ts) or a folder of submissions (its subfolders
 * holding index.ts; the folder name is the student's name).
 */
export function discoverSubmissions(paths: string[]): Submission[] {
  const found: Submission[] = [];
  for (const path of paths) {
    const dir = resolve(path);
    if (!existsSync(dir)) throw new DiscoveryError(`${path} does not exist: give a submission folder (holding index.ts) or a folder of them`);
    if (!statSync(dir).isDirectory()) throw new DiscoveryError(`${path} is not a folder: give a submission folder (holding index.ts) or a folder of them`);
    if (isSubmission(dir)) {
      found.push({ name: basename(dir), dir });
      continue;
    }
    const children = globSync('*/index.ts', { cwd: dir, dot: false })
      .map((file) => dirname(file))
      .filter((name) => isSubmission(join(dir, name)))
      .map((name) => ({ name, dir: join(dir, name) }));
    if (children.length === 0) throw new DiscoveryError(`${path} holds no index.ts and no subfolder with one: it is not a submission nor a folder of submissions`);
    found.push(...children);
  }
  const seen = new Map<string, string>();
  for (const s of found) {
    const other = seen.get(s.name);
    if (other && other !== s.dir) throw new DiscoveryError(`two submissions are named ${s.name} (${other} and ${s.dir}): their reports would overwrite each other`);
    seen.set(s.name, s.dir);
  }
  return [...new Map(found.map((s) => [s.dir, s])).values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface BatchEvents {
  onStart?(submission: Submission): void;
  onDone?(submission: Submission, result: GradeResult, reportDir: string): void;
  /** The grader itself failed on this submission (a bug or an unwritable --out), not the student. */
  onGraderError?(submission: Submission, error: Error): void;
}

export interface BatchResult {
  results: GradeResult[];
  graderErrors: number;
}

export async function gradeBatch(submissions: Submission[], settings: GradeSettings, out: string, jobs: number, events: BatchEvents = {}): Promise<BatchResult> {
  const limit = pLimit(Math.max(1, jobs));
  const results: GradeResult[] = [];
  let graderErrors = 0;
  await Promise.all(
    submissions.map((submission) =>
      limit(async () => {
        events.onStart?.(submission);
        try {
          const result = await gradeSubmission(submission, settings);
          const dir = await writeSubmissionFiles(out, result);
          results.push(result);
          events.onDone?.(submission, result, dir);
        } catch (error) {
          graderErrors++;
          events.onGraderError?.(submission, error as Error);
        }
      }),
    ),
  );
  results.sort((a, b) => a.report.student.localeCompare(b.report.student));
  return { results, graderErrors };
}
