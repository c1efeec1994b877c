// Linear SVM on digits. onEpoch gets the mean loss so I can plot the curve (the index is the epoch).

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type Cache = [Matrix, Matrix, Vector];

interface Options {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (meanLoss: number) => void;
}

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, Cache] {
  const out = x.map((xn) => Array.from(b, (bc, c) => {
    let s = bc;
    for (let k = 0; k < xn.length; k++) s += xn[k] * w[k][c];
    return s;
  }));
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: Cache): [Matrix, Vector] {
  const [x, w] = cache;
  const C = w[0].length;
  const dw = w.map(() => new Array<number>(C).fill(0));
  const db = new Array<number>(C).fill(0);
  for (let n = 0; n < ds.length; n++) {
    const xn = x[n];
    for (let c = 0; c < C; c++) {
      const g = ds[n][c];
      db[c] += g;
      for (let k = 0; k < xn.length; k++) dw[k][c] += xn[k] * g;
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds = scores.map((s, n) => {
    const y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    let k = 0;
    for (let c = 0; c < s.length; c++) {
      if (c !== y && s[c] - s[y] + 1 > 0) {
        loss += s[c] - s[y] + 1;
        g[c] = 1;
        k++;
      }
    }
    g[y] = -k;
    return g;
  });
  return [loss, ds];
}

function randn(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(x: Matrix, y: number[], options: Options = {}): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, randn));
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
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
    onEpoch?.(total / x.length);
  }
  return [W, b];
}
