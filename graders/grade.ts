/**
 * One submission, start to end: bundle it, load it in a sandboxed child, run every part's cases,
 * judge each answer here in the grader, and build the report. Nothing a submission does can make
 * this function throw: every failure becomes a reason in the report.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Digits } from './data/digits.ts';
import { disguisedForGrading } from './data/disguise.ts';
import { fixtureSetText, type FixtureSet } from './fixtures/schema.ts';
import { language, t, type HintId } from './i18n/index.ts';
import type { LmsIds } from './intake/schema.ts';
import type { PartContext } from './parts/types.ts';
import { type LoadFailure, outcomeOf } from './report/outcome.ts';
import type { PartReport, PartStatus, Report } from './report/schema.ts';
import { PART_IDS, type PartId, type Rubric } from './rubric.ts';
import { partFailedWhole, round2, runPart, type Session, startSession } from './run-part.ts';
import { bundleSubmission } from './sandbox/bundle.ts';
import type { SandboxCheck } from './sandbox/preflight.ts';
import { newSubmissionOutput, type SubmissionOutput } from './sandbox/child.ts';
import { type SourceLocator, sourceLocator } from './sandbox/stack.ts';
import { trace } from './trace.ts';
import { folderKey } from './typecheck/cache.ts';

export interface GradeSettings {
  rubric: Rubric;
  fixtures: FixtureSet;
  digits: Digits;
  seed: number;
  harness: string;
  /** The reference's backward pass, for fresh random cases (absent where the reference is not shipped). */
  referenceBackward?: BackwardFunction;
  /**
   * Whether the sandbox works here. No grading is answered before it has passed: a sandbox that
   * cannot start would otherwise give every student 0.
   */
  sandboxCheck?: SandboxCheck;
}

export type BackwardFunction = (ds: number[][], cache: [number[][], number[][], number[]]) => [ArrayLike<number>[], ArrayLike<number>];

