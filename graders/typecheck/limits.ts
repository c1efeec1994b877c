/** Shared by the grader's side of the type check and the process that runs the compiler. */

/** The most warnings kept per submission: the first ones are the ones to read. */
export const MAX_TYPE_WARNINGS = 20;

/** The line a type-check process writes once its compiler is loaded: each folder's time counts from there. */
export const READY_LINE = '{"ready":true}';
