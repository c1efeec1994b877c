/**
 * How `npm run bench` times things as a user waits for them: whole commands, spawned, on the wall
 * clock, from start to exit (or to a line of output); a pool that runs commands n at a time; and
 * the median and spread of repeated samples.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Command {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

/** Colourless English output, as the tests read it. */
const QUIET_ENV = { NO_COLOR: '1', LANG: 'C' };

/**
 * The environment every timed process starts in, the bare ones and npm alike: this one's, without
 * NODE_EXTRA_CA_CERTS. Where that is set (a machine behind a proxy), Node reads the certificates
 * at every start, some 35 ms; the commands clear it for their own processes, and a bare process
 * that paid it would flatter every ratio.
 */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certificates, ...inherited } = process.env;
  return { ...inherited, ...QUIET_ENV, ...extra };
}

/**
 * The processor time the whole machine has spent working so far, in ms, where Linux tells it
 * (/proc/stat: user, nice, system, irq and softirq; USER_HZ is 100), else undefined. The difference
 * across a run is what the run cost every process it started, the sandboxed children included,
 * whose time no parent's rusage holds. Other work on the machine counts too: read it when quiet.
 */
export function machineCpuMs(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const total = (user + nice + system + irq + softirq) * 10;
    return Number.isFinite(total) ? total : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `work`; the processor time the machine spent meanwhile (undefined where it cannot be read). */
export async function withCpu<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number | undefined }> {
  const before = machineCpuMs();
  const result = await work();
  const after = machineCpuMs();
  return { result, cpuMs: before !== undefined && after !== undefined ? after - before : undefined };
}

/** Runs a command to its end; its wall time in ms and its stdout. Fails on a non-zero exit. */
export function timeCommand(c: Command): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(c.command, c.args, { cwd: c.cwd, env: benchEnv(c.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${c.command} ${c.args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString().trim().split('\n').pop()}`));
      else resolve({ ms, stdout: Buffer.concat(out).toString() });
    });
  });
}

/** Runs every command, `jobs` at a time; the wall time of the whole in ms. */
export async function timePool(commands: Command[], jobs: number): Promise<number> {
  const started = performance.now();
  const queue = [...commands];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await timeCommand(next);
    }),
  );
  return performance.now() - started;
}

/** A long-running command whose output is watched: resolves when `text` has appeared `count` times in all. */
export function startWatched(c: Command) {
  const child = spawn(c.command, c.args, { cwd: c.cwd, env: benchEnv(c.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  });
  const occurrences = (text: string) => stdout.split(text).length - 1;
  return {
    /** Resolves once `text` has been printed `count` times; rejects after `timeoutMs`. */
    waitFor(text: string, count: number, timeoutMs = 120_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`'${text}' did not appear ${count} times within ${timeoutMs / 1000} s; output so far:\n${stdout}`)), timeoutMs);
        const check = () => {
          if (occurrences(text) < count) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    },
    stop(): void {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      } catch {
        // already gone
      }
    },
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const showSpread = (s: Spread) => `${seconds(s.median)} (${(s.min / 1000).toFixed(2)} to ${(s.max / 1000).toFixed(2)}, n=${s.n})`;
