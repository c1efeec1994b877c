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

/** The onEpoch calls one train() call made, as [epoch, meanLoss] pairs. */
export type EpochCalls = Array<[number, number]>;

export interface PartCall {
  args: unknown[];
  /** Seeds Math.random in the child and records onEpoch calls (train only). */
  seed?: number;
}

/** One call and a judge of its value. */
export interface SingleCallCase extends PartCall {
  name: string;
  /** The case's share of the part's points relative to the others (default 1). */
  weight?: number;
  judge: (value: unknown, epochs: EpochCalls) => Verdict;
}

/** Several calls, sent in order, and one judge over all their values (train's update rule). */
export interface MultiCallCase {
  name: string;
  weight?: number;
  calls: PartCall[];
  judge: (values: unknown[], epochs: EpochCalls[]) => Verdict;
}

export type PartCase = SingleCallCase | MultiCallCase;

/** The calls a case sends, whichever kind it is. */
export const callsOf = (c: PartCase): PartCall[] => ('calls' in c ? c.calls : [{ args: c.args, ...(c.seed !== undefined ? { seed: c.seed } : {}) }]);

/** Judges the values of all of a case's calls. */
export const judgeCase = (c: PartCase, values: unknown[], epochs: EpochCalls[]): Verdict => ('calls' in c ? c.judge(values, epochs) : c.judge(values[0], epochs[0]));

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
