/**
 * No report is written until the sandbox has been seen to work here: a sandbox that cannot start,
 * load a module and answer a call would give every student 0, so the grader stops instead, with
 * one line saying why. A grading proves it on the way (its child answered a call with a result);
 * only where none has yet, one real child of our own, started in the jail with the real flags,
 * loads a two-line module and answers a call. So a run whose first student answers costs no
 * extra child, and a sandbox that fails is still caught before the first zero is written.
 */
import { t } from '../i18n/index.ts';
import { newSubmissionOutput, SandboxChild } from './child.ts';
import { detectJail, SandboxError } from './jail.ts';

const PROBE_MODULE = 'module.exports.probe = function probe(a, b) { return [a + b, NaN]; };';
const PROBE_SECONDS = 30;


async function startAndCall(harness: string, memoryMb: number): Promise<void> {
  const jail = detectJail();
  const output = newSubmissionOutput();
  const fail = (what: string): never => {
    const stderr = output.stderr.tail.trim().split('\n').find((line) => line.trim());
    throw new SandboxError(t().sandboxCannotStart(jail.nodeVersion, `${what}${stderr ? ` (${stderr.slice(0, 200)})` : ''}`));
  };
  // A start of its own (the jail given): never the spare waiting for a student.
  const { child, outcome } = await SandboxChild.start(harness, { memoryMb }, output, jail);
  try {
    if (outcome.kind !== 'answer') fail(outcome.kind === 'exit' ? outcome.reason : t().timedOutShort);
    const loaded = await child.request({ kind: 'load', code: PROBE_MODULE }, PROBE_SECONDS * 1000);
    if (loaded.kind !== 'answer' || loaded.message.kind !== 'loaded') fail(loaded.kind === 'exit' ? loaded.reason : t().timedOutShort);
    const called = await child.request({ kind: 'call', from: 'named', name: 'probe', args: [2, 3] }, PROBE_SECONDS * 1000);
    const value = called.kind === 'answer' && called.message.kind === 'result' ? called.message.value : undefined;
    if (!Array.isArray(value) || value[0] !== 5 || !Number.isNaN(value[1])) fail(called.kind === 'exit' ? called.reason : t().malformedAnswer);
  } finally {
    child.kill();
    await Promise.all(output.finished);
  }
}

/** Whether the sandbox works here: proven by a grading's answer, or by a child of our own. */
export class SandboxCheck {
  private result: Promise<void> | undefined;
  constructor(
    private readonly harness: string,
    private readonly memoryMb: number,
  ) {}

  /** A child of a grading answered a call with a result: the sandbox works. */
  proven(): void {
    this.result ??= Promise.resolve();
  }

  /** Settles once the sandbox has been seen to work; rejects with a SandboxError when it cannot. */
  passed(): Promise<void> {
    this.result ??= startAndCall(this.harness, this.memoryMb).catch((error: unknown) => {
      this.result = undefined;
      throw error instanceof SandboxError ? error : new SandboxError(t().sandboxCannotStart(process.versions.node, (error as Error).message));
    });
    return this.result;
  }
}
