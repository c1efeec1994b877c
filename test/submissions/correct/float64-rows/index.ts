// Every returned matrix is an array of Float64Array rows; vectors are Float64Arrays.

type Row = number[] | Float64Array;
type Matrix = Row[];
type Vector = number[] | Float64Array;
type Cache = [x: Matrix, w: Matrix, b: Vector];

function zeros(rows: number, cols: number): Float64Array[] {
  const m: Float64Array[] = [];
  for (let i = 0; i < rows; i++) m.push(new Float64Array(cols));
  return m;
}

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Float64Array[], Cache] {
  const classes = b.length;
  const out = zeros(x.length, classes);
  for (let n = 0; n < x.length; n++) {
    const o = out[n];
    o.set(b);
    const xn = x[n];
    for (let k = 0; k < w.length; k++) {
      const wk = w[k];
      for (let c = 0; c < classes; c++) o[c] += xn[k] * wk[c];
    }
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: Cache): [Float64Array[], Float64Array] {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw = zeros(w.length, classes);
  const db = new Float64Array(classes);
  for (let n = 0; n < x.length; n++) {
    const xn = x[n];
    const g = ds[n];
    for (let c = 0; c < classes; c++) db[c] += g[c];
    for (let k = 0; k < w.length; k++) {
      const row = dw[k];
      for (let c = 0; c < classes; c++) row[c] += xn[k] * g[c];
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Float64Array[]] {
  const classes = scores.length > 0 ? scores[0].length : 0;
  const ds = zeros(scores.length, classes);
  let loss = 0;
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const g = ds[n];
    for (let c = 0; c < classes; c++) {
      if (c === y) continue;
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        loss += margin;
        g[c] = 1;
        g[y] -= 1;
      }
    }
  }
  return [loss, ds];
}

function gaussian(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Float64Array[], Float64Array] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const inputs = x[0].length;
  const W = zeros(inputs, 10);
  for (const row of W) for (let c = 0; c < 10; c++) row[c] = gaussian();
  const b = new Float64Array(10).fill(1);
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
        const row = W[k];
        const g = dW[k];
        for (let c = 0; c < 10; c++) row[c] -= lr * g[c];
      }
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [W, b];
}
