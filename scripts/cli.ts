/**
 * What every command-line entry shares: turning argument mistakes into one line and exit 2,
 * known failures into one line and exit 1, and anything else into one line (the stack only with
 * NNGRADE_DEBUG=1) and exit 1.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FolderError, makeFolders, missingFolders } from '../graders/folders.ts';
import { isLang, type Lang, LANGUAGES, languageFromEnvironment } from '../graders/i18n/index.ts';

export class UsageError extends Error {}

/**
 * `--jobs -2` as `--jobs=-2`: parseArgs takes a value starting with '-' for an option and calls
 * it ambiguous, where the user deserves the option's own message about the number.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && /^-\d/.test(argv[i + 1] ?? '')) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** parseArgs, with its errors turned into UsageError and `--help` handled. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  options: T,
  help: string,
  argv = process.argv.slice(2),
) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs adds advice on positionals that only confuses here: keep its first sentence.
    throw new UsageError(`${(error as Error).message.split(/\.(\s|$)/)[0]} (see --help)`);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    process.stdout.write(help.trimStart());
    process.exit(0);
  }
  return parsed as { values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] };
}

/** Parses a whole number option, or says which option was wrong. */
export function integerOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} takes a whole number of at least ${min}, not '${value}'`);
  return Number(value);
}

/** --lang en|ru, or the environment's language without it. */
export function languageOption(value: string | undefined): Lang {
  if (value === undefined) return languageFromEnvironment();
  if (!isLang(value)) throw new UsageError(`--lang takes ${LANGUAGES.join(' or ')}, not '${value}'`);
  return value;
}

/** A path as the user would type it from here: relative below this folder, absolute elsewhere. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel || '.';
}

export type KnownErrors = Array<new (...args: never[]) => Error>;

/** Says what failed in one line, the way the README promises, and returns the exit status for it. */
export function reportFailure(name: string, error: unknown, knownErrors: KnownErrors = []): number {
  const err = error as Error;
  if (err instanceof UsageError) {
    process.stderr.write(`${name}: ${err.message}\n`);
    return 2;
  }
  if (knownErrors.some((k) => err instanceof k)) {
    process.stderr.write(`${name}: ${err.message}\n`);
    return 1;
  }
  process.stderr.write(`${name}: internal error: ${err?.message ?? String(error)} (rerun with NNGRADE_DEBUG=1 for the stack)\n`);
  if (process.env.NNGRADE_DEBUG) process.stderr.write(`${err?.stack}\n`);
  return 1;
}

/** Runs a command's main function and sets the exit code the way the README promises. */
export async function runCli(name: string, main: () => Promise<number | void>, knownErrors: KnownErrors = []): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    process.exitCode = reportFailure(name, error, knownErrors);
  }
}

/** An --out that cannot take what a command writes: the caller's to fix (exit 2). */
export const refuseOut = (out: string, why: string, what: string) => new UsageError(`cannot write ${what} to ${out}: ${why}; choose another --out`);

/** Refuses an --out that could not be written (under a file, in a folder not writable), writing nothing. */
export function checkOut(out: string, what = 'reports'): void {
  const { existing } = missingFolders(out);
  if (!statSync(existing).isDirectory()) throw refuseOut(out, `${existing} is a file`, what);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw refuseOut(out, `${existing} is not writable`, what);
  }
}

/**
 * Creates --out and any missing parent before the first report, one level at a time: Node's
 * recursive mkdir never returns for a path under /proc. Where nothing can be created (/proc, /sys)
 * it says so in one line, before anything is graded.
 */
export function makeOut(out: string, what = 'reports'): void {
  checkOut(out, what);
  try {
    makeFolders(out);
  } catch (error) {
    if (error instanceof FolderError) throw refuseOut(out, error.message, what);
    throw error;
  }
  if (!statSync(out).isDirectory()) throw refuseOut(out, `${out} is a file`, what);
}

/**
 * A trigger for `run` that never runs it twice at once: a trigger while a run is under way asks
 * for one more run after it, however many triggers came (the saves during a check are folded into
 * one check of the folder as it is then, not queued one by one).
 */
export function foldRuns(run: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | undefined;
  let again = false;
  return () => {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        current = undefined;
      }
    })();
    return current;
  };
}
