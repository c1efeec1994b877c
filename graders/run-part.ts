/**
 * Running the parts of one submission in its sandboxed child: starting and loading a session,
 * sending each case, judging the answers, and turning crashes and time-outs into reasons. A
 * crash or time-out costs the part it happened in; the caller starts a fresh session for the rest.
 */
import { PART_FUNCTION, PART_OF, locateFunction, type SubmissionExports } from './contract.ts';
import { checkBackwardGradient, checkSvmGradient, type StudentCall } from './diagnose/gradient-check.ts';
import type { GradeSettings } from './grade.ts';
import { language, t } from './i18n/index.ts';
import { backwardCases } from './parts/backward.ts';
import { forwardCases } from './parts/forward.ts';
import { svmCases } from './parts/svm.ts';
import { trainCases } from './parts/train.ts';
import { callsOf, judgeCase, type EpochCalls, type PartCall, type PartCase, type PartContext } from './parts/types.ts';
import type { PartReport, PartStatus, TestResult } from './report/schema.ts';
import type { PartId } from './rubric.ts';
import { type Outcome, SandboxChild, type SubmissionOutput } from './sandbox/child.ts';
import { SandboxError } from './sandbox/jail.ts';
import { MAX_RESULT_NUMBERS } from './sandbox/limits.ts';
import type { PlainError } from './sandbox/protocol.ts';
import type { SourceLocator } from './sandbox/stack.ts';
import { trace } from './trace.ts';

export const round2 = (v: number) => Math.round(v * 100) / 100;

const PART_CASES: Record<PartId, (context: PartContext) => PartCase[]> = {
  forward: forwardCases,
  backward: backwardCases,
  svm: svmCases,
  train: trainCases,
};

/** Each part's cases, made once per context and language: every student of a run gets the same ones. */
const madeCases = new WeakMap<PartContext, Map<string, PartCase[]>>();

export function partCases(part: PartId, context: PartContext): PartCase[] {
  let byPart = madeCases.get(context);
  if (!byPart) madeCases.set(context, (byPart = new Map()));
  const key = `${language()}:${part}`;
  let cases = byPart.get(key);
  if (!cases) byPart.set(key, (cases = PART_CASES[part](context)));
  return cases;
}

/** A loaded submission in a live child; replaced by a fresh one after a crash or a timeout. */
export interface Session {
  child: SandboxChild;
  exports: SubmissionExports;
}

type SessionStart = { ok: true; session: Session } | { ok: false; status: PartStatus; message: string };

