/**
 * One sandboxed child process running the harness, started inside the jail (jail.ts) with an
 * empty environment and a heap cap. Requests go to its stdin as frames; answers come back as
 * frames on fd 3, read with byte caps (wire.ts), validated with zod and decoded with a budget
 * before use. Node's own IPC is not used: no byte the child controls reaches Node's deserializer.
 * A request that outlives its time limit, and a child that breaks the protocol, are killed.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { t } from '../i18n/index.ts';
import { holdRunning } from '../keep-alive.ts';
import { childCommand, detectJail, type Jail } from './jail.ts';
import { MAX_CHILD_BYTES, MAX_EPOCH_CALLS, MAX_FRAME_BYTES, MAX_RESULT_DEPTH, MAX_RESULT_NUMBERS } from './limits.ts';
import { FrameSchema, type EpochCall, type Frame, type GraderMessage, type GraderRequest, type ParsedChildMessage } from './protocol.ts';
import { argsText, DecodeError, decodeValue, encodeFrame, FrameReader, type FrameEvent } from './wire.ts';
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
  return t().exitedWith(String(code));
}

/**
 * An empty environment, stdin for requests, output streamed (never buffered whole), fd 3 for
 * answers, and a process group of its own, so that killing the group ends everything the child
 * started and the child's signals to its own group never reach the grader. Node's own spawn: a
 * wrapper's first start cost 7 ms against 2.6, and its code a part of every grader's start.
 */
const CHILD_OPTIONS: SpawnOptions = {
  detached: true,
  stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  env: {},
  cwd: '/',
};

const startProcess = (command: string[]): ChildProcess => spawn(command[0], command.slice(1), CHILD_OPTIONS);

/**
 * A child that was asked to stop is killed once it has been silent this long: while it is still
 * flushing what the submission printed it is not, however busy the machine (up to STOP_MAX_MS).
 */
const STOP_GRACE_MS = 2000;
const STOP_MAX_MS = 60_000;

/** Every child still running, so that an interrupted grader can end them all. */
const live = new Set<SandboxChild>();
/** Children started ahead of need (startSpare), not yet taken by a submission. */
const spares = new Set<SandboxChild>();

export function killAllChildren(): void {
  for (const child of live) child.kill();
}

interface Pending {
  id: number;
  /** The request's time limit, as a timed-out outcome reports it. */
  seconds: number;
  answers: ReadonlyArray<ParsedChildMessage['kind']>;
  epochs: EpochCall[];
  onEpoch?: (epoch: number, loss: number) => void;
  resolve: (outcome: Outcome) => void;
}

const wireNumber = (value: number | { '#': string }): number => (typeof value === 'number' ? value : value['#'] === 'Infinity' ? Infinity : value['#'] === '-Infinity' ? -Infinity : Number.NaN);

export class SandboxChild {
  /** The requests sent and not yet answered, in the order sent: the child runs them in that order. */
  private pending: Pending[] = [];
  private exited: string | undefined;
  /** Set when the child broke the protocol: it is killed, and this is why. */
  private broken: string | undefined;
  private nextId = 1;
  private answerBytes = 0;
  private lastOutputAt = performance.now();
  private finished: Promise<unknown>;
  private markReady!: (outcome: Outcome) => void;
  /** Settles with the harness's 'ready', or with the exit of a child that never got that far. */
  private readonly ready = new Promise<Outcome>((resolve) => (this.markReady = resolve));

  /** Where what the child prints goes: the submission's buffers (a spare child's are its own until taken). */
  private sink: SubmissionOutput;
  /** Called at each answer with a result. */
  onResult: (() => void) | undefined;

  private constructor(
    private readonly subprocess: ChildProcess,
    private readonly limits: ChildLimits,
    output: SubmissionOutput,
    private readonly harness: string,
  ) {
    this.sink = output;
    subprocess.stdout?.on('data', (chunk: Buffer) => {
      this.lastOutputAt = performance.now();
      this.sink.stdout.push(chunk);
    });
    subprocess.stderr?.on('data', (chunk: Buffer) => {
      this.lastOutputAt = performance.now();
      this.sink.stderr.push(chunk);
    });
    const reader = new FrameReader(MAX_FRAME_BYTES, (event) => this.onFrame(event));
    const answers = subprocess.stdio[3] as NodeJS.ReadableStream | null;
    answers?.on('data', (chunk: Buffer) => {
      this.answerBytes += chunk.length;
      if (this.answerBytes > MAX_CHILD_BYTES) return this.breakProtocol(t().answeredTooMuch(MAX_CHILD_BYTES / 1024 / 1024));
      reader.push(chunk);
    });
    answers?.on('error', () => {
      // the child is gone: its exit settles everything
    });
    for (const stream of [subprocess.stdin, subprocess.stdout, subprocess.stderr]) {
      stream?.on('error', () => {
        // the child is gone: its exit settles everything
      });
    }
    // 'close' comes after both the exit and the end of every pipe, so an out-of-memory report is
    // read in full; 'error' alone (no 'close') where the process could not start at all.
    this.finished = new Promise<void>((resolve) => {
      let ended = false;
      const end = (code: number | null, signal: string | null) => {
        if (ended) return;
        ended = true;
        this.onExit(code, signal);
        resolve();
      };
      subprocess.once('close', end);
      subprocess.on('error', () => {
        if (subprocess.pid === undefined) end(null, null);
      });
    });
    output.finished.push(this.finished);
  }

