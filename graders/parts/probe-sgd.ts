/**
 * Exact mini-batch SGD on the update-rule probe: a training set whose rows are all the same input
 * with the same label. Every sample of a batch then has the same gradient, so a batch of m rows
 * moves W by -lr * m * x g^T and b by -lr * m * g, whatever the order or the sampling: the whole
 * run is fixed by the starting point and the sizes of the batches. The grader recomputes it here
 * (the reference is not shipped everywhere, and these few lines are all it needs).
 */
import { CLASSES, PIXELS } from '../data/digits.ts';

export interface Weights {
  w: number[][];
  b: number[];
}

/** The probe: a faint input of four pixels, labelled 9 (so a class count taken as max(y) + 1 is 10). */
export const PROBE = {
  rows: 12,
  label: CLASSES - 1,
  pixels: [10, 27, 36, 53],
  value: 0.25,
  /** Mini-batches of 4 cut the 12 rows into 3 whole batches: keeping or dropping a last partial one agree. */
  miniBatch: 4,
} as const;

export interface ProbeRun {
  batchSize: number;
  epochs: number;
  lr: number;
}

/**
 * The runs train() is asked for, all with the same seed. The step sizes suit the probe's margins
 * (about 1 from a usual start, a few units at most):
 * - once, twice: a full-batch step moves them by about 0.02, so a few such steps stay on one side
 *   of the hinge, and the pair at lr and 2 lr gives the start by extrapolation;
 * - mini: a step of 4 rows moves them by about 0.6, so they close within the epoch and 3 batches
 *   of 4 end elsewhere than 1 of 12, or 2 or 4 of 4;
 * - bigSteps: a step of 4 rows closes even a margin of 3 within two steps, so batches of 4 end
 *   elsewhere than one of 12 from any usual start;
 * - epochs: two epochs at a quarter of mini's lr leave them open, so every epoch counts.
 */
export const PROBE_RUNS = {
  once: { batchSize: PROBE.rows, epochs: 1, lr: 1e-4 },
  twice: { batchSize: PROBE.rows, epochs: 1, lr: 2e-4 },
  mini: { batchSize: PROBE.miniBatch, epochs: 1, lr: 0.012 },
  bigSteps: { batchSize: PROBE.miniBatch, epochs: 1, lr: 0.15 },
  epochs: { batchSize: PROBE.miniBatch, epochs: 2, lr: 0.003 },
} as const satisfies Record<string, ProbeRun>;
export type ProbeRunName = keyof typeof PROBE_RUNS;

export function probeInput(): number[] {
  const x = new Array<number>(PIXELS).fill(0);
  for (const k of PROBE.pixels) x[k] = PROBE.value;
  return x;
}

export function probeData(): { x: number[][]; y: number[] } {
  const row = probeInput();
  return { x: Array.from({ length: PROBE.rows }, () => [...row]), y: new Array<number>(PROBE.rows).fill(PROBE.label) };
}

export function scoresOf(x: number[], { w, b }: Weights): number[] {
  return b.map((bc, c) => x.reduce((sum, xk, k) => sum + xk * w[k][c], bc));
}

/** Margins this close to 0 are the hinge's corner: either subgradient is right there. */
export const CORNER = 1e-7;

/** The hinge's gradient of one row (margin 1, true class left out); `corner` when a margin sits at 0. */
export function hingeGradient(scores: number[], label: number): { g: number[]; corner: boolean } {
  const g = new Array<number>(scores.length).fill(0);
  let corner = false;
  for (let c = 0; c < scores.length; c++) {
    if (c === label) continue;
    const margin = scores[c] - scores[label] + 1;
    if (Math.abs(margin) <= CORNER) corner = true;
    if (margin > 0) {
      g[c] = 1;
      g[label] -= 1;
    }
  }
  return { g, corner };
}

/** Softmax cross-entropy's gradient of one row: the other loss students train by mistake. */
export function softmaxGradient(scores: number[], label: number): number[] {
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const sum = e.reduce((a, v) => a + v, 0);
  return e.map((v, c) => v / sum - (c === label ? 1 : 0));
}

export interface Schedule {
  lr: number;
  /** The sizes of the batches, epoch after epoch. */
  batches: number[];
  /** Each step applies the gradient of the batch before it (the first applies nothing). */
  stale?: boolean;
  /** Train on the input times this (a mistake: the homework trains on the pixels as given). */
  inputScale?: number;
}

/** Where exact SGD on the probe ends from `start`; `corner` when a step's gradient was ambiguous. */
export function runProbe(start: Weights, { lr, batches, stale, inputScale = 1 }: Schedule): Weights & { corner: boolean } {
  const x = probeInput().map((v) => v * inputScale);
  const w = start.w.map((row) => [...row]);
  const b = [...start.b];
  let corner = false;
  let pending: { g: number[]; m: number } | undefined;
  for (const m of batches) {
    const now = hingeGradient(scoresOf(x, { w, b }), PROBE.label);
    corner ||= now.corner;
    const step = stale ? pending : { g: now.g, m };
    pending = { g: now.g, m };
    if (!step) continue;
    for (let c = 0; c < CLASSES; c++) {
      const d = lr * step.m * step.g[c];
      if (d === 0) continue;
      b[c] -= d;
      for (const k of PROBE.pixels) w[k][c] -= d * x[k];
    }
  }
  return { w, b, corner };
}

/** Exact SGD as a run asks for it; `epochs` overrides the run's count. */
export const scheduleOf = (run: ProbeRun, epochs: number = run.epochs): Schedule => ({ lr: run.lr, batches: batchesOf(run.batchSize, epochs) });

/** `epochs` epochs of `size`-row batches over the probe's rows, the last one kept whole or partial. */
export function batchesOf(size: number, epochs: number, rows: number = PROBE.rows): number[] {
  const one: number[] = [];
  for (let start = 0; start < rows; start += size) one.push(Math.min(size, rows - start));
  return Array.from({ length: epochs }, () => one).flat();
}
