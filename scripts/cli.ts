/**
 * What every command-line entry shares: turning argument mistakes into one line and exit 2,
 * known failures into one line and exit 1, and anything else into one line (the stack only with
 * NNGRADE_DEBUG=1) and exit 1.
 */
import { isAbsolute, relative } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

/** Runs a command's main function and sets the exit code the way the README promises. */
export async function runCli(name: string, main: () => Promise<number | void>, knownErrors: Array<new (...args: never[]) => Error> = []): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    const err = error as Error;
    if (err instanceof UsageError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exitCode = 2;
    } else if (knownErrors.some((k) => err instanceof k)) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${name}: internal error: ${err?.message ?? String(error)} (rerun with NNGRADE_DEBUG=1 for the stack)\n`);
      if (process.env.NNGRADE_DEBUG) process.stderr.write(`${err?.stack}\n`);
      process.exitCode = 1;
    }
  }
}
