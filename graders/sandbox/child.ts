/**
 * One sandboxed child process running the harness: spawned with execa under Node's permission
 * model (no file reads or writes, no child processes, no workers), a heap cap and an empty
 * environment. Requests go over IPC; every answer is validated before use, and a request that
 * outlives its time limit kills the child.
 */
import { execa, type ResultPromise } from 'execa';
import { t } from '../i18n/index.ts';
import { CHANNEL_CLOSED_EXIT_CODE } from './limits.ts';
import { detectProtections } from './protections.ts';
import { ChildMessageSchema, type GraderMessage, type GraderRequest, type ParsedChildMessage } from './protocol.ts';

export interface ChildLimits {
  memoryMb: number;
}

/** What a request ended with: an answer, or the child's death. */
export type Outcome =
  | { kind: 'answer'; message: ParsedChildMessage }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'exit'; reason: string };

/** Keeps the first `limit` bytes of a stream and counts the rest, plus a short tail for diagnosis. */
export class CappedOutput {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  tail = '';
  constructor(readonly limit = 64 * 1024) {}
  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.kept < this.limit) {
      const part = chunk.subarray(0, this.limit - this.kept);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.tail = (this.tail + chunk.toString('utf8')).slice(-4096);
  }
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    if (this.total <= this.kept) return text;
    return `${text}\n[nngrade: output cut at ${this.limit / 1024} KiB; the submission printed ${this.total} bytes in all]\n`;
  }
}

export interface SubmissionOutput {
  stdout: CappedOutput;
  stderr: CappedOutput;
  /** Every child started for the submission, to stop them all at the end. */
  children: SandboxChild[];
  /** One per child: settles once that child has exited and its output has been read to the end. */
  finished: Array<Promise<unknown>>;
}

export function newSubmissionOutput(): SubmissionOutput {
  return { stdout: new CappedOutput(), stderr: new CappedOutput(), children: [], finished: [] };
}

function describeExit(code: number | null, signal: string | null, stderrTail: string, limits: ChildLimits): string {
  if (/heap out of memory|Allocation failed|Reached heap limit|ERR_MEMORY_ALLOCATION_FAILED|RangeError: Array buffer allocation failed/.test(stderrTail)) {
    return t().outOfMemory(limits.memoryMb);
  }
  if (/Maximum call stack size exceeded/.test(stderrTail)) return t().stackOverflow;
  if (signal) return t().killedBy(signal);
  if (code === CHANNEL_CLOSED_EXIT_CODE) return t().closedChannel;
  return t().exitedWith(String(code));
}

/**
 * An empty environment, no input, output streamed (never buffered whole), IPC with typed arrays,
 * and a process group of its own, so that killing the group ends everything the child started
 * and the child's signals to its own group never reach the grader.
 */
const CHILD_OPTIONS = {
  detached: true,
  ipc: true,
  serialization: 'advanced',
  env: {},
  extendEnv: false,
  stdin: 'ignore',
  buffer: false,
  reject: false,
  cleanup: true,
  cwd: '/',
} as const;

/**
 * A child that was asked to stop is killed once it has been silent this long: while it is still
 * flushing what the submission printed it is not, however busy the machine (up to STOP_MAX_MS).
 */
const STOP_GRACE_MS = 2000;
const STOP_MAX_MS = 60_000;

/** Every child still running, so that an interrupted grader can end them all. */
const live = new Set<SandboxChild>();

export function killAllChildren(): void {
  for (const child of live) child.kill();
}

export class SandboxChild {
  private pending: { id: number; answers: ReadonlyArray<ParsedChildMessage['kind']>; resolve: (outcome: Outcome) => void } | undefined;
  private exited: string | undefined;
  private nextId = 1;
  private lastOutputAt = performance.now();
  private finished: Promise<unknown>;
  private markReady!: (outcome: Outcome) => void;
  /** Settles with the harness's 'ready', or with the exit of a child that never got that far. */
  private readonly ready = new Promise<Outcome>((resolve) => (this.markReady = resolve));

