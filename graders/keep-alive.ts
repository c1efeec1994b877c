/**
 * A process started ahead of need (a sandbox child, a type-check process) must not keep the grader
 * running while nobody has taken it: its handles are released until it is taken.
 */

type Handle = { ref?: () => void; unref?: () => void } | null | undefined;

/** Whether the handles (a child process and its pipes; a missing pipe is skipped) keep the event loop alive. */
export function holdRunning(handles: readonly unknown[], hold: boolean): void {
  for (const handle of handles as Handle[]) (hold ? handle?.ref : handle?.unref)?.call(handle);
}
