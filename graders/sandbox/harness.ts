/**
 * Runs in the sandboxed child process, outside the submission's realm. It builds a fresh vm
 * context with no Node API in it (no process, require, Buffer or dynamic import; no code from
 * strings), installs the prelude there, and relays: requests arrive as frames on stdin, answers
 * leave as frames on fd 3, the submission's console goes to fd 1 and 2. All writes are synchronous,
 * so nothing printed is lost when the grader ends the child.
 *
 * The submission reaches exactly one function of this realm, the bridge, through the prelude's
 * closure; the bridge takes two strings, hands nothing back and never throws.
 */
import { writeSync } from 'node:fs';
import vm from 'node:vm';
import { WRAPPER_PARAMS, type Bridge, type ContextApi, type ContextLimits } from './context.ts';
import { DEFAULT_CALL_SEED, MAX_EPOCH_CALLS, MAX_FRAME_BYTES, MAX_RESULT_DEPTH, MAX_RESULT_NUMBERS } from './limits.ts';
import { encodeFrame, FrameReader, frameOf } from './wire.ts';

/** The prelude, bundled into an expression that evaluates to its `install` (set by the build). */
declare const PRELUDE_SOURCE: string;

const ANSWERS_FD = 3;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `bytes`, waiting while a non-blocking pipe is full. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

const bridge: Bridge = (kind, text) => {
  if (typeof kind !== 'string' || typeof text !== 'string') return;
  try {
    if (kind === 'answer') {
      finish(frameOf(text));
    } else if (kind === 'frame') {
      writeAll(ANSWERS_FD, frameOf(text));
    } else if (kind === 'out' || kind === 'err') {
      writeAll(kind === 'out' ? 1 : 2, Buffer.from(text, 'utf8'));
    } else if (kind === 'timer') {
      // "id:ms": the prelude keeps the callback; this realm only keeps time.
      const [id, ms] = text.split(':').map(Number);
      if (Number.isInteger(id) && Number.isFinite(ms)) {
        timersPending++;
        setTimeout(() => {
          timersPending--;
          api.fire(id);
        }, ms);
      }
    }
  } catch {
    // the grader has gone: nobody is left to tell
  }
};

// Node 22.8 and later can make a context whose global is an ordinary object (no interceptors, so
// global look-ups are as fast as in a bare process); Node 20 contextifies an empty object instead.
const DONT_CONTEXTIFY = (vm.constants as unknown as { DONT_CONTEXTIFY?: symbol } | undefined)?.DONT_CONTEXTIFY;
const context = vm.createContext(DONT_CONTEXTIFY ?? Object.create(null), {
  name: 'submission',
  codeGeneration: { strings: false, wasm: false },
});
const limits: ContextLimits = {
  maxNumbers: MAX_RESULT_NUMBERS,
  maxDepth: MAX_RESULT_DEPTH,
  maxTextBytes: MAX_FRAME_BYTES - 1024,
  maxEpochCalls: MAX_EPOCH_CALLS,
  defaultSeed: DEFAULT_CALL_SEED,
};
const install = vm.runInContext(PRELUDE_SOURCE, context) as (bridge: Bridge, limits: ContextLimits) => ContextApi;
const api = install(bridge, limits);

/** The module wrapper: the submission's top-level names are locals of a function, never globals. */
const wrap = (code: string) => `(function (${WRAPPER_PARAMS.join(', ')}) { return (function () {\n${code}\n}).call(undefined); })`;

function load(id: number, code: string): void {
  let wrapper: unknown;
  try {
    wrapper = new vm.Script(wrap(code), { filename: 'submission.js', lineOffset: -1 }).runInContext(context);
  } catch (error) {
    // A compile error of our own making (the bundler checked the syntax): said, never handed in.
    finish(encodeFrame({ kind: 'failed', id, error: { name: 'SyntaxError', message: String((error as Error)?.message ?? error).slice(0, 2000) } }));
    return;
  }
  api.load(id, wrapper);
}

type Request =
  | { kind: 'load'; id: number; code: string }
  | { kind: 'call'; id: number; from: string; name: string; args: string; seed?: number; train?: boolean }
  | { kind: 'stop' };

/**
 * Requests run one at a time, in the order they came, each in a turn of the event loop of its own:
 * the grader may send a part's calls together, and each starts only once the one before has
 * answered (a call that returns a promise included) and its microtasks have run (a rejection it
 * left unhandled ends the child first), as if each had been sent after the answer before it.
 */
const queue: Array<Exclude<Request, { kind: 'stop' }>> = [];
let running = false;
let scheduled = false;
/** The submission's timers not yet due. */
let timersPending = 0;

/**
 * Runs `next` once the work the call under way queued has run: its microtasks, and where the
 * submission has timers pending, its timers of no delay (set earlier with the same delay, they are
 * due first). Used both to give the call's answer and to start the next request.
 */
function afterOwnWork(next: () => void): void {
  if (timersPending > 0) setTimeout(next, 0);
  else setImmediate(next);
}

function schedule(): void {
  if (running || scheduled || queue.length === 0) return;
  scheduled = true;
  afterOwnWork(runNext);
}

function runNext(): void {
  scheduled = false;
  const request = queue.shift();
  if (!request) return;
  running = true;
  if (request.kind === 'load') load(request.id, request.code);
  else api.call(request.id, request.from, request.name, request.args, request.seed ?? DEFAULT_CALL_SEED, request.train === true);
}

/**
 * The one final answer of the request under way (loaded, result, failed), written once the work
 * its call queued has run: what that work does (an onEpoch, a rejection left unhandled, a chain of
 * microtasks that never ends) is then always the call's own, never charged to whatever the grader
 * asks next. Then the next request may start.
 */
function finish(frame: Buffer): void {
  afterOwnWork(() => {
    try {
      writeAll(ANSWERS_FD, frame);
    } catch {
      // the grader has gone
    }
    if (!running) return;
    running = false;
    schedule();
  });
}

const requests = new FrameReader(MAX_FRAME_BYTES * 4, (event) => {
  if (!event.ok) process.exit(2);
  const request = event.message as Request;
  if (request.kind === 'stop') process.exit(0);
  queue.push(request);
  schedule();
});
process.stdin.on('data', (chunk: Buffer) => requests.push(chunk));
// The grader is gone: so is the reason to run.
process.stdin.on('end', () => process.exit(0));
writeAll(ANSWERS_FD, encodeFrame({ kind: 'ready' }));
