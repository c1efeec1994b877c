/**
 * One submission, start to end: bundle it, load it in a sandboxed child, run every part's cases,
 * judge each answer here in the grader, and build the report. Nothing a submission does can make
 * this function throw: every failure becomes a reason in the report.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PART_FUNCTION, PART_OF, locateFunction, type SubmissionExports } from './contract.ts';
import { checkBackwardGradient, checkSvmGradient, type StudentCall } from './diagnose/gradient-check.ts';
import type { Digits } from './data/digits.ts';
import type { FixtureSet } from './fixtures/schema.ts';
import { backwardCases } from './parts/backward.ts';
import { forwardCases } from './parts/forward.ts';
import { svmCases } from './parts/svm.ts';
import { trainCases } from './parts/train.ts';
import type { PartCase, PartContext } from './parts/types.ts';
import type { PartReport, PartStatus, Report, TestResult } from './report/schema.ts';
import { t } from './i18n/index.ts';
import { PART_IDS, type PartId, type Rubric } from './rubric.ts';
import { bundleSubmission } from './sandbox/bundle.ts';
import { newSubmissionOutput, SandboxChild, type SubmissionOutput } from './sandbox/child.ts';
import { MAX_RESULT_NUMBERS } from './sandbox/limits.ts';
import type { PlainError } from './sandbox/protocol.ts';
import { sourceLocator, type SourceLocator } from './sandbox/stack.ts';

export interface GradeSettings {
  rubric: Rubric;
  fixtures: FixtureSet;
  digits: Digits;
  seed: number;
  harness: string;
  /** The reference's backward pass, for fresh random cases (absent where the reference is not shipped). */
  referenceBackward?: BackwardFunction;
}

export type BackwardFunction = (ds: number[][], cache: [number[][], number[][], number[]]) => [ArrayLike<number>[], ArrayLike<number>];

export interface Submission {
  name: string;
  dir: string;
  /** Set when the folder cannot be a submission at all (no index.ts, ...): every part scores 0 with it. */
  problem?: string;
}

