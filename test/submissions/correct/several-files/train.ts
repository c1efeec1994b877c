import { linearBackward, linearForward } from './layers';
import { svmLoss } from './loss';
import { randn, shuffle } from './random';
import type { Matrix } from './types';

export interface TrainOptions {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

export function train(x: Matrix, y: number[], options: TrainOptions = {}): [Matrix, number[]] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const inputs = x[0].length;
  const classes = 10;
  const W: Matrix = Array.from({ length: inputs }, () => Array.from({ length: classes }, () => randn()));
  const b = new Array<number>(classes).fill(1);
  const order = Array.from({ length: x.length }, (_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order);
    let total = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(batch.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, batch.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < inputs; k++) {
        for (let c = 0; c < classes; c++) W[k][c] -= lr * dW[k][c];
      }
      for (let c = 0; c < classes; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
