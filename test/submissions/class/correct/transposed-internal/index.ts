// I keep the weights transposed during training (one row of 64 weights per class), which makes
// the score of a class a dot product of two rows. train transposes back before returning.

type Row = number[] | Float64Array;
type Matrix = Row[];
type Vector = number[] | Float64Array;

function transpose(m: Matrix): number[][] {
  const rows = m.length, cols = m[0].length;
  const t: number[][] = [];
  for (let j = 0; j < cols; j++) {
    const r = new Array<number>(rows);
    for (let i = 0; i < rows; i++) r[i] = m[i][j];
    t.push(r);
  }
  return t;
}

function dot(a: Row, b: Row): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

// scores with class-major weights wT (C x I)
function scoresT(x: Matrix, wT: Matrix, b: Vector): number[][] {
  return x.map((xn) => wT.map((wc, c) => dot(xn, wc) + b[c]));
}

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, [Matrix, Matrix, Vector]] {
  return [scoresT(x, transpose(w), b), [x, w, b]];
}

// gradient in class-major layout: dwT[c][k] = sum_n ds[n][c] x[n][k]
function gradT(ds: Matrix, x: Matrix): [number[][], number[]] {
  const C = ds[0].length, I = x[0].length;
  const dwT: number[][] = [];
  const db: number[] = [];
  for (let c = 0; c < C; c++) {
    const g = new Array<number>(I).fill(0);
    let s = 0;
    for (let n = 0; n < ds.length; n++) {
      const d = ds[n][c];
      s += d;
      if (d !== 0) for (let k = 0; k < I; k++) g[k] += d * x[n][k];
    }
    dwT.push(g);
    db.push(s);
  }
  return [dwT, db];
}

export function linearBackward(ds: Matrix, cache: [Matrix, Matrix, Vector]): [Matrix, Vector] {
  const [dwT, db] = gradT(ds, cache[0]);
  return [transpose(dwT), db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const d = new Array<number>(s.length).fill(0);
    for (let c = 0; c < s.length; c++) {
      const m = c === y ? 0 : s[c] - s[y] + 1;
      if (m > 0) {
        loss += m;
        d[c] = 1;
        d[y] -= 1;
      }
    }
    ds.push(d);
  }
  return [loss, ds];
}

function normal(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;
  const I = x[0].length, C = 10;
  // draw W (I x C) in the usual row-major order, then keep it transposed
  const W: number[][] = [];
  for (let k = 0; k < I; k++) {
    W.push([]);
    for (let c = 0; c < C; c++) W[k].push(normal());
  }
  const wT = transpose(W);
  const b = new Array<number>(C).fill(1);
  const order = x.map((_, i) => i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
    let total = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const bx = ids.map((i) => x[i]);
      const [loss, ds] = svmLoss(scoresT(bx, wT, b), ids.map((i) => y[i]));
      const [dwT, db] = gradT(ds, bx);
      total += loss;
      for (let c = 0; c < C; c++) {
        for (let k = 0; k < I; k++) wT[c][k] -= lr * dwT[c][k];
        b[c] -= lr * db[c];
      }
    }
    options.onEpoch?.(epoch, total / x.length);
  }
  return [transpose(wT), b];
}
