/**
 * The prelude: runs inside the submission's own vm context, before the submission, and is the only
 * code of ours that shares a realm with it. It gives the submission a console and a seeded
 * Math.random, loads the module, calls the functions the grader names with arguments it builds
 * here (so no object of the host reaches the submission), and writes every answer as JSON text
 * that it hands to the host's one bridge function as a plain string.
 *
 * Everything used after the submission has loaded is captured first, and no prototype is consulted
 * on our own objects: a submission may replace any built-in of its realm without changing what is
 * sent. Values of the submission are read with plain property access, so its getters and proxies
 * run here, in its own realm, where the grader's time limit covers them.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { HarnessErrorCode } from './limits.ts';

/**
 * What the host gives: one function that takes two strings and never throws. 'answer' is the one
 * final frame of a load or a call (loaded, result, failed): the host runs the next request only
 * after it; 'frame' is any other (an epoch).
 */
export type BridgeKind = 'answer' | 'frame' | 'out' | 'err' | 'timer';
export type Bridge = (kind: BridgeKind, text: string) => void;

export interface ContextApi {
  /** Runs the compiled module wrapper; answers 'loaded' or 'failed'. */
  load(id: number, wrapper: unknown): void;
  /** Calls one exported function with the arguments in `argsJson`; answers 'result' or 'failed'. */
  call(id: number, from: string, name: string, argsJson: string, seed: number, train: boolean): void;
  /** A timer the submission set (bridge 'timer') is due: runs its callback. */
  fire(timer: number): void;
}

export interface ContextLimits {
  maxNumbers: number;
  maxDepth: number;
  maxTextBytes: number;
  maxEpochCalls: number;
  defaultSeed: number;
}

/** The names the module wrapper takes, in order: kept local so that hot code never reads a global. */
export const WRAPPER_PARAMS = [
  'module',
  'exports',
  'require',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'performance',
  'Math',
  'Array',
  'Float64Array',
  'Float32Array',
  'Number',
  'Object',
  'Error',
] as const;

/** Timers a submission may have pending at once (an async train yields with setTimeout). */
const MAX_TIMERS = 10_000;

