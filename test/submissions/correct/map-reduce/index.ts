// Functional style: map and reduce instead of index loops where it reads naturally.

type Matrix = number[][];
type Cache = [Matrix, Matrix, number[]];

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sum = (xs: number[]): number => xs.reduce((a, v) => a + v, 0);

export function linearForward(x: Matrix, w: Matrix, b: number[]): [Matrix, Cache] {
  const out = x.map((row) => b.map((bias, c) => row.reduce((acc, xk, k) => acc + xk * w[k][c], 0) + bias));
  return [out, [x, w, b]];
}

export function linearBackward(ds: Matrix, cache: Cache): [Matrix, number[]] {
  const [x, w] = cache;
  const classes = w[0].length;
  const dw = w.map((_, k) => range(classes).map((c) => x.reduce((acc, row, n) => acc + row[k] * ds[n][c], 0)));
  const db = range(classes).map((c) => sum(ds.map((row) => row[c])));
  return [dw, db];
}

export function svmLoss(scores: Matrix, trueLabels: number[]): [number, Matrix] {
  const margins = scores.map((s, n) => s.map((v, c) => (c === trueLabels[n] ? 0 : Math.max(0, v - s[trueLabels[n]] + 1))));
  const loss = sum(margins.map(sum));
  const ds = margins.map((m, n) => {
    const hits = m.map((v) => (v > 0 ? 1 : 0));
    const count = sum(hits);
    return hits.map((h, c) => (c === trueLabels[n] ? -count : h));
  });
  return [loss, ds];
}

const randn = (): number => {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

const shuffle = (order: number[]): void => {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
};

export function train(
  x: Matrix,
  y: number[],
  { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch }: { batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void } = {},
): [Matrix, number[]] {
  let W: Matrix = range(x[0].length).map(() => range(10).map(randn));
  let b: number[] = range(10).map(() => 1);
  const order = range(x.length);
  const starts = range(Math.ceil(x.length / batchSize)).map((i) => i * batchSize);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order);
    const epochLoss = starts.reduce((total, start) => {
      const batch = order.slice(start, start + batchSize);
      const [scores, cache] = linearForward(batch.map((n) => x[n]), W, b);
      const [loss, ds] = svmLoss(scores, batch.map((n) => y[n]));
      const [dW, db] = linearBackward(ds, cache);
      W = W.map((row, k) => row.map((v, c) => v - lr * dW[k][c]));
      b = b.map((v, c) => v - lr * db[c]);
      return total + loss;
    }, 0);
    onEpoch?.(epoch, epochLoss / x.length);
  }
  return [W, b];
}
