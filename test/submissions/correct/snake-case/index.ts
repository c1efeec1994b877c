// The snake_case names: linear_forward, linear_backward, svm_loss (train keeps its name).

type Matrix = number[][];
type Cache = [Matrix, Matrix, number[]];

function zeros(rows: number, cols: number): Matrix {
  const m: Matrix = [];
  for (let i = 0; i < rows; i++) m.push(new Array<number>(cols).fill(0));
  return m;
}

export function linear_forward(x: Matrix, w: Matrix, b: number[]): [Matrix, Cache] {
  const out = zeros(x.length, b.length);
  for (let i = 0; i < x.length; i++) {
    for (let c = 0; c < b.length; c++) out[i][c] = b[c];
    for (let k = 0; k < w.length; k++) {
      for (let c = 0; c < b.length; c++) out[i][c] += x[i][k] * w[k][c];
    }
  }
  return [out, [x, w, b]];
}

export function linear_backward(ds: Matrix, cache: Cache): [Matrix, number[]] {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw = zeros(w.length, classes);
  const db = new Array<number>(classes).fill(0);
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < w.length; k++) {
      for (let c = 0; c < classes; c++) dw[k][c] += x[i][k] * ds[i][c];
    }
    for (let c = 0; c < classes; c++) db[c] += ds[i][c];
  }
  return [dw, db];
}

export function svm_loss(scores: Matrix, true_labels: number[]): [number, Matrix] {
  let loss = 0;
  const ds = zeros(scores.length, scores.length > 0 ? scores[0].length : 0);
  for (let i = 0; i < scores.length; i++) {
    const y = true_labels[i];
    for (let c = 0; c < scores[i].length; c++) {
      if (c === y) continue;
      const margin = scores[i][c] - scores[i][y] + 1;
      if (margin > 0) {
        loss += margin;
        ds[i][c] = 1;
        ds[i][y] -= 1;
      }
    }
  }
  return [loss, ds];
}

function random_normal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, number[]] {
  const batch_size = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;
  const num_samples = x.length;
  const num_inputs = x[0].length;
  const num_classes = 10;

  const W = zeros(num_inputs, num_classes);
  for (let k = 0; k < num_inputs; k++) {
    for (let c = 0; c < num_classes; c++) W[k][c] = random_normal();
  }
  const b = new Array<number>(num_classes).fill(1);
  const order = Array.from({ length: num_samples }, (_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = num_samples - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    let epoch_loss = 0;
    for (let start = 0; start < num_samples; start += batch_size) {
      const idx = order.slice(start, start + batch_size);
      const [scores, cache] = linear_forward(idx.map((i) => x[i]), W, b);
      const [loss, ds] = svm_loss(scores, idx.map((i) => y[i]));
      const [dW, db] = linear_backward(ds, cache);
      epoch_loss += loss;
      for (let k = 0; k < num_inputs; k++) {
        for (let c = 0; c < num_classes; c++) W[k][c] -= lr * dW[k][c];
      }
      for (let c = 0; c < num_classes; c++) b[c] -= lr * db[c];
    }
    options.onEpoch?.(epoch, epoch_loss / num_samples);
  }
  return [W, b];
}
