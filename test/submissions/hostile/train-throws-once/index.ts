// train throws on its second call only (the first update-rule run): the run is asked again for
// the next case that judges it, so one update-rule case fails, not three.
// Homework: linear classifier for the 8x8 digits.

type Matrix = number[][];
type Cache = [number[][], number[][], number[]];

export function linearForward(x: Matrix, w: Matrix, b: number[]): [Matrix, Cache] {
  const out: Matrix = [];
  for (let n = 0; n < x.length; n++) {
    const row: number[] = [];
    for (let c = 0; c < b.length; c++) {
      let s = b[c];
      for (let k = 0; k < w.length; k++) {
        s += x[n][k] * w[k][c];
      }
      row.push(s);
    }
    out.push(row);
  }
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: Cache): [Matrix, number[]] {
  const [x, w] = cache;
  const numIn = w.length;
  const numOut = w[0].length;

  const dw: Matrix = [];
  for (let k = 0; k < numIn; k++) {
    dw.push(new Array(numOut).fill(0));
  }
  const db: number[] = new Array(numOut).fill(0);

  for (let n = 0; n < x.length; n++) {
    for (let c = 0; c < numOut; c++) {
      db[c] += ds[n][c];
      for (let k = 0; k < numIn; k++) {
        dw[k][c] += x[n][k] * ds[n][c];
      }
    }
  }
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  let loss = 0;
  const ds: Matrix = [];
  for (let n = 0; n < scores.length; n++) {
    const y = trueLabels[n];
    const row: number[] = new Array(scores[n].length).fill(0);
    let count = 0;
    for (let c = 0; c < scores[n].length; c++) {
      if (c === y) continue;
      const margin = scores[n][c] - scores[n][y] + 1;
      if (margin > 0) {
        loss += margin;
        row[c] = 1;
        count++;
      }
    }
    row[y] = -count;
    ds.push(row);
  }
  return [loss, ds];
}

// random normal number N(0,1) from two uniform ones
function randn(): number {
  const u1 = 1 - Math.random();
  const u2 = Math.random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function aliceTrain(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, number[]] {
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 100;
  const lr = options.lr ?? 5e-3;

  const W: Matrix = [];
  for (let k = 0; k < x[0].length; k++) {
    const row: number[] = [];
    for (let c = 0; c < 10; c++) row.push(randn());
    W.push(row);
  }
  const b: number[] = [];
  for (let c = 0; c < 10; c++) b.push(1);

  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) idx.push(i);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    // shuffle
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }

    let total = 0;
    for (let start = 0; start < x.length; start += batchSize) {
      const xb: Matrix = [];
      const yb: number[] = [];
      for (let i = start; i < Math.min(start + batchSize, x.length); i++) {
        xb.push(x[idx[i]]);
        yb.push(y[idx[i]]);
      }

      const [scores, cache] = linearForward(xb, W, b);
      const [loss, ds] = svmLoss(scores, yb);
      total += loss;
      const [dW, db] = linearBackward(ds, cache);

      for (let k = 0; k < W.length; k++) {
        for (let c = 0; c < W[k].length; c++) {
          W[k][c] -= lr * dW[k][c];
        }
      }
      for (let c = 0; c < b.length; c++) {
        b[c] -= lr * db[c];
      }
    }

    if (options.onEpoch) options.onEpoch(epoch, total / x.length);
  }

  return [W, b];
}

let trainCalls = 0;
export function train(...args: Parameters<typeof aliceTrain>): ReturnType<typeof aliceTrain> {
  if (++trainCalls === 2) throw new Error('only the second time');
  return aliceTrain(...args);
}
