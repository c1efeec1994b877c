/** Tolerances (|got - want| <= atol + rtol * |want|), and messages that say what and where. */
import { describe, expect, it } from 'vitest';
import { compareMatrix, compareScalar, compareVector, isClose } from '../../graders/compare.ts';
import { acceptedGradient } from '../../graders/parts/svm.ts';

const tol = { rtol: 1e-6, atol: 1e-9 };

describe('isClose', () => {
  it('accepts |got - want| <= atol + rtol * |want| and nothing beyond', () => {
    expect(isClose(1000.0009, 1000, tol)).toBe(true);
    expect(isClose(1000.0011, 1000, tol)).toBe(false);
    expect(isClose(5e-10, 0, tol)).toBe(true);
    expect(isClose(2e-9, 0, tol)).toBe(false);
  });
  it('never calls NaN or Infinity close, even to themselves', () => {
    expect(isClose(NaN, NaN, tol)).toBe(false);
    expect(isClose(Infinity, Infinity, tol)).toBe(false);
  });
});

describe('messages', () => {
  it('name a shape mismatch', () => {
    const want = Array.from({ length: 4 }, () => Array(10).fill(0));
    const got = Array.from({ length: 10 }, () => Array(4).fill(0));
    expect(compareMatrix('out', got, want, tol)).toBe('out is 10x4, expected 4x10');
  });
  it('name the first entry that differs, with the count of the others', () => {
    const want = [[1, 2], [3, 1.234]];
    expect(compareMatrix('out', [[1, 2], [3, 1.334]], want, tol)).toBe('out[1][1]: expected 1.234, got 1.334');
    expect(compareMatrix('out', [[0, 2], [3, 1.334]], want, tol)).toBe('out[0][0]: expected 1, got 0 (2 of 4 entries differ)');
  });
  it('show enough digits to tell close numbers apart', () => {
    expect(compareScalar('loss', 1.23456789, 1.23456, tol)).toBe('loss: expected 1.23456, got 1.23457');
  });
  it('say what came back when it is not a number', () => {
    expect(compareVector('db', [1, 'x'], [1, 2], tol)).toBe('db[1]: expected 2, got the string "x"');
    expect(compareVector('db', 3, [1, 2], tol)).toBe('db should be a list of 2 numbers, got number');
    expect(compareMatrix('out', [[1], 5], [[1], [2]], tol)).toBe('out[1] should be a row of 1 numbers, got number');
  });
  it('accept Float64Array rows', () => {
    expect(compareMatrix('out', [Float64Array.of(1, 2)], [[1, 2]], tol)).toBeUndefined();
  });
});

describe('SVM gradient at a margin of exactly 0', () => {
  // Row 0: true class 0 with score 1; class 1 has score 0, so its margin is 0 - 1 + 1 = 0 exactly.
  const c = { name: 'tie', scores: [[1, 0, -5]], labels: [0], loss: 0, ds: [[0, 0, 0]] };
  it('accepts the subgradient that counts the tie', () => {
    const got = [[-1, 1, 0]];
    expect(compareMatrix('ds', got, acceptedGradient(c, got, tol), tol)).toBeUndefined();
  });
  it('accepts the subgradient that leaves it out', () => {
    const got = [[0, 0, 0]];
    expect(compareMatrix('ds', got, acceptedGradient(c, got, tol), tol)).toBeUndefined();
  });
  it('still refuses a true-class entry that does not match the choice', () => {
    const got = [[0, 1, 0]];
    expect(compareMatrix('ds', got, acceptedGradient(c, got, tol), tol)).toBe('ds[0][0]: expected -1, got 0');
  });
});

describe('non-finite numbers are data, named where they are', () => {
  it('in a matrix, a vector and a scalar', () => {
    expect(compareMatrix('W', [[1, 2], [3, NaN]], [[1, 2], [3, 4]], tol)).toBe('W[1][1] is NaN (expected 4)');
    expect(compareVector('b', [Infinity, 1], [0.5, 1], tol)).toBe('b[0] is Infinity (expected 0.5)');
    expect(compareScalar('loss', -Infinity, 2, tol)).toBe('loss is -Infinity (expected 2)');
  });
});
