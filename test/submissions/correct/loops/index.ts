// Plain for loops over nested arrays.

export function linearForward(x: number[][], w: number[][], b: number[]): [number[][], [number[][], number[][], number[]]] {
  const rows = x.length;
  const inputs = w.length;
  const classes = w[0].length;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const o: number[] = [];
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let k = 0; k < inputs; k++) s += x[i][k] * w[k][c];
      o.push(s + b[c]);
    }
    out.push(o);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: number[][], cache: [number[][], number[][], number[]]): [number[][], number[]] {
  const [x, w] = cache;
  const rows = x.length;
  const inputs = w.length;
  const classes = w[0].length;
  const dw: number[][] = [];
  for (let k = 0; k < inputs; k++) {
    const r: number[] = [];
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += x[i][k] * ds[i][c];
      r.push(s);
    }
    dw.push(r);
  }
  const db: number[] = [];
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += ds[i][c];
    db.push(s);
  }
  return [dw, db];
}

export function svmLoss(scores: number[][], trueLabels: number[]): [number, number[][]] {
  let loss = 0;
  const ds: number[][] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const y = trueLabels[i];
    const g: number[] = [];
    let count = 0;
    for (let c = 0; c < s.length; c++) {
      if (c === y) {
        g.push(0);
        continue;
      }
      const m = s[c] - s[y] + 1;
      if (m > 0) {
        loss += m;
        g.push(1);
        count++;
      } else {
        g.push(0);
      }
    }
    g[y] = -count;
    ds.push(g);
  }
  return [loss, ds];
}

function randn(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: number[][],
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [number[][], number[]] {
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;
  const n = x.length;
  const inputs = x[0].length;
  const classes = 10;

  const W: number[][] = [];
  for (let k = 0; k < inputs; k++) {
    const r: number[] = [];
    for (let c = 0; c < classes; c++) r.push(randn());
    W.push(r);
  }
  const b: number[] = [];
  for (let c = 0; c < classes; c++) b.push(1);

  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(start + batchSize, n);
      const xb: number[][] = [];
      const yb: number[] = [];
      for (let i = start; i < end; i++) {
        xb.push(x[order[i]]);
        yb.push(y[order[i]]);
      }
      const [scores, cache] = linearForward(xb, W, b);
      const [loss, ds] = svmLoss(scores, yb);
      const [dW, db] = linearBackward(ds, cache);
      total += loss;
      for (let k = 0; k < inputs; k++) {
        for (let c = 0; c < classes; c++) W[k][c] -= lr * dW[k][c];
      }
      for (let c = 0; c < classes; c++) b[c] -= lr * db[c];
    }
    if (options.onEpoch) options.onEpoch(epoch, total / n);
  }
  return [W, b];
}
