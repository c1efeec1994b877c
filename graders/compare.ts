/**
 * Tolerant comparison, |got - want| <= atol + rtol * |want| (the usual 'all close' test), where
 * NaN and Infinity are never close. Messages say what and where, e.g. "out is 10x4, expected 4x10"
 * or "out[2][7]: expected 1.2340, got 1.3340".
 */
import { t } from './i18n/index.ts';

export interface Tolerance {
  rtol: number;
  atol: number;
}

export function isClose(got: number, want: number, tol: Tolerance): boolean {
  return Number.isFinite(got) && Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);
}

/** "where: expected w, got g", or "where is NaN (expected w)" when the value is not a finite number. */
function missMessage(where: string, want: number, got: unknown): string {
  if (typeof got === 'number' && !Number.isFinite(got)) return t().nonFiniteMiss(where, String(got), formatPair(want, 0)[0]);
  const [w, v] = formatPair(want, got);
  return t().mismatch(where, w, v);
}

/** Enough digits to tell the two numbers apart, and no more. */
export function formatPair(want: number, got: unknown): [string, string] {
  if (typeof got !== 'number') return [formatNumber(want, 5), describeEntry(got)];
  for (let digits = 5; digits <= 17; digits++) {
    const [a, b] = [formatNumber(want, digits), formatNumber(got, digits)];
    if (a !== b) return [a, b];
  }
  return [formatNumber(want, 17), formatNumber(got, 17)];
}

function formatNumber(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e6) return Number(v.toPrecision(digits)).toString();
  return v.toExponential(digits - 1);
}

function describeEntry(v: unknown): string {
  if (v === undefined) return t().nothing;
  if (typeof v === 'string') return t().theString(JSON.stringify(v));
  return `${v === null ? 'null' : typeof v}`;
}

const isRow = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || v instanceof Float64Array;

/** Checks that `got` is a list of `rows` rows of `cols` entries; a message when not. */
export function checkMatrixShape(name: string, got: unknown, rows: number, cols: number): string | undefined {
  if (!isRow(got)) return t().notMatrix(name, rows, cols, describeEntry(got));
  const bad = Array.from(got).findIndex((row) => !isRow(row));
  if (bad >= 0) return t().notRow(name, bad, cols, describeEntry(got[bad]));
  const gotCols = new Set(Array.from(got as ArrayLike<ArrayLike<unknown>>, (row) => row.length));
  if (got.length !== rows || gotCols.size > 1 || (rows > 0 && !gotCols.has(cols))) {
    const shape = gotCols.size > 1 ? t().raggedShape(got.length, [...gotCols].join(t().or)) : `${got.length}x${[...gotCols][0] ?? 0}`;
    return t().wrongShape(name, shape, rows, cols);
  }
  return undefined;
}

/** Compares a matrix entry by entry: undefined when all close, else where the first miss is. */
export function compareMatrix(name: string, got: unknown, want: ArrayLike<number>[], tol: Tolerance): string | undefined {
  const cols = want.length > 0 ? want[0].length : 0;
  const shape = checkMatrixShape(name, got, want.length, cols);
  if (shape) return shape;
  const rows = got as ArrayLike<unknown>[];
  let first: string | undefined;
  let misses = 0;
  for (let i = 0; i < want.length; i++) {
    for (let j = 0; j < cols; j++) {
      const g = rows[i][j];
      if (typeof g === 'number' && isClose(g, want[i][j], tol)) continue;
      misses++;
      if (!first) first = missMessage(`${name}[${i}][${j}]`, want[i][j], g);
    }
  }
  if (!first) return undefined;
  return misses > 1 ? t().moreDiffer(first, misses, want.length * cols) : first;
}

/** Checks that `got` is a list of `length` entries; a message when not. */
export function checkVectorShape(name: string, got: unknown, length: number): string | undefined {
  if (!isRow(got)) return t().notVector(name, length, describeEntry(got));
  if (got.length !== length) return t().wrongLength(name, got.length, length);
  return undefined;
}

export function compareVector(name: string, got: unknown, want: ArrayLike<number>, tol: Tolerance): string | undefined {
  const shape = checkVectorShape(name, got, want.length);
  if (shape) return shape;
  const entries = got as ArrayLike<unknown>;
  let first: string | undefined;
  let misses = 0;
  for (let i = 0; i < want.length; i++) {
    const g = entries[i];
    if (typeof g === 'number' && isClose(g, want[i], tol)) continue;
    misses++;
    if (!first) first = missMessage(`${name}[${i}]`, want[i], g);
  }
  if (!first) return undefined;
  return misses > 1 ? t().moreDiffer(first, misses, want.length) : first;
}

export function compareScalar(name: string, got: unknown, want: number, tol: Tolerance): string | undefined {
  if (typeof got === 'number' && isClose(got, want, tol)) return undefined;
  return missMessage(name, want, got);
}
