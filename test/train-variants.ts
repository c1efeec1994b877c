/**
 * train() written with switches: every correct way the homework allows (last batch dropped,
 * sampling with replacement, zero or random starts, float32 weights) and one classic mistake per
 * switch. The update-rule judge's unit tests run these in this process, without the sandbox.
 */
type Options = { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, loss: number) => void };

export interface Switches {
  // correct variants
  dropLast?: boolean;
  withReplacement?: boolean;
  init?: 'normal' | 'zeros' | 'small-uniform' | 'random-b';
  float32?: boolean;
  /** `options.lr || 5e-3`-style defaults. */
  orDefaults?: boolean;
  // mistakes
  bFrozen?: boolean;
  wFrozen?: boolean;
  bAscent?: boolean;
  ascent?: boolean;
  averaged?: boolean;
  lrFactor?: number;
  ignoreLr?: boolean;
  sliceDropsOne?: boolean;
  fullBatch?: boolean;
  epochsDelta?: number;
  /** Runs this many epochs whatever options.epochs asks. */
  fixedEpochs?: number;
  stale?: boolean;
  softmax?: boolean;
  inputsOver16?: boolean;
  holdOut?: number;
  noTrueClassGradient?: boolean;
  never?: boolean;
}

const normal = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());

export function variantTrain(s: Switches) {
  return (xIn: ArrayLike<number>[], yIn: number[], options: Options = {}): [ArrayLike<number>[], ArrayLike<number>] => {
    const batchSize = s.orDefaults ? options.batchSize || 256 : (options.batchSize ?? 256);
    const epochs = s.fixedEpochs ?? (s.orDefaults ? options.epochs || 100 : (options.epochs ?? 100)) + (s.epochsDelta ?? 0);
    const lr = (s.ignoreLr ? 5e-3 : s.orDefaults ? options.lr || 5e-3 : (options.lr ?? 5e-3)) * (s.lrFactor ?? 1);
    const C = 10;
    const I = xIn[0].length;
    const make = (n: number) => (s.float32 ? new Float32Array(n) : new Float64Array(n));
    const W = Array.from({ length: I }, () => make(C));
    const b = make(C);
    for (const row of W) for (let c = 0; c < C; c++) row[c] = s.init === 'zeros' ? 0 : s.init === 'small-uniform' ? (Math.random() - 0.5) * 0.02 : normal();
    for (let c = 0; c < C; c++) b[c] = s.init === 'zeros' ? 0 : s.init === 'random-b' ? normal() : 1;
    const keep = s.holdOut ? Math.floor(xIn.length * (1 - s.holdOut)) : xIn.length;
    const x = Array.from(xIn).slice(0, keep).map((r) => Array.from(r, (v) => (s.inputsOver16 ? v / 16 : v)));
    const y = yIn.slice(0, keep);
    const N = x.length;
    let last: { dW: number[][]; db: number[] } | undefined;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = Array.from({ length: N }, (_, i) => i);
      for (let i = N - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const size = s.fullBatch ? N : batchSize;
      const starts: number[] = [];
      for (let st = 0; st < N; st += size) if (!(s.dropLast && st + size > N && st > 0)) starts.push(st);
      let total = 0;
      for (const st of starts) {
        const ids = s.withReplacement ? Array.from({ length: size }, () => Math.floor(Math.random() * N)) : order.slice(st, Math.min(N, st + size - (s.sliceDropsOne ? 1 : 0)));
        const m = ids.length;
        const dW = Array.from({ length: I }, () => new Array<number>(C).fill(0));
        const db = new Array<number>(C).fill(0);
        for (const n of ids) {
          const scores = Array.from({ length: C }, (_, c) => x[n].reduce((a, v, k) => a + v * W[k][c], b[c]));
          const ds = new Array<number>(C).fill(0);
          if (s.softmax) {
            const top = Math.max(...scores);
            const e = scores.map((v) => Math.exp(v - top));
            const sum = e.reduce((a, v) => a + v, 0);
            for (let c = 0; c < C; c++) ds[c] = e[c] / sum - (c === y[n] ? 1 : 0);
            total -= Math.log(e[y[n]] / sum);
          } else {
            for (let c = 0; c < C; c++) {
              if (c === y[n]) continue;
              const margin = scores[c] - scores[y[n]] + 1;
              if (margin > 0) {
                total += margin;
                ds[c] = 1;
                if (!s.noTrueClassGradient) ds[y[n]] -= 1;
              }
            }
          }
          const scale = s.averaged ? 1 / m : 1;
          for (let c = 0; c < C; c++) {
            db[c] += ds[c] * scale;
            for (let k = 0; k < I; k++) dW[k][c] += x[n][k] * ds[c] * scale;
          }
        }
        const step = s.stale ? last : { dW, db };
        last = { dW, db };
        if (!step || s.never) continue;
        const sign = s.ascent ? -1 : 1;
        if (!s.wFrozen) for (let k = 0; k < I; k++) for (let c = 0; c < C; c++) W[k][c] -= sign * lr * step.dW[k][c];
        if (!s.bFrozen) for (let c = 0; c < C; c++) b[c] -= (s.bAscent ? -1 : sign) * lr * step.db[c];
      }
      options.onEpoch?.(epoch, total / N);
    }
    return [W, b];
  };
}
