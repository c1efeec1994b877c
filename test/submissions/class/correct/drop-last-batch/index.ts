// Linear SVM. I only use full mini-batches: the leftover samples at the end of an epoch
// (1500 = 5 * 256 + 220) are skipped, they get their turn in another epoch after the reshuffle.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const I = w.length, C = b.length;
  const out = x.map((xn) => {
    const o = new Float64Array(C);
    for (let c = 0; c < C; c++) o[c] = b[c];
    for (let k = 0; k < I; k++) for (let c = 0; c < C; c++) o[c] += xn[k] * w[k][c];
    return o;
  });
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const I = w.length, C = w[0].length;
  const dw = Array.from({ length: I }, () => new Float64Array(C));
  const db = new Float64Array(C);
  for (let n = 0; n < ds.length; n++) {
    for (let c = 0; c < C; c++) {
      const g = ds[n][c];
      db[c] += g;
      for (let k = 0; k < I; k++) dw[k][c] += x[n][k] * g;
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds = scores.map((s, n) => {
    const y = trueLabels[n];
    const g = new Float64Array(s.length);
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const m = s[c] - s[y] + 1;
      if (m > 0) {
        loss += m;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    return g;
  });
  return [loss, ds];
}

function standardNormal(): number {
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
  const N = x.length;
  const W = Array.from({ length: x[0].length }, () => Float64Array.from({ length: 10 }, standardNormal));
  const b = new Float64Array(10).fill(1);
  const order = Array.from({ length: N }, (_, i) => i);
  // a batch larger than the data set would leave nothing: then use the whole set
  const size = Math.min(batchSize, N);
  const fullBatches = Math.floor(N / size);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let t = 0; t < fullBatches; t++) {
      const ids = order.slice(t * size, (t + 1) * size);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / (fullBatches * size));
  }
  return [W, b];
}
