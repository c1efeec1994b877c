// Linear SVM on the digits. Everything is kept in flat Float64Array buffers (row-major) for speed;
// the public functions convert at the boundary, rows are handed back as Float64Array views.

type Row = number[] | Float64Array;
type Matrix = Row[];
type Vector = number[] | Float64Array;
type LinearCache = [x: Matrix, w: Matrix, b: Vector];

function flatten(m: Matrix, cols: number): Float64Array {
  const buf = new Float64Array(m.length * cols);
  for (let i = 0; i < m.length; i++) buf.set(m[i] as ArrayLike<number>, i * cols);
  return buf;
}

function rowsOf(buf: Float64Array, rows: number, cols: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) out.push(buf.subarray(i * cols, (i + 1) * cols));
  return out;
}

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const B = x.length, I = w.length, C = b.length;
  const W = flatten(w, C);
  const out = new Float64Array(B * C);
  for (let n = 0; n < B; n++) {
    const xn = x[n];
    const o = n * C;
    for (let c = 0; c < C; c++) out[o + c] = b[c];
    for (let k = 0; k < I; k++) {
      const v = xn[k];
      if (v === 0) continue;
      const wk = k * C;
      for (let c = 0; c < C; c++) out[o + c] += v * W[wk + c];
    }
  }
  return [rowsOf(out, B, C), [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const B = ds.length, I = w.length, C = w[0].length;
  const dw = new Float64Array(I * C);
  const db = new Float64Array(C);
  for (let n = 0; n < B; n++) {
    const xn = x[n], dn = ds[n];
    for (let c = 0; c < C; c++) db[c] += dn[c];
    for (let k = 0; k < I; k++) {
      const v = xn[k];
      for (let c = 0; c < C; c++) dw[k * C + c] += v * dn[c];
    }
  }
  return [rowsOf(dw, I, C), db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const B = scores.length, C = scores[0].length;
  const ds = new Float64Array(B * C);
  let loss = 0;
  for (let n = 0; n < B; n++) {
    const s = scores[n], y = trueLabels[n];
    let violated = 0;
    for (let c = 0; c < C; c++) {
      if (c === y) continue;
      const m = s[c] - s[y] + 1;
      if (m > 0) {
        loss += m;
        ds[n * C + c] = 1;
        violated++;
      }
    }
    ds[n * C + y] = -violated;
  }
  return [loss, rowsOf(ds, B, C)];
}

function gauss(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;
  const N = x.length, I = x[0].length, C = 10;

  const W = new Float64Array(I * C);
  for (let i = 0; i < W.length; i++) W[i] = gauss();
  const b = new Float64Array(C).fill(1);
  const Wrows = rowsOf(W, I, C); // views: updating W updates these

  const idx = new Int32Array(N);
  for (let i = 0; i < N; i++) idx[i] = i;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    let total = 0;
    for (let s = 0; s < N; s += batchSize) {
      const e = Math.min(N, s + batchSize);
      const bx: Matrix = [];
      const by: number[] = [];
      for (let i = s; i < e; i++) { bx.push(x[idx[i]]); by.push(y[idx[i]]); }
      const [scores, cache] = linearForward(bx, Wrows, b);
      const [loss, ds] = svmLoss(scores, by);
      const [dw, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < I; k++) {
        const g = dw[k];
        for (let c = 0; c < C; c++) W[k * C + c] -= lr * g[c];
      }
      for (let c = 0; c < C; c++) b[c] -= lr * db[c];
    }
    if (options.onEpoch) options.onEpoch(epoch, total / N);
  }
  return [Wrows, b];
}
