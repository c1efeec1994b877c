/** forward: linearForward on the golden cases. */
import { compareMatrix } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { withFirstRepeated } from './repeat.ts';
import { cacheHoldsOutput, diagnoseForward } from '../diagnose/mistakes.ts';
import { t } from '../i18n/index.ts';
import { type PartCase, type SingleCallCase, type PartContext, fail, verdictOf } from './types.ts';

export function forwardCases({ fixtures, rubric }: PartContext): PartCase[] {
  const cases = fixtures.forward.map((c): SingleCallCase => ({
    name: t().caseName(c.name),
    args: [c.x, c.w, c.b],
    judge: (value) => {
      const picked = pickReturn('linearForward', value, ['out', 'cache']);
      if (!picked.ok) return fail(picked.message);
      const [out, cache] = picked.values;
      // The cache is the contract's too: backward reads x from it.
      if (cacheHoldsOutput(cache, out, c.x, rubric.tolerance)) return { ...fail(t().cacheHoldsOut), hint: 'cache-holds-out' };
      return verdictOf([compareMatrix('out', out, c.out, rubric.tolerance)], t().outMatches(`${c.out.length}x${c.out[0].length}`), () => diagnoseForward(out, c.out, c.b, rubric.tolerance));
    },
  }));
  return withFirstRepeated(cases, rubric.tolerance);
}
