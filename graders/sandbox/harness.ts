/**
 * Runs inside the sandboxed child, next to the student's code. It only loads the submission,
 * calls the function the grader names with the arguments the grader sends, and hands back a plain
 * copy of whatever came back. It judges nothing: the grader validates and scores every value.
 *
 * Everything the harness relies on is captured before the student's code is imported, so a
 * submission that replaces built-ins later cannot change how results are copied or sent.
 */
import { seededRandom } from '../random.ts';
import { CHANNEL_CLOSED_EXIT_CODE, MAX_RESULT_NUMBERS } from './limits.ts';
import type { CallRequest, ChildMessage, GraderMessage, PlainError } from './protocol.ts';

const sendOnChannel = process.send!.bind(process) as (message: ChildMessage, callback: (error: Error | null) => void) => boolean;
const ignore = () => {};
/**
 * Never throws, nor lets an error event crash the process: once a submission has closed the
 * channel there is nobody to tell (with a callback, Node hands the error to it instead).
 */
const send = (message: ChildMessage): void => {
  try {
    sendOnChannel(message, ignore);
  } catch {
    // the channel is closed
  }
};
const disconnect = process.disconnect.bind(process);
const exit = process.exit.bind(process);
let stopping = false;
// The channel closed without the grader asking: the submission closed it. Say so the only way left.
process.once('disconnect', () => {
  if (!stopping) exit(CHANNEL_CLOSED_EXIT_CODE);
});
const onMessage = process.on.bind(process);
const NumberOf = Number;
const PromiseOf = Promise;
const ErrorOf = Error;
const BufferOf = Buffer;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const { keys, getPrototypeOf, prototype: objectPrototype } = Object;
const StringOf = String;
const F64 = Float64Array;
const mathObject = Math;
const SUBMISSION_URL_PREFIX = 'data:text/javascript;base64,';

// Node's permission model does not stop signals: without process.kill a submission cannot signal
// the grader (or, run as root without a PID namespace, every process on the machine).
for (const name of ['kill', '_kill'] as const) {
  try {
    delete (process as unknown as Record<string, unknown>)[name];
  } catch {
    // not deletable: nothing more to do
  }
}

/** Copies of values larger than this are refused rather than sent: 1e8 numbers would sink the grader. */
const MAX_NUMBERS = MAX_RESULT_NUMBERS;
const MAX_DEPTH = 8;
const MAX_EPOCH_CALLS = 10_000;

let submission: Record<string, unknown> | undefined;

/** Thrown by toPlain; told apart from the submission's own errors by identity. */
const TOO_LARGE = { code: 'too-large' } as const;
const TOO_DEEP = { code: 'too-deep' } as const;

/** A plain, serialisable copy: numbers, strings, arrays, typed arrays (as Float64Array), plain objects. */
function toPlain(value: unknown, budget: { numbers: number }, depth = 0): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 200 ? value.slice(0, 200) : value;
  if (typeof value === 'bigint') return NumberOf(value);
  if (typeof value === 'function') return '[function]';
  if (typeof value !== 'object') return StringOf(value);
  if (depth > MAX_DEPTH) throw TOO_DEEP;
  if (isView(value)) {
    const view = value as unknown as ArrayLike<number>;
    budget.numbers -= view.length;
    if (budget.numbers < 0) throw TOO_LARGE;
    const copy = new F64(view.length);
    for (let i = 0; i < view.length; i++) copy[i] = NumberOf(view[i]);
    return copy;
  }
  if (isArray(value)) {
    budget.numbers -= value.length;
    if (budget.numbers < 0) throw TOO_LARGE;
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) copy[i] = toPlain(value[i], budget, depth + 1);
    return copy;
  }
  const proto = getPrototypeOf(value);
  if (proto !== objectPrototype && proto !== null) return `[${StringOf(proto?.constructor?.name ?? 'object')}]`;
  const copy: Record<string, unknown> = {};
  for (const key of keys(value)) copy[key] = toPlain((value as Record<string, unknown>)[key], budget, depth + 1);
  return copy;
}

// String helpers that survive a submission replacing String.prototype or JSON.
const apply = Reflect.apply;
const { slice: stringSlice, indexOf: stringIndexOf } = String.prototype;
const stringify = JSON.stringify;
const cut = (text: string, from: number, to?: number): string => apply(stringSlice, text, [from, to]);
const find = (text: string, what: string, from: number): number => apply(stringIndexOf, text, [what, from]);

/** Names the bundle "submission.js" in a stack, instead of its whole data: URL. */
function cleanStack(stack: string): string {
  let out = '';
  let at = 0;
  for (let i = find(stack, SUBMISSION_URL_PREFIX, 0); i >= 0; i = find(stack, SUBMISSION_URL_PREFIX, at)) {
    out += `${cut(stack, at, i)}submission.js`;
    at = i + SUBMISSION_URL_PREFIX.length;
    while (at < stack.length && stack[at] !== ':') at++; // base64 has no ':', the line number follows it
  }
  return out + cut(stack, at);
}

