/** Linear SVM classifier. Batches walked with a while loop and an explicit end index. */

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

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out: number[][] = [];
  let n = 0;
  while (n < x.length) {
    const row = Array.from(b);
    let k = 0;
    while (k < w.length) {
      const xv = x[n][k];
      for (let c = 0; c < row.length; c++) row[c] += xv * w[k][c];
      k++;
    }
    out.push(row);
    n++;
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw: number[][] = w.map((r) => Array.from(r, () => 0));
  const db: number[] = Array.from(w[0], () => 0);
  ds.forEach((g, n) => {
    x[n].forEach((xv, k) => {
      for (let c = 0; c < g.length; c++) dw[k][c] += xv * g[c];
    });
    g.forEach((v, c) => (db[c] += v));
  });
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const g: number[] = Array.from(s, () => 0);
    for (let c = 0; c < s.length; c++) {
      const margin = s[c] - s[y] + 1;
      if (c !== y && margin > 0) {
        loss += margin;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    ds.push(g);
  }
  return [loss, ds];
}

function normal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(x: Matrix, y: number[], options?: TrainOptions): [Matrix, Vector] {
  const batchSize = options?.batchSize ?? 256;
  const epochs = options?.epochs ?? 100;
  const lr = options?.lr ?? 5e-3;
  const onEpoch = options?.onEpoch;
  const W: number[][] = [];
  for (let k = 0; k < x[0].length; k++) W.push(Array.from({ length: 10 }, normal));
  const b: number[] = Array(10).fill(1);
  const perm = x.map((_, i) => i);

  let epoch = 0;
  while (epoch < epochs) {
    epoch++;
    let i = perm.length;
    while (i > 1) {
      const j = Math.floor(Math.random() * i);
      i--;
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    let lossSum = 0;
    let start = 0;
    while (start < perm.length) {
      const end = Math.min(start + batchSize, perm.length);
      const ids = perm.slice(start, end);
      const [scores, cache] = linearForward(ids.map((t) => x[t]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((t) => y[t]));
      const [dW, db] = linearBackward(ds, cache);
      lossSum += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
      start = end;
    }
    onEpoch?.(epoch, lossSum / perm.length);
  }
  return [W, b];
}
