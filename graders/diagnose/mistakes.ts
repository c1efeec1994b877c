/**
 * Recognises the homework's classic mistakes from the numbers a failing function returned, so the
 * failing test can name the mistake instead of only the first wrong entry. Each check compares the
 * student's value with what that one mistake would have produced; none fires on a correct value.
 */
import { isClose, type Tolerance } from '../compare.ts';
import type { HintId } from '../i18n/index.ts';

type Grid = ArrayLike<number>[];

const isGrid = (v: unknown): v is Grid => (Array.isArray(v) || v instanceof Float64Array) && Array.from(v as ArrayLike<unknown>).every((r) => Array.isArray(r) || r instanceof Float64Array);
const isList = (v: unknown): v is ArrayLike<number> => Array.isArray(v) || v instanceof Float64Array;

/** Whether `got` matches `expected(i, j)` everywhere, with the grader's tolerance. */
function gridMatches(got: unknown, rows: number, cols: number, expected: (i: number, j: number) => number, tol: Tolerance): boolean {
  if (!isGrid(got) || got.length !== rows || rows === 0) return false;
  for (let i = 0; i < rows; i++) {
    if (got[i].length !== cols) return false;
    for (let j = 0; j < cols; j++) if (!isClose(got[i][j], expected(i, j), tol)) return false;
  }
  return true;
}

function listMatches(got: unknown, length: number, expected: (i: number) => number, tol: Tolerance): boolean {
  if (!isList(got) || got.length !== length || length === 0) return false;
  for (let i = 0; i < length; i++) if (!isClose(got[i], expected(i), tol)) return false;
  return true;
}

const anyNonZero = (values: ArrayLike<number>) => Array.from(values).some((v) => v !== 0);

/**
 * Float32 arithmetic: every entry a float32 number, and all within about 6 digits of the expected
 * ones. Tested first: such values match no other mistake, and they are not wrong by much.
 */
export function looksFloat32(got: unknown, want: Grid): boolean {
  if (!isGrid(got) || got.length !== want.length || got.length === 0) return false;
  const loose = { rtol: 1e-4, atol: 1e-6 };
  let inexact = false;
  for (let i = 0; i < want.length; i++) {
    if (got[i].length !== want[i].length) return false;
    for (let j = 0; j < want[i].length; j++) {
      const v = got[i][j];
      if (Math.fround(v) !== v || !isClose(v, want[i][j], loose)) return false;
      inexact ||= v !== want[i][j];
    }
  }
  return inexact;
}

/** A cache whose first entry is the output rather than the input x: backward would read the scores as inputs. */
export function cacheHoldsOutput(cache: unknown, out: unknown, x: Grid, tol: Tolerance): boolean {
  if (!Array.isArray(cache) || !isGrid(out) || out.length === 0) return false;
  const first = cache[0];
  // The comparison with x only where the cache matched the output (rarely): on every correct
  // submission it was the grader's largest cost after a training.
  if (!gridMatches(first, out.length, out[0].length, (i, j) => out[i][j], tol)) return false;
  return !(x.length > 0 && gridMatches(first, x.length, x[0].length, (i, j) => x[i][j], tol));
}

export function diagnoseForward(got: unknown, want: Grid, b: ArrayLike<number>, tol: Tolerance): HintId | undefined {
  const rows = want.length;
  const cols = b.length;
  if (looksFloat32(got, want)) return 'float32';
  if (anyNonZero(b) && gridMatches(got, rows, cols, (i, j) => want[i][j] - b[j], tol)) return 'bias-forgotten';
  if (anyNonZero(b) && gridMatches(got, rows, cols, (i, j) => want[i][j] - 2 * b[j], tol)) return 'bias-subtracted';
  // b[i] exists only for the first `cols` rows; the rest hold whatever indexing past the end gave.
  const checked = Math.min(rows, cols);
  const byRow = isGrid(got) && got.length === rows && checked > 1 && gridMatches(got.slice(0, checked), checked, cols, (i, j) => want[i][j] - b[j] + b[i], tol);
  if (byRow && Array.from(b).some((v, j) => j < checked && v !== b[0])) return 'bias-by-sample';
  return undefined;
}

