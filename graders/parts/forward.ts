/** forward: linearForward on the golden cases. */
import { compareMatrix } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { type PartCase, type PartContext, fail, verdictOf } from './types.ts';

export function forwardCases({ fixtures, rubric }: PartContext): PartCase[] {
  return fixtures.forward.map((c) => ({
    name: c.name,
    args: [c.x, c.w, c.b],
    judge: (value) => {
      const picked = pickReturn('linearForward', value, ['out', 'cache']);
      if (!picked.ok) return fail(picked.message);
      return verdictOf([compareMatrix('out', picked.values[0], c.out, rubric.tolerance)], `out matches (${c.out.length}x${c.out[0].length})`);
    },
  }));
}
