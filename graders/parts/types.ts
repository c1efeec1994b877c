/** What every part provides: its cases, each with the arguments to send and a judge for the answer. */
import type { Tolerance } from '../compare.ts';
import type { Digits } from '../data/digits.ts';
import type { FixtureSet } from '../fixtures/schema.ts';
import type { BackwardFunction } from '../grade.ts';
import type { HintId } from '../i18n/index.ts';
import type { Rubric } from '../rubric.ts';

export interface Verdict {
  /** Share of the case's points earned, 0..1 (train gives partial credit). */
  fraction: number;
  message: string;
  details?: Record<string, unknown>;
  /** The classic mistake the numbers point to, if any. */
  hint?: HintId;
}

export interface PartCase {
  name: string;
  args: unknown[];
  /** Seeds Math.random in the child and records onEpoch calls (train only). */
  seed?: number;
  judge: (value: unknown, epochs: Array<[number, number]>) => Verdict;
}

export interface PartContext {
  rubric: Rubric;
  fixtures: FixtureSet;
  digits: Digits;
  seed: number;
  referenceBackward?: BackwardFunction;
}

export const pass = (message: string, details?: Record<string, unknown>): Verdict => ({ fraction: 1, message, details });
export const fail = (message: string, details?: Record<string, unknown>): Verdict => ({ fraction: 0, message, details });

/** The first complaint (with the mistake it points to), or a pass. */
export function verdictOf(complaints: Array<string | undefined>, passMessage: string, hint: () => HintId | undefined): Verdict {
  const first = complaints.find((c) => c !== undefined);
  return first ? { ...fail(first), hint: hint() } : pass(passMessage);
}

export type { Tolerance };