  private onFrame(event: FrameEvent): void {
    if (!event.ok) return this.breakProtocol(event.problem === 'too-large' ? t().answerTooLarge(MAX_FRAME_BYTES / 1024 / 1024) : t().malformedAnswer);
    const parsed = FrameSchema.safeParse(event.message);
    if (!parsed.success) return this.breakProtocol(t().malformedAnswer);
    const frame = parsed.data;
    if (frame.kind === 'ready') return this.markReady({ kind: 'answer', message: frame });
    const pending = this.pending[0];
    // Only frames of the request under way (the oldest unanswered) count: the child runs its
    // requests one at a time, so anything else is out of turn, and is dropped.
    if (!pending || frame.id !== pending.id) return;
    if (frame.kind === 'epoch') {
      // The prelude forwards at most this many; more can only come from a child that broke out.
      if (pending.epochs.length >= MAX_EPOCH_CALLS) return;
      const call: EpochCall = [wireNumber(frame.epoch), wireNumber(frame.loss)];
      pending.epochs.push(call);
      pending.onEpoch?.(call[0], call[1]);
      return;
    }
    if (!pending.answers.includes(frame.kind)) return;
    this.pending.shift();
    const message = this.decode(frame, pending.epochs);
    if (message.kind === 'result') this.onResult?.();
    pending.resolve({ kind: 'answer', message });
  }

  /** A frame as the parts read it: the value decoded, a value past the caps turned into a failure. */
  private decode(frame: Exclude<Frame, { kind: 'ready' | 'epoch' }>, epochs: EpochCall[]): ParsedChildMessage {
    if (frame.kind === 'loaded') return frame;
    if (frame.kind === 'failed') return { ...frame, epochs };
    try {
      return { kind: 'result', id: frame.id, value: decodeValue(frame.value, MAX_RESULT_NUMBERS, MAX_RESULT_DEPTH + 2), epochs };
    } catch (error) {
      const problem = error instanceof DecodeError ? error.problem : 'malformed';
      const code = problem === 'too-deep' ? 'too-deep' : 'too-large';
      if (problem === 'malformed') return { kind: 'failed', id: frame.id, error: { name: 'ResultError', message: t().malformedAnswer, code: 'unreadable' }, epochs };
      return { kind: 'failed', id: frame.id, error: { name: 'ResultError', message: '', code }, epochs };
    }
  }

  /** The child said something no harness of ours says: whatever it was, it ends here. */
  private breakProtocol(reason: string): void {
    if (this.broken) return;
    this.broken = reason;
    this.kill();
    this.settle(reason);
  }

  private settle(reason: string): void {
    this.markReady({ kind: 'exit', reason });
    this.endPending(() => ({ kind: 'exit', reason }));
  }

  /**
   * A request outlived its time: the child is killed, and every request still waiting ends as
   * timed out (those behind it never ran; a part's requests share the part's deadline).
   */
  private timeOut(): void {
    this.kill();
    this.endPending(({ seconds }) => ({ kind: 'timeout', seconds }));
  }

  /** Ends every request still waiting, each with the outcome given for it. */
  private endPending(outcome: (request: Pending) => Outcome): void {
    const pending = this.pending;
    this.pending = [];
    for (const request of pending) request.resolve(outcome(request));
  }

  private onExit(code: number | null, signal: string | null): void {
    live.delete(this);
    spares.delete(this);
    this.exited = this.broken ?? describeExit(code, signal, this.sink.stderr.tail, this.limits);
    this.settle(this.exited);
  }

