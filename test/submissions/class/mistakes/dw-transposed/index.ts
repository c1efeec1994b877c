import { columnSums, matmul, transpose, zeros, type Matrix, type Vector } from './math.ts';
import { gaussian, shuffleInPlace } from './random.ts';

export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out = matmul(x, w);
  for (const row of out) for (let c = 0; c < row.length; c++) row[c] += b[c];
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x] = cache;
  return [matmul(transpose(ds), x), columnSums(ds)];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const ds = zeros(scores.length, scores[0].length);
  let loss = 0;
  scores.forEach((s, n) => {
    const y = trueLabels[n];
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        loss += margin;
        ds[n][c] += 1;
        ds[n][y] -= 1;
      }
    }
  });
  return [loss, ds];
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W = zeros(x[0].length, 10).map((row) => row.map(gaussian));
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffleInPlace(order);
    let sum = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const ids = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      sum += loss;
      W.forEach((row, k) => {
        for (let c = 0; c < row.length; c++) row[c] -= lr * dW[c][k];
      });
      for (let c = 0; c < b.length; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, sum / x.length);
  }
  return [W, b];
}
