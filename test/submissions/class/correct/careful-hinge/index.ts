// Linear SVM. The hinge is written with explicit loops, one class at a time; the loss is summed
// with Kahan compensation so that large batches do not lose digits.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const B = x.length;
  const I = w.length;
  const C = b.length;
  const out: number[][] = new Array(B);
  for (let n = 0; n < B; n++) {
    const row = new Array<number>(C);
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let k = 0; k < I; k++) acc += x[n][k] * w[k][c];
      row[c] = acc + b[c];
    }
    out[n] = row;
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const x = cache[0];
  const I = cache[1].length;
  const C = cache[1][0].length;
  const B = ds.length;
  const dw: number[][] = new Array(I);
  for (let k = 0; k < I; k++) {
    const row = new Array<number>(C);
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let n = 0; n < B; n++) acc += x[n][k] * ds[n][c];
      row[c] = acc;
    }
    dw[k] = row;
  }
  const db = new Array<number>(C);
  for (let c = 0; c < C; c++) {
    let acc = 0;
    for (let n = 0; n < B; n++) acc += ds[n][c];
    db[c] = acc;
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const B = scores.length;
  const ds: number[][] = new Array(B);
  let sum = 0;
  let comp = 0; // Kahan compensation
  for (let n = 0; n < B; n++) {
    const s = scores[n];
    const C = s.length;
    const y = trueLabels[n];
    if (!Number.isInteger(y) || y < 0 || y >= C) throw new RangeError(`label ${y} out of range`);
    const correct = s[y];
    const g = new Array<number>(C);
    let violations = 0;
    for (let c = 0; c < C; c++) {
      g[c] = 0;
      if (c === y) continue;
      const margin = s[c] - correct + 1;
      if (margin > 0) {
        const t = margin - comp;
        const next = sum + t;
        comp = next - sum - t;
        sum = next;
        g[c] = 1;
        violations += 1;
      }
    }
    g[y] = -violations;
    ds[n] = g;
  }
  return [sum, ds];
}

function standardNormal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const N = x.length, I = x[0].length, C = 10;
  const W: number[][] = [];
  for (let k = 0; k < I; k++) {
    const row: number[] = [];
    for (let c = 0; c < C; c++) row.push(standardNormal());
    W.push(row);
  }
  const b = new Array<number>(C).fill(1);
  const order: number[] = [];
  for (let n = 0; n < N; n++) order.push(n);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
    let epochLoss = 0;
    for (let start = 0; start < N; start += batchSize) {
      const ids = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;
      for (let k = 0; k < I; k++) for (let c = 0; c < C; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < C; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, epochLoss / N);
  }
  return [W, b];
}
