/**
 * .nngrade-cache/: what one run keeps for the next (the machine probes, validated fixtures, the
 * harness, type warnings, V8's compiled code). Every file there is a cache: written whole (aside,
 * then renamed, so that a run never reads half of one), and where it cannot be written (a
 * read-only install) the work is simply done again next time.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeFileAtomic from 'write-file-atomic';

const CACHE_ROOT = fileURLToPath(new URL('../../.nngrade-cache/', import.meta.url));

/** A path inside .nngrade-cache/. */
export const cachePath = (...parts: string[]): string => join(CACHE_ROOT, ...parts);

/** Writes a cache file whole; says whether it could. No flush to disk: a cache lost in a crash is rebuilt. */
export function keepInCache(path: string, data: string | Buffer): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic.sync(path, data, { fsync: false });
    return true;
  } catch {
    return false;
  }
}
