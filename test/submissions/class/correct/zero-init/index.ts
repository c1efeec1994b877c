// Linear SVM. I start from W = 0 and b = 0: for a linear model with a convex loss the start
// does not matter, and zeros make my runs reproducible apart from the shuffling.

export type Matrix = (number[] | Float64Array)[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const C = b.length;
  const out: number[][] = new Array(x.length);
  for (let n = 0; n < x.length; n++) {
    const o = new Array<number>(C);
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let k = 0; k < w.length; k++) s += x[n][k] * w[k][c];
      o[c] = s + b[c];
    }
    out[n] = o;
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const x = cache[0];
  const I = cache[1].length;
  const C = ds[0].length;
  const dw: number[][] = [];
  for (let k = 0; k < I; k++) dw.push(new Array<number>(C).fill(0));
  const db = new Array<number>(C).fill(0);
  for (let n = 0; n < ds.length; n++) {
    for (let c = 0; c < C; c++) {
      db[c] += ds[n][c];
      for (let k = 0; k < I; k++) dw[k][c] += x[n][k] * ds[n][c];
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const y = trueLabels[n];
    const row = new Array<number>(scores[n].length).fill(0);
    for (let c = 0; c < row.length; c++) {
      if (c === y) continue;
      const m = scores[n][c] - scores[n][y] + 1;
      if (m > 0) {
        loss += m;
        row[c] = 1;
        row[y] -= 1;
      }
    }
    ds.push(row);
  }
  return [loss, ds];
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W: number[][] = [];
  for (let k = 0; k < x[0].length; k++) W.push(new Array<number>(10).fill(0));
  const b = new Array<number>(10).fill(0);
  const order = Array.from(x.keys());

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let lossSum = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const ids = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      lossSum += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, lossSum / order.length);
  }
  return [W, b];
}
