/**
 * NNGRADE_TRACE=1: each step of a run, with the milliseconds since the process started, on
 * stderr ("nngrade trace 412 ms: train child ready"). For finding where a run's time goes; off,
 * it costs nothing.
 */
const on = process.env.NNGRADE_TRACE !== undefined && process.env.NNGRADE_TRACE !== '' && process.env.NNGRADE_TRACE !== '0';

export function trace(step: string): void {
  if (on) process.stderr.write(`nngrade trace ${performance.now().toFixed(0)} ms: ${step}\n`);
}