export function install(bridge: Bridge, limits: ContextLimits): ContextApi {
  'use strict';
  const apply = Reflect.apply;
  const { isArray } = Array;
  const { isView } = ArrayBuffer;
  const { keys, getPrototypeOf, getOwnPropertyNames, hasOwn, freeze, defineProperty } = Object;
  const objectPrototype = Object.prototype;
  const functionPrototype = Function.prototype;
  const ErrorOf = Error;
  const StringOf = String;
  const NumberOf = Number;
  const { isFinite: finite, parseInt: parseIntOf, parseFloat: parseFloatOf } = Number;
  const jsonString = JSON.stringify;
  const jsonParse = JSON.parse;
  const F64 = Float64Array;
  const { slice: stringSlice, includes: stringIncludes } = String.prototype;
  const PromiseOf = Promise;
  const promiseThen = Promise.prototype.then;
  const mathObject = Math;
  const mathFloor = Math.floor;
  const dateNow = Date.now;
  const cut = (text: string, to: number): string => (text.length > to ? (apply(stringSlice, text, [0, to]) as string) : text);

  // The host's bridge is reached only through here, and whatever it throws stays here: an error of
  // the host's realm must never reach the submission (its constructor is the host's Function).
  const send = (kind: BridgeKind, text: string): void => {
    try {
      bridge(kind, text);
    } catch {
      // nothing to tell, and nothing to hand on
    }
  };

  // ---- seeded randomness: one generator for the whole module, reseeded before each train() ----
  let rng = xoroshiro128plus(limits.defaultSeed | 0);
  const reseed = (seed: number) => {
    rng = xoroshiro128plus(seed | 0);
    // xoroshiro's first outputs from a small seed are poorly mixed: move 2^64 steps away first.
    rng.jump?.();
  };
  reseed(limits.defaultSeed);
  const random = function random(): number {
    return uniformFloat64(rng);
  };
  defineProperty(mathObject, 'random', { value: random, writable: true, configurable: true, enumerable: false });

  // ---- performance.now(): milliseconds since the module was installed, from this realm's own clock
  // (whole milliseconds: the host's finer clock would be a second function of the host's realm) ----
  const origin = dateNow();
  const performanceObject = freeze({ now: () => dateNow() - origin });

  // ---- the console: formatted here, written by the host ----
  const show = (value: unknown, depth: number): string => {
    if (typeof value === 'string') return depth === 0 ? value : jsonString(value);
    if (value === 0 && 1 / value < 0) return '-0';
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined || value === null) return StringOf(value);
    if (typeof value === 'symbol') return 'Symbol()';
    if (typeof value === 'function') return '[function]';
    if (value instanceof ErrorOf) return StringOf((value as Error).stack ?? (value as Error).message);
    if (depth > 2) return isArray(value) ? '[Array]' : '[Object]';
    if (isArray(value) || isView(value)) {
      const list = value as ArrayLike<unknown>;
      let text = isView(value) ? `${StringOf(getPrototypeOf(value)?.constructor?.name)}(${list.length}) [ ` : '[ ';
      const shown = list.length > 100 ? 100 : list.length;
      for (let i = 0; i < shown; i++) text += (i > 0 ? ', ' : '') + show(list[i], depth + 1);
      return `${text}${list.length > shown ? `, ... ${list.length - shown} more` : ''} ]`;
    }
    const names = keys(value as object);
    let text = '{ ';
    for (let i = 0; i < names.length && i < 50; i++) text += `${i > 0 ? ', ' : ''}${names[i]}: ${show((value as Record<string, unknown>)[names[i]], depth + 1)}`;
    return `${text} }`;
  };
  /** A number for %d, %i or %f, as Node's console makes it (a BigInt keeps its n; a Symbol is NaN). */
  const numberShown = (value: unknown, spec: string): string => {
    if (typeof value === 'bigint') return spec === 'f' ? StringOf(NumberOf(value)) : `${StringOf(value)}n`;
    if (typeof value === 'symbol') return 'NaN';
    const n = spec === 'd' ? NumberOf(value) : spec === 'i' ? parseIntOf(StringOf(value)) : parseFloatOf(StringOf(value));
    return show(n, 0);
  };
  /**
   * A first argument's %s %d %i %f %j %o %O %c and %%, filled from the arguments after it, as
   * Node's console fills them (only where there are arguments after it; a placeholder left
   * without one stays as written). Says how many arguments it used.
   */
  /** One placeholder filled with its argument; undefined for a letter that is none. */
  const filled = (spec: string, value: unknown): string | undefined => {
    switch (spec) {
      case 's':
        return typeof value === 'string' ? value : show(value, 1);
      case 'd':
      case 'i':
      case 'f':
        return numberShown(value, spec);
      case 'j':
        try {
          return StringOf(jsonString(value));
        } catch {
          return '[Circular]';
        }
      case 'o':
      case 'O':
        return show(value, 1);
      case 'c':
        return '';
      default:
        return undefined;
    }
  };
  const substituted = (format: string, args: unknown[]): { text: string; used: number } => {
    let text = '';
    let used = 1;
    let from = 0;
    for (let i = 0; i < format.length - 1; i++) {
      if (format[i] !== '%') continue;
      const spec = format[i + 1];
      const piece = spec === '%' ? '%' : used < args.length ? filled(spec, args[used]) : undefined;
      if (piece === undefined) continue;
      if (spec !== '%') used++;
      text += (apply(stringSlice, format, [from, i]) as string) + piece;
      from = i + 2;
      i++;
    }
    return { text: text + (apply(stringSlice, format, [from]) as string), used };
  };
  const printer = (kind: 'out' | 'err') =>
    function print(...args: unknown[]): void {
      let line = '';
      try {
        let from = 0;
        if (args.length > 1 && typeof args[0] === 'string') {
          const filled = substituted(args[0], args);
          line = filled.text;
          from = filled.used;
        }
        for (let i = from; i < args.length; i++) line += (i > 0 ? ' ' : '') + show(args[i], 0);
      } catch {
        line += '[unprintable]';
      }
      send(kind, `${line}\n`);
    };
  const log = printer('out');
  const error = printer('err');
  const consoleObject = freeze({ log, info: log, debug: log, trace: log, table: log, dir: log, warn: error, error, assert: (ok: unknown, ...rest: unknown[]) => (ok ? undefined : error('Assertion failed', ...rest)), time() {}, timeEnd() {}, group() {}, groupEnd() {} });

  // ---- timers: kept here, scheduled by the host, which only ever sends back a number ----
  type Timer = { run: (...args: unknown[]) => unknown; args: unknown[]; every: number | undefined };
  const timers: Record<number, Timer> = { __proto__: null } as unknown as Record<number, Timer>;
  let pendingTimers = 0;
  let nextTimer = 1;
  const schedule = (id: number, ms: number) => send('timer', `${id}:${ms}`);
  const delay = (ms: unknown): number => {
    const n = NumberOf(ms);
    return finite(n) && n > 0 ? (n > 2147483647 ? 2147483647 : mathFloor(n)) : 0;
  };
  const setTimer = (every: boolean) =>
    function set(run: unknown, ms?: unknown, ...args: unknown[]): number {
      if (typeof run !== 'function') throw new TypeError('The "callback" argument must be a function');
      if (pendingTimers >= MAX_TIMERS) throw new RangeError(`more than ${MAX_TIMERS} timers pending`);
      const id = nextTimer++;
      const wait = delay(ms);
      timers[id] = { run: run as Timer['run'], args, every: every ? wait : undefined };
      pendingTimers++;
      schedule(id, wait);
      return id;
    };
  const clearTimer = function clear(id: unknown): void {
    const key = NumberOf(id);
    if (timers[key]) {
      delete timers[key];
      pendingTimers--;
    }
  };
  const timerFunctions = {
    setTimeout: setTimer(false),
    setInterval: setTimer(true),
    setImmediate: (run: unknown, ...args: unknown[]) => setTimer(false)(run, 0, ...args),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate: clearTimer,
    queueMicrotask(run: unknown): void {
      if (typeof run !== 'function') throw new TypeError('The "callback" argument must be a function');
      apply(promiseThen, PromiseOf.resolve(), [run]);
    },
  };
  const fire = (id: number): void => {
    const timer = timers[id];
    if (!timer) return;
    if (timer.every === undefined) {
      delete timers[id];
      pendingTimers--;
    } else schedule(id, timer.every);
    try {
      apply(timer.run, undefined, timer.args);
    } catch (thrown) {
      const e = describe(thrown);
      send('err', `Uncaught ${e.name}: ${e.message}\n`);
    }
  };

  // ---- answers: JSON text built by hand, budgeted, with non-finite numbers tagged ----
  const TOO_LARGE = { code: 'too-large' as const };
  const TOO_DEEP = { code: 'too-deep' as const };
  const number = (n: number): string => (finite(n) ? StringOf(n) : `{"#":"${StringOf(n)}"}`);
  /** The text of answers is capped by what its leaves add (a container's text is counted once, through them). */
  let textLeft = 0;
  const leaf = (text: string): string => {
    textLeft -= text.length + 1;
    if (textLeft < 0) throw TOO_LARGE;
    return text;
  };

  /**
   * The entries of a returned value, counted before any text is made: 10,000 references to one
   * row of 10,000 are refused after reading a hundred lengths, not after writing a million numbers.
   */
  const count = (value: unknown, budget: { numbers: number }, depth: number): void => {
    if (value === null || typeof value !== 'object') return;
    if (depth > limits.maxDepth) throw TOO_DEEP;
    if (isView(value)) {
      budget.numbers -= (value as unknown as ArrayLike<number>).length;
      if (budget.numbers < 0) throw TOO_LARGE;
    } else if (isArray(value)) {
      const length = value.length;
      budget.numbers -= length;
      if (budget.numbers < 0) throw TOO_LARGE;
      for (let i = 0; i < length; i++) count(value[i], budget, depth + 1);
    } else {
      const proto = getPrototypeOf(value);
      if (proto !== objectPrototype && proto !== null) return;
      const names = keys(value);
      budget.numbers -= names.length;
      if (budget.numbers < 0) throw TOO_LARGE;
      for (let i = 0; i < names.length; i++) count((value as Record<string, unknown>)[names[i]], budget, depth + 1);
    }
  };

  /** JSON text of a returned value, as wire.ts decodes it. */
  const encode = (value: unknown, budget: { numbers: number }, depth: number): string => {
    if (typeof value === 'number') return leaf(number(value));
    if (value === undefined) return '{"#":"undefined"}';
    if (value === null || typeof value === 'boolean') return StringOf(value);
    if (typeof value === 'string') return leaf(jsonString(cut(value, 200)));
    if (typeof value === 'bigint') return number(NumberOf(value));
    if (typeof value === 'function') return '"[function]"';
    if (typeof value !== 'object') return jsonString(StringOf(value));
    if (depth > limits.maxDepth) throw TOO_DEEP;
    let text: string;
    if (isView(value)) {
      const view = value as unknown as ArrayLike<number>;
      budget.numbers -= view.length;
      if (budget.numbers < 0) throw TOO_LARGE;
      text = '{"#":"f64","v":[';
      for (let i = 0; i < view.length; i++) text += (i > 0 ? ',' : '') + leaf(number(NumberOf(view[i])));
      text += ']}';
    } else if (isArray(value)) {
      const length = value.length;
      budget.numbers -= length;
      if (budget.numbers < 0) throw TOO_LARGE;
      text = '[';
      for (let i = 0; i < length; i++) text += (i > 0 ? ',' : '') + encode(value[i], budget, depth + 1);
      text += ']';
    } else {
      const proto = getPrototypeOf(value);
      if (proto !== objectPrototype && proto !== null) return jsonString(`[${StringOf(proto?.constructor?.name ?? 'object')}]`);
      const names = keys(value);
      budget.numbers -= names.length;
      if (budget.numbers < 0) throw TOO_LARGE;
      let tagged = false;
      text = '{';
      for (let i = 0; i < names.length; i++) {
        if (names[i] === '#') tagged = true;
        text += `${i > 0 ? ',' : ''}${leaf(jsonString(names[i]))}:${encode((value as Record<string, unknown>)[names[i]], budget, depth + 1)}`;
      }
      text += '}';
      if (tagged) text = `{"#":"object","v":${text}}`;
    }
    return text;
  };

  /**
   * The grader's arguments, built in this realm: tagged values back to numbers and Float64Arrays.
   * An entry is written only when it changed: writing every number back, even unchanged, left the
   * student's training on those arrays some 8% slower (the training call took 900 ms of processor
   * time instead of 830, medians of 20 interleaved checks).
   */
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const entry = value[i];
        const revived = revive(entry);
        if (revived !== entry) value[i] = revived;
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    if (hasOwn(record, '#')) {
      const tag = record['#'];
      if (tag === 'NaN') return NumberOf.NaN;
      if (tag === 'Infinity') return 1 / 0;
      if (tag === '-Infinity') return -1 / 0;
      if (tag === 'undefined') return undefined;
      if (tag === 'f64') {
        const list = record.v as unknown[];
        const out = new F64(list.length);
        for (let i = 0; i < list.length; i++) out[i] = revive(list[i]) as number;
        return out;
      }
      // An object of the grader's own with a "#" key: its entries are revived, its "#" is a key.
      if (tag === 'object' && record.v !== null && typeof record.v === 'object' && !isArray(record.v)) return reviveEntries(record.v as Record<string, unknown>);
    }
    return reviveEntries(record);
  };
  const reviveEntries = (record: Record<string, unknown>): Record<string, unknown> => {
    const names = keys(record);
    for (let i = 0; i < names.length; i++) {
      const entry = record[names[i]];
      const revived = revive(entry);
      if (revived !== entry) record[names[i]] = revived;
    }
    return record;
  };

  type PlainError = { name: string; message: string; stack?: string; code?: HarnessErrorCode };
  const describe = (thrown: unknown): PlainError => {
    try {
      if (thrown instanceof ErrorOf) {
        const stack = (thrown as Error).stack;
        return { name: cut(StringOf((thrown as Error).name), 100), message: cut(StringOf((thrown as Error).message), 2000), stack: typeof stack === 'string' ? cut(stack, 4000) : undefined };
      }
      return { name: 'thrown value', message: cut(typeof thrown === 'string' ? jsonString(thrown) : StringOf(thrown), 2000), code: 'not-error' };
    } catch {
      return { name: 'thrown value', message: '', code: 'indescribable' };
    }
  };
  const errorJson = (e: PlainError): string =>
    `{"name":${jsonString(e.name)},"message":${jsonString(e.message)}${e.stack !== undefined ? `,"stack":${jsonString(e.stack)}` : ''}${e.code ? `,"code":"${e.code}"` : ''}}`;
  const failed = (id: number, e: PlainError) => send('answer', `{"kind":"failed","id":${id},"error":${errorJson(e)}}`);

  /** Names of the functions a holder offers: own and inherited (class methods, static methods). */
  const functionNames = (holder: unknown): string => {
    let text = '[';
    if (holder === null || (typeof holder !== 'object' && typeof holder !== 'function')) return '[]';
    const seen: Record<string, true> = { __proto__: null } as unknown as Record<string, true>;
    let count = 0;
    for (let level: unknown = holder; level !== null && level !== objectPrototype && level !== functionPrototype && count < 200; level = getPrototypeOf(level)) {
      const names = getOwnPropertyNames(level);
      for (let i = 0; i < names.length && count < 200; i++) {
        const name = names[i];
        if (name === 'constructor' || seen[name]) continue;
        seen[name] = true;
        let entry: unknown;
        try {
          entry = (holder as Record<string, unknown>)[name];
        } catch {
          continue;
        }
        if (typeof entry === 'function') text += (count++ > 0 ? ',' : '') + jsonString(name);
      }
    }
    return `${text}]`;
  };

  let exported: Record<string, unknown> | undefined;
  const moduleObject: { exports: Record<string, unknown> } = { exports: {} };
  const requireRefused = (name: unknown) => {
    throw new ErrorOf(`require(${jsonString(StringOf(name))}) is not available: a submission may import only its own files`);
  };

  const thenOf = (value: unknown): ((...args: unknown[]) => unknown) | undefined => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
    const own = (value as { then?: unknown }).then;
    return typeof own === 'function' ? (own as (...args: unknown[]) => unknown) : undefined;
  };

  // What each of the wrapper's parameters is bound to: one record, so that no name can be left out
  // (the type says so), and the argument list made here, before any code of the submission runs.
  const provided: Record<(typeof WRAPPER_PARAMS)[number], unknown> = {
    module: moduleObject,
    exports: moduleObject.exports,
    require: requireRefused,
    console: consoleObject,
    ...timerFunctions,
    performance: performanceObject,
    Math: mathObject,
    Array,
    Float64Array,
    Float32Array,
    Number,
    Object,
    Error,
  };
  const wrapperArgs = WRAPPER_PARAMS.map((name) => provided[name]);

  const api: Omit<ContextApi, 'fire'> = {
    load(id, wrapper) {
      try {
        apply(wrapper as (...args: unknown[]) => unknown, undefined, wrapperArgs);
        exported = moduleObject.exports;
        let defaults = '[]';
        try {
          defaults = functionNames(exported.default);
        } catch {
          // a default export whose properties throw when read simply offers no functions
        }
        send('answer', `{"kind":"loaded","id":${id},"named":${functionNames(exported)},"default":${defaults}}`);
      } catch (thrown) {
        failed(id, describe(thrown));
      }
    },

    call(id, from, name, argsJson, seed, train) {
      const holder = from === 'default' ? exported?.default : exported;
      let fn: unknown;
      try {
        fn = (holder as Record<string, unknown> | undefined)?.[name];
      } catch {
        fn = undefined;
      }
      if (typeof fn !== 'function') return failed(id, { name: 'TypeError', message: name, code: 'not-function' });
      // Only text with a tag in it ("#" as a key) needs reviving: the rest (the training set, most
      // cases) is used as parsed, without a walk over every number.
      const parsed: unknown = jsonParse(argsJson);
      const args = (apply(stringIncludes, argsJson, ['"#"']) ? revive(parsed) : parsed) as unknown[];
      reseed(seed);
      if (train) {
        let calls = 0;
        const options = args[2] as Record<string, unknown>;
        const onEpoch = function onEpoch(epoch?: unknown, loss?: unknown): void {
          if (calls++ >= limits.maxEpochCalls) return;
          const arg = (v: unknown) => (typeof v === 'number' ? number(v) : v === undefined ? '{"#":"undefined"}' : '{"#":"NaN"}');
          send('frame', `{"kind":"epoch","id":${id},"epoch":${arg(epoch)},"loss":${arg(loss)}}`);
        };
        defineProperty(options, 'onEpoch', { value: onEpoch, writable: true, enumerable: true, configurable: true });
      }
      const answer = (value: unknown) => {
        let text: string;
        try {
          count(value, { numbers: limits.maxNumbers }, 0);
          textLeft = limits.maxTextBytes;
          text = encode(value, { numbers: limits.maxNumbers }, 0);
        } catch (thrown) {
          if (thrown === TOO_LARGE || thrown === TOO_DEEP) return failed(id, { name: 'ResultError', message: '', code: (thrown as typeof TOO_LARGE | typeof TOO_DEEP).code });
          return failed(id, { ...describe(thrown), code: 'unreadable' });
        }
        send('answer', `{"kind":"result","id":${id},"value":${text}}`);
      };
      // Three steps, so that a failure is blamed on the right thing: the call itself, reading the
      // result (a Proxy or getter that throws), or a returned promise that rejects.
      let value: unknown;
      try {
        value = apply(fn as (...a: unknown[]) => unknown, holder, args);
      } catch (thrown) {
        return failed(id, describe(thrown));
      }
      let then: ((...args: unknown[]) => unknown) | undefined;
      try {
        then = thenOf(value);
      } catch (thrown) {
        return failed(id, { ...describe(thrown), code: 'unreadable' });
      }
      if (!then) return answer(value);
      // Settled through a promise of this realm's own (captured), which also flattens nested thenables.
      const thenable = value;
      const settled = new PromiseOf((resolve, reject) => apply(then, thenable, [resolve, reject]));
      apply(promiseThen, settled, [answer, (thrown: unknown) => failed(id, describe(thrown))]);
    },
  };
  return freeze({ ...api, fire });
}
