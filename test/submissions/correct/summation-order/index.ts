// Same maths, different summation order: the forward pass sums k from the last input down,
// the backward pass and the loss go over the batch from the last row to the first.

type Matrix = number[][];
type Cache = [Matrix, Matrix, number[]];

export function linearForward(x: Matrix, w: Matrix, b: number[]): [Matrix, Cache] {
  const classes = b.length;
  const out: Matrix = [];
  for (let n = 0; n < x.length; n++) {
    const row = new Array<number>(classes);
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let k = w.length - 1; k >= 0; k--) s += x[n][k] * w[k][c];
      row[c] = s + b[c];
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: Cache): [Matrix, number[]] {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw: Matrix = w.map(() => new Array<number>(classes).fill(0));
  const db = new Array<number>(classes).fill(0);
  for (let n = x.length - 1; n >= 0; n--) {
    for (let k = w.length - 1; k >= 0; k--) {
      for (let c = classes - 1; c >= 0; c--) dw[k][c] += x[n][k] * ds[n][c];
    }
    for (let c = classes - 1; c >= 0; c--) db[c] += ds[n][c];
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const ds: Matrix = scores.map((s) => new Array<number>(s.length).fill(0));
  let loss = 0;
  for (let n = scores.length - 1; n >= 0; n--) {
    const s = scores[n];
    const y = trueLabels[n];
    for (let c = s.length - 1; c >= 0; c--) {
      if (c === y) continue;
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        loss += margin;
        ds[n][c] = 1;
        ds[n][y] -= 1;
      }
    }
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
): [Matrix, number[]] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const inputs = x[0].length;
  const W: Matrix = [];
  for (let k = 0; k < inputs; k++) {
    const row: number[] = [];
    for (let c = 0; c < 10; c++) row.push(randn());
    W.push(row);
  }
  const b = new Array<number>(10).fill(1);
  const order = Array.from({ length: x.length }, (_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let start = 0; start < x.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(batch.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, batch.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < inputs; k++) {
        for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      }
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
