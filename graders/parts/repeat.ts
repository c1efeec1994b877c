/**
 * State kept between calls (a buffer never zeroed, a cache keyed on the shape) shows when the same
 * input is sent twice: a pure function answers the same. The first case of a part is sent twice in
 * a row and judged on the first answer; a second answer that differs fails it and says why.
 */
import { isClose, type Tolerance } from '../compare.ts';
import { t } from '../i18n/index.ts';
import type { MultiCallCase, PartCase, SingleCallCase, Verdict } from './types.ts';

/** The first number where two answers part ways, as a path like [0][1][2]; undefined when they agree. */
export function firstDifference(a: unknown, b: unknown, tol: Tolerance, path = ''): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') return (Number.isNaN(a) && Number.isNaN(b)) || a === b || isClose(b, a, tol) ? undefined : path || '(value)';
  const list = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);
  if (list(a) && list(b)) {
    if (a.length !== b.length) return path || '(value)';
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], tol, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], tol, `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return a === b ? undefined : path || '(value)';
}

/** The cases with the first one sent twice: judged on its first answer, failed when the second differs. */
export function withFirstRepeated(cases: SingleCallCase[], tol: Tolerance): PartCase[] {
  if (cases.length === 0) return cases;
  const [first, ...rest] = cases;
  const repeated: MultiCallCase = {
    name: first.name,
    ...(first.weight !== undefined ? { weight: first.weight } : {}),
    calls: [{ args: first.args }, { args: first.args }],
    judge: (values, epochs): Verdict => {
      const verdict = first.judge(values[0], epochs[0]);
      const where = firstDifference(values[0], values[1], tol);
      if (where === undefined) return verdict;
      return { fraction: 0, message: t().differsOnRepeat(where), hint: 'state-kept' };
    },
  };
  return [repeated, ...rest];
}
