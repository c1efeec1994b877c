// Linear SVM, with a generator that yields the mini-batches of a shuffled epoch.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out: number[][] = [];
  for (const xn of x) {
    const row: number[] = [];
    for (let c = 0; c < b.length; c++) {
      let s = b[c];
      xn.forEach((v, k) => (s += v * w[k][c]));
      row.push(s);
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw = w.map((r) => Array.from(r, () => 0));
  const db = Array.from(w[0], () => 0);
  for (const [n, g] of ds.entries()) {
    for (const [c, v] of g.entries()) {
      db[c] += v;
      for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * v;
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (const [n, s] of scores.entries()) {
    const y = trueLabels[n];
    const g = Array.from(s, () => 0);
    for (const [c, v] of s.entries()) {
      if (c === y) continue;
      const m = v - s[y] + 1;
      if (m > 0) {
        loss += m;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    ds.push(g);
  }
  return [loss, ds];
}

function* miniBatches(n: number, size: number): Generator<number[]> {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  for (let s = 0; s < n; s += size) yield idx.slice(s, s + size);
}

function gauss(): number {
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
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, gauss));
  const b = Array.from({ length: 10 }, () => 1);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let total = 0;
    for (const ids of miniBatches(x.length, batchSize)) {
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (const [k, row] of W.entries()) for (let c = 0; c < row.length; c++) row[c] -= lr * dW[k][c];
      for (let c = 0; c < b.length; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
