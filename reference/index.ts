/**
 * The instructor's solution of the student contract (see starter/index.ts for the contract in the
 * students' words). It is a valid submission itself and the source of every golden output.
 *
 * The exported functions take and return the contract's row-based matrices; the work happens in
 * flat Float64Array kernels shared by the exported functions and by `train`, so that training is
 * fast (see `npm run bench`) and a change to one kernel shows up in every part that uses it.
 */

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];
export interface TrainOptions {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** The homework's digits have ten classes. */
const CLASSES = 10;

// ---------------------------------------------------------------------------------------------
// Flat kernels: a B x C matrix is a Float64Array of length B*C, row after row.

/** out = x @ w + b, with x B x I, w I x C. Loop order i, k, c keeps every read of w contiguous. */
function forwardFlat(x: Float64Array, w: Float64Array, b: Float64Array, rows: number, inputs: number, classes: number, out: Float64Array): void {
  if (classes === 10) return forwardTenClasses(x, w, b, rows, inputs, out);
  for (let i = 0; i < rows; i++) {
    const o = i * classes;
    for (let c = 0; c < classes; c++) out[o + c] = b[c];
    for (let k = 0; k < inputs; k++) {
      const xik = x[i * inputs + k];
      if (xik === 0) continue; // digits are mostly blank pixels
      const wk = k * classes;
      for (let c = 0; c < classes; c++) out[o + c] += xik * w[wk + c];
    }
  }
}

/**
 * forwardFlat for the digits' ten classes: the row's ten sums live in locals (registers) instead
 * of memory, which more than halves the time of training, where this is most of the work.
 */
function forwardTenClasses(x: Float64Array, w: Float64Array, b: Float64Array, rows: number, inputs: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    let s0 = b[0], s1 = b[1], s2 = b[2], s3 = b[3], s4 = b[4], s5 = b[5], s6 = b[6], s7 = b[7], s8 = b[8], s9 = b[9];
    const xi = i * inputs;
    for (let k = 0; k < inputs; k++) {
      const v = x[xi + k];
      if (v === 0) continue;
      const q = k * 10;
      s0 += v * w[q]; s1 += v * w[q + 1]; s2 += v * w[q + 2]; s3 += v * w[q + 3]; s4 += v * w[q + 4];
      s5 += v * w[q + 5]; s6 += v * w[q + 6]; s7 += v * w[q + 7]; s8 += v * w[q + 8]; s9 += v * w[q + 9];
    }
    const o = i * 10;
    out[o] = s0; out[o + 1] = s1; out[o + 2] = s2; out[o + 3] = s3; out[o + 4] = s4;
    out[o + 5] = s5; out[o + 6] = s6; out[o + 7] = s7; out[o + 8] = s8; out[o + 9] = s9;
  }
}

/**
 * Multiclass hinge loss, margin 1, summed over the batch. Writes the exact gradient into ds
 * (1 where a wrong class is inside the margin, minus their count at the true class) and returns
 * the loss.
 */
function svmFlat(scores: Float64Array, labels: ArrayLike<number>, rows: number, classes: number, ds: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * classes;
    const y = labels[i];
    const sy = scores[o + y];
    let count = 0;
    for (let c = 0; c < classes; c++) {
      if (c === y) continue;
      const margin = scores[o + c] - sy + 1;
      if (margin > 0) {
        loss += margin;
        ds[o + c] = 1;
        count++;
      } else {
        ds[o + c] = 0;
      }
    }
    ds[o + y] = -count;
  }
  return loss;
}

/**
 * dw = x^T @ ds and db = ds summed over the batch. The SVM gradient is mostly zeros once training
 * gets going, so only the non-zero entries of ds cost any work.
 */
