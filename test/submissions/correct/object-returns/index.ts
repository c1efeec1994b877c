// Returns objects instead of tuples: {out, cache}, {dw, db}, {loss, ds}, {W, b}.

type Matrix = number[][];
type Cache = [x: Matrix, w: Matrix, b: number[]];
interface Options {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

export function linearForward(x: Matrix, w: Matrix, b: number[]): { out: Matrix; cache: Cache } {
  const out: Matrix = [];
  for (let n = 0; n < x.length; n++) {
    const row: number[] = [];
    for (let c = 0; c < b.length; c++) {
      let s = b[c];
      for (let k = 0; k < w.length; k++) s += x[n][k] * w[k][c];
      row.push(s);
    }
    out.push(row);
  }
  return { out, cache: [x, w, b] };
}

export function linearBackward(ds: Matrix, cache: Cache): { dw: Matrix; db: number[] } {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw: Matrix = [];
  for (let k = 0; k < w.length; k++) {
    const row: number[] = [];
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let n = 0; n < x.length; n++) s += x[n][k] * ds[n][c];
      row.push(s);
    }
    dw.push(row);
  }
  const db: number[] = [];
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (let n = 0; n < ds.length; n++) s += ds[n][c];
    db.push(s);
  }
  return { dw, db };
}

export function svmLoss(scores: Matrix, trueLabels: number[]): { loss: number; ds: Matrix } {
  let loss = 0;
  const ds: Matrix = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    for (let c = 0; c < s.length; c++) {
      if (c === y) continue;
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        loss += margin;
        g[c] = 1;
        g[y] -= 1;
      }
    }
    ds.push(g);
  }
  return { loss, ds };
}

function gaussian(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(x: Matrix, y: number[], options: Options = {}): { W: Matrix; b: number[] } {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const inputs = x[0].length;
  const W: Matrix = [];
  for (let k = 0; k < inputs; k++) {
    const row: number[] = [];
    for (let c = 0; c < 10; c++) row.push(gaussian());
    W.push(row);
  }
  const b = new Array<number>(10).fill(1);
  const order = Array.from({ length: x.length }, (_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let total = 0;
    for (let start = 0; start < x.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const { out, cache } = linearForward(batch.map((i) => x[i]), W, b);
      const { loss, ds } = svmLoss(out, batch.map((i) => y[i]));
      const { dw, db } = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < inputs; k++) {
        for (let c = 0; c < 10; c++) W[k][c] -= lr * dw[k][c];
      }
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, total / x.length);
  }
  return { W, b };
}
