// Linear SVM with generic helpers: the math works on any ArrayLike<number> rows.

export type Row = number[] | Float64Array;
export type Matrix = Row[];
export type Vector = number[] | Float64Array;
export type LinearCache = [x: Matrix, w: Matrix, b: Vector];

type Grid<R extends ArrayLike<number>> = readonly R[];

function makeGrid<T>(rows: number, cols: number, fill: (i: number, j: number) => T): T[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => fill(i, j)));
}

function mapRows<R extends ArrayLike<number>, T>(m: Grid<R>, f: (row: R, i: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < m.length; i++) out.push(f(m[i], i));
  return out;
}

function sumOver<T>(items: readonly T[], f: (item: T, i: number) => number): number {
  let s = 0;
  for (let i = 0; i < items.length; i++) s += f(items[i], i);
  return s;
}

function pickRows<T>(items: readonly T[], ids: readonly number[]): T[] {
  return ids.map((i) => items[i]);
}

export function linearForward(x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] {
  const out = mapRows(x, (xn) => Array.from(b, (bc, c) => bc + sumOver(w, (wk, k) => xn[k] * wk[c])));
  return [out, [out, w, b]];
}

export function linearBackward(ds: Matrix, cache: LinearCache): [Matrix, Vector] {
  const [x, w] = cache;
  const dw = makeGrid(w.length, w[0].length, (k, c) => sumOver(ds, (dn, n) => x[n][k] * dn[c]));
  const db = Array.from(w[0], (_, c) => sumOver(ds, (dn) => dn[c]));
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const margins = mapRows(scores, (s, n) =>
    Array.from(s, (v, c) => (c === trueLabels[n] ? 0 : Math.max(0, v - s[trueLabels[n]] + 1))),
  );
  const loss = sumOver(margins, (row) => sumOver(row, (m) => m));
  const ds = margins.map((row, n) => {
    const g = row.map((m): number => (m > 0 ? 1 : 0));
    g[trueLabels[n]] = -sumOver(g, (v) => v);
    return g;
  });
  return [loss, ds];
}

function gaussian(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

export interface TrainOptions {
  batchSize?: number;
  epochs?: number;
  lr?: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

export function train(x: Matrix, y: number[], options: TrainOptions = {}): [Matrix, Vector] {
  const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;
  const W = makeGrid(x[0].length, 10, () => gaussian());
  const b = new Array<number>(10).fill(1);
  const order = x.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order);
    let epochLoss = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const ids = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(pickRows(x, ids), W, b);
      const [loss, ds] = svmLoss(scores, pickRows(y, ids));
      const [dW, db] = linearBackward(ds, cache);
      epochLoss += loss;
      for (let k = 0; k < W.length; k++) for (let c = 0; c < 10; c++) W[k][c] -= lr * dW[k][c];
      for (let c = 0; c < 10; c++) b[c] -= lr * db[c];
    }
    onEpoch?.(epoch, epochLoss / x.length);
  }
  return [W, b];
}
