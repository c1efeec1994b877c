/**
 * Before anyone is graded: one real child, started in the jail with the real flags, loads a
 * two-line module and answers a call. A sandbox that cannot do that would give every student 0,
 * so the grader stops instead, with one line saying why.
 */
import { t } from '../i18n/index.ts';
import { newSubmissionOutput, SandboxChild } from './child.ts';
import { detectJail, SandboxError } from './jail.ts';

const PROBE_MODULE = 'module.exports.probe = function probe(a, b) { return [a + b, NaN]; };';
const PROBE_SECONDS = 30;

let checked: Promise<void> | undefined;

async function startAndCall(harness: string, memoryMb: number): Promise<void> {
  const jail = detectJail();
  const output = newSubmissionOutput();
  const fail = (what: string): never => {
    const stderr = output.stderr.tail.trim().split('\n').find((line) => line.trim());
    throw new SandboxError(t().sandboxCannotStart(jail.nodeVersion, `${what}${stderr ? ` (${stderr.slice(0, 200)})` : ''}`));
  };
  const { child, outcome } = await SandboxChild.start(harness, { memoryMb }, output);
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

/** Resolves once a child has answered; rejects with a SandboxError (checked once per process). */
export function checkSandbox(harness: string, memoryMb: number): Promise<void> {
  checked ??= startAndCall(harness, memoryMb).catch((error: unknown) => {
    checked = undefined;
    throw error instanceof SandboxError ? error : new SandboxError(t().sandboxCannotStart(process.versions.node, (error as Error).message));
  });
  return checked;
}
