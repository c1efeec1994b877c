/**
 * Type errors in submissions, as warnings for the student: bundling strips types, so a type error
 * never costs points, but it often points at the bug that does. The compiler runs beside the
 * grading in a process of its own (graders/typecheck/worker.ts, compiled once by
 * scripts/launch.mjs), under a heap cap and a time limit, and is killed when it goes over: a
 * submission built to exhaust the compiler costs its own warnings and nothing else, and grading
 * never waits for it. Results arrive folder by folder, as soon as each is checked; a folder
 * checked before, byte for byte, gets its warnings from the cache without the compiler.
 */
import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { holdRunning } from './keep-alive.ts';
import type { Report } from './report/schema.ts';
import { cachedWarnings, folderKey, rememberWarnings } from './typecheck/cache.ts';
import { MAX_TYPE_WARNINGS, READY_LINE } from './typecheck/limits.ts';
/**
 * The process's heap cap by default, and its V8 flags (graders/typecheck/process.json, which the
 * launcher reads too: a startup snapshot serves only a process started with the flags it was built
 * with). The flags: the compiler runs interpreted and baseline-compiled only, because a check is
 * too short for V8's optimizing compilers to pay back the processor time their threads spend (in
 * a batch that time is taken from the gradings). Ten folders on Node 20: 1.25 s of processor time
 * with them, 0.88 s without, the same wall time; on 22, 1.1 s and 0.75 s. Forty folders take 10%
 * longer.
 */
import PROCESS from './typecheck/process.json' with { type: 'json' };

export interface TypecheckLimits {
  /** The type-check process's heap. */
  memoryMb: number;
  /** The whole run, however many folders. */
  timeoutMs: number;
  /**
   * One folder, counted from the compiler's ready line or the folder before: a folder over it is
   * given up, with no warnings, and the folders after it are checked by a fresh process, so that
   * no submission's files cost another student their warnings.
   */
  folderMs?: number;
}

const FOLDER_MS = 10_000;
/** Loading the compiler, until the process says it is ready: seconds on a busy machine. */
const LOAD_MS = 30_000;

/** Generous: each folder its own time, and the whole run as much as all of them with one load. */
export function defaultTypecheckLimits(folders: number): TypecheckLimits {
  return { memoryMb: PROCESS.memoryMb, timeoutMs: LOAD_MS + (FOLDER_MS + 1_000) * folders, folderMs: FOLDER_MS };
}

const LAUNCHER = fileURLToPath(new URL('../scripts/launch.mjs', import.meta.url));
const WORKER = 'graders/typecheck/worker.ts';
/**
 * Behind the grading when both want the processor: its warnings are the least urgent thing. Not
 * lower: on a machine kept busy by others it must still finish within its time limit. (At the
 * grading's priority in a batch, where it could run beside it rather than after, was tried: the
 * batch took longer.)
 */
const TYPECHECK_NICENESS = 10;
/**
 * Started through `nice`, every thread of the process runs at that priority: setPriority on a
 * running process reaches only its main thread, and the compiler's helper threads, left at the
 * grader's priority, slowed a training on the other core.
 */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((path) => existsSync(path));
/** More than MAX_TYPE_WARNINGS lines of any sane length for every folder: a run that prints more is broken. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

const ResultLineSchema = z.object({ dir: z.string(), warnings: z.array(z.string().max(4000)).max(MAX_TYPE_WARNINGS) });

/** Why a folder got no warnings: over its time, or the compiler's process crashed on it. */
export type TypecheckGivenUp = NonNullable<Report['typeCheckGivenUp']>;
/** The type check's fields of a report. */
export type TypecheckFields = Pick<Report, 'typeWarnings' | 'typeCheckGivenUp'>;

export interface TypecheckRun {
  /** The warnings of a folder when they have arrived; undefined before. */
  arrived(dir: string): string[] | undefined;
  /** Why the check gave the folder up, when it did (it then never has warnings). */
  givenUp(dir: string): TypecheckGivenUp | undefined;
  /** What a report says of the folder once the check is done with it (warnings, or why it was given up; nothing for a clean check); undefined before. */
  known(dir: string): TypecheckFields | undefined;
  /** Settles once every one of the folders has its warnings, or the process has ended. */
  whenArrived(dirs: string[]): Promise<void>;
  /** Settles when the process has ended (finished, failed or killed): every folder that was checked. */
  done: Promise<Map<string, string[]>>;
  /** Ends the process now. */
  stop(): void;
}

