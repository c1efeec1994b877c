/**
 * Constants shared by the harness and the grader. Kept apart from protocol.ts so the harness,
 * which is passed to the child on its command line, does not bundle zod with it.
 */

/** The most numbers the harness copies out of one returned value. */
export const MAX_RESULT_NUMBERS = 4_000_000;

/**
 * The harness exits with this code when the submission closes its channel to the grader: the
 * grader may not see the channel close (a wrapper process holds the other end), but it sees this.
 */
export const CHANNEL_CLOSED_EXIT_CODE = 87;

/** Failures the harness itself names, so the grader can word them in the student's language. */
export const HARNESS_ERROR_CODES = ['not-error', 'indescribable', 'not-function', 'too-large', 'too-deep', 'unreadable'] as const;
