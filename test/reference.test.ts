/** The reference solution: golden fixtures, numerical gradients, and the accuracy the homework promises. */
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../graders/data/digits.ts';
import { loadFixtureSet } from '../graders/fixtures/load.ts';
import { seededRandom, gaussian } from '../graders/random.ts';
import { linearBackward, linearForward, predict, svmLoss, train } from '../reference/index.ts';

const fixtures = loadFixtureSet('public');
// JSON has no -0 (a row with no margin violation has -0 at its true class): + 0 turns it into 0.
const plain = (m: ArrayLike<number>[]) => m.map((r) => Array.from(r, (v) => v + 0));

describe('the reference against the committed public fixtures', () => {
  it.each(fixtures.forward.map((c) => [c.name, c] as const))('forward %s', (_, c) => {
    expect(plain(linearForward(c.x, c.w, c.b)[0])).toEqual(c.out);
  });
  it.each(fixtures.backward.map((c) => [c.name, c] as const))('backward %s', (_, c) => {
    const [dw, db] = linearBackward(c.ds, [c.x, c.w, c.b]);
    expect(plain(dw)).toEqual(c.dw);
    expect(Array.from(db)).toEqual(c.db);
  });
  it.each(fixtures.svm.map((c) => [c.name, c] as const))('svm %s', (_, c) => {
    const [loss, ds] = svmLoss(c.scores, c.labels);
    expect(loss).toBe(c.loss);
    expect(plain(ds)).toEqual(c.ds);
  });
});

describe('numerical gradient checks (central differences)', () => {
  const random = seededRandom(7);
  const matrix = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => gaussian(random)));
  const h = 1e-5;

  /** Central differences of f at every entry of m: (f(m + h) - f(m - h)) / 2h. */
  const numericalGradient = (m: number[][], f: (shifted: number[][]) => number) =>
    m.map((row, i) =>
      row.map((_, j) => {
        const shifted = (d: number) => m.map((r, k) => r.map((v, l) => (k === i && l === j ? v + d : v)));
        return (f(shifted(h)) - f(shifted(-h))) / (2 * h);
      }),
    );
  const expectClose = (got: ArrayLike<number>[], want: number[][]) =>
    want.forEach((row, i) => row.forEach((v, j) => expect(got[i][j]).toBeCloseTo(v, 6)));

  it('linearBackward gives the gradient of sum(out * G) with respect to w and b', () => {
    const [x, w, b, g] = [matrix(5, 4), matrix(4, 3), matrix(1, 3)[0], matrix(5, 3)];
    const objective = (w2: number[][], b2: number[]) => plain(linearForward(x, w2, b2)[0]).reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * g[i][j], 0), 0);
    const [dw, db] = linearBackward(g, [x, w, b]);
    expectClose(dw, numericalGradient(w, (w2) => objective(w2, b)));
    expectClose([db], numericalGradient([b], ([b2]) => objective(w, b2)));
  });

  it('svmLoss gives the gradient of its loss with respect to the scores', () => {
    const scores = matrix(6, 5);
    const labels = [0, 1, 2, 3, 4, 2];
    const [, ds] = svmLoss(scores, labels);
    expectClose(ds, numericalGradient(scores, (shifted) => svmLoss(shifted, labels)[0]));
  });
});

describe('training on the digits', () => {
  const digits = loadDigits();
  const accuracies = [1, 2, 3, 4, 5].map((seed) => {
    Math.random = seededRandom(seed);
    const epochs: number[] = [];
    const [w, b] = train(digits.train.x, digits.train.y, { onEpoch: (epoch) => epochs.push(epoch) });
    const predicted = predict(digits.test.x, w, b);
    return { seed, epochs, accuracy: predicted.filter((p, i) => p === digits.test.y[i]).length / predicted.length };
  });

  it.each(accuracies)('seed $seed reaches at least 87% test accuracy', ({ accuracy }) => {
    expect(accuracy).toBeGreaterThanOrEqual(0.87);
  });

  it('calls onEpoch once per epoch, counting from 1', () => {
    expect(accuracies[0].epochs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('is reproducible: the same seed gives the same weights', () => {
    const run = () => {
      Math.random = seededRandom(11);
      return plain(train(digits.train.x, digits.train.y, { epochs: 3 })[0]);
    };
    expect(run()).toEqual(run());
  });
});
