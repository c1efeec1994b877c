// Linear SVM for the digits. Box-Muller gives two independent normals per pair of uniforms,
// so I keep the second one (the sine) for the next call instead of throwing it away.

export type Matrix = (number[] | Float64Array)[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

let spare: number | null = null;

function boxMuller(): number {
  if (spare !== null) {
    const s = spare;
    spare = null;
    return s;
  }
  let u = 0;
  while (u === 0) u = Math.random();
  const v = Math.random();
  const r = Math.sqrt(-2 * Math.log(u));
  spare = r * Math.sin(2 * Math.PI * v);
  return r * Math.cos(2 * Math.PI * v);
}

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out = x.map((xn) => {
    const row = new Array<number>(b.length);
    for (let c = 0; c < b.length; c++) {
      let acc = 0;
      for (let k = 0; k < xn.length; k++) acc += xn[k] * w[k][c];
      row[c] = acc + b[c];
    }
    return row;
  });
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  // gradient flowing back: ds @ w^T
  const dw = x.map((xn, n) => Array.from(xn, (_, k) => {
    let acc = 0;
    for (let c = 0; c < ds[n].length; c++) acc += ds[n][c] * w[k][c];
    return acc;
  }));
  const db = Array.from(w[0], (_, c) => {
    let acc = 0;
    for (let n = 0; n < ds.length; n++) acc += ds[n][c];
    return acc;
  });
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds = scores.map((s, n) => {
    const y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const m = s[c] - s[y] + 1;
      if (m > 0) { loss += m; g[c] = 1; g[y]--; }
    }
    return g;
  });
  return [loss, ds];
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  spare = null;
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, boxMuller));
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let epochLoss = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const ids = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, epochLoss / x.length);
  }
  return [W, b];
}
