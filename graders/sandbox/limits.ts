/**
 * Constants shared by the harness, the in-context prelude and the grader. Kept apart from
 * protocol.ts so that the harness, passed to the child on its command line, does not bundle zod.
 */

/** The most numbers the prelude copies out of one returned value. */
export const MAX_RESULT_NUMBERS = 1_000_000;

/** The deepest nesting of a returned value. */
export const MAX_RESULT_DEPTH = 8;

/** The most bytes of one frame from the child (a 256x64 gradient is about 400 KB of JSON). */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

/** The most bytes of answers one child may send in all: past it the child is ended. */
export const MAX_CHILD_BYTES = 256 * 1024 * 1024;

/** onEpoch calls forwarded per train() call; more are counted by the student's loop, not sent. */
export const MAX_EPOCH_CALLS = 10_000;

/** The seed of Math.random outside train(), so that every call is reproducible. */
export const DEFAULT_CALL_SEED = 20240;

/** Failures the harness itself names, so the grader can word them in the student's language. */
export const HARNESS_ERROR_CODES = ['not-error', 'indescribable', 'not-function', 'too-large', 'too-deep', 'unreadable'] as const;
export type HarnessErrorCode = (typeof HARNESS_ERROR_CODES)[number];
