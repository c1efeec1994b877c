/**
 * svm: svmLoss on the golden cases. Where a margin is exactly 0 the hinge has two valid
 * subgradients; the expected ds is adapted to whichever the student chose, so nobody fails for it.
 */
import { checkMatrixShape, compareMatrix, compareScalar, isClose, type Tolerance } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { withFirstRepeated } from './repeat.ts';
import { diagnoseSvm } from '../diagnose/mistakes.ts';
import { t } from '../i18n/index.ts';
import type { SvmCase } from '../fixtures/schema.ts';
import { type PartCase, type SingleCallCase, type PartContext, fail, verdictOf } from './types.ts';

/** The expected ds with every zero-margin entry set to the student's choice of 0 or 1. */
export function acceptedGradient(c: SvmCase, got: ArrayLike<unknown>[], tol: Tolerance): number[][] {
  return c.ds.map((row, n) => {
    const y = c.labels[n];
    const sy = c.scores[n][y];
    const accepted = [...row];
    for (let k = 0; k < row.length; k++) {
      if (k === y) continue;
      const margin = c.scores[n][k] - sy + 1;
      const atZero = Math.abs(margin) <= tol.atol + tol.rtol * (Math.abs(c.scores[n][k]) + Math.abs(sy) + 1);
      if (!atZero) continue;
      const chosen = typeof got[n]?.[k] === 'number' && isClose(got[n][k] as number, 1, tol) ? 1 : 0;
      accepted[y] += accepted[k] - chosen;
      accepted[k] = chosen;
    }
    return accepted;
  });
}

export function svmCases({ fixtures, rubric }: PartContext): PartCase[] {
  const tol = rubric.tolerance;
  const cases = fixtures.svm.map((c): SingleCallCase => ({
    name: t().caseName(c.name),
    args: [c.scores, c.labels],
    judge: (value) => {
      const picked = pickReturn('svmLoss', value, ['loss', 'ds']);
      if (!picked.ok) return fail(picked.message);
      const [loss, ds] = picked.values;
      const shape = checkMatrixShape('ds', ds, c.ds.length, c.ds[0].length);
      const want = shape ? c.ds : acceptedGradient(c, ds as ArrayLike<unknown>[], tol);
      return verdictOf(
        [compareScalar('loss', loss, c.loss, tol), shape ?? compareMatrix('ds', ds, want, tol)],
        t().lossMatches(`${c.ds.length}x${c.ds[0].length}`),
        () => diagnoseSvm(loss, ds, { ...c, ds: want }, tol),
      );
    },
  }));
  return withFirstRepeated(cases, tol);
}
