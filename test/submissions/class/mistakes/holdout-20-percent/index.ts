// Linear SVM. I find named fields clearer than tuples, so every function returns an object
// ({out, cache}, {dw, db}, {loss, ds}, {W, b}), which the homework allows.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

export function linearForward(x: Matrix, w: Matrix, b: Vector): { out: Matrix; cache: LinearCache } {
  const out: number[][] = [];
  for (const xn of x) {
    const o: number[] = [];
    for (let c = 0; c < b.length; c++) {
      let s = b[c];
      for (let k = 0; k < w.length; k++) s += xn[k] * w[k][c];
      o.push(s);
    }
    out.push(o);
  }
  return { out, cache: [x, w, b] };
}

export function linearBackward(ds: Matrix, cache: LinearCache): { dw: Matrix; db: Vector } {
  const [x, w] = cache;
  const dw = w.map((row) => row.map(() => 0) as number[]);
  const db = Array.from(w[0], () => 0);
  for (let n = 0; n < ds.length; n++) {
    for (let c = 0; c < db.length; c++) {
      db[c] += ds[n][c];
      for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * ds[n][c];
    }
  }
  return { dw, db };
}

export function svmLoss(scores: Matrix, trueLabels: number[]): { loss: number; ds: Matrix } {
  let loss = 0;
  const ds: number[][] = [];
  scores.forEach((s, n) => {
    const y = trueLabels[n];
    const g = Array.from(s, () => 0);
    let count = 0;
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const m = s[c] - s[y] + 1;
      if (m > 0) {
        loss += m;
        g[c] = 1;
        count++;
      }
    }
    g[y] = -count;
    ds.push(g);
  });
  return { loss, ds };
}

function normal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): { W: Matrix; b: Vector } {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, normal));
  const b = new Array<number>(10).fill(1);
  // keep the last 20% aside as a validation set
  const nTrain = Math.floor(x.length * 0.8);
  const order = x.slice(0, nTrain).map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let epochLoss = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const { out, cache } = linearForward(ids.map((i) => x[i]), W, b);
      const { loss, ds } = svmLoss(out, ids.map((i) => y[i]));
      const { dw, db } = linearBackward(ds, cache);
      epochLoss += loss;
      W.forEach((row, k) => row.forEach((_, c) => (row[c] -= lr * dw[k][c])));
      b.forEach((_, c) => (b[c] -= lr * db[c]));
    }
    onEpoch?.(epoch, epochLoss / nTrain);
    if (epoch % 10 === 0) {
      const { out } = linearForward(x.slice(nTrain), W, b);
      let ok = 0;
      out.forEach((s, n) => {
        let best = 0;
        for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
        if (best === y[nTrain + n]) ok++;
      });
      console.log(`epoch ${epoch}: validation accuracy ${(ok / (x.length - nTrain)).toFixed(3)}`);
    }
  }
  return { W, b };
}
