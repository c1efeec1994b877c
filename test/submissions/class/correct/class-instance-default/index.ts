// My classifier as an object: one instance is the default export, the grader calls its methods.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;
type Cache = [Matrix, Matrix, Vector];

interface Options {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

class LinearSVM {
  numClasses = 10;
  defaults = { batchSize: 256, epochs: 100, lr: 5e-3 };

  linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, Cache] {
    const out: number[][] = [];
    for (const row of x) {
      const o: number[] = Array.from(b);
      for (let k = 0; k < row.length; k++) {
        for (let c = 0; c < o.length; c++) o[c] += row[k] * w[k][c];
      }
      out.push(o);
    }
    return [out, [x, w, b]];
  }

  linearBackward(ds: Matrix, cache: Cache): [Matrix, Vector] {
    const [x, w] = cache;
    const C = w[0].length;
    const dw = w.map(() => new Array<number>(C).fill(0));
    const db = new Array<number>(C).fill(0);
    ds.forEach((d, n) => {
      for (let c = 0; c < C; c++) {
        db[c] += d[c];
        for (let k = 0; k < dw.length; k++) dw[k][c] += x[n][k] * d[c];
      }
    });
    return [dw, db];
  }

  svmLoss(scores: Matrix, labels: number[]): [number, Matrix] {
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

  private randn(): number {
    const u = 1 - Math.random();
    const v = Math.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  train(x: Matrix, y: number[], options: Options = {}): [Matrix, Vector] {
    const { batchSize, epochs, lr } = { ...this.defaults, ...options };
    const W: number[][] = [];
    for (let k = 0; k < x[0].length; k++) {
      W.push([]);
      for (let c = 0; c < this.numClasses; c++) W[k].push(this.randn());
    }
    const b = new Array<number>(this.numClasses).fill(1);
    const order = x.map((_, i) => i);

    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let sum = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const ids = order.slice(start, start + batchSize);
        const [scores, cache] = this.linearForward(ids.map((i) => x[i]), W, b);
        const [loss, ds] = this.svmLoss(scores, ids.map((i) => y[i]));
        const [dW, db] = this.linearBackward(ds, cache);
        sum += loss;
        W.forEach((row, k) => row.forEach((_, c) => (row[c] -= lr * dW[k][c])));
        b.forEach((_, c) => (b[c] -= lr * db[c]));
      }
      options.onEpoch?.(epoch, sum / x.length);
    }
    return [W, b];
  }
}

export default new LinearSVM();
