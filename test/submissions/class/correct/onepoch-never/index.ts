// Linear classifier + multiclass hinge loss. (I didn't need the per-epoch callback.)

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out: Matrix = [];
  for (let n = 0; n < x.length; n++) {
    const row = new Float64Array(b.length);
    for (let c = 0; c < b.length; c++) {
      let s = 0;
      for (let k = 0; k < w.length; k++) s += x[n][k] * w[k][c];
      row[c] = s + b[c];
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw: Matrix = [];
  for (let k = 0; k < w.length; k++) {
    const row = new Float64Array(w[k].length);
    for (let c = 0; c < row.length; c++) {
      let s = 0;
      for (let n = 0; n < ds.length; n++) s += x[n][k] * ds[n][c];
      row[c] = s;
    }
    dw.push(row);
  }
  const db = new Float64Array(w[0].length);
  for (let n = 0; n < ds.length; n++) for (let c = 0; c < db.length; c++) db[c] += ds[n][c];
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let total = 0;
  const ds: Matrix = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const g = new Float64Array(s.length);
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        total += margin;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    ds.push(g);
  }
  return [total, ds];
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
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;
  const W: Float64Array[] = [];
  for (let k = 0; k < x[0].length; k++) W.push(Float64Array.from({ length: 10 }, randn));
  const b = new Float64Array(10).fill(1);
  const order = x.map((_, i) => i);

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
  }
  return [W, b];
}