function backwardFlat(ds: Float64Array, x: Float64Array, rows: number, inputs: number, classes: number, dw: Float64Array, db: Float64Array): void {
  dw.fill(0);
  db.fill(0);
  for (let i = 0; i < rows; i++) {
    const o = i * classes;
    const xi = i * inputs;
    for (let c = 0; c < classes; c++) {
      const d = ds[o + c];
      if (d === 0) continue;
      db[c] += d;
      for (let k = 0; k < inputs; k++) dw[k * classes + c] += d * x[xi + k];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Conversions between the contract's rows and the kernels' flat arrays.

function flatten(m: Matrix, cols: number): Float64Array {
  const flat = new Float64Array(m.length * cols);
  for (let i = 0; i < m.length; i++) flat.set(m[i], i * cols);
  return flat;
}

function toRows(flat: Float64Array, rows: number, cols: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) out.push(flat.slice(i * cols, (i + 1) * cols));
  return out;
}

function columns(m: Matrix): number {
  return m.length > 0 ? m[0].length : 0;
}

// ---------------------------------------------------------------------------------------------
// The contract.

/** Linear layer forward pass: out = x @ w + b. */
export function linearForward(x: Matrix, w: Matrix, b: Vector): [Float64Array[], LinearCache] {
  const rows = x.length;
  const inputs = w.length;
  const classes = columns(w);
  const out = new Float64Array(rows * classes);
  forwardFlat(flatten(x, inputs), flatten(w, classes), Float64Array.from(b), rows, inputs, classes, out);
  return [toRows(out, rows, classes), [x, w, b]];
}

/** Linear layer backward pass: the gradients of the loss with respect to w and b. */
export function linearBackward(ds: Matrix, cache: LinearCache): [Float64Array[], Float64Array] {
  const [x, w] = cache;
  const rows = x.length;
  const inputs = w.length;
  const classes = columns(w);
  const dw = new Float64Array(inputs * classes);
  const db = new Float64Array(classes);
  backwardFlat(flatten(ds, classes), flatten(x, inputs), rows, inputs, classes, dw, db);
  return [toRows(dw, inputs, classes), db];
}

/** Multiclass SVM loss summed over the batch, and its gradient with respect to the scores. */
export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Float64Array[]] {
  const rows = scores.length;
  const classes = columns(scores);
  const ds = new Float64Array(rows * classes);
  const loss = svmFlat(flatten(scores, classes), trueLabels, rows, classes, ds);
  return [loss, toRows(ds, rows, classes)];
}

/** A standard normal sample from two Math.random draws (the sine-cosine transform), so that a seeded Math.random fixes it. */
function standardNormal(): number {
  const u = 1 - Math.random(); // in (0, 1]: log(u) stays finite
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Mini-batch gradient descent on the SVM loss, as the homework sets it up. */
export function train(x: Matrix, y: number[], options: TrainOptions = {}): [Float64Array[], Float64Array] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const samples = x.length;
  const inputs = columns(x);
  const classes = CLASSES;

  const w = new Float64Array(inputs * classes);
  for (let j = 0; j < w.length; j++) w[j] = standardNormal();
  const b = new Float64Array(classes).fill(1);

  const data = flatten(x, inputs);
  const order = Array.from({ length: samples }, (_, i) => i);
  const batchX = new Float64Array(batchSize * inputs);
  const batchY = new Int32Array(batchSize);
  const scores = new Float64Array(batchSize * classes);
  const ds = new Float64Array(batchSize * classes);
  const dw = new Float64Array(inputs * classes);
  const db = new Float64Array(classes);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    // An in-place shuffle (swap each place with a random earlier one): a fresh order of the training set every epoch.
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let epochLoss = 0;
    for (let start = 0; start < samples; start += batchSize) {
      const rows = Math.min(batchSize, samples - start);
      for (let r = 0; r < rows; r++) {
        const n = order[start + r];
        batchX.set(data.subarray(n * inputs, (n + 1) * inputs), r * inputs);
        batchY[r] = y[n];
      }
      forwardFlat(batchX, w, b, rows, inputs, classes, scores);
      epochLoss += svmFlat(scores, batchY, rows, classes, ds);
      backwardFlat(ds, batchX, rows, inputs, classes, dw, db);
      for (let j = 0; j < w.length; j++) w[j] -= lr * dw[j];
      for (let c = 0; c < classes; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, epochLoss / samples);
  }
  return [toRows(w, inputs, classes), b];
}

/** The predicted class of each row of x: the index of its largest score. */
export function predict(x: Matrix, w: Matrix, b: Vector): number[] {
  const [scores] = linearForward(x, w, b);
  return scores.map((row) => {
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    return best;
  });
}
