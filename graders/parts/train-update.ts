/**
 * train's update rule: the student's own train() on the identical-rows probe (parts/probe-sgd.ts),
 * where shuffling cannot matter, compared with exact mini-batch SGD from the student's own start.
 * Five runs with the same seed: one full-batch epoch at lr and at 2 lr (together they give the
 * start, W0 = 2 W(lr) - W(2 lr), whatever the initialisation), one epoch of mini-batches at two
 * step sizes, and two epochs. Three cases judge them: the full-batch step, the mini-batches, the number of epochs.
 */
import { checkMatrixShape, checkVectorShape, formatPair } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { CLASSES, PIXELS } from '../data/digits.ts';
import { extrapolateStart, firstMiss, matches, nameEpochs, nameFullBatchStep, nameMiniBatches, nameStandstill, type Naming, type Observed, startHasGradient } from '../diagnose/update-rule.ts';
import { t } from '../i18n/index.ts';
import { nonFiniteEntry } from './finite.ts';
import { firstDifference } from './repeat.ts';
import { PROBE, PROBE_RUNS, probeData, runProbe, scheduleOf, type ProbeRun, type ProbeRunName, type Weights } from './probe-sgd.ts';
import type { EpochCalls, MultiCallCase, PartCall, Verdict } from './types.ts';

const NAMES: ProbeRunName[] = ['once', 'twice', 'mini', 'bigSteps', 'epochs'];
const describeRun = (run: ProbeRun) => t().updateRun(run.batchSize, run.epochs, String(run.lr));

/** W and b of one run as plain numbers, or what is wrong with them. */
function readRun(value: unknown, run: ProbeRun): { ok: true; weights: Weights } | { ok: false; message: string } {
  const picked = pickReturn('train', value, ['W', 'b']);
  if (!picked.ok) return { ok: false, message: `${describeRun(run)}: ${picked.message}` };
  const [w, b] = picked.values;
  const shape = checkMatrixShape('W', w, PIXELS, CLASSES) ?? checkVectorShape('b', b, CLASSES);
  if (shape) return { ok: false, message: `${describeRun(run)}: ${shape}` };
  const weights = { w: Array.from(w as ArrayLike<number>[], (row) => Array.from(row)), b: Array.from(b as ArrayLike<number>) };
  const bad = nonFiniteEntry('W', weights.w) ?? nonFiniteEntry('b', [weights.b], true);
  if (bad) return { ok: false, message: `${describeRun(run)}: ${bad}` };
  return { ok: true, weights };
}

type Stage = 'full' | 'mini' | 'epochs';

const failWith = (message: string, naming: Naming): Verdict => ({
  fraction: 0,
  message: naming.detail ? `${message}; ${naming.detail}` : message,
  ...(naming.hint ? { hint: naming.hint } : {}),
});

function missMessage(run: ProbeRun, got: Weights, want: Weights, start: Weights): string {
  const miss = firstMiss(got, want, start)!;
  const [w, g] = formatPair(miss.want, miss.got);
  return t().updateMiss(describeRun(run), miss.where, w, g);
}

/** What the five runs show, read once for the three stages that judge them. */
interface Observation {
  seen: Observed;
  start: Weights;
  moves: boolean;
  corner: boolean;
  notes: string;
  offEpochs: Naming | undefined;
}

/** Observations by the first run's returned value: the three stages are handed the same answers. */
const observed = new WeakMap<object, Observation | Verdict>();

function observe(values: unknown[], epochCalls: EpochCalls[]): Observation | Verdict {
  const key = typeof values[0] === 'object' && values[0] !== null ? values[0] : undefined;
  const known = key && observed.get(key);
  if (known) return known;
  const made = observeNow(values, epochCalls);
  if (key) observed.set(key, made);
  return made;
}