  /**
   * Starts a child running the harness, or takes the spare started ahead for the same harness and
   * limits (startSpare); resolves once it is ready for requests.
   */
  static async start(harness: string, limits: ChildLimits, output: SubmissionOutput, jail?: Jail): Promise<{ child: SandboxChild; outcome: Outcome }> {
    const spare = jail ? undefined : [...spares].find((child) => child.suits(harness, limits));
    if (spare) spares.delete(spare);
    if (!jail) startNextSpare(harness, limits);
    if (spare) {
      spare.adopt(output);
      return { child: spare, outcome: await spare.ready };
    }
    const command = jail ? jail.command(harness, limits.memoryMb) : await childCommand(harness, limits.memoryMb);
    const child = new SandboxChild(startProcess(command), limits, output, harness);
    live.add(child);
    output.children.push(child);
    return { child, outcome: await child.ready };
  }

  /** A spare child (startSpare): started now, it keeps no grader running while nobody has taken it. */
  static spare(command: string[], harness: string, limits: ChildLimits): SandboxChild {
    const child = new SandboxChild(startProcess(command), limits, newSubmissionOutput(), harness);
    live.add(child);
    child.holdRunning(false);
    return child;
  }

  /** Whether this child's pipes and process keep the grader's event loop alive. */
  private holdRunning(hold: boolean): void {
    holdRunning([this.subprocess, ...this.subprocess.stdio], hold);
  }

  /** A spare taken for a submission: what it prints, and its end, are the submission's from now on. */
  private adopt(output: SubmissionOutput): void {
    this.holdRunning(true);
    this.sink = output;
    output.children.push(this);
    output.finished.push(this.finished);
  }

  /** Whether this child runs the given harness with the given limits, and can still take a submission. */
  suits(harness: string, limits: ChildLimits): boolean {
    return this.harness === harness && this.limits.memoryMb === limits.memoryMb && this.alive && this.broken === undefined;
  }

  private write(message: GraderMessage): void {
    try {
      this.subprocess.stdin?.write(encodeFrame(message));
    } catch {
      // the child is gone: its exit resolves the request
    }
  }

  /**
   * Sends one request and waits for its answer, the child's exit, or the deadline. `onEpoch` hears
   * each onEpoch call of a train request as it happens. Requests may be sent before the ones
   * before them have answered: the child runs them one at a time, in the order sent.
   */
  request(request: GraderRequest, timeoutMs: number, onEpoch?: (epoch: number, loss: number) => void): Promise<Outcome> {
    const gone = this.broken ?? this.exited;
    if (gone) return Promise.resolve({ kind: 'exit', reason: gone });
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => this.timeOut(), timeoutMs);
      this.pending.push({
        id,
        seconds: timeoutMs / 1000,
        answers: request.kind === 'load' ? ['loaded', 'failed'] : ['result', 'failed'],
        epochs: [],
        onEpoch,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      });
      this.write(request.kind === 'load' ? { ...request, id } : { ...request, id, args: argsText(request.args) });
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /**
   * Ends a child that has done its work: asked to stop, it exits by itself (its writes are
   * synchronous, so everything printed is out); one that does not is killed after a moment.
   */
  async stop(): Promise<void> {
    if (this.exited !== undefined) return;
    this.write({ kind: 'stop' });
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

/** How many submissions of the batch under way have yet to start a child (expectChildren). */
let childrenExpected = 0;

/**
 * A batch says how many of its submissions will start a child: each child a submission starts
 * then starts a spare for the next one, which boots while the gradings under way train, instead
 * of after one of them has ended. Zero (at the batch's end) starts no more.
 */
export function expectChildren(count: number): void {
  childrenExpected = count;
}

/** A child is being started for a submission: one fewer to come, and a spare for the next, if any. */
function startNextSpare(harness: string, limits: ChildLimits): void {
  if (childrenExpected === 0) return;
  childrenExpected--;
  if (childrenExpected > 0) startSpare(harness, limits);
}

/**
 * Starts children ahead of need, for the next submissions to take (SandboxChild.start): their start
 * then costs those submissions nothing. At most `count` wait per harness and limits (one, but as
 * many as a batch grades at once at its start). Where no child can start, nothing happens here: the
 * submission's own start says why.
 */
export function startSpare(harness: string, limits: ChildLimits, count = 1): void {
  let waiting = [...spares].filter((child) => child.suits(harness, limits)).length;
  if (waiting >= count) return;
  let command: string[];
  try {
    command = detectJail().command(harness, limits.memoryMb);
  } catch {
    return;
  }
  for (; waiting < count; waiting++) spares.add(SandboxChild.spare(command, harness, limits));
}
