/**
 * Creating an output folder and its missing parents, one level at a time: Node's recursive mkdir
 * never returns for a path under /proc (mkdir there answers "no such file" at every level), so a
 * mistaken --out would hang a command at full processor instead of failing.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The missing folders of `dir`, outermost first, under the nearest path that exists. */
export function missingFolders(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let probe = dir;
  while (!existsSync(probe)) {
    missing.unshift(probe);
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  return { existing: probe, missing };
}

/** A folder that could not be made: which, and the system's code ("ENOENT" under /proc). */
export class FolderError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`${path} cannot be created (${code})`);
  }
}

/** Makes `dir` and its missing parents; throws a FolderError for the first that cannot be made. */
export function makeFolders(dir: string): void {
  for (const folder of missingFolders(dir).missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      throw new FolderError(folder, code);
    }
  }
}