function observeNow(values: unknown[], epochCalls: EpochCalls[]): Observation | Verdict {
  const read: Partial<Observed> = {};
  for (const [i, name] of NAMES.entries()) {
    const got = readRun(values[i], PROBE_RUNS[name]);
    if (!got.ok) return { fraction: 0, message: got.message };
    read[name] = got.weights;
  }
  const seen = read as Observed;
  // Rows of W whose input is 0 never move: if they differ between runs, the runs started apart.
  const apart = differentStarts(seen);
  if (apart) return { fraction: 0, message: t().startsDiffer(apart), hint: 'update-own-random' };
  const start = extrapolateStart(seen.once, seen.twice);
  const { moves, corner } = startHasGradient(start);
  return { seen, start, moves, corner, notes: epochNotes(epochCalls), offEpochs: epochsOffByCalls(epochCalls) };
}

/** Judges the runs up to `stage`; a later stage fails with the first earlier stage that failed. */
function judgeUpdate(stage: Stage, values: unknown[], epochCalls: EpochCalls[]): Verdict {
  const observation = observe(values, epochCalls);
  if ('fraction' in observation) return observation;
  const { seen, start, moves, corner, notes, offEpochs } = observation;
  // At the hinge's corner either step is right, and with no margin open exact SGD stands still.
  if (corner) return { fraction: 1, message: t().updateInconclusive };
  const standstill = matches(seen.twice, seen.once, seen.once);
  if (!moves) {
    const moved = NAMES.find((name) => !matches(seen[name], start, start));
    if (!moved) return { fraction: 1, message: t().updateInconclusive };
    // The start is only known when lr was used: with lr ignored the "start" is already past a step.
    return failWith(missMessage(PROBE_RUNS[moved], seen[moved], start, start) + notes, offEpochs ?? (standstill ? nameStandstill(start, seen) : {}));
  }

  const checks: Array<{ stage: Stage; name: ProbeRunName; pass: string; explain: () => Naming }> = [
    { stage: 'full', name: 'once', pass: t().updateFullBatchRight(PROBE.rows), explain: () => nameFullBatchStep(start, seen) },
    { stage: 'mini', name: 'mini', pass: '', explain: () => nameMiniBatches(start, seen, 'mini') },
    { stage: 'mini', name: 'bigSteps', pass: t().updateMiniRight(PROBE.rows / PROBE.miniBatch, PROBE.miniBatch), explain: () => nameMiniBatches(start, seen, 'bigSteps') },
    { stage: 'epochs', name: 'epochs', pass: t().updateEpochsRight(PROBE_RUNS.epochs.epochs), explain: () => nameEpochs(start, seen) },
  ];
  for (const check of checks) {
    const run = PROBE_RUNS[check.name];
    const want = runProbe(start, scheduleOf(run));
    if (want.corner) return { fraction: 1, message: t().updateInconclusive };
    const still = check.stage === 'full' && standstill;
    const matched = !still && matches(seen[check.name], want, start);
    // Where onEpoch shows the loop running other epochs than asked, no stage passes: weights that
    // seem to fit (a start extrapolated from two runs of the same wrong length can make them) do
    // not make it one SGD epoch, and the same mistake costs the same whatever the start.
    if (still || !matched || offEpochs) {
      // Nothing moved at lr or at 2 lr: never updated, lr not used, or a first step that applies nothing.
      const message = still ? t().updateSameForBothLr(describeRun(run), String(PROBE_RUNS.twice.lr)) : matched ? t().updateRanOtherEpochs(describeRun(run)) : missMessage(run, seen[check.name], want, start);
      const naming = offEpochs ?? (still ? nameStandstill(start, seen) : check.explain());
      // The note on onEpoch's count is left out where the naming says it.
      return failWith((check.stage === stage ? message : t().updateFollows(message)) + (offEpochs ? '' : notes), naming);
    }
    if (check.stage === stage && check.pass) return { fraction: 1, message: check.pass };
  }
  throw new Error(`no update-rule stage ${stage}`);
}