function describeError(error: unknown): PlainError {
  try {
    if (error instanceof ErrorOf) {
      const stack = typeof error.stack === 'string' ? cut(cleanStack(error.stack), 0, 4000) : undefined;
      return { name: cut(StringOf(error.name), 0, 100), message: cut(StringOf(error.message), 0, 2000), stack };
    }
    const shown = typeof error === 'string' ? stringify(error) : StringOf(error);
    return { name: 'thrown value', message: cut(shown, 0, 2000), code: 'not-error' };
  } catch {
    return { name: 'thrown value', message: '', code: 'indescribable' };
  }
}

/** Runs after the submission's code: plain loops only, no array methods it could have replaced. */
function functionNames(holder: unknown): string[] {
  if (holder === null || (typeof holder !== 'object' && typeof holder !== 'function')) return [];
  const all = keys(holder as object);
  const names: string[] = [];
  for (let i = 0; i < all.length; i++) if (typeof (holder as Record<string, unknown>)[all[i]] === 'function') names[names.length] = all[i];
  return names;
}

async function load(id: number, code: string): Promise<void> {
  try {
    submission = (await import(SUBMISSION_URL_PREFIX + BufferOf.from(code).toString('base64'))) as Record<string, unknown>;
    let defaultNames: string[] = [];
    try {
      defaultNames = functionNames(submission.default);
    } catch {
      // a default export whose properties throw when read simply offers no functions
    }
    send({ kind: 'loaded', id, named: functionNames(submission), default: defaultNames });
  } catch (error) {
    send({ kind: 'failed', id, error: describeError(error) });
  }
}

/** Resolves a returned value that may be a promise (a student may write async functions). */
/** A returned value's own `then`, read once (reading it may throw: a Proxy, a getter). */
function thenOf(value: unknown): ((...args: unknown[]) => unknown) | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  const own = (value as { then?: unknown }).then;
  return typeof own === 'function' ? (own as (...args: unknown[]) => unknown) : undefined;
}

const unreadable = (error: unknown): PlainError => ({ ...describeError(error), code: 'unreadable' });

async function call(request: CallRequest): Promise<void> {
  const { id, from, name, args, seed } = request;
  const holder = from === 'default' ? submission?.default : submission;
  const fn = (holder as Record<string, unknown> | undefined)?.[name];
  if (typeof fn !== 'function') {
    send({ kind: 'failed', id, error: { name: 'TypeError', message: name, code: 'not-function' } });
    return;
  }
  const epochs: Array<[number, number]> = [];
  if (seed !== undefined) {
    mathObject.random = seededRandom(seed);
    const options = args[2] as Record<string, unknown>;
    options.onEpoch = (epoch: unknown, loss: unknown) => {
      if (epochs.length < MAX_EPOCH_CALLS) epochs[epochs.length] = [NumberOf(epoch), NumberOf(loss)];
    };
  }
  // Three steps, so that a failure is blamed on the right thing: the call itself, reading the
  // result (a Proxy or getter that throws), or a returned promise that rejects.
  let value: unknown;
  try {
    value = apply(fn as (...a: unknown[]) => unknown, holder, args);
  } catch (error) {
    send({ kind: 'failed', id, error: describeError(error), epochs });
    return;
  }
  let thenFn: ((...args: unknown[]) => unknown) | undefined;
  try {
    thenFn = thenOf(value);
  } catch (error) {
    send({ kind: 'failed', id, error: unreadable(error), epochs });
    return;
  }
  if (thenFn) {
    const thenable = value;
    try {
      value = await new PromiseOf((resolve, reject) => apply(thenFn, thenable, [resolve, reject]));
    } catch (error) {
      send({ kind: 'failed', id, error: describeError(error), epochs });
      return;
    }
  }
  let copy: unknown;
  try {
    copy = toPlain(value, { numbers: MAX_NUMBERS });
  } catch (error) {
    const plain: PlainError =
      error === TOO_LARGE || error === TOO_DEEP ? { name: 'ResultError', message: '', code: (error as typeof TOO_LARGE | typeof TOO_DEEP).code } : unreadable(error);
    send({ kind: 'failed', id, error: plain, epochs });
    return;
  }
  send({ kind: 'result', id, value: copy, epochs });
}

onMessage('message', (message: GraderMessage) => {
  if (message.kind === 'load') void load(message.id, message.code);
  else if (message.kind === 'call') void call(message);
  else if (message.kind === 'stop') {
    stopping = true;
    disconnect();
  }
});
send({ kind: 'ready' });
