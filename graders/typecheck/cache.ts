/**
 * Type warnings remembered by the contents of the submission's folder, in
 * .nngrade-cache/typecheck/: a folder whose files are byte for byte those of a folder checked
 * before (a rerun with --force, the same sample in many tests) gets its warnings without starting
 * the compiler. The key covers every file's path and bytes, the compiler's version and ours, so
 * any edit is checked afresh. A folder too large to hash cheaply is simply not cached.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { cachePath, keepInCache } from '../cache/store.ts';
import { MAX_TYPE_WARNINGS } from './limits.ts';

const CACHE_DIR = cachePath('typecheck');
/** Bump when the check itself changes (its options, its library, the host's rules). */
const CHECK_VERSION = '3';
const MAX_FILES = 500;
const MAX_BYTES = 8 * 1024 * 1024;

const EntrySchema = z.object({ warnings: z.array(z.string().max(4000)).max(MAX_TYPE_WARNINGS) });

let compilerVersion: string | undefined;
function compiler(): string {
  try {
    compilerVersion ??= JSON.parse(readFileSync(fileURLToPath(new URL('../../node_modules/typescript/package.json', import.meta.url)), 'utf8')).version as string;
  } catch {
    compilerVersion = 'unknown';
  }
  return compilerVersion;
}

/** A hash of every entry under the folder (files by content, links by target); undefined when too large. */
export function folderKey(dir: string): string | undefined {
  const hash = createHash('sha256').update(`${CHECK_VERSION}\0${compiler()}\0`);
  let files = 0;
  let bytes = 0;
  const walk = (rel: string): boolean => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = join(rel, name);
      const stat = lstatSync(join(dir, path));
      if (++files > MAX_FILES) return false;
      hash.update(`${path}\0`);
      if (stat.isSymbolicLink()) hash.update(`link\0${readlinkSync(join(dir, path))}\0`);
      else if (stat.isDirectory()) {
        hash.update('dir\0');
        if (name !== 'node_modules' && !walk(path)) return false;
      } else if (stat.isFile()) {
        bytes += stat.size;
        if (bytes > MAX_BYTES) return false;
        hash.update(readFileSync(join(dir, path))).update('\0');
      } else hash.update('other\0');
    }
    return true;
  };
  try {
    return walk('') ? hash.digest('hex') : undefined;
  } catch {
    return undefined;
  }
}

export function cachedWarnings(key: string): string[] | undefined {
  try {
    return EntrySchema.parse(JSON.parse(readFileSync(join(CACHE_DIR, `${key}.json`), 'utf8'))).warnings;
  } catch {
    return undefined;
  }
}

/** Where it cannot be written, the check simply runs again next time. */
export function rememberWarnings(key: string, warnings: string[]): void {
  keepInCache(join(CACHE_DIR, `${key}.json`), JSON.stringify({ warnings }));
}