/** Where two runs with the same seed hold different weights on a row no step can move, if anywhere. */
function differentStarts(seen: Observed): string | undefined {
  const first = seen[NAMES[0]];
  for (let k = 0; k < PIXELS; k++) {
    if ((PROBE.pixels as readonly number[]).includes(k)) continue;
    for (const name of NAMES) for (let c = 0; c < CLASSES; c++) if (seen[name].w[k][c] !== first.w[k][c]) return `W[${k}][${c}]`;
  }
  return undefined;
}

/**
 * Every run called onEpoch the same number of times too many or too few: the loop runs a different
 * number of epochs, whatever else the numbers seem to say (an extra epoch also spoils the start).
 * Or every run called it the same number of times, more than any run asked for: the loop runs a
 * fixed number of epochs, options.epochs unread.
 */
function epochsOffByCalls(epochCalls: EpochCalls[]): Naming | undefined {
  const fixed = epochCalls[0].length;
  const mostAsked = Math.max(...NAMES.map((name) => PROBE_RUNS[name].epochs));
  if (fixed > mostAsked && epochCalls.every((calls) => calls.length === fixed)) return { hint: 'update-epochs', detail: t().epochsIgnored(fixed) };
  const deltas = NAMES.map((name, i) => epochCalls[i].length - PROBE_RUNS[name].epochs);
  const d = deltas[0];
  if (d === 0 || NAMES.some((name, i) => epochCalls[i].length === 0 && PROBE_RUNS[name].epochs + d !== 0) || deltas.some((v) => v !== d)) return undefined;
  return { hint: 'update-epochs', detail: t().asIfEpochs(PROBE_RUNS.once.epochs + d, PROBE_RUNS.once.epochs) };
}

/** When onEpoch was called a different number of times than the epochs asked, say so (it costs nothing by itself). */
function epochNotes(epochCalls: EpochCalls[]): string {
  const off = NAMES.findIndex((name, i) => epochCalls[i].length > 0 && epochCalls[i].length !== PROBE_RUNS[name].epochs);
  return off < 0 ? '' : `; ${t().epochCallsNote(epochCalls[off].length, PROBE_RUNS[NAMES[off]].epochs)}`;
}

/**
 * Randomness from Math.random: two tiny runs on real digits with two seeds must differ (the
 * shuffle alone sees to that). A train with a generator of its own gives the same weights for both.
 */
export function randomnessCase(x: number[][], y: number[], seed: number, weight: number): MultiCallCase {
  const run = { batchSize: 8, epochs: 1, lr: 5e-3 };
  const args = [x.slice(0, 48), y.slice(0, 48), run];
  return {
    name: t().randomnessCase,
    weight,
    calls: [{ args, seed }, { args, seed: seed + 1 }],
    judge: (values) => {
      for (const value of values) {
        const read = readRun(value, { ...run });
        if (!read.ok) return { fraction: 0, message: read.message };
      }
      const same = firstDifference(values[0], values[1], { rtol: 0, atol: 0 }) === undefined;
      return same ? { fraction: 0, message: t().sameForTwoSeeds(seed, seed + 1), hint: 'update-own-random' } : { fraction: 1, message: t().differsWithSeed };
    },
  };
}

/** The three update-rule cases, each judging the same five runs with the grading seed (sent once: runPart shares the answers). */
export function updateRuleCases(seed: number, weight: number): MultiCallCase[] {
  const { x, y } = probeData();
  const calls: PartCall[] = NAMES.map((name) => ({ args: [x, y, { ...PROBE_RUNS[name] }], seed }));
  const stages: Array<[Stage, string]> = [
    ['full', t().updateFullBatchCase(PROBE.rows)],
    ['mini', t().updateMiniCase(PROBE.rows / PROBE.miniBatch, PROBE.miniBatch)],
    ['epochs', t().updateEpochsCase(PROBE_RUNS.epochs.epochs)],
  ];
  return stages.map(([stage, name]) => ({ name, weight, calls, judge: (values, epochCalls) => judgeUpdate(stage, values, epochCalls) }));
}
