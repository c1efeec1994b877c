import { Mat } from './matrix';

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out = Mat.from(x).matmul(Mat.from(w));
  return [out.toRows(), [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const D = Mat.from(ds);
  const dw = Mat.from(cache[0]).transpose().matmul(D);
  return [dw.toRows(), Array.from(D.colSums())];
}

function hinge(S: Mat, labels: number[]): [number, Mat] {
  const G = new Mat(S.rows, S.cols);
  let loss = 0;
  for (let n = 0; n < S.rows; n++) {
    const y = labels[n];
    const sy = S.get(n, y);
    let count = 0;
    for (let c = 0; c < S.cols; c++) {
      if (c === y) continue;
      const m = S.get(n, c) - sy + 1;
      if (m > 0) {
        loss += m;
        G.set(n, c, 1);
        count++;
      }
    }
    G.set(n, y, -count);
  }
  return [loss, G];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const [loss, G] = hinge(Mat.from(scores), trueLabels);
  return [loss, G.toRows()];
}

function normal(): number {
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
  const X = Mat.from(x);
  const W = new Mat(X.cols, 10);
  for (let i = 0; i < W.data.length; i++) W.data[i] = normal();
  const b = new Float64Array(10).fill(1);
  const order = Array.from({ length: X.rows }, (_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const Xb = new Mat(ids.length, X.cols);
      ids.forEach((id, r) => Xb.data.set(X.data.subarray(id * X.cols, (id + 1) * X.cols), r * X.cols));
      const [loss, G] = hinge(Xb.matmul(W).addRow(b), ids.map((i) => y[i]));
      total += loss;
      W.subScaled(Xb.transpose().matmul(G), lr);
      const db = G.colSums();
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / X.rows);
  }
  return [W.toRows(), b];
}
