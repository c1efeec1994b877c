// Everything behind one default-exported object; no named exports.

type Matrix = number[][];
type Cache = [Matrix, Matrix, number[]];
interface Options {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

function linearForward(x: Matrix, w: Matrix, b: number[]): [Matrix, Cache] {
  const out: Matrix = [];
  for (const row of x) {
    const o = b.slice();
    for (let k = 0; k < row.length; k++) {
      const xk = row[k];
      const wk = w[k];
      for (let c = 0; c < o.length; c++) o[c] += xk * wk[c];
    }
    out.push(o);
  }
  return [out, [x, w, b]];
}

function linearBackward(ds: Matrix, cache: Cache): [Matrix, number[]] {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw: Matrix = w.map(() => new Array<number>(classes).fill(0));
  const db = new Array<number>(classes).fill(0);
  x.forEach((row, n) => {
    const g = ds[n];
    for (let c = 0; c < classes; c++) {
      db[c] += g[c];
      for (let k = 0; k < row.length; k++) dw[k][c] += row[k] * g[c];
    }
  });
  return [dw, db];
}

function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: Matrix = [];
  scores.forEach((s, n) => {
    const y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    for (let c = 0; c < s.length; c++) {
      const margin = s[c] - s[y] + 1;
      if (c !== y && margin > 0) {
        loss += margin;
        g[c] = 1;
        g[y]--;
      }
    }
    ds.push(g);
  });
  return [loss, ds];
}

function normal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function train(x: Matrix, y: number[], options: Options = {}): [Matrix, number[]] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W: Matrix = x[0].map(() => Array.from({ length: 10 }, normal));
  const b: number[] = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(batch.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, batch.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      W.forEach((row, k) => row.forEach((_, c) => (row[c] -= lr * dW[k][c])));
      b.forEach((_, c) => (b[c] -= lr * db[c]));
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}

export default { linearForward, linearBackward, svmLoss, train };
