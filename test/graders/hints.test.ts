/** The mistake detectors stay silent on correct values, whatever form they come in. */
import { describe, expect, it } from 'vitest';
import { diagnoseBackward, diagnoseForward, diagnoseSvm, diagnoseTraining } from '../../graders/diagnose/mistakes.ts';
import { loadFixtureSet } from '../../graders/fixtures/load.ts';
import { linearBackward, linearForward, svmLoss } from '../../reference/index.ts';

const fixtures = loadFixtureSet('public');
const tol = { rtol: 1e-6, atol: 1e-9 };

describe('no hint on a correct value', () => {
  it.each(fixtures.forward.map((c) => [c.name, c] as const))('forward %s', (_, c) => {
    const [out] = linearForward(c.x, c.w, c.b);
    expect(diagnoseForward(out, c.out, c.b, tol)).toBeUndefined();
    expect(diagnoseForward(out.map((r) => Array.from(r)), c.out, c.b, tol)).toBeUndefined();
  });
  it.each(fixtures.backward.map((c) => [c.name, c] as const))('backward %s', (_, c) => {
    const [dw, db] = linearBackward(c.ds, [c.x, c.w, c.b]);
    expect(diagnoseBackward(dw, db, c, tol)).toBeUndefined();
  });
  it.each(fixtures.svm.map((c) => [c.name, c] as const))('svm %s', (_, c) => {
    const [loss, ds] = svmLoss(c.scores, c.labels);
    expect(diagnoseSvm(loss, ds, c, tol)).toBeUndefined();
  });
  it('a training run whose loss falls', () => {
    expect(diagnoseTraining([9, 4, 2, 1.5, 1.2, 1.1])).toBeUndefined();
  });
});

describe('hints from the numbers alone', () => {
  const c = fixtures.forward.find((f) => f.name === '3x5x2')!;
  it('a forward pass without the bias', () => {
    const out = c.out.map((row) => row.map((v, j) => v - c.b[j]));
    expect(diagnoseForward(out, c.out, c.b, tol)).toBe('bias-forgotten');
  });
  it('a loss that never moves, and one that climbs', () => {
    expect(diagnoseTraining([5, 5, 5, 5])).toBe('train-no-update');
    expect(diagnoseTraining([5, 9, 20, 45])).toBe('train-ascent');
  });
});

describe('two averagings, two hints; and the mistakes added since', () => {
  const c = fixtures.svm.find((f) => f.name === '256x10')!;
  const batch = c.labels.length;
  it('the loss averaged with ds summed, ds averaged with the loss summed, and both', () => {
    const [loss, ds] = svmLoss(c.scores, c.labels);
    const mean = ds.map((row) => Array.from(row, (v) => v / batch));
    expect(diagnoseSvm(loss / batch, ds, c, tol)).toBe('svm-loss-averaged');
    expect(diagnoseSvm(loss, mean, c, tol)).toBe('svm-ds-averaged');
    expect(diagnoseSvm(loss / batch, mean, c, tol)).toBe('svm-averaged');
  });
  it('a hinge of margin 0, and a squared hinge', () => {
    const hinge = (margin: number, power: number) =>
      c.scores.reduce((sum, row, n) => sum + row.reduce((s, v, k) => (k === c.labels[n] ? s : s + Math.max(0, v - row[c.labels[n]] + margin) ** power), 0), 0);
    const [, ds] = svmLoss(c.scores, c.labels);
    expect(diagnoseSvm(hinge(0, 1), ds, c, tol)).toBe('svm-margin-zero');
    expect(diagnoseSvm(hinge(1, 2), ds, c, tol)).toBe('svm-squared');
  });
  it('the bias subtracted, and float32 arithmetic', () => {
    const f = fixtures.forward.find((x) => x.name === '256x64x10')!;
    expect(diagnoseForward(f.out.map((row) => row.map((v, j) => v - 2 * f.b[j])), f.out, f.b, tol)).toBe('bias-subtracted');
    expect(diagnoseForward(f.out.map((row) => row.map((v) => Math.fround(v * (1 + 3e-6)))), f.out, f.b, tol)).toBe('float32');
  });
  it('dx returned as dw', () => {
    const b = fixtures.backward.find((x) => x.name === '3x5x2')!;
    const dx = b.ds.map((row) => b.w.map((wk) => wk.reduce((s, v, c2) => s + v * row[c2], 0)));
    expect(diagnoseBackward(dx, b.db, b, tol)).toBe('dw-is-dx');
  });
});
