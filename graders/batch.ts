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
import { startTypecheck, type TypecheckRun } from './typecheck.ts';
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
  /** An epoch of the submission's `train`, as it happens. */
  onEpoch?(submission: Submission, epoch: number, loss: number): void;
  onDone?(submission: Submission, result: GradeResult, reportDir: string): void;
  /** Unchanged since the report in --out: not graded again. */
  onSkipped?(submission: Submission, report: Report): void;
  /** Type warnings that arrived after the submission's report was written: the files now hold them. */
  onTypeWarnings?(submission: Submission, report: Report, reportDir: string): void;
  /** The grader itself failed on this submission (a bug or an unwritable --out), not the student. */
  onGraderError?(submission: Submission, error: Error): void;
}

export interface BatchOptions {
  jobs: number;
  /** Grade even when the fingerprint is unchanged. */
  force?: boolean;
  /** Add the compiler's type warnings to each report (one compiler process for the batch, beside the grading). */
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
  removeLeftovers(out);
  const typecheck = options.typecheck ? startTypecheck(submissions.filter((s) => !s.problem).map((s) => s.dir)) : undefined;
  /** Graded before their warnings arrived: their files are written again when the warnings come. */
  const late: Array<{ submission: Submission; result: GradeResult }> = [];
  await Promise.all(
    submissions.map((submission) =>
      limit(async () => {
        events.onStart?.(submission);
        try {
          removeLeftovers(join(out, submission.name));
          const previous = options.force ? undefined : previousReport(out, submission.name);
          const onEpoch = events.onEpoch && ((epoch: number, loss: number) => events.onEpoch?.(submission, epoch, loss));
          const outcome = await gradeSubmission(submission, settings, { previousFingerprint: previous?.fingerprint, onEpoch });
          if ('skipped' in outcome) {
            skipped++;
            reports.push(previous!);
            events.onSkipped?.(submission, previous!);
            return;
          }
          const warnings = typecheck?.arrived(submission.dir);
          if (warnings?.length) outcome.report.typeWarnings = warnings;
          else if (typecheck && !warnings && !submission.problem) late.push({ submission, result: outcome });
          const dir = await writeSubmissionFiles(out, outcome, settings.digits);
          results.push(outcome);
          reports.push(outcome.report);
          events.onDone?.(submission, outcome, dir);
        } catch (error) {
          graderErrors++;
          events.onGraderError?.(submission, error as Error);
        }
      }),
    ),
  );
  if (typecheck) await addLateWarnings(typecheck, late, settings, out, events);
  const byName = (a: { student: string }, b: { student: string }) => a.student.localeCompare(b.student);
  results.sort((a, b) => byName(a.report, b.report));
  reports.sort(byName);
  return { reports, results, skipped, graderErrors };
}

/** Waits (within the type check's own time limit) for the warnings grading did not wait for, and writes them. */
async function addLateWarnings(typecheck: TypecheckRun, late: Array<{ submission: Submission; result: GradeResult }>, settings: GradeSettings, out: string, events: BatchEvents): Promise<void> {
  await typecheck.whenArrived(late.map((l) => l.submission.dir));
  typecheck.stop();
  for (const { submission, result } of late) {
    const warnings = typecheck.arrived(submission.dir);
    if (!warnings?.length) continue;
    result.report.typeWarnings = warnings;
    try {
      const dir = await writeSubmissionFiles(out, result, settings.digits);
      events.onTypeWarnings?.(submission, result.report, dir);
    } catch (error) {
      events.onGraderError?.(submission, error as Error);
    }
  }
}
