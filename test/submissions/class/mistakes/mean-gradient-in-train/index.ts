// Linear SVM. I think of the batch gradient as the sum of per-sample gradients, so the
// backward pass adds one outer product x_n (ds_n)^T per sample, and train accumulates the
// per-sample gradients of a batch before taking one step.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [Matrix, Matrix, Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out: number[][] = [];
  for (const xn of x) {
    const o = Array.from(b);
    for (let k = 0; k < w.length; k++) for (let c = 0; c < o.length; c++) o[c] += xn[k] * w[k][c];
    out.push(o);
  }
  return [out, [x, w, b]];
}

function addOuter(dw: number[][], xn: ArrayLike<number>, g: ArrayLike<number>): void {
  for (let k = 0; k < dw.length; k++) for (let c = 0; c < g.length; c++) dw[k][c] += xn[k] * g[c];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw = w.map((r) => new Array<number>(r.length).fill(0));
  const db = new Array<number>(w[0].length).fill(0);
  for (let n = 0; n < ds.length; n++) {
    addOuter(dw, x[n], ds[n]);
    for (let c = 0; c < db.length; c++) db[c] += ds[n][c];
  }
  return [dw, db];
}

function sampleHinge(s: ArrayLike<number>, y: number): [number, number[]] {
  let loss = 0;
  const g = new Array<number>(s.length).fill(0);
  for (let c = 0; c < s.length; c++) {
    if (c === y) continue;
    const m = s[c] - s[y] + 1;
    if (m > 0) {
      loss += m;
      g[c] = 1;
      g[y] -= 1;
    }
  }
  return [loss, g];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const [l, g] = sampleHinge(scores[n], trueLabels[n]);
    loss += l;
    ds.push(g);
  }
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
  const I = x[0].length, C = 10;
  const W = Array.from({ length: I }, () => Array.from({ length: C }, randn));
  const b = new Array<number>(C).fill(1);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const dW = Array.from({ length: I }, () => new Array<number>(C).fill(0));
      const db = new Array<number>(C).fill(0);
      const end = Math.min(s + batchSize, order.length);
      for (let t = s; t < end; t++) {
        const n = order[t];
        const [[scores]] = linearForward([x[n]], W, b);
        const [l, g] = sampleHinge(scores, y[n]);
        total += l;
        addOuter(dW, x[n], g);
        for (let c = 0; c < C; c++) db[c] += g[c];
      }
      const m = end - s;
      for (let k = 0; k < I; k++) for (let c = 0; c < C; c++) W[k][c] -= (lr * dW[k][c]) / m;
      for (let c = 0; c < C; c++) b[c] -= (lr * db[c]) / m;
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