export function diagnoseBackward(dw: unknown, db: unknown, want: { dw: Grid; db: ArrayLike<number>; ds: Grid; w?: Grid }, tol: Tolerance): HintId | undefined {
  const inputs = want.dw.length;
  const classes = want.db.length;
  const batch = want.ds.length;
  const { w } = want;
  // ds @ w^T, the gradient for the input x: B x I where dw is I x C.
  if (w && gridMatches(dw, batch, inputs, (n, k) => Array.from(want.ds[n]).reduce((sum, d, c) => sum + d * w[k][c], 0), tol) && !(batch === inputs && gridMatches(dw, inputs, classes, (i, j) => want.dw[i][j], tol))) return 'dw-is-dx';
  if (looksFloat32(dw, want.dw) || (isList(db) && looksFloat32([db], [want.db]) && gridMatches(dw, inputs, classes, (i, j) => want.dw[i][j], tol))) return 'float32';
  if (inputs !== classes && gridMatches(dw, classes, inputs, (i, j) => want.dw[j][i], tol)) return 'dw-transposed';
  if (batch > 1 && anyNonZero(want.dw.flatMap((r) => Array.from(r))) && gridMatches(dw, inputs, classes, (i, j) => want.dw[i][j] / batch, tol)) return 'dw-averaged';
  if (batch !== classes && listMatches(db, batch, (n) => Array.from(want.ds[n]).reduce((s, v) => s + v, 0), tol)) return 'db-wrong-axis';
  if (batch > 1 && anyNonZero(want.db) && listMatches(db, classes, (c) => want.db[c] / batch, tol)) return 'db-averaged';
  return undefined;
}

/** The hinge summed over a batch with another margin, or squared. */
function hingeLoss(scores: Grid, labels: number[], margin: number, power: number): number {
  let sum = 0;
  scores.forEach((row, n) => {
    for (let c = 0; c < row.length; c++) if (c !== labels[n]) sum += Math.max(0, row[c] - row[labels[n]] + margin) ** power;
  });
  return sum;
}

export function diagnoseSvm(loss: unknown, ds: unknown, want: { loss: number; ds: Grid; labels: number[]; scores?: Grid }, tol: Tolerance): HintId | undefined {
  const batch = want.labels.length;
  const classes = want.ds[0]?.length ?? 0;
  const lossIs = (v: number) => typeof loss === 'number' && isClose(loss, v, tol);
  if (want.scores) {
    const zeroMargin = hingeLoss(want.scores, want.labels, 0, 1);
    if (zeroMargin !== want.loss && lossIs(zeroMargin)) return 'svm-margin-zero';
    const squared = hingeLoss(want.scores, want.labels, 1, 2);
    if (squared !== want.loss && lossIs(squared)) return 'svm-squared';
  }
  const dsIs = (scale: number) => gridMatches(ds, batch, classes, (i, j) => want.ds[i][j] * scale, tol);
  const dsMoves = want.ds.some((row) => anyNonZero(row));
  if (looksFloat32(ds, want.ds) || (typeof loss === 'number' && Math.fround(loss) === loss && loss !== want.loss && isClose(loss, want.loss, { rtol: 1e-4, atol: 1e-6 }))) return 'float32';
  // Averaging the loss and averaging ds are two mistakes: only the second slows training.
  if (batch > 1 && want.loss !== 0 && lossIs(want.loss / batch)) return dsMoves && dsIs(1) ? 'svm-loss-averaged' : 'svm-averaged';
  if (batch > 1 && dsMoves && lossIs(want.loss) && dsIs(1 / batch)) return 'svm-ds-averaged';
  if (lossIs(want.loss + batch)) return 'svm-true-class-counted';
  if (!lossIs(want.loss)) return undefined;
  // The loss is right: look at the true class's entry of ds, everything else being right.
  const offTrue = (i: number, j: number) => j !== want.labels[i];
  const restMatches = gridMatches(ds, batch, classes, (i, j) => (offTrue(i, j) ? want.ds[i][j] : (ds as Grid)[i][j]), tol);
  if (!restMatches) return undefined;
  const trueEntries = want.labels.map((y, i) => (ds as Grid)[i][y]);
  const counts = want.labels.map((y, i) => -want.ds[i][y]);
  if (counts.some((c) => c > 1) && trueEntries.every((v, i) => isClose(v, counts[i] > 0 ? -1 : 0, tol))) return 'svm-minus-one';
  if (counts.some((c) => c > 0) && trueEntries.every((v) => isClose(v, 0, tol))) return 'svm-no-true-gradient';
  return undefined;
}

/** From the losses train reported through onEpoch. */
export function diagnoseTraining(losses: number[]): HintId | undefined {
  if (losses.length < 3) return undefined;
  const first = losses[0];
  const last = losses[losses.length - 1];
  // With W and b fixed, every epoch sums the same per-sample losses (only their order changes).
  if (losses.every((l) => Math.abs(l - first) <= 1e-9 * Math.max(1, Math.abs(first)))) return 'train-no-update';
  if (!Number.isFinite(last) || last > 1.5 * first) return 'train-ascent';
  return undefined;
}
