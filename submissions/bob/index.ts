// Linear classifier + multiclass SVM for the digits homework.

export function linearForward(x: number[][], w: number[][], b: number[]): [number[][], [number[][], number[][], number[]]] {
  const B = x.length;
  const I = w.length;
  const C = b.length;
  const out: number[][] = [];
  for (let n = 0; n < B; n++) {
    out[n] = [];
    for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let k = 0; k < I; k++) sum += x[n][k] * w[k][c];
      out[n][c] = sum + b[c];
    }
  }
  return [out, [x, w, b]];
}

export function linearBackward(
  ds: number[][],
  cache: [number[][], number[][], number[]],
): [number[][], number[]] {
  const [x, w] = cache;
  const B = x.length;
  const I = w.length;
  const C = w[0].length;
  const dw: number[][] = [];
  for (let k = 0; k < I; k++) {
    dw[k] = [];
    for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let n = 0; n < B; n++) sum += x[n][k] * ds[n][c];
      dw[k][c] = sum;
    }
  }
  const db: number[] = [];
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let n = 0; n < B; n++) sum += ds[n][c];
    db[c] = sum;
  }
  return [dw, db];
}

export function svmLoss(scores: number[][], trueLabels: number[]): [number, number[][]] {
  const B = scores.length;
  const C = scores[0].length;
  let loss = 0;
  const ds: number[][] = [];
  for (let n = 0; n < B; n++) {
    const y = trueLabels[n];
    ds[n] = new Array(C).fill(0);
    for (let c = 0; c < C; c++) {
      if (c === y) continue;
      const margin = scores[n][c] - scores[n][y] + 1;
      if (margin > 0) {
        loss += margin;
        ds[n][c] = 1;
        ds[n][y] -= 1;
      }
    }
  }
  // average over the batch
  loss /= B;
  for (let n = 0; n < B; n++) {
    for (let c = 0; c < C; c++) ds[n][c] /= B;
  }
  return [loss, ds];
}

function gaussian(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

interface Options {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

export function train(x: number[][], y: number[], options: Options = {}): [number[][], number[]] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const N = x.length;
  const I = x[0].length;
  const C = 10;

  const W: number[][] = [];
  for (let k = 0; k < I; k++) {
    W[k] = [];
    for (let c = 0; c < C; c++) W[k][c] = gaussian();
  }
  const b: number[] = new Array(C).fill(1);

  const perm = [...Array(N).keys()];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    let epochLoss = 0;
    for (let start = 0; start < N; start += batchSize) {
      const ids = perm.slice(start, start + batchSize);
      const xb = ids.map((i) => x[i]);
      const yb = ids.map((i) => y[i]);
      const [scores, cache] = linearForward(xb, W, b);
      const [loss, ds] = svmLoss(scores, yb);
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;
      for (let k = 0; k < I; k++) {
        for (let c = 0; c < C; c++) W[k][c] -= lr * dW[k][c];
      }
      for (let c = 0; c < C; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, epochLoss / N);
  }
  return [W, b];
}