export interface GradeResult {
  report: Report;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const sha256 = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

const settingsKeys = new WeakMap<GradeSettings, string>();

/** A hash of everything besides the submission that decides a grade. */
function settingsKey(settings: GradeSettings): string {
  let key = settingsKeys.get(settings);
  if (!key) {
    const { rubric, fixtures, seed, harness } = settings;
    key = sha256(GRADER_VERSION, JSON.stringify(rubric), JSON.stringify(fixtures), String(seed), harness);
    settingsKeys.set(settings, key);
  }
  return key;
}

const PART_CASES: Record<PartId, (context: PartContext) => PartCase[]> = {
  forward: forwardCases,
  backward: backwardCases,
  svm: svmCases,
  train: trainCases,
};

/** The grader's own version: part of every fingerprint, so an upgrade regrades everything. */
export const GRADER_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The training seed when --seed is not given: fixed, so that a regrade gives the same score. */
export const DEFAULT_SEED = 1;

const round2 = (v: number) => Math.round(v * 100) / 100;

/** A loaded submission in a live child; replaced by a fresh one after a crash or a timeout. */
interface Session {
  child: SandboxChild;
  exports: SubmissionExports;
}

type SessionStart = { ok: true; session: Session } | { ok: false; status: PartStatus; message: string };

async function startSession(code: string, settings: GradeSettings, output: SubmissionOutput, where: SourceLocator): Promise<SessionStart> {
  const { limits } = settings.rubric;
  const { child, outcome } = await SandboxChild.start(settings.harness, limits, output);
  if (outcome.kind !== 'answer') return { ok: false, status: 'error', message: t().sandboxDidNotStart(outcome.kind === 'exit' ? outcome.reason : t().timedOutShort) };
  const loaded = await child.request({ kind: 'load', code }, limits.loadSeconds * 1000);
  if (loaded.kind === 'timeout') return { ok: false, status: 'timeout', message: t().loadTimedOut(loaded.seconds) };
  if (loaded.kind === 'exit') return { ok: false, status: 'error', message: t().loadDied(loaded.reason) };
  const message = loaded.message;
  if (message.kind === 'failed') {
    child.kill();
    return { ok: false, status: 'error', message: t().loadThrew(describeThrown(message.error, where)) };
  }
  if (message.kind !== 'loaded') return { ok: false, status: 'error', message: t().outOfTurn };
  return { ok: true, session: { child, exports: { named: message.named, default: message.default } } };
}

/** What a thrown value was: an Error's name and message, or the harness's word for the rest. */
function describeThrown(error: PlainError, where: SourceLocator): string {
  const location = where.firstFrame(error.stack);
  const text = error.code === 'not-error' ? t().notAnError(error.message) : error.code === 'indescribable' ? t().indescribable : `${error.name}: ${error.message}`;
  return location ? t().thrownAt(text, location) : text;
}

/** Why a call failed: the result could not be read, or the function threw. */
function describeFailure(fn: string, error: PlainError, where: SourceLocator): string {
  switch (error.code) {
    case 'too-large':
      return t().resultTooLarge(MAX_RESULT_NUMBERS);
    case 'too-deep':
      return t().resultTooDeep;
    case 'unreadable':
      return t().resultUnreadable(`${error.name}: ${error.message}`);
    case 'not-function':
      return t().notAFunction(error.message);
    default:
      return t().threw(fn, describeThrown(error, where));
  }
}

function testsNotRun(cases: PartCase[], from: number, perCase: number, reason: string): TestResult[] {
  return cases.slice(from).map((c) => ({ name: c.name, passed: false, score: 0, maxScore: perCase, message: t().notRun(reason) }));
}

function partReport(part: PartId, points: number, tests: TestResult[], status: PartStatus, message: string, details?: Record<string, unknown>): PartReport {
  // From each test's share rather than the sum of rounded test scores, so 7 x 3.57 makes 25.
  const share = tests.reduce((sum, t) => sum + (t.maxScore > 0 ? t.score / t.maxScore : 0), 0) / Math.max(1, tests.length);
  return { id: part, function: PART_FUNCTION[part].fn, score: round2(points * share), maxScore: points, status, message, tests, ...(details ? { details } : {}) };
}

/** A part that could not run at all: every test fails with the same reason. */
function partFailedWhole(part: PartId, context: PartContext, status: PartStatus, reason: string): PartReport {
  const cases = PART_CASES[part](context);
  const points = context.rubric.parts[part].points;
  return partReport(part, points, testsNotRun(cases, 0, round2(points / cases.length), reason), status, reason);
}

/** Slow training is explained by an averaged SVM loss, when the svm part found one. */
function linkTrainingHint(parts: PartReport[]): void {
  const averaged = parts.some((p) => p.id === 'svm' && p.tests.some((test) => test.hintId === 'svm-averaged'));
  const train = parts.find((p) => p.id === 'train');
  if (!averaged || !train || train.score >= train.maxScore) return;
  for (const test of train.tests) if (!test.passed && !test.hintId) Object.assign(test, { hintId: 'train-averaged-loss', hint: t().hints['train-averaged-loss'] });
}

export interface GradeOptions {
  /** The fingerprint of the last report: when it is unchanged the submission is not graded again. */
  previousFingerprint?: string;
}

export interface Skipped {
  skipped: true;
  fingerprint: string;
}

/** Grades one submission; `skipped` when its fingerprint matches the previous report's. */
export async function gradeSubmission(submission: Submission, settings: GradeSettings): Promise<GradeResult>;
export async function gradeSubmission(submission: Submission, settings: GradeSettings, options: GradeOptions): Promise<GradeResult | Skipped>;
export async function gradeSubmission(submission: Submission, settings: GradeSettings, options: GradeOptions = {}): Promise<GradeResult | Skipped> {
  const started = performance.now();
  const context: PartContext = { rubric: settings.rubric, fixtures: settings.fixtures, digits: settings.digits, seed: settings.seed, referenceBackward: settings.referenceBackward };
  const output = newSubmissionOutput();
  const parts: PartReport[] = [];
  let loadError: string | undefined;
  let fingerprint: string;

  const bundle = submission.problem === undefined ? await bundleSubmission(submission.dir) : { ok: false as const, message: submission.problem };
  if (!bundle.ok) {
    fingerprint = sha256(settingsKey(settings), bundle.message);
    if (fingerprint === options.previousFingerprint) return { skipped: true, fingerprint };
    loadError = bundle.frame ? `${bundle.message}\n${bundle.frame}` : bundle.message;
    const reason = submission.problem ?? t().doesNotCompile(bundle.message);
    for (const part of PART_IDS) parts.push(partFailedWhole(part, context, 'error', reason));
  } else {
    fingerprint = sha256(settingsKey(settings), bundle.code);
    if (fingerprint === options.previousFingerprint) return { skipped: true, fingerprint };
    const where = sourceLocator(bundle.sourceMap);
    let session: Session | undefined;
    for (const part of PART_IDS) {
      if (loadError !== undefined) {
        parts.push(partFailedWhole(part, context, 'error', loadError));
        continue;
      }
      if (!session) {
        const start = await startSession(bundle.code, settings, output, where);
        if (!start.ok) {
          loadError = start.message;
          parts.push(partFailedWhole(part, context, start.status, start.message));
          continue;
        }
        session = start.session;
      }
      const { report, childLost } = await runPart(part, session, context, where);
      parts.push(report);
      if (childLost) session = undefined;
    }
    session?.child.kill();
  }

  linkTrainingHint(parts);
  const report: Report = {
    student: submission.name,
    score: round2(parts.reduce((sum, p) => sum + p.score, 0)),
    maxScore: round2(parts.reduce((sum, p) => sum + p.maxScore, 0)),
    fixtures: settings.fixtures.name,
    seed: settings.seed,
    ...(loadError !== undefined ? { loadError } : {}),
    parts,
    fingerprint,
    output: { stdoutBytes: output.stdout.total, stderrBytes: output.stderr.total },
  };
  return { report, stdout: output.stdout.text(), stderr: output.stderr.text(), durationMs: performance.now() - started };
}

/** Runs one part's cases in the session's child; says whether the child was lost on the way. */
async function runPart(part: PartId, session: Session, context: PartContext, where: SourceLocator): Promise<{ report: PartReport; childLost: boolean }> {
  const { points, timeoutSeconds } = context.rubric.parts[part];
  const fn = PART_FUNCTION[part].fn;
  const located = locateFunction(part, session.exports);
  if (!located.ok) return { report: partFailedWhole(part, context, 'error', located.message), childLost: false };

  const cases = PART_CASES[part](context);
  const perCase = points / cases.length;
  const deadline = performance.now() + timeoutSeconds * 1000;
  const tests: TestResult[] = [];
  let details: Record<string, unknown> | undefined;

  for (const [index, testCase] of cases.entries()) {
    const outcome = await session.child.request(
      { kind: 'call', from: located.from, name: located.name, args: testCase.args, ...(testCase.seed !== undefined ? { seed: testCase.seed } : {}) },
      Math.max(1, deadline - performance.now()),
    );
    if (outcome.kind !== 'answer') {
      const timedOut = outcome.kind === 'timeout';
      const reason = timedOut ? t().timedOut(timeoutSeconds, fn) : t().diedDuring(outcome.reason, fn);
      tests.push(...testsNotRun(cases, index, round2(perCase), reason));
      return { report: partReport(part, points, tests, timedOut ? 'timeout' : 'error', reason, details), childLost: true };
    }
    const message = outcome.message;
    if (message.kind === 'failed') {
      if (part === 'train') details = { losses: message.epochs.map(([, loss]) => loss) };
      tests.push({ name: testCase.name, passed: false, score: 0, maxScore: round2(perCase), message: describeFailure(fn, message.error, where) });
    } else if (message.kind === 'result') {
      const verdict = testCase.judge(message.value, message.epochs);
      if (verdict.details) details = verdict.details;
      tests.push({
        name: testCase.name,
        passed: verdict.fraction >= 1,
        score: round2(perCase * verdict.fraction),
        maxScore: round2(perCase),
        message: verdict.message,
        ...(verdict.hint ? { hintId: verdict.hint, hint: t().hints[verdict.hint] } : {}),
      });
    }
  }
  const failed = tests.filter((t) => !t.passed);
  const status: PartStatus = failed.length === 0 ? 'passed' : 'failed';
  const check = failed.length > 0 ? await gatherEvidence(part, session, deadline) : { childLost: false };
  // A part of one case (train) says what that case says; others sum up.
  const message = cases.length === 1 ? tests[0].message : failed.length === 0 ? t().allCasesMatch(cases.length) : t().casesFailed(failed.length, cases.length, failed[0].name, failed[0].message);
  const report = partReport(part, points, tests, status, message, details);
  return { report: check.evidence ? { ...report, evidence: check.evidence } : report, childLost: check.childLost };
}

const GRADIENT_CHECKS: Partial<Record<PartId, (call: StudentCall) => Promise<string | undefined>>> = {
  backward: checkBackwardGradient,
  svm: checkSvmGradient,
};

/** A numerical gradient check of the student's own functions, within what is left of the part's time. */
async function gatherEvidence(part: PartId, session: Session, deadline: number): Promise<{ evidence?: string; childLost: boolean }> {
  const check = GRADIENT_CHECKS[part];
  if (!check) return { childLost: false };
  let childLost = false;
  const call: StudentCall = async (fn, args) => {
    const located = locateFunction(PART_OF[fn], session.exports);
    if (!located.ok || childLost) throw new Error('no evidence');
    const outcome = await session.child.request({ kind: 'call', from: located.from, name: located.name, args }, Math.max(1, deadline - performance.now()));
    if (outcome.kind !== 'answer') {
      childLost = true;
      throw new Error('no evidence');
    }
    return outcome.message.kind === 'result' ? outcome.message.value : undefined;
  };
  try {
    return { evidence: await check(call), childLost };
  } catch {
    return { childLost };
  }
}