export interface Submission {
  name: string;
  /** The private snapshot the intake copied the submission into: the only folder anything reads. */
  dir: string;
  /** Where the student's files came from (a folder, a path in a zip), for messages. */
  source?: string;
  /** What the intake did (a folder lifted, a file renamed, an entry refused), one line each. */
  notes?: string[];
  /** The entries of those notes that the snapshot refused (a pipe, a link, too large). */
  refused?: string[];
  /** The LMS ids found in the export's names. */
  ids?: LmsIds;
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

/** Keyed by settings, language and build: the same settings in another language write other reports. */
const settingsKeys = new Map<string, WeakMap<GradeSettings, string>>();

/**
 * The hash of the grader's own code as the launcher built it (scripts/launch.mjs names it in
 * NNGRADE_BUILD; empty where the commands run uncompiled): a grader whose code changed, by an
 * upgrade or an edit, grades everything again instead of keeping reports its older code wrote.
 */
const graderBuild = () => process.env.NNGRADE_BUILD ?? '';

/** A hash of everything besides the submission that decides a report: the grader, settings and language. */
function settingsKey(settings: GradeSettings): string {
  const lang = language();
  const build = graderBuild();
  const scope = `${lang}\0${build}`;
  let bySettings = settingsKeys.get(scope);
  if (!bySettings) settingsKeys.set(scope, (bySettings = new WeakMap()));
  let key = bySettings.get(settings);
  if (!key) {
    const { rubric, fixtures, seed, harness } = settings;
    key = sha256(GRADER_VERSION, build, lang, JSON.stringify(rubric), fixtureSetText(fixtures), String(seed), harness);
    bySettings.set(settings, key);
  }
  return key;
}

/** One context per settings: the parts' cases, made once per context, are then the same for every student. */
const contexts = new WeakMap<GradeSettings, PartContext>();

function contextOf(settings: GradeSettings): PartContext {
  let context = contexts.get(settings);
  if (!context) {
    context = { rubric: settings.rubric, fixtures: settings.fixtures, digits: settings.digits, seed: settings.seed, referenceBackward: settings.referenceBackward };
    contexts.set(settings, context);
  }
  return context;
}

/** The grader's own version: part of every fingerprint, so an upgrade regrades everything. */
export const GRADER_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The training seed when --seed is not given: fixed, so that a regrade gives the same score. */
export const DEFAULT_SEED = 1;

/**
 * A failing accuracy case without a hint of its own borrows the likeliest cause: an SVM gradient
 * averaged over the batch (which slows training; a loss averaged alone does not), else the
 * mistake the update-rule cases named.
 */
function linkTrainingHint(parts: PartReport[]): void {
  const svm = parts.find((p) => p.id === 'svm');
  const averagedGradient = svm?.tests.some((test) => test.hintId === 'svm-averaged' || test.hintId === 'svm-ds-averaged') ?? false;
  const train = parts.find((p) => p.id === 'train');
  if (!train || train.score >= train.maxScore) return;
  const [accuracy, ...updateRule] = train.tests;
  if (!accuracy || accuracy.passed || accuracy.hintId) return;
  const named = updateRule.find((test) => !test.passed && test.hintId)?.hintId as HintId | undefined;
  const hint: HintId | undefined = averagedGradient ? 'train-averaged-loss' : named;
  if (hint) Object.assign(accuracy, { hintId: hint, hint: t().hints[hint] });
}

/**
 * train steps with the student's own forward, loss and backward: when one of those parts fails,
 * the update-rule cases' differences most likely come from there, so their hint says to fix it first.
 */
function blameEarlierParts(parts: PartReport[]): void {
  const earlierFails = parts.some((p) => p.id !== 'train' && p.status !== 'passed');
  const train = parts.find((p) => p.id === 'train');
  if (!earlierFails || !train) return;
  // The accuracy case's hints from the loss curve too: a loss that climbs or stands still comes as
  // much from a wrong ds or dW as from the update (an svm gradient of the wrong sign made the loss
  // climb, and the hint blamed train's correct W -= lr * dW).
  const fromElsewhere = (hintId: string | undefined, index: number) => (index === 0 ? hintId === 'train-ascent' || hintId === 'train-no-update' : hintId?.startsWith('update-'));
  for (const [index, test] of train.tests.entries()) {
    if (!test.passed && fromElsewhere(test.hintId, index)) Object.assign(test, { hintId: 'update-parts-first', hint: t().hints['update-parts-first'] });
  }
}

/**
 * The order the parts run in. train runs first, in a fresh child: its code is then compiled for
 * training as in a bare process (the small, mixed-type cases of the other parts, run first, left
 * it slower by a third), and nothing the module kept from other parts reaches it. The others
 * follow in the same child. (Running them in a second child beside the training was tried: on two
 * cores that child slowed the training by as much as it saved.)
 */
const PART_ORDER: PartId[] = ['train', 'forward', 'backward', 'svm'];

interface PartsResult {
  parts: PartReport[];
  /** Set when the module could not be loaded: how (an error or a time-out), and why. */
  loadFailure?: { status: PartStatus; message: string };
}

/** Runs the parts in one child, starting a fresh one after a crash or a time-out. */
async function runParts(code: string, settings: GradeSettings, context: PartContext, output: SubmissionOutput, where: SourceLocator, onEpoch?: (epoch: number, loss: number) => void): Promise<PartsResult> {
  const parts: PartReport[] = [];
  let session: Session | undefined;
  let loadFailure: PartsResult['loadFailure'];
  for (const part of PART_ORDER) {
    if (!session && !loadFailure) {
      const start = await startSession(code, settings, output, where);
      if (start.ok) session = start.session;
      else loadFailure = { status: start.status, message: start.message };
    }
    if (!session) {
      // No session only after a load that failed: every part fails for that one reason, and says
      // so alike (a load that timed out: each timed out).
      const { status, message } = loadFailure!;
      parts.push(partFailedWhole(part, context, status, message));
      continue;
    }
    const { report, childLost } = await runPart(part, session, context, where, part === 'train' ? onEpoch : undefined);
    parts.push(report);
    if (childLost) session = undefined;
  }
  return { parts, ...(loadFailure ? { loadFailure } : {}) };
}

export interface GradeOptions {
  /** The fingerprint of the last report: when it is unchanged the submission is not graded again. */
  previousFingerprint?: string;
  /** Each epoch of the student's `train` as it happens (for live progress); fed from the sandbox. */
  onEpoch?: (epoch: number, loss: number) => void;
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
  const context = contextOf(settings);
  const output = newSubmissionOutput();
  const parts: PartReport[] = [];
  let loadError: string | undefined;
  let loadFailure: LoadFailure | undefined;
  let fingerprint: string;
  // Files the intake refused (a pipe, a link) are the likely cause of a failed build: say so in the reason.
  const refusedNote = submission.refused?.length ? t().leftOutOfSnapshot(submission.refused.join('; ')) : '';

