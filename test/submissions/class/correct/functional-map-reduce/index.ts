// Functional style: no mutation inside the math, everything with map / reduce.

type Row = number[] | Float64Array;
type Matrix = Row[];
type Vector = number[] | Float64Array;
type LinearCache = [x: Matrix, w: Matrix, b: Vector];

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const col = (m: Matrix, c: number): number[] => m.map((r) => r[c]);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((acc, v, i) => acc + v * b[i], 0);
const transpose = (m: Matrix): number[][] => range(m[0].length).map((c) => col(m, c));

export const linearForward = (x: Matrix, w: Matrix, b: Vector): [Matrix, LinearCache] => {
  const wT = transpose(w);
  const out = x.map((row) => wT.map((wc, c) => dot(row, wc) + b[c]));
  return [out, [x, w, b]];
};

export const linearBackward = (ds: Matrix, [x]: LinearCache): [Matrix, Vector] => {
  const xT = transpose(x);
  const dsT = transpose(ds);
  const dw = xT.map((xk) => dsT.map((dc) => dot(xk, dc)));
  const db = dsT.map((dc) => dc.reduce((a, v) => a + v, 0));
  return [dw, db];
};

export const svmLoss = (scores: Matrix, trueLabels: number[]): [number, Matrix] => {
  const margins = scores.map((s, n) =>
    Array.from(s, (v, c) => (c === trueLabels[n] ? 0 : Math.max(0, v - s[trueLabels[n]] + 1))),
  );
  const loss = margins.reduce((acc, row) => acc + row.reduce((a, v) => a + v, 0), 0);
  const ds = margins.map((row, n) => {
    const ind = row.map((m) => (m > 0 ? 1 : 0));
    const count = ind.reduce((a: number, v) => a + v, 0);
    return ind.map((v, c) => (c === trueLabels[n] ? -count : v));
  });
  return [loss, ds];
};

const normal = (): number =>
  Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());

const shuffled = (xs: number[]): number[] =>
  xs.reduceRight((acc, _, i) => {
    const j = Math.floor(Math.random() * (i + 1));
    [acc[i], acc[j]] = [acc[j], acc[i]];
    return acc;
  }, xs.slice());

const chunks = <T>(xs: T[], size: number): T[][] =>
  range(Math.ceil(xs.length / size)).map((i) => xs.slice(i * size, (i + 1) * size));

export function train(
  x: Matrix,
  y: number[],
  { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch }: {
    batchSize?: number; epochs?: number; lr?: number; onEpoch?: (epoch: number, meanLoss: number) => void;
  } = {},
): [Matrix, Vector] {
  let W: number[][] = range(x[0].length).map(() => range(10).map(normal));
  let b: number[] = range(10).map(() => 1);
  const all = range(x.length);

  range(epochs).forEach((e) => {
    const epochLoss = chunks(shuffled(all), batchSize).reduce((total, batch) => {
      const [scores, cache] = linearForward(batch.map((i) => x[i]), W, b);
      const [loss, ds] = svmLoss(scores, batch.map((i) => y[i]));
      const [dW, db] = linearBackward(ds, cache);
      W = W.map((row, k) => row.map((v, c) => v - lr * dW[k][c]));
      b = b.map((v, c) => v - lr * db[c]);
      return total + loss;
    }, 0);
    onEpoch?.(e + 1, epochLoss / x.length);
  });
  return [W, b];
}
