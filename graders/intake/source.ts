/**
 * A source as a list of entries for the layout to place: a folder walked without following any
 * link (lstat only: nothing is opened here, so a pipe or a device cannot block), or a zip's
 * central directory read with the protections of zip.ts. Clutter (`__MACOSX`, dotfiles,
 * `node_modules`) is not even walked into.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isClutter, type SourceEntry } from './layout.ts';
import type { UntrustedZip, ZipFileEntry } from './zip.ts';

/** The whole source cannot be used: one line saying why. */
export class IntakeError extends Error {}

/** A class folder deeper or larger than this is not a class of homework. */
const MAX_DEPTH = 24;
const MAX_FOLDER_ENTRIES = 50_000;

/** Every entry under `root`, relative; links and special files listed as such, never followed. */
export function listFolder(root: string, shown: string): SourceEntry<string>[] {
  const entries: SourceEntry<string>[] = [];
  const walk = (segments: string[]) => {
    if (segments.length > MAX_DEPTH) throw new IntakeError(`${shown} nests folders more than ${MAX_DEPTH} deep: give the folder of the class or of one submission`);
    const dir = join(root, ...segments);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      throw new IntakeError(`cannot read ${[shown, ...segments].join('/')} (${(error as NodeJS.ErrnoException).code}): check its permissions`);
    }
    for (const name of names) {
      if (isClutter(name)) continue;
      if (entries.length >= MAX_FOLDER_ENTRIES) throw new IntakeError(`${shown} holds more than ${MAX_FOLDER_ENTRIES} files: give the folder of the class or of one submission`);
      const path = join(dir, name);
      const stat = lstatSync(path);
      const rel = [...segments, name];
      if (stat.isDirectory()) {
        entries.push({ segments: rel, kind: 'folder', bytes: 0, ref: path });
        walk(rel);
      } else {
        entries.push({ segments: rel, kind: stat.isSymbolicLink() ? 'link' : stat.isFile() ? 'file' : 'special', bytes: stat.size, ref: path });
      }
    }
  };
  walk([]);
  return entries;
}

/** The zip's files and folders; what it refuses outright (links, bad names) is in `zip.refused`. */
export function listZip(zip: UntrustedZip): SourceEntry<ZipFileEntry | undefined>[] {
  return [
    ...zip.folders.map((f) => ({ segments: f.segments, kind: 'folder' as const, bytes: 0, ref: undefined })),
    ...zip.files.map((f) => ({ segments: f.segments, kind: 'file' as const, bytes: f.declaredBytes, ref: f })),
  ];
}
