/**
 * The declarations a submission is checked against: the language (TypeScript's own ES library
 * files, chosen one by one) and the little of a host that a pure-TypeScript homework uses,
 * declared here: `console`, `performance.now()`, and the timers and `queueMicrotask` the sandbox
 * gives (an async train may yield with them). No DOM, no Node: a submission that reaches for
 * either gets a warning, and parsing them would cost more than the rest of the check.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** TypeScript's library files we use, from its lib/ folder: the language up to ES2023, no Intl. */
const LANGUAGE_FILES = [
  'es5',
  'decorators',
  'decorators.legacy',
  'es2015.core',
  'es2015.collection',
  'es2015.generator',
  'es2015.iterable',
  'es2015.promise',
  'es2015.symbol',
  'es2015.symbol.wellknown',
  'es2016.array.include',
  'es2017.object',
  'es2017.string',
  'es2017.typedarrays',
  'es2019.array',
  'es2019.object',
  'es2019.string',
  'es2020.bigint',
  'es2020.string',
  'es2021.string',
  'es2022.array',
  'es2022.error',
  'es2022.object',
  'es2022.string',
  'es2023.array',
].map((name) => `lib.${name}.d.ts`);

/** The host's side, declared by us: what a homework prints, times and waits with (graders/sandbox/context.ts gives it). */
export const HOST_DECLARATIONS = `
interface Console {
  log(...data: any[]): void;
  info(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  debug(...data: any[]): void;
  table(tabularData?: any, properties?: string[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
}
declare var console: Console;
interface Performance {
  now(): number;
}
declare var performance: Performance;
declare function setTimeout(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function setInterval(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function setImmediate(handler: (...args: any[]) => void, ...args: any[]): number;
declare function clearTimeout(id?: number): void;
declare function clearInterval(id?: number): void;
declare function clearImmediate(id?: number): void;
declare function queueMicrotask(callback: () => void): void;
`;

/** Where the host declarations appear to live: never a real file, so no submission can shadow it. */
export const HOST_DECLARATIONS_PATH = '/nngrade-lib/host.d.ts';

/** The absolute paths of the language files, in TypeScript's installed lib/ folder. */
export function languageFiles(): string[] {
  const lib = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.es5.d.ts'));
  return LANGUAGE_FILES.map((name) => join(lib, name));
}
