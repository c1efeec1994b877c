/**
 * What the sandbox costs per submission, for `npm run bench`: a child started in each jail that
 * runs here, its vm context built and the submission loaded (to its 'loaded' answer), beside a
 * bare node process that requires the same bundle and exits; and the same training in the vm
 * context and in a bare process, to show the context costs the student's code nothing.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDigits } from '../graders/data/digits.ts';
import { DEFAULT_SEED } from '../graders/grade.ts';
import { defaultRubric } from '../graders/rubric.ts';
import { harnessCode, bundleSubmission } from '../graders/sandbox/bundle.ts';
import { newSubmissionOutput, SandboxChild } from '../graders/sandbox/child.ts';
import { findJail, JAIL_MODES, type JailMode } from '../graders/sandbox/jail.ts';
import { benchEnv, type Spread, spread } from './bench-timing.ts';

const ms = (s: Spread) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)} to ${s.max.toFixed(0)}, n=${s.n})`;

/** Starts a child in `mode`, loads the bundle; the wall time to 'loaded', and the training's own time in the context. */
async function sandboxRun(mode: JailMode, harness: string, code: string, train: boolean): Promise<{ startMs: number; trainMs?: number }> {
  const output = newSubmissionOutput();
  {
    const started = performance.now();
    const { child } = await SandboxChild.start(harness, { memoryMb: 512 }, output, findJail(mode));
    const loaded = await child.request({ kind: 'load', code }, 60_000);
    const startMs = performance.now() - started;
    if (loaded.kind !== 'answer' || loaded.message.kind !== 'loaded') throw new Error(`the ${mode} child did not load the submission`);
    let trainMs: number | undefined;
    if (train) {
      const digits = loadDigits();
      const { batchSize, epochs, lr } = defaultRubric().parts.train;
      const before = performance.now();
      const trained = await child.request({ kind: 'call', from: 'named', name: 'train', args: [digits.train.x, digits.train.y, { batchSize, epochs, lr }], seed: DEFAULT_SEED, train: true }, 120_000);
      trainMs = performance.now() - before;
      if (trained.kind !== 'answer' || trained.message.kind !== 'result') throw new Error(`the ${mode} child did not train`);
    }
    child.kill();
    await Promise.all(output.finished);
    return { startMs, trainMs };
  }
}

/** A bare node process's wall time to its first output (its exit not counted, as the child's is not). */
function untilFirstOutput(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: benchEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => resolve(performance.now() - started));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`the bare process exited with ${code}`)));
  });
}

export async function benchSandbox(folder: string, work: string, runs: number): Promise<string[]> {
  const bundle = await bundleSubmission(folder);
  if (!bundle.ok) throw new Error(`${folder}: ${bundle.message}`);
  const bundled = join(work, 'sandbox-bench.cjs');
  writeFileSync(bundled, bundle.code);
  const harness = await harnessCode();
  const modes = JAIL_MODES.filter((mode) => {
    try {
      findJail(mode);
      return true;
    } catch {
      return false;
    }
  });
  const bare: number[] = [];
  const starts = new Map<JailMode, number[]>(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) {
    // Interleaved, so that every figure sees the same load.
    bare.push(await untilFirstOutput(['-e', `require(${JSON.stringify(bundled)}); process.stdout.write('loaded\\n')`], work));
    for (const mode of modes) starts.get(mode)!.push((await sandboxRun(mode, harness, bundle.code, false)).startMs);
  }
  const bareStart = spread(bare);
  const lines = [`a bare node process, started to the bundle loaded: ${ms(bareStart)}`];
  for (const mode of modes) {
    const s = spread(starts.get(mode)!);
    const cost = s.median - bareStart.median;
    lines.push(`a sandboxed child in the ${mode} jail, started and the bundle loaded: ${ms(s)}; the jail and the context cost ${cost.toFixed(0)} ms (target under 50 ms): ${cost < 50 ? 'within target' : 'NOT within target'}`);
  }
  const inContext: number[] = [];
  for (let i = 0; i < Math.min(runs, 3); i++) inContext.push((await sandboxRun(modes[0], harness, bundle.code, true)).trainMs!);
  lines.push(`the 100-epoch training, called in the vm context (the ${modes[0]} jail), round trip included: ${ms(spread(inContext))}`);
  return lines;
}
