/**
 * The student contract as the grader sees it: which exported names count for each function, and
 * how the accepted return forms (tuples or objects) are reduced to the values that get judged.
 */
import { t } from './i18n/index.ts';
import type { PartId } from './rubric.ts';

export type ContractFunction = 'linearForward' | 'linearBackward' | 'svmLoss' | 'train';

/** The function each part calls, and the names a submission may export it under. */
export const PART_FUNCTION: Record<PartId, { fn: ContractFunction; names: string[] }> = {
  forward: { fn: 'linearForward', names: ['linearForward', 'linear_forward'] },
  backward: { fn: 'linearBackward', names: ['linearBackward', 'linear_backward'] },
  svm: { fn: 'svmLoss', names: ['svmLoss', 'svm_loss'] },
  train: { fn: 'train', names: ['train'] },
};

/** The part each contract function belongs to. */
export const PART_OF = Object.fromEntries(Object.entries(PART_FUNCTION).map(([part, { fn }]) => [fn, part])) as Record<ContractFunction, PartId>;

export interface SubmissionExports {
  named: string[];
  default: string[];
}

export type Located = { ok: true; from: 'named' | 'default'; name: string } | { ok: false; message: string };

/** Finds a contract function among the exports: named first, then on a default-exported object. */
export function locateFunction(part: PartId, exports: SubmissionExports): Located {
  const { fn, names } = PART_FUNCTION[part];
  for (const name of names) if (exports.named.includes(name)) return { ok: true, from: 'named', name };
  for (const name of names) if (exports.default.includes(name)) return { ok: true, from: 'default', name };
  const found = [...exports.named, ...exports.default.map((n) => `default.${n}`)];
  const also = names.length > 1 ? `${t().or}${names.slice(1).join(', ')}` : '';
  return { ok: false, message: t().notExported(fn, also, found.length > 0 ? found.join(', ') : t().noFunctions) };
}

/** The parts of a returned value, by tuple position or by object key. */
export type Picked = { ok: true; values: unknown[] } | { ok: false; message: string };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return t().anArrayOf(value.length);
  if (value instanceof Float64Array) return t().aFloat64ArrayOf(value.length);
  if (typeof value === 'object') return t().anObjectWithKeys(Object.keys(value).join(', '));
  return typeof value === 'string' ? t().theString(JSON.stringify(value)) : `${typeof value} ${String(value)}`;
}

/**
 * `[a, b]` or `{ keyA, keyB }` to `[a, b]`. For example pickReturn('svmLoss', v, ['loss', 'ds'])
 * accepts `[loss, ds]` and `{ loss, ds }`.
 */
export function pickReturn(fn: ContractFunction, value: unknown, keys: string[]): Picked {
  const expected = `[${keys.join(', ')}] or { ${keys.join(', ')} }`;
  if (Array.isArray(value) && value.length >= keys.length) return { ok: true, values: keys.map((_, i) => value[i]) };
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && keys.every((k) => k in value)) {
    return { ok: true, values: keys.map((k) => (value as Record<string, unknown>)[k]) };
  }
  return { ok: false, message: t().returnedInstead(fn, describeValue(value), expected) };
}
