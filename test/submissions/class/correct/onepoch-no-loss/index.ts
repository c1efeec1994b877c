// Linear SVM for the 8x8 digits.
// onEpoch: I only use it to drive a progress bar, so it gets the epoch number.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [Matrix, Matrix, Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const B = x.length, I = w.length, C = b.length;
  const out: number[][] = Array.from({ length: B }, () => new Array<number>(C).fill(0));
  for (let n = 0; n < B; n++)
    for (let c = 0; c < C; c++) {
      for (let k = 0; k < I; k++) out[n][c] += x[n][k] * w[k][c];
      out[n][c] += b[c];
    }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const I = w.length, C = w[0].length;
  const dw: number[][] = Array.from({ length: I }, () => new Array<number>(C).fill(0));
  const db = new Array<number>(C).fill(0);
  for (let n = 0; n < ds.length; n++)
    for (let c = 0; c < C; c++) {
      db[c] += ds[n][c];
      for (let k = 0; k < I; k++) dw[k][c] += x[n][k] * ds[n][c];
    }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = scores.map((s) => new Array<number>(s.length).fill(0));
  for (let n = 0; n < scores.length; n++) {
    const y = trueLabels[n];
    for (let c = 0; c < scores[n].length; c++) {
      if (c === y) continue;
      const m = scores[n][c] - scores[n][y] + 1;
      if (m > 0) {
        loss += m;
        ds[n][c] = 1;
        ds[n][y] -= 1;
      }
    }
  }
  return [loss, ds];
}

function gaussian(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, gaussian));
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    if (onEpoch) onEpoch(epoch);
  }
  return [W, b];
}
