// Written like a tiny deep-learning library: a Linear layer and a hinge-loss object, each with
// forward/backward. The functions the homework asks for are thin wrappers around them.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type LinearCache = [x: Matrix, w: Matrix, b: Vector];

class Linear {
  W: number[][];
  b: number[];
  private cache: LinearCache | null = null;
  dW: number[][] = [];
  db: number[] = [];

  constructor(inputs: number, outputs: number, init: () => number) {
    this.W = Array.from({ length: inputs }, () => Array.from({ length: outputs }, init));
    this.b = new Array<number>(outputs).fill(1);
  }

  static forward(x: Matrix, w: Matrix, b: Vector): [number[][], LinearCache] {
    const out = x.map((xn) =>
      Array.from(b, (bc, c) => {
        let s = bc;
        for (let k = 0; k < w.length; k++) s += xn[k] * w[k][c];
        return s;
      }),
    );
    return [out, [x, w, b]];
  }

  static backward(ds: Matrix, [x, w]: LinearCache): [number[][], number[]] {
    const dw = w.map((r) => new Array<number>(r.length).fill(0));
    const db = new Array<number>(w[0].length).fill(0);
    ds.forEach((g, n) => {
      for (let c = 0; c < db.length; c++) {
        db[c] += g[c];
        for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * g[c];
      }
    });
    return [dw, db];
  }

  forward(x: Matrix): number[][] {
    const [out, cache] = Linear.forward(x, this.W, this.b);
    this.cache = cache;
    return out;
  }

  backward(ds: Matrix): void {
    if (!this.cache) throw new Error('backward before forward');
    [this.dW, this.db] = Linear.backward(ds, this.cache);
  }

  step(lr: number): void {
    this.W.forEach((row, k) => row.forEach((_, c) => (row[c] -= lr * this.dW[k][c])));
    this.b.forEach((_, c) => (this.b[c] -= lr * this.db[c]));
  }
}

class MulticlassHinge {
  static compute(scores: Matrix, labels: number[]): [number, number[][]] {
    let loss = 0;
    const ds = scores.map((s, n) => {
      const y = labels[n];
      const g = new Array<number>(s.length).fill(0);
      for (let c = 0; c < s.length; c++) {
        if (c === y) continue;
        const m = s[c] - s[y] + 1;
        if (m > 0) {
          loss += m;
          g[c] = 1;
          g[y] -= 1;
        }
      }
      return g;
    });
    return [loss, ds];
  }
}

export const linearForward = (x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] => Linear.forward(x, w, b);
export const linearBackward = (ds: Matrix, cache: LinearCache): [Matrix, Vector] => Linear.backward(ds, cache);
export const svmLoss = (scores: Matrix, trueLabels: number[]): [number, Matrix] => MulticlassHinge.compute(scores, trueLabels);

function randn(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function train(
  x: Matrix,
  y: number[],
  options: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const layer = new Linear(x[0].length, 10, randn);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let total = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const ids = order.slice(s, s + batchSize);
      const scores = layer.forward(ids.map((i) => x[i]));
      const [loss, ds] = MulticlassHinge.compute(scores, ids.map((i) => y[i]));
      total += loss;
      layer.backward(ds);
      layer.step(lr);
    }
    onEpoch?.(epoch, total / x.length);
  }
  return [layer.W, layer.b];
}
