/**
 * Many submissions: find them under the paths given, grade up to `jobs` at once, and write each
 * one's files as soon as it is done, so one submission's failure never touches another's report.
 * A rerun skips submissions whose fingerprint (code and settings) is unchanged.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { globSync } from 'glob';
import pLimit from 'p-limit';
import { gradeSubmission, type GradeResult, type GradeSettings, type Submission } from './grade.ts';
import { t } from './i18n/index.ts';
import { typecheckSubmissions } from './typecheck.ts';
import { killAllChildren } from './sandbox/child.ts';
import { SandboxError } from './sandbox/jail.ts';
import { writeSubmissionFiles } from './report/files.ts';
import { ReportSchema, type Report } from './report/schema.ts';

export class DiscoveryError extends Error {}

const fileKind = (path: string): 'file' | 'folder' | undefined => {
  try {
    return statSync(path).isFile() ? 'file' : 'folder';
  } catch {
    return undefined;
  }
};

/** Why a folder of a class cannot be graded, or undefined when it holds an index.ts. */
function problemOf(dir: string): string | undefined {
  const kind = fileKind(join(dir, 'index.ts'));
  if (kind === 'file') return undefined;
  if (kind === 'folder') return t().indexIsFolder;
  const entries = readdirSync(dir);
  if (entries.length === 0) return t().emptyFolder;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? t().andMore(entries.length - 5) : '');
  return t().noIndex(shown);
}

/**
 * A path is a submission (a folder holding index.ts) or a folder of submissions (the folder name
 * is the student's name). In a folder of submissions, a subfolder that cannot be graded still gets
 * a report saying why, so the gradebook has a row for every student.
 */
export function discoverSubmissions(paths: string[]): Submission[] {
  const found: Submission[] = [];
  for (const path of paths) {
    const dir = resolve(path);
    if (!existsSync(dir)) throw new DiscoveryError(`${path} does not exist: give a submission folder (holding index.ts) or a folder of them`);
    if (!statSync(dir).isDirectory()) throw new DiscoveryError(`${path} is not a folder: give a submission folder (holding index.ts) or a folder of them`);
    if (fileKind(join(dir, 'index.ts')) === 'file') {
      found.push({ name: basename(dir), dir });
      continue;
    }
    const children = globSync('*/', { cwd: dir, dot: false, ignore: ['node_modules/**'] }).map((name) => ({ name, dir: join(dir, name) }));
    const graded = children.filter((c) => fileKind(join(c.dir, 'index.ts')) === 'file');
    if (graded.length === 0) throw new DiscoveryError(`${path} holds no index.ts and no subfolder with one: it is not a submission nor a folder of submissions`);
    for (const child of children) {
      const problem = problemOf(child.dir);
      found.push(problem ? { ...child, problem } : child);
    }
  }
  const seen = new Map<string, string>();
  for (const s of found) {
    const other = seen.get(s.name);
    if (other && other !== s.dir) throw new DiscoveryError(`two submissions are named ${s.name} (${other} and ${s.dir}): their reports would overwrite each other`);
    seen.set(s.name, s.dir);
  }
  return [...new Map(found.map((s) => [s.dir, s])).values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A temporary file of an atomic write that an interrupted run left behind ("report.json.123"). */
const LEFTOVER = /^(report\.json|results\.json|stdout\.txt|stderr\.txt|summary\.csv|summary\.json)\.\d+$/;

export function removeLeftovers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (LEFTOVER.test(name)) rmSync(join(dir, name), { force: true });
}

/** The last report of a student, if it is there and valid. */
function previousReport(out: string, name: string): Report | undefined {
  try {
    return ReportSchema.parse(JSON.parse(readFileSync(join(out, name, 'report.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

export interface BatchEvents {
  onStart?(submission: Submission): void;
  onDone?(submission: Submission, result: GradeResult, reportDir: string): void;
  /** Unchanged since the report in --out: not graded again. */
  onSkipped?(submission: Submission, report: Report): void;
  /** The grader itself failed on this submission (a bug or an unwritable --out), not the student. */
  onGraderError?(submission: Submission, error: Error): void;
}

export interface BatchOptions {
  jobs: number;
  /** Grade even when the fingerprint is unchanged. */
  force?: boolean;
  /** Add the compiler's type warnings to each report (one compiler run for the batch). */
  typecheck?: boolean;
}

export interface BatchResult {
  /** Every submission's report, graded now or kept from before, by student name. */
  reports: Report[];
  /** The submissions graded in this run. */
  results: GradeResult[];
  skipped: number;
  graderErrors: number;
}

export async function gradeBatch(submissions: Submission[], settings: GradeSettings, out: string, options: BatchOptions, events: BatchEvents = {}): Promise<BatchResult> {
  const limit = pLimit(Math.max(1, options.jobs));
  const results: GradeResult[] = [];
  const reports: Report[] = [];
  let skipped = 0;
  let graderErrors = 0;
  let graded = 0;
  let sandboxFailures = 0;
  /** Set when the sandbox failed to start for every submission tried so far: the rest are not tried. */
  let stopped: SandboxError | undefined;
  removeLeftovers(out);
  const typeWarnings = options.typecheck ? typecheckSubmissions(submissions.filter((s) => !s.problem).map((s) => s.dir)) : new Map<string, string[]>();
  await Promise.all(
    submissions.map((submission) =>
      limit(async () => {
        if (stopped) return;
        events.onStart?.(submission);
        try {
          removeLeftovers(join(out, submission.name));
          const previous = options.force ? undefined : previousReport(out, submission.name);
          const outcome = await gradeSubmission(submission, settings, { previousFingerprint: previous?.fingerprint });
          if ('skipped' in outcome) {
            skipped++;
            reports.push(previous!);
            events.onSkipped?.(submission, previous!);
            return;
          }
          const warnings = typeWarnings.get(submission.dir) ?? [];
          if (warnings.length > 0) outcome.report.typeWarnings = warnings;
          const dir = await writeSubmissionFiles(out, outcome, settings.digits);
          results.push(outcome);
          reports.push(outcome.report);
          graded++;
          events.onDone?.(submission, outcome, dir);
        } catch (error) {
          // Twice in a row and never once started: the sandbox cannot start here, and every other
          // student would fail the same way. Stop, keeping what is written, rather than go on.
          if (error instanceof SandboxError && ++sandboxFailures >= 2 && graded === 0) {
            stopped ??= error;
            killAllChildren();
          }
          graderErrors++;
          events.onGraderError?.(submission, error as Error);
        }
      }),
    ),
  );
  if (stopped) throw stopped;
  const byName = (a: { student: string }, b: { student: string }) => a.student.localeCompare(b.student);
  results.sort((a, b) => byName(a.report, b.report));
  reports.sort(byName);
  return { reports, results, skipped, graderErrors };
}
