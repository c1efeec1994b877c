/** A dense row-major matrix of doubles. */
export class Mat {
  readonly data: Float64Array;
  constructor(readonly rows: number, readonly cols: number, data?: Float64Array) {
    this.data = data ?? new Float64Array(rows * cols);
  }

  static from(m: ArrayLike<ArrayLike<number>>): Mat {
    const rows = m.length;
    const cols = rows ? m[0].length : 0;
    const out = new Mat(rows, cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[i * cols + j] = m[i][j];
    return out;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  matmul(o: Mat): Mat {
    if (this.cols !== o.rows) throw new Error(`shape mismatch ${this.rows}x${this.cols} @ ${o.rows}x${o.cols}`);
    const out = new Mat(this.rows, o.cols);
    for (let i = 0; i < this.rows; i++)
      for (let k = 0; k < this.cols; k++) {
        const a = this.data[i * this.cols + k];
        if (a === 0) continue;
        for (let j = 0; j < o.cols; j++) out.data[i * o.cols + j] += a * o.data[k * o.cols + j];
      }
    return out;
  }

  transpose(): Mat {
    const out = new Mat(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) out.set(j, i, this.get(i, j));
    return out;
  }

  addRow(v: ArrayLike<number>): Mat {
    const out = new Mat(this.rows, this.cols, this.data.slice());
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) out.data[i * this.cols + j] += v[j];
    return out;
  }

  colSums(): Float64Array {
    const s = new Float64Array(this.cols);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) s[j] += this.get(i, j);
    return s;
  }

  /** this -= alpha * o, in place */
  subScaled(o: Mat, alpha: number): void {
    for (let i = 0; i < this.data.length; i++) this.data[i] -= alpha * o.data[i];
  }

  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }
}
