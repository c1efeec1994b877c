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
