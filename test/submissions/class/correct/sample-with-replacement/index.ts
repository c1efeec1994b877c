// Stochastic version: each mini-batch is drawn at random *with replacement* from the training
// set, and an epoch is ceil(N / batchSize) such batches (as in the SGD chapter of the notes).

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type Cache = [Matrix, Matrix, Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, Cache] {
  const out: number[][] = [];
  for (const xn of x) {
    const row: number[] = [];
    for (let c = 0; c < b.length; c++) {
      let s = b[c];
      for (let k = 0; k < xn.length; k++) s += xn[k] * w[k][c];
      row.push(s);
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: Cache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw: number[][] = w.map((r) => new Array<number>(r.length).fill(0));
  const db: number[] = new Array<number>(w[0].length).fill(0);
  for (let n = 0; n < ds.length; n++) {
    for (let c = 0; c < db.length; c++) {
      db[c] += ds[n][c];
      for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * ds[n][c];
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n], y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    for (let c = 0; c < s.length; c++) {
      if (c !== y) {
        const m = s[c] - s[y] + 1;
        if (m > 0) { loss += m; g[c] = 1; g[y] -= 1; }
      }
    }
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
  const N = x.length;
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, randn));
  const b = new Array<number>(10).fill(1);
  const batchesPerEpoch = Math.ceil(N / batchSize);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    let total = 0;
    let seen = 0;
    for (let t = 0; t < batchesPerEpoch; t++) {
      const size = Math.min(batchSize, N);
      const bx: Matrix = [];
      const by: number[] = [];
      for (let i = 0; i < size; i++) {
        const j = Math.floor(Math.random() * N);
        bx.push(x[j]);
        by.push(y[j]);
      }
      const [scores, cache] = linearForward(bx, W, b);
      const [loss, ds] = svmLoss(scores, by);
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      seen += size;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / seen);
  }
  return [W, b];
}
