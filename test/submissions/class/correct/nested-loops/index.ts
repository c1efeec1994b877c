// Homework 3: linear classifier for the 8x8 digits.
// Plain nested loops over number[][], following the template.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];
export interface TrainOptions {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

const CLASSES = 10;

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const B = x.length;
  const I = w.length;
  const C = b.length;
  const out: number[][] = [];
  for (let n = 0; n < B; n++) {
    const row: number[] = [];
    for (let c = 0; c < C; c++) {
      let sum = b[c];
      for (let k = 0; k < I; k++) {
        sum += x[n][k] * w[k][c];
      }
      row.push(sum);
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const B = ds.length;
  const I = w.length;
  const C = w[0].length;
  const dw: number[][] = [];
  for (let k = 0; k < I; k++) {
    const row: number[] = [];
    for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let n = 0; n < B; n++) {
        sum += x[n][k] * ds[n][c];
      }
      row.push(sum);
    }
    dw.push(row);
  }
  const db: number[] = [];
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let n = 0; n < B; n++) sum += ds[n][c];
    db.push(sum);
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const y = trueLabels[n];
    const row: number[] = [];
    let count = 0;
    for (let c = 0; c < s.length; c++) {
      if (c === y) {
        row.push(0);
        continue;
      }
      const margin = s[c] - s[y] + 1;
      if (margin > 0) {
        loss += margin;
        row.push(1);
        count++;
      } else {
        row.push(0);
      }
    }
    row[y] = -count;
    ds.push(row);
  }
  return [loss, ds];
}

function standardNormal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(x: Matrix, y: number[], options: TrainOptions = {}): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const samples = x.length;
  const inputs = x[0].length;

  const W: number[][] = [];
  for (let k = 0; k < inputs; k++) {
    const row: number[] = [];
    for (let c = 0; c < CLASSES; c++) row.push(standardNormal());
    W.push(row);
  }
  const b: number[] = new Array<number>(CLASSES).fill(1);

  const order: number[] = [];
  for (let n = 0; n < samples; n++) order.push(n);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }

    let epochLoss = 0;
    for (let start = 0; start < samples; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const batchX: Matrix = batch.map((n) => x[n]);
      const batchY: number[] = batch.map((n) => y[n]);

      const [scores, cache] = linearForward(batchX, W, b);
      const [loss, ds] = svmLoss(scores, batchY);
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;

      for (let k = 0; k < inputs; k++) {
        for (let c = 0; c < CLASSES; c++) {
          W[k][c] -= lr * dW[k][c];
        }
      }
      for (let c = 0; c < CLASSES; c++) {
        b[c] -= lr * db[c];
      }
    }

    onEpoch?.(epoch, epochLoss / samples);
  }

  return [W, b];
}
