/**
 * Reading a zip that someone else made (a class export from an LMS, a student's upload) without
 * trusting it. Opening one reads its central directory only, and sorts every entry into a file
 * to unpack, a folder, or a refusal naming the entry and why: a name that climbs out or is
 * absolute, a symlink (refused rather than followed: it could point anywhere once unpacked), a
 * device or pipe, an entry larger than the per-entry limit. Unpacking counts the bytes as they
 * are inflated, so a header that lies about an entry's size cannot slip past the limits (the zip
 * reader also stops a stream whose size differs from its header). A zip that is not one, holds too many
 * entries or unpacks to more than the total limit is a ZipError: nothing of it can be used.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { checkEntryName, shownName } from './entry-names.ts';

export interface ZipLimits {
  /** Entries in the central directory, folders included. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of everything unpacked. */
  maxTotalBytes: number;
}

/** The whole zip is unusable: not a zip, damaged, too many entries, too large. */
export class ZipError extends Error {}

export interface ZipEntryName {
  /** The name as stored in the zip, for messages. */
  name: string;
  /** Its path segments, checked: none is empty, `.` or `..`. */
  segments: string[];
}

export interface ZipFileEntry extends ZipEntryName {
  declaredBytes: number;
}

export const formatBytes = (bytes: number): string =>
  bytes >= 2 ** 20 ? `${Number((bytes / 2 ** 20).toFixed(1))} MiB` : bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KiB` : `${bytes} bytes`;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;
const DOS_DIRECTORY = 0x10;

/** What an entry is: Unix tools store the file type in the high half of the external attributes. */
function kindOf(entry: yauzl.Entry, name: string): 'file' | 'folder' | 'symlink' | 'special' {
  const mode = entry.versionMadeBy >> 8 === UNIX_HOST ? entry.externalFileAttributes >>> 16 : 0;
  const type = mode & S_IFMT;
  if (type === S_IFLNK) return 'symlink';
  if (type === S_IFDIR || name.endsWith('/') || (entry.externalFileAttributes & DOS_DIRECTORY) !== 0) return 'folder';
  if (type !== 0 && type !== S_IFREG) return 'special';
  return 'file';
}

class EntryTooLarge extends Error {}
class TotalTooLarge extends Error {}

export class UntrustedZip {
  private unpacked = 0;

  private constructor(
    readonly path: string,
    private readonly zip: yauzl.ZipFile,
    private readonly limits: ZipLimits,
    readonly files: ZipFileEntry[],
    readonly folders: ZipEntryName[],
    /** One line per refused entry, naming it. */
    readonly refused: string[],
    private readonly raw: Map<ZipFileEntry, yauzl.Entry>,
  ) {}

  static async open(path: string, limits: ZipLimits, shownPath = path): Promise<UntrustedZip> {
    let zip: yauzl.ZipFile;
    try {
      // Names are decoded and checked here, so that one bad name refuses one entry, not the zip.
      zip = await yauzl.openPromise(path, { autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (error) {
      throw new ZipError(`${shownPath} is not a readable zip file (${(error as Error).message})`);
    }
    try {
      if (zip.entryCount > limits.maxEntries) throw new ZipError(`${shownPath} holds ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
      const files: ZipFileEntry[] = [];
      const folders: ZipEntryName[] = [];
      const refused: string[] = [];
      const raw = new Map<ZipFileEntry, yauzl.Entry>();
      let declaredTotal = 0;
      try {
        for await (const entry of zip.eachEntry()) {
          const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
          const refuse = (reason: string) => refused.push(`skipped ${shownName(name)}: ${reason}`);
          const checked = checkEntryName(name);
          if (!checked.ok) {
            refuse(checked.reason);
            continue;
          }
          const kind = kindOf(entry, name);
          if (kind === 'symlink') refuse('it is a symbolic link, and links are not unpacked');
          else if (kind === 'special') refuse('it is not a regular file (a device, a pipe or a socket)');
          else if (kind === 'folder') folders.push({ name, segments: checked.segments });
          else if (entry.uncompressedSize > limits.maxEntryBytes) refuse(`it is ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxEntryBytes)} allowed per file`);
          else {
            const file = { name, segments: checked.segments, declaredBytes: entry.uncompressedSize };
            files.push(file);
            raw.set(file, entry);
            declaredTotal += entry.uncompressedSize;
          }
        }
      } catch (error) {
        throw new ZipError(`${shownPath} is damaged: ${(error as Error).message}`);
      }
      if (declaredTotal > limits.maxTotalBytes) throw new ZipError(tooLarge(shownPath, declaredTotal, limits));
      return new UntrustedZip(shownPath, zip, limits, files, folders, refused, raw);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /**
   * Unpacks one file to `root/segments...`: undefined when written, else the one-line reason it
   * was refused (nothing of it is left behind). Throws ZipError when the total limit is passed.
   */
  async unpack(file: ZipFileEntry, root: string, segments: string[] = file.segments): Promise<string | undefined> {
    const refuse = (reason: string) => `skipped ${shownName(file.name)}: ${reason}`;
    const dest = join(root, ...segments);
    const inside = relative(root, dest);
    // The segments were checked, so this cannot happen; it is the last line of defence if that changes.
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return refuse('its path leads outside the folder');
    const entry = this.raw.get(file);
    if (!entry) throw new Error(`${file.name} is not an entry of ${this.path}`);
    if (!entry.canDecodeFileData()) return refuse('it is encrypted or compressed with a method that cannot be read');

    let bytes = 0;
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    const unpackedBefore = this.unpacked;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxEntryBytes) done(new EntryTooLarge());
        else if (unpackedBefore + bytes > maxTotalBytes) done(new TotalTooLarge());
        else done(null, chunk);
      },
    });
    try {
      await mkdir(dirname(dest), { recursive: true });
      const stream = await this.zip.openReadStreamPromise(entry);
      // 'wx': an entry never overwrites a file, its own duplicate included.
      await pipeline(stream, counter, createWriteStream(dest, { flags: 'wx', mode: 0o644 }));
      this.unpacked += bytes;
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') await rm(dest, { force: true });
      if (error instanceof TotalTooLarge) throw new ZipError(tooLarge(this.path, unpackedBefore + bytes, this.limits));
      if (error instanceof EntryTooLarge) return refuse(`it unpacks to more than the ${formatBytes(maxEntryBytes)} allowed per file (its header claimed ${formatBytes(file.declaredBytes)})`);
      if (code === 'EEXIST') return refuse('an entry of the same name was unpacked before it');
      if (code === 'ENOTDIR' || code === 'EISDIR') return refuse('a file and a folder of the zip have the same name');
      // The zip reader's own check that an entry is as long as its header says.
      if (/bytes in the stream/.test((error as Error).message)) return refuse(`its size differs from the ${formatBytes(file.declaredBytes)} its header claims`);
      return refuse(`it could not be read: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  close(): void {
    this.zip.close();
  }
}

function tooLarge(path: string, bytes: number, limits: ZipLimits): string {
  return `${path} unpacks to more than ${formatBytes(limits.maxTotalBytes)} (at least ${formatBytes(bytes)}), the most allowed`;
}
