// Everything async (I wanted train to yield to the event loop between epochs so my page stays responsive).

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

export async function linearForward(x: Matrix, w: Matrix, b: Vector): Promise<[Matrix, LinearCache]> {
  const out: number[][] = x.map((xn) => {
    const o = Array.from(b);
    xn.forEach((v, k) => {
      const wk = w[k];
      for (let c = 0; c < o.length; c++) o[c] += v * wk[c];
    });
    return o;
  });
  return [out, [x, w, b]];
}

export async function linearBackward(ds: Matrix, cache: LinearCache): Promise<[Matrix, Vector]> {
  const [x, w] = cache;
  const dw = w.map((row) => new Array<number>(row.length).fill(0));
  const db = new Array<number>(w[0].length).fill(0);
  ds.forEach((dn, n) => {
    dn.forEach((g, c) => {
      db[c] += g;
      for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * g;
    });
  });
  return [dw, db];
}

export async function svmLoss(scores: Matrix, trueLabels: number[]): Promise<[number, Matrix]> {
  let loss = 0;
  const ds = scores.map((s, n) => {
    const y = trueLabels[n];
    const g = new Array<number>(s.length).fill(0);
    s.forEach((v, c) => {
      if (c !== y && v - s[y] + 1 > 0) {
        loss += v - s[y] + 1;
        g[c] = 1;
        g[y] -= 1;
      }
    });
    return g;
  });
  return [loss, ds];
}

function normal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function train(x: Matrix, y: number[], options: TrainOptions = {}): Promise<[Matrix, Vector]> {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W = Array.from({ length: x[0].length }, () => Array.from({ length: 10 }, normal));
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
      const [scores, cache] = await linearForward(ids.map((i) => x[i]), W, b);
      const [loss, ds] = await svmLoss(scores, ids.map((i) => y[i]));
      const [dW, db] = await linearBackward(ds, cache);
      epochLoss += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, epochLoss / x.length);
    if (epoch % 10 === 0) await tick();
  }
  return [W, b];
}