export async function startSession(code: string, settings: GradeSettings, output: SubmissionOutput, where: SourceLocator): Promise<SessionStart> {
  const { limits } = settings.rubric;
  const { child, outcome } = await SandboxChild.start(settings.harness, limits, output);
  // The first answer with a result proves that the sandbox works here (see preflight.ts).
  const check = settings.sandboxCheck;
  if (check) child.onResult = () => check.proven();
  // The child reports ready before any of the submission's code is loaded: a child that never gets
  // that far is the grader's failure, never the student's, and must not become a 0 in a report.
  if (outcome.kind !== 'answer') throw new SandboxError(t().sandboxDidNotStart(outcome.kind === 'exit' ? outcome.reason : t().timedOutShort));
  trace('child ready');
  const loaded = await child.request({ kind: 'load', code }, limits.loadSeconds * 1000);
  trace('module loaded');
  if (loaded.kind === 'timeout') return { ok: false, status: 'timeout', message: t().loadTimedOut(loaded.seconds) };
  if (loaded.kind === 'exit') return { ok: false, status: 'error', message: t().loadDied(loaded.reason) };
  const message = loaded.message;
  if (message.kind === 'failed') {
    child.kill();
    return { ok: false, status: 'error', message: t().loadThrew(describeThrown(message.error, where)) };
  }
  if (message.kind !== 'loaded') {
    child.kill();
    return { ok: false, status: 'error', message: t().outOfTurn };
  }
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

function testsNotRun(cases: PartCase[], from: number, shares: number[], reason: string): TestResult[] {
  return cases.slice(from).map((c, i) => ({ name: c.name, passed: false, score: 0, maxScore: round2(shares[from + i]), message: t().notRun(reason) }));
}

/** Each case's points: the part's points shared by the cases' weights (1 each unless given). */
function caseShares(cases: PartCase[], points: number): number[] {
  const weights = cases.map((c) => c.weight ?? 1);
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  return weights.map((w) => (points * w) / total);
}

function partReport(part: PartId, points: number, tests: TestResult[], shares: number[], status: PartStatus, message: string, details?: Record<string, unknown>): PartReport {
  // From each test's fraction rather than the sum of rounded test scores, so 7 x 3.57 makes 25.
  const earned = tests.reduce((sum, t, i) => sum + (t.maxScore > 0 ? (t.score / t.maxScore) * shares[i] : 0), 0);
  return { id: part, function: PART_FUNCTION[part].fn, score: round2(points > 0 ? earned : 0), maxScore: points, status, message, tests, ...(details ? { details } : {}) };
}

/** A part that could not run at all: every test fails with the same reason. */
export function partFailedWhole(part: PartId, context: PartContext, status: PartStatus, reason: string): PartReport {
  const cases = partCases(part, context);
  const points = context.rubric.parts[part].points;
  const shares = caseShares(cases, points);
  return partReport(part, points, testsNotRun(cases, 0, shares, reason), shares, status, reason);
}

/** Runs one part's cases in the session's child; says whether the child was lost on the way. */
export async function runPart(
  part: PartId,
  session: Session,
  context: PartContext,
  where: SourceLocator,
  onEpoch?: (epoch: number, loss: number) => void,
): Promise<{ report: PartReport; childLost: boolean }> {
  const { points, timeoutSeconds } = context.rubric.parts[part];
  const fn = PART_FUNCTION[part].fn;
  const located = locateFunction(part, session.exports);
  if (!located.ok) return { report: partFailedWhole(part, context, 'error', located.message), childLost: false };

  trace(`${part}: started`);
  const cases = partCases(part, context);
  const shares = caseShares(cases, points);
  const deadline = performance.now() + timeoutSeconds * 1000;
  const tests: TestResult[] = [];
  let details: Record<string, unknown> | undefined;

  // Every distinct call of the part is sent now, each once (train's update-rule stages share
  // theirs): the child runs them in order while the answers before are judged here. Each has
  // what is left of the part's time; the first that is not answered ends the part.
  const callLists = cases.map(callsOf);
  const sent = new Map<PartCall, Promise<Outcome>>();
  const send = (call: PartCall, index: number): Promise<Outcome> => {
    const request = { kind: 'call' as const, from: located.from, name: located.name, args: call.args, ...(call.seed !== undefined ? { seed: call.seed, train: true } : {}) };
    // Progress is the headline training's (the first case), not the short probes after it.
    const outcome = session.child.request(request, Math.max(1, deadline - performance.now()), index === 0 ? onEpoch : undefined);
    sent.set(call, outcome);
    return outcome;
  };
  for (const [index, calls] of callLists.entries()) for (const call of calls) if (!sent.has(call)) send(call, index);
  for (const [index, testCase] of cases.entries()) {
    const values: unknown[] = [];
    const epochs: EpochCalls[] = [];
    let failure: string | undefined;
    // A case of several calls is judged once all have answered; the first failing call fails it.
    for (const call of callLists[index]) {
      const outcome = await (sent.get(call) ?? send(call, index));
      if (part === 'train' && index === 0) trace('train: the training answered');
      if (outcome.kind !== 'answer') {
        const timedOut = outcome.kind === 'timeout';
        const reason = timedOut ? t().timedOut(timeoutSeconds, fn) : t().diedDuring(outcome.reason, fn);
        tests.push(...testsNotRun(cases, index, shares, reason));
        return { report: partReport(part, points, tests, shares, timedOut ? 'timeout' : 'error', reason, details), childLost: true };
      }
      const message = outcome.message;
      if (message.kind === 'failed') {
        // A call that failed is made again for the next case that judges it: a throw once need not be a throw every time.
        sent.delete(call);
        if (part === 'train' && index === 0) details = { losses: message.epochs.map(([, loss]) => loss) };
        failure = describeFailure(fn, message.error, where);
        break;
      }
      if (message.kind !== 'result') {
        failure = t().outOfTurn;
        break;
      }
      values.push(message.value);
      epochs.push(message.epochs);
    }
    const share = round2(shares[index]);
    if (failure !== undefined) {
      tests.push({ name: testCase.name, passed: false, score: 0, maxScore: share, message: failure });
      continue;
    }
    const verdict = judgeCase(testCase, values, epochs);
    if (verdict.details) details = verdict.details;
    tests.push({
      name: testCase.name,
      passed: verdict.fraction >= 1,
      score: round2(shares[index] * verdict.fraction),
      maxScore: share,
      message: verdict.message,
      ...(verdict.hint ? { hintId: verdict.hint, hint: t().hints[verdict.hint] } : {}),
    });
  }
  trace(`${part}: cases answered`);
  const failed = tests.filter((t) => !t.passed);
  const status: PartStatus = failed.length === 0 ? 'passed' : 'failed';
  const check = failed.length > 0 ? await gatherEvidence(part, session, deadline) : { childLost: false };
  // A part whose first case is its headline (train's accuracy) says what that case says while it passes; others sum up.
  const headline = cases.length === 1 || (part === 'train' && failed.length === 0);
  const message = headline ? tests[0].message : failed.length === 0 ? t().allCasesMatch(cases.length) : t().casesFailed(failed.length, cases.length, failed[0].name, failed[0].message);
  const report = partReport(part, points, tests, shares, status, message, details);
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
