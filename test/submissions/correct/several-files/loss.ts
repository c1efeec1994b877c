import type { Matrix } from './types';

/** Multiclass SVM loss (margin 1), summed over the batch, and its gradient. */
export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: Matrix = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    let count = 0;
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        loss += margin;
        g[c] = 1;
        count++;
      }
    }
    g[y] = -count;
    ds.push(g);
  }
  return [loss, ds];
}