  const bundling = submission.problem === undefined ? bundleSubmission(submission.dir, settings.rubric.limits.bundleSeconds) : undefined;
  // The files themselves, not only the code they bundle to: a change only a type sees (an
  // annotation the bundler drops) regrades, so the report's type warnings are the file's.
  const files = submission.problem === undefined ? (folderKey(submission.dir) ?? 'too large to hash') : '';
  // While the bundler works in its own process: the settings' hash and the training set train
  // sends, each made once per settings (some 20 ms that otherwise came before the training).
  settingsKey(settings);
  if (bundling) disguisedForGrading(settings.fixtures, settings.digits, settings.seed);
  const bundle = bundling ? await bundling : { ok: false as const, message: submission.problem! };
  trace(`${submission.name}: bundled`);
  if (!bundle.ok) {
    fingerprint = sha256(settingsKey(settings), files, bundle.message);
    if (fingerprint === options.previousFingerprint) return { skipped: true, fingerprint };
    loadError = bundle.frame ? `${bundle.message}\n${bundle.frame}` : bundle.message;
    const reason = submission.problem ?? t().doesNotCompile(bundle.message) + refusedNote;
    loadFailure = submission.problem !== undefined ? { kind: 'no-submission', message: submission.problem } : { kind: 'does-not-compile', message: bundle.message + refusedNote };
    for (const part of PART_IDS) parts.push(partFailedWhole(part, context, 'error', reason));
  } else {
    fingerprint = sha256(settingsKey(settings), files, bundle.code);
    if (fingerprint === options.previousFingerprint) return { skipped: true, fingerprint };
    const where = sourceLocator(bundle.sourceMap);
    const ran = await runParts(bundle.code, settings, context, output, where, options.onEpoch);
    const byPart = new Map(ran.parts.map((report) => [report.id, report] as const));
    for (const part of PART_IDS) parts.push(byPart.get(part)!);
    if (ran.loadFailure) {
      const { status, message } = ran.loadFailure;
      loadError = message;
      loadFailure = { kind: status === 'timeout' ? 'timed-out' : 'could-not-load', message };
    }
  }
  // Count every byte the children printed: let each flush and exit (or kill it), and read it all.
  await Promise.all(output.children.map((child) => child.stop()));
  await Promise.all(output.finished);

  trace(`${submission.name}: children stopped`);
  await settings.sandboxCheck?.passed();
  blameEarlierParts(parts);
  linkTrainingHint(parts);
  const score = round2(parts.reduce((sum, p) => sum + p.score, 0));
  const maxScore = round2(parts.reduce((sum, p) => sum + p.maxScore, 0));
  const report: Report = {
    student: submission.name,
    score,
    maxScore,
    fixtures: settings.fixtures.name,
    seed: settings.seed,
    ...(loadError !== undefined ? { loadError } : {}),
    parts,
    outcome: outcomeOf({ score, maxScore, parts }, loadFailure),
    ...(submission.source !== undefined ? { intake: { source: submission.source, notes: submission.notes ?? [] } } : {}),
    fingerprint,
    output: { stdoutBytes: output.stdout.total, stderrBytes: output.stderr.total },
  };
  return { report, stdout: output.stdout.text(), stderr: output.stderr.text(), durationMs: performance.now() - started };
}

