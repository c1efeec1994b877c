// "Vectorised" like numpy: every step is a whole-matrix operation on the batch.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [x: Matrix, w: Matrix, b: Vector];

const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
const T = (a: Matrix) => Array.from(a[0], (_, j) => Array.from(a, (row) => row[j]));
function matmul(a: Matrix, b: Matrix): number[][] {
  const out = zeros(a.length, b[0].length);
  for (let i = 0; i < a.length; i++)
    for (let k = 0; k < b.length; k++) {
      const v = a[i][k];
      const bk = b[k];
      const oi = out[i];
      for (let j = 0; j < oi.length; j++) oi[j] += v * bk[j];
    }
  return out;
}
const addRowVec = (a: Matrix, v: Vector) => a.map((row) => Array.from(row, (x, j) => x + v[j]));
const sumRows = (a: Matrix) => T(a).map((col) => col.reduce((s, v) => s + v, 0));
const sumAll = (a: Matrix) => a.reduce((s, row) => s + Array.from(row).reduce((t, v) => t + v, 0), 0);
const axpy = (a: Matrix, alpha: number, b: Matrix) => a.map((row, i) => Array.from(row, (v, j) => v + alpha * b[i][j]));

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  return [addRowVec(matmul(x, w), b), [x, w, b]];
}

export function linearBackward(ds: Matrix, [x]: LinearCache): [Matrix, Vector] {
  return [matmul(T(x), ds), sumRows(ds)];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const correct = trueLabels.map((y, n) => scores[n][y]);
  // margins = max(0, S - s_y + 1) with the true class masked out
  const margins = scores.map((row, n) =>
    Array.from(row, (v, c) => (c === trueLabels[n] ? 0 : Math.max(0, v - correct[n] + 1))),
  );
  const mask = margins.map((row) => row.map((m) => (m > 0 ? 1 : 0)));
  const counts = mask.map((row) => row.reduce((s: number, v) => s + v, 0));
  const ds = mask.map((row, n) => row.map((v, c) => (c === trueLabels[n] ? -counts[n] : v)));
  return [sumAll(margins), ds];
}

// Tried cross-entropy for training, it is smoother than the hinge.
function softmaxLoss(scores: Matrix, labels: number[]): [number, number[][]] {
  let loss = 0;
  const ds = scores.map((row, n) => {
    const m = Math.max(...row);
    const e = Array.from(row, (v) => Math.exp(v - m));
    const z = e.reduce((s, v) => s + v, 0);
    const p = e.map((v) => v / z);
    loss -= Math.log(p[labels[n]]);
    p[labels[n]] -= 1;
    return p;
  });
  return [loss, ds];
}

function randn(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  let W: number[][] = zeros(x[0].length, 10).map((r) => r.map(randn));
  let b: number[] = new Array<number>(10).fill(1);
  const perm = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    let total = 0;
    for (let s = 0; s < perm.length; s += batchSize) {
      const ids = perm.slice(s, s + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = softmaxLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      W = axpy(W, -lr, dW);
      b = b.map((v, c) => v - lr * db[c]);
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
