/**
 * Independent evidence for a failing backward or svm part: a numerical gradient check (central
 * differences) of the student's own functions. If their gradient agrees with how their own loss
 * (or forward pass) changes, the derivative is right and the mistake is upstream; if it does not,
 * the message names the first entry where the two part ways.
 */
import { isClose } from '../compare.ts';
import { pickReturn, type ContractFunction } from '../contract.ts';
import { t } from '../i18n/index.ts';
import { gaussian, seededRandom } from '../random.ts';

/** Calls one of the student's functions in the sandbox; undefined when it failed or timed out. */
export type StudentCall = (fn: ContractFunction, args: unknown[]) => Promise<unknown>;

/**
 * A wide step: sum(out * g) is linear in w and b, and the hinge linear between its corners (the
 * scores keep every margin 10 H away from one), so central differences are exact at any step,
 * and a wide one keeps the rounding of a float32 forward pass or loss (about 1e-7 of the value)
 * well below the tolerance instead of dividing it by a tiny step.
 */
const H = 1e-2;
const TOLERANCE = { rtol: 1e-3, atol: 1e-4 };
const number = (v: unknown) => (typeof v === 'number' ? v : NaN);
const entry = (m: unknown, i: number, j: number) => number((m as ArrayLike<ArrayLike<unknown>> | undefined)?.[i]?.[j]);
const format = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

function matrix(rows: number, cols: number, random: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => gaussian(random)));
}

/** Scores whose margins all stay clear of 0, where the hinge has no derivative. */
function smoothScores(random: () => number): { scores: number[][]; labels: number[] } {
  for (;;) {
    const scores = matrix(3, 4, random).map((row) => row.map((v) => 2 * v));
    const labels = [0, 1, 3];
    const clear = scores.every((row, n) => row.every((s, c) => c === labels[n] || Math.abs(s - row[labels[n]] + 1) > 10 * H));
    if (clear) return { scores, labels };
  }
}

async function lossAt(call: StudentCall, scores: number[][], labels: number[]): Promise<number> {
  const picked = pickReturn('svmLoss', await call('svmLoss', [scores, labels]), ['loss', 'ds']);
  return picked.ok ? number(picked.values[0]) : NaN;
}

export async function checkSvmGradient(call: StudentCall): Promise<string | undefined> {
  const { scores, labels } = smoothScores(seededRandom(97));
  const picked = pickReturn('svmLoss', await call('svmLoss', [scores, labels]), ['loss', 'ds']);
  if (!picked.ok) return undefined;
  const ds = picked.values[1];
  for (let n = 0; n < scores.length; n++) {
    for (let c = 0; c < scores[n].length; c++) {
      const shifted = (d: number) => scores.map((row, i) => row.map((v, j) => (i === n && j === c ? v + d : v)));
      const numeric = ((await lossAt(call, shifted(H), labels)) - (await lossAt(call, shifted(-H), labels))) / (2 * H);
      if (!Number.isFinite(numeric)) return undefined;
      if (!isClose(entry(ds, n, c), numeric, TOLERANCE)) return t().gradientCheckDisagrees(`ds[${n}][${c}]`, format(entry(ds, n, c)), format(numeric), t().ofYourLoss);
    }
  }
  return t().svmGradientAgrees;
}

/** The student's forward pass, reduced to sum(out * g): its gradient in w is what backward returns. */
async function objective(call: StudentCall, x: number[][], w: number[][], b: number[], g: number[][]): Promise<number> {
  const picked = pickReturn('linearForward', await call('linearForward', [x, w, b]), ['out', 'cache']);
  if (!picked.ok) return NaN;
  let sum = 0;
  for (let i = 0; i < g.length; i++) for (let j = 0; j < g[i].length; j++) sum += entry(picked.values[0], i, j) * g[i][j];
  return sum;
}

export async function checkBackwardGradient(call: StudentCall): Promise<string | undefined> {
  const random = seededRandom(89);
  const [x, w, b, g] = [matrix(3, 4, random), matrix(4, 3, random), matrix(1, 3, random)[0], matrix(3, 3, random)];
  const picked = pickReturn('linearBackward', await call('linearBackward', [g, [x, w, b]]), ['dw', 'db']);
  if (!picked.ok) return undefined;
  const [dw, db] = picked.values;
  for (let k = 0; k < w.length; k++) {
    for (let c = 0; c < w[k].length; c++) {
      const shifted = (d: number) => w.map((row, i) => row.map((v, j) => (i === k && j === c ? v + d : v)));
      const numeric = ((await objective(call, x, shifted(H), b, g)) - (await objective(call, x, shifted(-H), b, g))) / (2 * H);
      if (!Number.isFinite(numeric)) return undefined;
      if (!isClose(entry(dw, k, c), numeric, TOLERANCE)) return t().gradientCheckDisagrees(`dw[${k}][${c}]`, format(entry(dw, k, c)), format(numeric), t().ofYourForward);
    }
  }
  for (let c = 0; c < b.length; c++) {
    const shifted = (d: number) => b.map((v, j) => (j === c ? v + d : v));
    const numeric = ((await objective(call, x, w, shifted(H), g)) - (await objective(call, x, w, shifted(-H), g))) / (2 * H);
    if (!Number.isFinite(numeric)) return undefined;
    const got = number((db as ArrayLike<unknown> | undefined)?.[c]);
    if (!isClose(got, numeric, TOLERANCE)) return t().gradientCheckDisagrees(`db[${c}]`, format(got), format(numeric), t().ofYourForward);
  }
  return t().backwardGradientAgrees;
}
