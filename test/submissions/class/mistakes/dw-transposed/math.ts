// Small matrix helpers used by index.ts.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;

export function zeros(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** a (n x m) @ b (m x p) */
export function matmul(a: Matrix, b: Matrix): number[][] {
  const n = a.length, m = b.length, p = b[0].length;
  const out = zeros(n, p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i][k];
      for (let j = 0; j < p; j++) out[i][j] += aik * b[k][j];
    }
  }
  return out;
}

export function transpose(a: Matrix): number[][] {
  const out = zeros(a[0].length, a.length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[0].length; j++) out[j][i] = a[i][j];
  return out;
}

export function columnSums(a: Matrix): number[] {
  const out = new Array<number>(a[0].length).fill(0);
  for (const row of a) for (let j = 0; j < row.length; j++) out[j] += row[j];
  return out;
}
