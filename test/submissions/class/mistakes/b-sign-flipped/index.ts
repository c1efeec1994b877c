// Ported from my numpy version of the assignment, so the names stay snake_case.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [Matrix, Matrix, Vector];

const NUM_CLASSES = 10;

function zeros(rows: number, cols: number): number[][] {
  const m: number[][] = [];
  for (let i = 0; i < rows; i++) m.push(new Array<number>(cols).fill(0));
  return m;
}

export function linear_forward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const n_samples = x.length;
  const n_in = w.length;
  const n_out = w[0].length;
  const out = zeros(n_samples, n_out);
  for (let i = 0; i < n_samples; i++) {
    for (let j = 0; j < n_out; j++) {
      let acc = 0;
      for (let k = 0; k < n_in; k++) acc += x[i][k] * w[k][j];
      out[i][j] = acc + b[j];
    }
  }
  const cache: LinearCache = [x, w, b];
  return [out, cache];
}

export function linear_backward(d_out: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const n_in = w.length;
  const n_out = w[0].length;
  const d_w = zeros(n_in, n_out);
  const d_b = new Array<number>(n_out).fill(0);
  for (let i = 0; i < d_out.length; i++) {
    for (let j = 0; j < n_out; j++) {
      d_b[j] += d_out[i][j];
      for (let k = 0; k < n_in; k++) d_w[k][j] += x[i][k] * d_out[i][j];
    }
  }
  return [d_w, d_b];
}

export function svm_loss(scores: Matrix, true_labels: number[]): [number, Matrix] {
  const n_samples = scores.length;
  const n_classes = scores[0].length;
  const d_scores = zeros(n_samples, n_classes);
  let loss = 0;
  for (let i = 0; i < n_samples; i++) {
    const y_i = true_labels[i];
    const correct_score = scores[i][y_i];
    let num_pos = 0;
    for (let j = 0; j < n_classes; j++) {
      if (j === y_i) continue;
      const margin = scores[i][j] - correct_score + 1;
      if (margin > 0) {
        loss += margin;
        d_scores[i][j] = 1;
        num_pos += 1;
      }
    }
    d_scores[i][y_i] = -num_pos;
  }
  return [loss, d_scores];
}

function randn(): number {
  const u1 = 1 - Math.random();
  const u2 = Math.random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const batch_size = options.batchSize ?? 256;
  const num_epochs = options.epochs ?? 100;
  const learning_rate = options.lr ?? 5e-3;
  const n_samples = x.length;
  const n_features = x[0].length;

  const w = zeros(n_features, NUM_CLASSES).map((row) => row.map(() => randn()));
  const b = new Array<number>(NUM_CLASSES).fill(1);
  const indices = Array.from({ length: n_samples }, (_, i) => i);

  for (let epoch = 1; epoch <= num_epochs; epoch++) {
    for (let i = n_samples - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    let total_loss = 0;
    for (let start = 0; start < n_samples; start += batch_size) {
      const batch_idx = indices.slice(start, start + batch_size);
      const x_batch = batch_idx.map((i) => x[i]);
      const y_batch = batch_idx.map((i) => y[i]);
      const [scores, cache] = linear_forward(x_batch, w, b);
      const [loss, d_scores] = svm_loss(scores, y_batch);
      const [d_w, d_b] = linear_backward(d_scores, cache);
      total_loss += loss;
      for (let k = 0; k < n_features; k++) {
        for (let j = 0; j < NUM_CLASSES; j++) w[k][j] -= learning_rate * d_w[k][j];
      }
      for (let j = 0; j < NUM_CLASSES; j++) b[j] += learning_rate * d_b[j];
    }
    if (options.onEpoch) options.onEpoch(epoch, total_loss / n_samples);
  }
  return [w, b];
}
