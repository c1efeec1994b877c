// Linear SVM. In svmLoss I shift each row of scores by its maximum first, like for softmax:
// the hinge only looks at differences of scores so it does not change anything, and it keeps
// the numbers small.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [Matrix, Matrix, Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out = x.map((xn) => {
    const o = new Array<number>(b.length).fill(0);
    for (let k = 0; k < xn.length; k++) for (let c = 0; c < o.length; c++) o[c] += xn[k] * w[k][c];
    return o.map((v, c) => v + b[c]);
  });
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw = w.map((r) => new Array<number>(r.length).fill(0));
  const db = new Array<number>(w[0].length).fill(0);
  for (let n = 0; n < ds.length; n++) {
    for (let c = 0; c < db.length; c++) {
      const g = ds[n][c];
      db[c] += g;
      for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * g;
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const max = Math.max(...scores[n]);
    const s = Array.from(scores[n], (v) => v - max);
    const y = trueLabels[n];
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
    ds.push(g);
  }
  return [loss / scores.length, ds];
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
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, randn));
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