/** Startup snapshots that failed to start a process: not tried again by this grader. */
const failedSnapshots = new Set<string>();

/**
 * The startup snapshot the launcher found for this Node (scripts/launch.mjs names it in the
 * environment), for a process with the default heap cap; none where it has failed to start one.
 */
function snapshotFor(memoryMb: number): string | undefined {
  const snapshot = process.env.NNGRADE_TYPECHECK_SNAPSHOT;
  return snapshot && memoryMb === PROCESS.memoryMb && !failedSnapshots.has(snapshot) ? snapshot : undefined;
}

type Worker = ChildProcessByStdio<Writable, Readable, null> & { snapshot?: string };

/** A type-check process with its compiler loaded: started now, it reads its folders on stdin. */
function spawnWorker(memoryMb: number, warm: boolean): Worker {
  const snapshot = snapshotFor(memoryMb);
  const flags = [`--max-old-space-size=${memoryMb}`, ...PROCESS.v8Flags];
  // From the snapshot, the compiler is warm already.
  const command = snapshot ? [process.execPath, ...flags, '--snapshot-blob', snapshot] : [process.execPath, ...flags, LAUNCHER, WORKER, ...(warm ? ['--warm'] : [])];
  const run = NICE ? [NICE, '-n', String(TYPECHECK_NICENESS), ...command] : command;
  // The compiler opens no connection: extra certificate authorities, where the machine names
  // some, would only be read and parsed at its start (50 ms on the machine the bench runs on).
  const { NODE_EXTRA_CA_CERTS: _certificates, ...env } = process.env;
  const child = spawn(run[0], run.slice(1), {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // Without `nice` here, its main thread at least.
  if (!NICE && child.pid !== undefined) {
    try {
      setPriority(child.pid, TYPECHECK_NICENESS);
    } catch {
      // not permitted here: it runs at the grader's priority
    }
  }
  return Object.assign(child, { snapshot });
}

/** The type-check process started ahead of need (startSpareTypecheck), until a check takes it. */
let spare: { child: Worker; memoryMb: number } | undefined;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function takeSpare(memoryMb: number): Worker | undefined {
  const taken = spare;
  if (!taken || taken.memoryMb !== memoryMb || !running(taken.child)) return undefined;
  spare = undefined;
  holdRunning([taken.child, taken.child.stdin, taken.child.stdout], true);
  return taken.child;
}

/**
 * Starts a type-check process ahead of need, for the next check (`check --watch` starts one after
 * each result, while the student edits): it loads the compiler and checks a small module of its
 * own, so that the next folder's warnings cost some 40 ms of the processor instead of half a
 * second taken beside that folder's training. It keeps no grader running, and ends with it.
 */
export function startSpareTypecheck(memoryMb: number = defaultTypecheckLimits(1).memoryMb): void {
  if (spare && running(spare.child)) return;
  const child = spawnWorker(memoryMb, true);
  child.on('error', () => {});
  child.stdin.on('error', () => {});
  holdRunning([child, child.stdin, child.stdout], false);
  spare = { child, memoryMb };
  const end = () => {
    if (running(child)) child.kill('SIGKILL');
  };
  process.once('exit', end);
  child.once('exit', () => process.off('exit', end));
}

/** Starts checking the folders in the background; never throws and never rejects. */
export function startTypecheck(dirs: string[], limits: TypecheckLimits = defaultTypecheckLimits(dirs.length)): TypecheckRun {
  const results = new Map<string, string[]>();
  const listeners = new Set<() => void>();
  let ended = false;
  const whenArrived = (wanted: string[]) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ended && !wanted.every((dir) => results.has(dir))) return;
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
      check();
    });
  const arrived = (dir: string) => results.get(dir);
  const gaveUp = new Map<string, TypecheckGivenUp>();
  const givenUp = (dir: string) => gaveUp.get(dir);
  const known = (dir: string): TypecheckFields | undefined => {
    const warnings = results.get(dir);
    const why = gaveUp.get(dir);
    if (!warnings && !why) return undefined;
    return { ...(warnings?.length ? { typeWarnings: warnings } : {}), ...(why ? { typeCheckGivenUp: why } : {}) };
  };
  // Folders checked before, byte for byte, need no compiler.
  const keys = new Map<string, string>();
  for (const dir of dirs) {
    const key = folderKey(dir);
    const known = key === undefined ? undefined : cachedWarnings(key);
    if (known) results.set(dir, known);
    else if (key !== undefined) keys.set(dir, key);
  }
  const unchecked = dirs.filter((dir) => !results.has(dir));
  if (unchecked.length === 0) return { arrived, givenUp, known, whenArrived: async () => {}, stop: () => {}, done: Promise.resolve(results) };

  const folderMs = limits.folderMs ?? Number.POSITIVE_INFINITY;
  /** The process checking now; set to undefined once the run is over or given up. */
  let current: ChildProcessByStdio<Writable, Readable, null> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    if (current && running(current)) current.kill('SIGKILL');
  };
  const timer = setTimeout(stop, limits.timeoutMs);
  process.once('exit', stop);
  let resolveDone: (found: Map<string, string[]>) => void = () => {};
  const done = new Promise<Map<string, string[]>>((resolve) => {
    resolveDone = resolve;
  });
  const end = () => {
    clearTimeout(timer);
    process.off('exit', stop);
    current = undefined;
    ended = true;
    for (const listener of [...listeners]) listener();
    resolveDone(results);
  };

  /**
   * One process for `list`, in order. A folder over its time ends it, and so may one that makes
   * the compiler crash (out of memory, say): that folder gets no warnings, and the rest go to a
   * fresh process. A process that ends before its compiler is ready, unless its time ran out, ends
   * the run (the compiler cannot load here); one started from a startup snapshot is replaced by one
   * that loads the compiler itself, which checks the whole list.
   */
  const check = (list: string[], child: Worker) => {
    current = child;
    let overran = false;
    let ready = false;
    let silence: NodeJS.Timeout | undefined;
    const allow = (ms: number) => {
      clearTimeout(silence);
      if (Number.isFinite(ms)) {
        silence = setTimeout(() => {
          overran = true;
          if (running(child)) child.kill('SIGKILL');
        }, ms);
      }
    };
    allow(LOAD_MS);
    let pending = '';
    let received = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_OUTPUT_BYTES) return stop();
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === READY_LINE) {
          ready = true;
          allow(folderMs);
          continue;
        }
        let parsed;
        try {
          parsed = ResultLineSchema.safeParse(JSON.parse(line));
        } catch {
          continue;
        }
        if (!parsed.success || !list.includes(parsed.data.dir)) continue;
        allow(folderMs);
        results.set(parsed.data.dir, parsed.data.warnings);
        const key = keys.get(parsed.data.dir);
        if (key !== undefined) rememberWarnings(key, parsed.data.warnings);
        for (const listener of [...listeners]) listener();
      }
    });
    child.stdin.on('error', () => {
      // the process died before reading its list: what it checked is in `results` (nothing)
    });
    child.stdin.end(JSON.stringify(list));
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearTimeout(silence);
      const unchecked = list.filter((dir) => !results.has(dir));
      if (stopped || unchecked.length === 0) return end();
      if (!ready && child.snapshot !== undefined) {
        failedSnapshots.add(child.snapshot);
        return check(unchecked, spawnWorker(limits.memoryMb, false));
      }
      // Never ready, and not for want of time: the compiler cannot load here.
      if (!overran && !ready) return end();
      // The folder it was on when its time ran out, or when it crashed, gets no warnings, and its
      // report says so; a fresh process takes the rest.
      gaveUp.set(unchecked[0], overran ? 'time' : 'crash');
      const rest = unchecked.slice(1);
      if (rest.length > 0) check(rest, spawnWorker(limits.memoryMb, false));
      else end();
    };
    child.on('error', close);
    child.on('close', close);
  };
  check(unchecked, takeSpare(limits.memoryMb) ?? spawnWorker(limits.memoryMb, false));
  return { arrived, givenUp, known, whenArrived, stop, done };
}

/** Every folder's warnings, once the whole check has ended (folders it never reached: none). */
export async function typecheckSubmissions(dirs: string[], limits?: TypecheckLimits): Promise<Map<string, string[]>> {
  const found = await startTypecheck(dirs, limits).done;
  return new Map(dirs.map((dir) => [dir, found.get(dir) ?? []]));
}
