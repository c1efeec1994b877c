// Linear SVM: the functions are collected in one object, exported as the default.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type Cache = [Matrix, Matrix, Vector];

function forward(x: Matrix, w: Matrix, b: Vector): [Matrix, Cache] {
  const out: number[][] = [];
  for (let n = 0; n < x.length; n++) {
    const o = new Array<number>(b.length).fill(0);
    for (let k = 0; k < w.length; k++) {
      const v = x[n][k];
      for (let c = 0; c < o.length; c++) o[c] += v * w[k][c];
    }
    for (let c = 0; c < o.length; c++) o[c] += b[c];
    out.push(o);
  }
  return [out, [x, w, b]];
}

function backward(ds: Matrix, [x, w]: Cache): [Matrix, Vector] {
  const dw = w.map((r) => new Array<number>(r.length).fill(0));
  const db = new Array<number>(w[0].length).fill(0);
  for (let n = 0; n < ds.length; n++) {
    for (let k = 0; k < dw.length; k++) {
      for (let c = 0; c < db.length; c++) dw[k][c] += x[n][k] * ds[n][c];
    }
    for (let c = 0; c < db.length; c++) db[c] += ds[n][c];
  }
  return [dw, db];
}

function hinge(scores: Matrix, labels: number[]): [number, Matrix] {
  let loss = 0;
  const ds = scores.map((s, n) => {
    const y = labels[n];
    const g = new Array<number>(s.length).fill(0);
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const m = s[c] - s[y] + 1;
      if (m > 0) {
        loss += m;
        g[c] += 1;
        g[y] -= 1;
      }
    }
    return g;
  });
  return [loss, ds];
}

function randn(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function fit(
  x: Matrix,
  y: number[],
  { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch }: {
    batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void;
  } = {},
): [Matrix, Vector] {
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, randn));
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let sum = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const [scores, cache] = forward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = hinge(scores, ids.map((i) => y[i]));
      const [dW, db] = backward(ds, cache);
      sum += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, sum / x.length);
  }
  return [W, b];
}

export default {
  linearForward: forward,
  linearBackward: backward,
  svmLoss: hinge,
  train: fit,
};
