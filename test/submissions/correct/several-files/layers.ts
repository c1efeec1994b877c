import type { Cache, Matrix } from './types';

/** out = x @ w + b */
export function linearForward(x: Matrix, w: Matrix, b: number[]): [Matrix, Cache] {
  const out: Matrix = [];
  for (let n = 0; n < x.length; n++) {
    const row = b.slice();
    for (let k = 0; k < w.length; k++) {
      for (let c = 0; c < row.length; c++) row[c] += x[n][k] * w[k][c];
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

/** dw = x^T @ ds, db = column sums of ds */
export function linearBackward(ds: Matrix, cache: Cache): [Matrix, number[]] {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw: Matrix = w.map(() => new Array<number>(classes).fill(0));
  const db = new Array<number>(classes).fill(0);
  for (let n = 0; n < x.length; n++) {
    for (let c = 0; c < classes; c++) {
      const g = ds[n][c];
      db[c] += g;
      for (let k = 0; k < w.length; k++) dw[k][c] += x[n][k] * g;
    }
  }
  return [dw, db];
}
