/**
 * Writes the zips nngrade ships (the student kit, the Gradescope autograder) from a list of files.
 * The same files give the same bytes: entries are sorted and every timestamp is fixed, so a
 * rebuild that changes nothing changes no byte, and two builds can be compared with a checksum.
 * The zip is written next to its destination and renamed into place: whole or absent.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { makeFolders } from '../folders.ts';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

export interface ZipSource {
  /** The path inside the zip, with forward slashes. */
  path: string;
  /** A file to read, or the content itself. */
  from: { file: string } | { text: string | Buffer };
  executable?: boolean;
}

/** 2020-01-01: a fixed time after 1980, the earliest a zip's DOS timestamp can hold. */
const FIXED_TIME = new Date(Date.UTC(2020, 0, 1));

export async function writeZip(dest: string, sources: ZipSource[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const options = { mtime: FIXED_TIME, mode: source.executable ? 0o100755 : 0o100644 };
    if ('file' in source.from) zip.addFile(source.from.file, source.path, options);
    else zip.addBuffer(Buffer.from(source.from.text), source.path, options);
  }
  // The zip writer reports a file it cannot read on itself, not on its output stream.
  const failed = new Promise<never>((_, reject) => zip.once('error', reject));
  failed.catch(() => {});
  zip.end();
  makeFolders(dirname(dest));
  const partial = `${dest}.${process.pid}.partial`;
  try {
    await Promise.race([pipeline(zip.outputStream, createWriteStream(partial)), failed]);
    await rename(partial, dest);
  } finally {
    await rm(partial, { force: true });
  }
}