  private constructor(private readonly subprocess: ResultPromise<typeof CHILD_OPTIONS>, private readonly limits: ChildLimits, output: SubmissionOutput) {
    subprocess.stdout?.on('data', (chunk: Buffer) => {
      this.lastOutputAt = performance.now();
      output.stdout.push(chunk);
    });
    subprocess.stderr?.on('data', (chunk: Buffer) => {
      this.lastOutputAt = performance.now();
      output.stderr.push(chunk);
    });
    // A child that closes the channel can never answer: treat it as gone.
    subprocess.on('message', (raw: unknown) => {
      const parsed = ChildMessageSchema.safeParse(raw);
      if (!parsed.success) return; // not the harness's: ignore, the request still needs its answer
      const message = parsed.data;
      if (message.kind === 'ready') return this.markReady({ kind: 'answer', message });
      // Only an answer of the kind the request expects counts: a submission may send messages too.
      if (this.pending && message.id === this.pending.id && this.pending.answers.includes(message.kind)) {
        const { resolve } = this.pending;
        this.pending = undefined;
        resolve({ kind: 'answer', message });
      }
    });
    // Wait for both the exit and the end of stderr, so an out-of-memory report is read in full.
    this.finished = subprocess.then(
      (result) => this.onExit(result.exitCode ?? null, result.signal ?? null, output),
      (error) => this.onExit(error?.exitCode ?? null, error?.signal ?? null, output),
    );
    output.finished.push(this.finished);
  }

  private onExit(code: number | null, signal: string | null, output: SubmissionOutput): void {
    live.delete(this);
    this.exited = describeExit(code, signal, output.stderr.tail, this.limits);
    this.markReady({ kind: 'exit', reason: this.exited });
    if (this.pending) {
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve({ kind: 'exit', reason: this.exited });
    }
  }

  /** Starts a child running the harness; resolves once it is ready for requests. */
  static async start(harness: string, limits: ChildLimits, output: SubmissionOutput): Promise<{ child: SandboxChild; outcome: Outcome }> {
    const node = [
      process.execPath,
      '--experimental-permission',
      '--no-warnings',
      `--max-old-space-size=${limits.memoryMb}`,
      '--input-type=module',
      '--eval',
      harness,
    ];
    const command = [...detectProtections().prefix(limits.memoryMb), ...node];
    const subprocess = execa(command[0], command.slice(1), CHILD_OPTIONS);
    const child = new SandboxChild(subprocess, limits, output);
    live.add(child);
    output.children.push(child);
    return { child, outcome: await child.ready };
  }

  /** Sends one request and waits for its answer, the child's exit, or the deadline. */
  request(message: GraderRequest, timeoutMs: number): Promise<Outcome> {
    if (this.exited) return Promise.resolve({ kind: 'exit', reason: this.exited });
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        resolve({ kind: 'timeout', seconds: timeoutMs / 1000 });
      }, timeoutMs);
      this.pending = {
        id,
        answers: message.kind === 'load' ? ['loaded', 'failed'] : ['result', 'failed'],
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.subprocess.sendMessage({ ...message, id } satisfies GraderMessage as never).catch(() => {
        // the child is gone: its exit resolves the request
      });
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /**
   * Ends a child that has done its work: closing the channel lets it exit by itself once its
   * output is flushed (Node may still be writing it); one that does not is killed after a moment.
   */
  async stop(): Promise<void> {
    if (this.exited !== undefined) return;
    this.subprocess.sendMessage({ kind: 'stop' } satisfies GraderMessage as never).catch(() => {
      // the channel is gone: the timer below ends the child
    });
    const asked = performance.now();
    this.lastOutputAt = asked;
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - this.lastOutputAt > STOP_GRACE_MS || now - asked > STOP_MAX_MS) this.kill();
    }, STOP_GRACE_MS / 4);
    await this.finished;
    clearInterval(timer);
  }

  /** Kills the child's whole process group (the wrappers and node alike). */
  kill(): void {
    live.delete(this);
    const { pid } = this.subprocess;
    try {
      if (pid !== undefined) process.kill(-pid, 'SIGKILL');
    } catch {
      this.subprocess.kill('SIGKILL');
    }
  }
}
