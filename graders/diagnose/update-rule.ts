/**
 * What went wrong in train()'s update rule, from its results on the identical-rows probe (see
 * parts/probe-sgd.ts). Each finder compares the student's results with what one mistake would give
 * from the same starting point, and names the mistake only when that mistake explains them.
 */
import { t, type HintId } from '../i18n/index.ts';
import { CLASSES, PIXELS } from '../data/digits.ts';
import { PROBE, PROBE_RUNS, batchesOf, hingeGradient, probeInput, runProbe, scheduleOf, scoresOf, softmaxGradient, type ProbeRunName, type Weights } from '../parts/probe-sgd.ts';

/** How near a fitted ratio must be to a mistake's ratio to name it. */
const RATIO_TOLERANCE = 1e-3;

export interface Naming {
  hint?: HintId;
  /** What the numbers show, for the message (already in the student's language). */
  detail?: string;
}

/** The largest movement from `start` among all entries of W and b. */
export function movement(from: Weights, to: Weights): number {
  let most = 0;
  for (let k = 0; k < PIXELS; k++) for (let c = 0; c < CLASSES; c++) most = Math.max(most, Math.abs(to.w[k][c] - from.w[k][c]));
  for (let c = 0; c < CLASSES; c++) most = Math.max(most, Math.abs(to.b[c] - from.b[c]));
  return most;
}

/**
 * The first entry where `got` is not where `want` is, or undefined. Tolerant of float32 noise
 * (1e-6 of the weight's size) and of 1e-3 of the expected movement: the mistakes named here change
 * a step by a factor, never by a thousandth.
 */
export function firstMiss(got: Weights, want: Weights, start: Weights): { where: string; want: number; got: number } | undefined {
  const slack = 1e-3 * movement(start, want);
  const close = (g: number, w: number, s: number) => Math.abs(g - w) <= 1e-6 * Math.max(1, Math.abs(s)) + slack;
  for (let k = 0; k < PIXELS; k++) {
    for (let c = 0; c < CLASSES; c++) if (!close(got.w[k][c], want.w[k][c], start.w[k][c])) return { where: `W[${k}][${c}]`, want: want.w[k][c], got: got.w[k][c] };
  }
  for (let c = 0; c < CLASSES; c++) if (!close(got.b[c], want.b[c], start.b[c])) return { where: `b[${c}]`, want: want.b[c], got: got.b[c] };
  return undefined;
}

export const matches = (got: Weights, want: Weights, start: Weights) => firstMiss(got, want, start) === undefined;

/** The start both full-batch runs share: a single step is linear in lr, so W0 = 2 W(lr) - W(2 lr). */
export function extrapolateStart(once: Weights, twice: Weights): Weights {
  return { w: once.w.map((row, k) => row.map((v, c) => 2 * v - twice.w[k][c])), b: once.b.map((v, c) => 2 * v - twice.b[c]) };
}

/** Least-squares ratio r with got ~ r * want, and whether the fit is exact (to the tolerance). */
function ratio(got: number[], want: number[]): { r: number; exact: boolean } {
  const dot = got.reduce((s, v, i) => s + v * want[i], 0);
  const norm = want.reduce((s, v) => s + v * v, 0);
  if (norm === 0) return { r: 0, exact: got.every((v) => v === 0) };
  const r = dot / norm;
  const scale = Math.sqrt(norm) * Math.max(1, Math.abs(r));
  const exact = got.every((v, i) => Math.abs(v - r * want[i]) <= 1e-3 * scale / Math.sqrt(want.length) + 1e-12);
  return { r, exact };
}

const near = (r: number, target: number) => Math.abs(r - target) <= RATIO_TOLERANCE * Math.max(1, Math.abs(target));
const round = (r: number) => Number(r.toPrecision(3)).toString();

/** W's and b's movement on the probe's pixels, as flat lists. */
function steps(start: Weights, end: Weights): { dw: number[]; db: number[] } {
  const dw = PROBE.pixels.flatMap((k) => end.w[k].map((v, c) => v - start.w[k][c]));
  return { dw, db: end.b.map((v, c) => v - start.b[c]) };
}

/** train()'s results for each of the probe runs. */
export type Observed = Record<ProbeRunName, Weights>;

/** Whether running every epoch count off by `delta` explains all of the runs. */
function epochsOffBy(delta: number, start: Weights, seen: Observed): boolean {
  return (['once', 'mini', 'bigSteps', 'epochs'] as const).every((name) => {
    const run = PROBE_RUNS[name];
    return run.epochs + delta >= 0 && matches(seen[name], runProbe(start, scheduleOf(run, run.epochs + delta)), start);
  });
}

/** Names why W and b came out the same at lr and at 2 lr. */
export function nameStandstill(start: Weights, seen: Observed): Naming {
  if ((['mini', 'bigSteps', 'epochs'] as const).every((name) => matches(seen[name], start, start))) return { hint: 'update-none' };
  if (epochsOffBy(-1, start, seen)) return { hint: 'update-epochs', detail: t().asIfEpochs(0, 1) };
  if (matches(seen.mini, runProbe(start, { ...scheduleOf(PROBE_RUNS.mini), stale: true }), start)) return { hint: 'update-stale' };
  return { hint: 'update-lr-ignored' };
}

