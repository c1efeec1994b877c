// A class with static methods, exported as the default: Classifier.train(...), etc.

type Matrix = (number[] | Float64Array)[];
type Vector = number[] | Float64Array;

export default class Classifier {
  static readonly C = 10;

  static linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, [Matrix, Matrix, Vector]] {
    const out = x.map((xn) => {
      const o = new Array<number>(b.length);
      for (let c = 0; c < b.length; c++) {
        let acc = b[c];
        for (let k = 0; k < xn.length; k++) acc += xn[k] * w[k][c];
        o[c] = acc;
      }
      return o;
    });
    return [out, [x, w, b]];
  }

  static linearBackward(ds: Matrix, cache: [Matrix, Matrix, Vector]): [Matrix, Vector] {
    const x = cache[0];
    const I = cache[1].length;
    const C = cache[1][0].length;
    const dw: number[][] = Array.from({ length: I }, () => new Array<number>(C).fill(0));
    const db: number[] = new Array<number>(C).fill(0);
    for (let n = 0; n < ds.length; n++) {
      for (let c = 0; c < C; c++) {
        const g = ds[n][c];
        if (g === 0) continue;
        db[c] += g;
        for (let k = 0; k < I; k++) dw[k][c] += x[n][k] * g;
      }
    }
    return [dw, db];
  }

  static svmLoss(scores: Matrix, labels: number[]): [number, Matrix] {
    let total = 0;
    const ds: number[][] = [];
    for (let n = 0; n < scores.length; n++) {
      const s = scores[n];
      const correct = s[labels[n]];
      const g = new Array<number>(s.length).fill(0);
      for (let c = 0; c < s.length; c++) {
        if (c !== labels[n] && s[c] - correct + 1 > 0) {
          total += s[c] - correct + 1;
          g[c] = 1;
          g[labels[n]]--;
        }
      }
      ds.push(g);
    }
    return [total, ds];
  }

  static normal(): number {
    const u = 1 - Math.random();
    const v = Math.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static train(
    x: Matrix,
    y: number[],
    opts: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (e: number, l: number) => void } = {},
  ): [Matrix, Vector] {
    const batchSize = opts.batchSize ?? 256;
    const epochs = opts.epochs ?? 100;
    const lr = opts.lr ?? 5e-3;
    const W = Array.from({ length: x[0].length }, () => Array.from({ length: this.C }, () => this.normal()));
    const b = new Array<number>(this.C).fill(1);
    const perm = Array.from({ length: x.length }, (_, i) => i);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (let i = perm.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
      }
      let epochLoss = 0;
      for (let s = 0; s < perm.length; s += batchSize) {
        const batch = perm.slice(s, s + batchSize);
        const [scores, cache] = this.linearForward(batch.map((i) => x[i]), W, b);
        const [loss, ds] = this.svmLoss(scores, batch.map((i) => y[i]));
        const [dW, db] = this.linearBackward(ds, cache);
        epochLoss += loss;
        for (let k = 0; k < W.length; k++) for (let c = 0; c < this.C; c++) W[k][c] -= lr * dW[k][c];
        for (let c = 0; c < this.C; c++) b[c] -= lr * db[c];
      }
      opts.onEpoch?.(epoch, epochLoss / perm.length);
    }
    return [W, b];
  }
}
