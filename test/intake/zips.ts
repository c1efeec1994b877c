/**
 * Zips built in the tests, including the malformed ones an attacker would make. The zip writer refuses to
 * write a name that climbs out or is absolute, so such names are written as a harmless name of the
 * same length and then patched in the finished bytes; sizes are patched the same way.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import { tempDir } from '../helpers.ts';

export interface ZipItem {
  name: string;
  content?: string | Buffer;
  /** Unix mode with the file type, e.g. 0o120777 for a symlink. */
  mode?: number;
  folder?: boolean;
}

export async function zipBuffer(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    if (item.folder) zip.addEmptyDirectory(item.name);
    else zip.addBuffer(Buffer.from(item.content ?? ''), item.name, item.mode === undefined ? {} : { mode: item.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Replaces every occurrence of `from` by `to` (the same length in bytes): local and central headers alike. */
export function patchName(zip: Buffer, from: string, to: string): Buffer {
  const [a, b] = [Buffer.from(from), Buffer.from(to)];
  if (a.length !== b.length) throw new Error('a patched name keeps its length');
  const out = Buffer.from(zip);
  let at = out.indexOf(a);
  if (at < 0) throw new Error(`${from} is not in the zip`);
  while (at >= 0) {
    b.copy(out, at);
    at = out.indexOf(a, at + b.length);
  }
  return out;
}

/** Sets the uncompressed size the central directory claims for the entry named `name`. */
export function patchDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  const centralRecord = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(centralRecord); at >= 0; at = out.indexOf(centralRecord, at + 4)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLength).equals(nameBytes)) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no central directory record for ${name}`);
}

/** Writes a zip of `items` to a temporary file; `patch` may alter its bytes first. */
export async function zipFile(items: ZipItem[], patch: (zip: Buffer) => Buffer = (z) => z, name = 'export.zip'): Promise<string> {
  const path = join(tempDir('nngrade-zip-'), name);
  writeFileSync(path, patch(await zipBuffer(items)));
  return path;
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}
