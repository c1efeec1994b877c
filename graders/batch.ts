/**
 * Many submissions (taken in by graders/intake/): grade up to `jobs` at once, and write each
 * one's files as soon as it is done, so one submission's failure never touches another's report.
 * A rerun skips submissions whose fingerprint (files, bundled code and settings) is unchanged.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { gradeSubmission, type GradeResult, type GradeSettings, type Submission } from './grade.ts';
import { startTypecheck, type TypecheckRun } from './typecheck.ts';
import { startBundling } from './sandbox/bundle.ts';
import { expectChildren, killAllChildren } from './sandbox/child.ts';
import { SandboxError } from './sandbox/jail.ts';
import { writeReportJson, writeSubmissionFiles } from './report/files.ts';
import { ReportSchema, type Report } from './report/schema.ts';

/** A temporary file of an atomic write that an interrupted run left behind ("report.json.123"). */
const LEFTOVER = /^(report\.json|results\.json|feedback\.html|stdout\.txt|stderr\.txt|summary\.csv|summary\.json|summary\.html|intake\.json|moodle-grading-worksheet\.csv|canvas-gradebook-import\.csv)\.\d+$/;

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
  let graded = 0;
  let sandboxFailures = 0;
  /** Set when the sandbox failed to start for every submission tried so far: the rest are not tried. */
  let stopped: SandboxError | undefined;
  removeLeftovers(out);
  const typecheck = options.typecheck ? startTypecheck(submissions.filter((s) => !s.problem).map((s) => s.dir)) : undefined;
  /** Graded before their warnings arrived: their report.json (and, with warnings, the rest again) is written when the warnings come. */
  const late: Array<{ submission: Submission; result: GradeResult }> = [];
  // Each student's child and bundle are made while the students before train: the next one's
  // bundling starts as a student starts, and each child started starts a spare for the next.
  expectChildren(submissions.filter((s) => !s.problem).length);
  const bundleNext = (index: number) => {
    const next = submissions[index + 1];
    if (next && !next.problem) startBundling(next.dir, settings.rubric.limits.bundleSeconds);
  };
  await Promise.all(
    submissions.map((submission, index) =>
      limit(async () => {
        if (stopped) return;
        bundleNext(index);
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
          const typed = typecheck?.known(submission.dir);
          Object.assign(outcome.report, typed);
          // Warnings still to come: report.json waits for them, so that a run ended before they
          // arrive leaves the student to be graded again, not skipped without them.
          const pending = typecheck !== undefined && !typed && !submission.problem;
          if (pending) late.push({ submission, result: outcome });
          const dir = await writeSubmissionFiles(out, outcome, settings.digits, { complete: !pending });
          results.push(outcome);
          reports.push(outcome.report);
          graded++;
          events.onDone?.(submission, outcome, dir);
        } catch (error) {
          // The grader's own check of the sandbox failed, or twice in a row and never once started:
          // the sandbox cannot start here, and every other student would fail the same way. Stop,
          // keeping what is written, rather than go on.
          const checkFailed = error instanceof SandboxError && (await settings.sandboxCheck?.passed().then(() => false, () => true));
          if (error instanceof SandboxError && (checkFailed || (++sandboxFailures >= 2 && graded === 0))) {
            stopped ??= error;
            killAllChildren();
          }
          if (checkFailed) return;
          graderErrors++;
          events.onGraderError?.(submission, error as Error);
        }
      }),
    ),
  );
  expectChildren(0);
  if (stopped) {
    typecheck?.stop();
    throw stopped;
  }
  if (typecheck) await addLateWarnings(typecheck, late, settings, out, events);
  const byName = (a: { student: string }, b: { student: string }) => a.student.localeCompare(b.student);
  results.sort((a, b) => byName(a.report, b.report));
  reports.sort(byName);
  return { reports, results, skipped, graderErrors };
}

/**
 * Waits (within the type check's own time limit) for the warnings grading did not wait for, and
 * completes those students' files: with warnings, all of them again; without, report.json.
 */
async function addLateWarnings(typecheck: TypecheckRun, late: Array<{ submission: Submission; result: GradeResult }>, settings: GradeSettings, out: string, events: BatchEvents): Promise<void> {
  await typecheck.whenArrived(late.map((l) => l.submission.dir));
  typecheck.stop();
  for (const { submission, result } of late) {
    const typed = typecheck.known(submission.dir) ?? {};
    try {
      if (Object.keys(typed).length === 0) {
        await writeReportJson(out, result);
        continue;
      }
      Object.assign(result.report, typed);
      const dir = await writeSubmissionFiles(out, result, settings.digits);
      events.onTypeWarnings?.(submission, result.report, dir);
    } catch (error) {
      events.onGraderError?.(submission, error as Error);
    }
  }
}