/** Names what is wrong with the full-batch step, which `seen.once` shows was not the expected one. */
export function nameFullBatchStep(start: Weights, seen: Observed): Naming {
  const { lr } = PROBE_RUNS.once;
  if (epochsOffBy(1, start, seen)) return { hint: 'update-epochs', detail: t().asIfEpochs(2, 1) };
  const s0 = scoresOf(probeInput(), start);
  const want = steps(start, runProbe(start, scheduleOf(PROBE_RUNS.once)));
  const got = steps(start, seen.once);
  const w = ratio(got.dw, want.dw);
  const b = ratio(got.db, want.db);
  if (w.exact && b.exact) {
    if (near(w.r, 1) && near(b.r, 0)) return { hint: 'update-b-frozen' };
    if (near(w.r, 0) && near(b.r, 1)) return { hint: 'update-w-frozen' };
    if (near(w.r, 1) && near(b.r, -1)) return { hint: 'update-b-ascent' };
    if (near(w.r, -1) && near(b.r, -1)) return { hint: 'update-ascent' };
    if (near(w.r, -1) && near(b.r, 1)) return { hint: 'update-ascent' };
    if (near(w.r, b.r) && near(w.r, 1 / PROBE.rows)) return { hint: 'update-averaged', detail: t().stepRatio(round(w.r)) };
    if (near(w.r, b.r) && w.r > 0) {
      const rows = w.r * PROBE.rows;
      if (rows < PROBE.rows && near(rows, Math.round(rows))) return { hint: 'update-rows-missing', detail: t().asIfRows(Math.round(rows), PROBE.rows) };
      return { hint: 'update-step-size', detail: t().stepRatio(round(w.r)) };
    }
    if (w.r > 0 && b.r > 0) return { hint: 'update-inputs-scaled', detail: t().wAgainstB(round(w.r / b.r)) };
  }
  // Pixels divided by 16 (or 255) move the scores as well as the step: only a run of its own tells.
  for (const scale of [16, 255]) {
    if (matches(seen.once, runProbe(start, { ...scheduleOf(PROBE_RUNS.once), inputScale: 1 / scale }), start)) return { hint: 'update-inputs-scaled', detail: t().asIfInputsOver(scale) };
  }
  // Not the hinge's direction: is it softmax cross-entropy's?
  const soft = softmaxGradient(s0, PROBE.label).map((g) => -lr * PROBE.rows * g);
  const fit = ratio(got.db, soft);
  if (fit.exact && fit.r > 0) return { hint: 'update-softmax' };
  return { hint: 'update-not-hinge' };
}

/** Batch sizes an epoch might have been cut into: a whole batch first, then sizes nearest the asked one. */
function batchCandidates(asked: number): Array<{ batches: number[]; size: number; count: number }> {
  const found: Array<{ batches: number[]; size: number; count: number }> = [{ batches: [PROBE.rows], size: PROBE.rows, count: 1 }];
  const sizes = Array.from({ length: PROBE.rows }, (_, i) => i + 1).sort((a, b) => Math.abs(a - asked) - Math.abs(b - asked) || a - b);
  for (const size of sizes) {
    const sliced = batchesOf(size, 1);
    found.push({ batches: sliced, size, count: sliced.length });
    for (let count = 1; count <= PROBE.rows + 1; count++) found.push({ batches: new Array<number>(count).fill(size), size, count });
  }
  return found;
}

/** Names what is wrong with a mini-batch epoch, `mini` or `bigSteps` (whose full-batch step was right). */
export function nameMiniBatches(start: Weights, seen: Observed, which: 'mini' | 'bigSteps'): Naming {
  const run = PROBE_RUNS[which];
  const end = seen[which];
  if (matches(end, runProbe(start, { ...scheduleOf(run), stale: true }), start)) return { hint: 'update-stale' };
  if (epochsOffBy(1, start, seen) || matches(end, start, start)) return { hint: 'update-epochs', detail: t().asIfEpochs(matches(end, start, start) ? 0 : 2, 1) };
  for (const candidate of batchCandidates(run.batchSize)) {
    if (matches(end, runProbe(start, { lr: run.lr, batches: candidate.batches }), start)) {
      return { hint: 'update-batches', detail: t().asIfBatches(candidate.count, candidate.size, PROBE.rows / run.batchSize, run.batchSize) };
    }
  }
  return {};
}

/** Names what is wrong with the run of several epochs (whose single epoch was right). */
export function nameEpochs(start: Weights, seen: Observed): Naming {
  const run = PROBE_RUNS.epochs;
  for (let e = 0; e <= run.epochs + 2; e++) {
    if (e !== run.epochs && matches(seen.epochs, runProbe(start, scheduleOf(run, e)), start)) return { hint: 'update-epochs', detail: t().asIfEpochs(e, run.epochs) };
  }
  return {};
}

/** Whether the hinge has any gradient at the start: if not, exact SGD never moves and nothing can be told. */
export function startHasGradient(start: Weights): { moves: boolean; corner: boolean } {
  const { g, corner } = hingeGradient(scoresOf(probeInput(), start), PROBE.label);
  return { moves: g.some((v) => v !== 0), corner };
}
