// Linear classifier, small random start (uniform in [-0.005, 0.005)) like in the lecture notes.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;

const rand = Math.random;

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, [Matrix, Matrix, Vector]] {
  const out = [];
  for (let n = 0; n < x.length; n++) {
    const row = [];
    for (let c = 0; c < b.length; c++) {
      let v = b[c];
      for (let k = 0; k < w.length; k++) v += x[n][k] * w[k][c];
      row.push(v);
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, [x, w]: [Matrix, Matrix, Vector]): [Matrix, Vector] {
  const dw = [];
  for (let k = 0; k < w.length; k++) {
    const row = [];
    for (let c = 0; c < w[k].length; c++) {
      let v = 0;
      for (let n = 0; n < ds.length; n++) v += x[n][k] * ds[n][c];
      row.push(v);
    }
    dw.push(row);
  }
  const db = [];
  for (let c = 0; c < ds[0].length; c++) {
    let v = 0;
    for (let n = 0; n < ds.length; n++) v += ds[n][c];
    db.push(v);
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds = [];
  for (let n = 0; n < scores.length; n++) {
    const y = trueLabels[n];
    const d = [];
    let count = 0;
    for (let c = 0; c < scores[n].length; c++) {
      const m = scores[n][c] - scores[n][y] + 1;
      if (c !== y && m > 0) {
        loss += m;
        count++;
        d.push(1);
      } else d.push(0);
    }
    d[y] = -count;
    ds.push(d);
  }
  return [loss, ds];
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;
  const W: number[][] = [];
  for (let k = 0; k < x[0].length; k++) {
    const row: number[] = [];
    for (let c = 0; c < 10; c++) row.push(0.01 * (rand() - 0.5));
    W.push(row);
  }
  const b: number[] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  const idx = x.map((_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    let total = 0;
    for (let s = 0; s < idx.length; s += batchSize) {
      const part = idx.slice(s, s + batchSize);
      const [scores, cache] = linearForward(part.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, part.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    if (options.onEpoch) options.onEpoch(epoch, total / idx.length);
  }
  return [W, b];
}
