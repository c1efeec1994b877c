/**
 * The homework's data set: the 8x8 digits in fixtures/digits.csv.gz, checked against the sha256
 * recorded in fixtures/DIGITS.md and split as the homework splits it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const DIGITS_PATH = fileURLToPath(new URL('../../fixtures/digits.csv.gz', import.meta.url));
export const DIGITS_SHA256 = '46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a';
export const PIXELS = 64;
export const CLASSES = 10;
/** Rows 0..1499 train, rows 1500..1796 test, in file order. */
export const TRAIN_ROWS = 1500;
export const TOTAL_ROWS = 1797;

export interface DigitsSplit {
  x: number[][];
  y: number[];
}
export interface Digits {
  train: DigitsSplit;
  test: DigitsSplit;
}

export class DigitsError extends Error {}

let cached: Digits | undefined;

/** Loads the digits once per process; throws DigitsError when the file is missing or altered. */
export function loadDigits(path = DIGITS_PATH): Digits {
  if (cached && path === DIGITS_PATH) return cached;
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    throw new DigitsError(`the digits data set is missing at ${path}: restore it with 'git checkout fixtures/digits.csv.gz'`);
  }
  const sha = createHash('sha256').update(raw).digest('hex');
  if (sha !== DIGITS_SHA256) {
    throw new DigitsError(`${path} has sha256 ${sha}, expected ${DIGITS_SHA256}: restore it with 'git checkout fixtures/digits.csv.gz'`);
  }
  // The bytes are the ones the sha256 above pins: 1797 lines of 65 comma-separated integers, no
  // quoting, so a split reads them exactly (a CSV library took 70 ms of every grader start here).
  const all = gunzipSync(raw)
    .toString('latin1')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map(Number));
  if (all.length !== TOTAL_ROWS) throw new DigitsError(`${path} has ${all.length} rows, expected ${TOTAL_ROWS}`);
  const split = (from: number, to: number): DigitsSplit => ({
    x: all.slice(from, to).map((r) => r.slice(0, PIXELS)),
    y: all.slice(from, to).map((r) => r[PIXELS]),
  });
  const digits = { train: split(0, TRAIN_ROWS), test: split(TRAIN_ROWS, TOTAL_ROWS) };
  if (path === DIGITS_PATH) cached = digits;
  return digits;
}
