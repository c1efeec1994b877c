/**
 * Finds the homework in what a student uploaded to Gradescope (`/autograder/submission`): the
 * folder's files themselves (index.ts at the top), the folder (index.ts one level down), or a
 * single .zip of either, unpacked into a temporary folder with the protections of
 * graders/intake/zip.ts. When there is no index.ts, the result says what the upload holds, in
 * words the student can act on.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UntrustedZip, ZipError, type ZipLimits } from '../intake/zip.ts';

/** One student's homework: a few small source files. */
export const UPLOAD_LIMITS: ZipLimits = { maxEntries: 2_000, maxEntryBytes: 4 * 2 ** 20, maxTotalBytes: 64 * 2 ** 20 };

export interface LocatedUpload {
  /** The folder holding index.ts, or undefined with `problem` saying why there is none. */
  dir?: string;
  problem?: string;
  /** Lines for the student: entries of their zip that were skipped. */
  notes: string[];
  /** Removes the temporary folder a zip was unpacked into. */
  cleanup(): Promise<void>;
}

const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() ?? false;
/** What archivers and version control add beside the homework. */
const ignored = (name: string) => name.startsWith('.') || name === '__MACOSX';

async function visibleEntries(dir: string): Promise<Array<{ name: string; folder: boolean }>> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => !ignored(e.name)).map((e) => ({ name: e.name, folder: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name));
}

const listed = (names: string[]) => (names.length === 0 ? 'nothing' : names.slice(0, 8).join(', ') + (names.length > 8 ? `, and ${names.length - 8} more` : ''));

/** The folder holding index.ts: `dir` itself or its one subfolder that holds one. */
async function findIndexFolder(dir: string): Promise<{ dir?: string; problem?: string }> {
  if (await isFile(join(dir, 'index.ts'))) return { dir };
  const folders = (await visibleEntries(dir)).filter((e) => e.folder).map((e) => e.name);
  const withIndex: string[] = [];
  for (const name of folders) if (await isFile(join(dir, name, 'index.ts'))) withIndex.push(name);
  if (withIndex.length === 1) return { dir: join(dir, withIndex[0]) };
  if (withIndex.length > 1) return { problem: `several folders of your upload hold an index.ts (${listed(withIndex)}): upload only your homework folder` };
  return {};
}

const NO_INDEX = 'No index.ts in your upload: upload the files of your homework folder (index.ts and the files it imports), or one .zip of that folder.';

export async function locateUpload(submission: string): Promise<LocatedUpload> {
  const none = async () => {};
  const direct = await findIndexFolder(submission);
  if (direct.dir || direct.problem) return { ...direct, notes: [], cleanup: none };

  const entries = await visibleEntries(submission);
  const zips = entries.filter((e) => !e.folder && e.name.toLowerCase().endsWith('.zip')).map((e) => e.name);
  if (zips.length !== 1) {
    const found = `Your upload holds: ${listed(entries.map((e) => (e.folder ? `${e.name}/` : e.name)))}.`;
    const several = zips.length > 1 ? ' Upload one .zip, not several.' : '';
    return { problem: `${NO_INDEX}${several} ${found}`, notes: [], cleanup: none };
  }

  const temp = await mkdtemp(join(tmpdir(), 'nngrade-upload-'));
  const cleanup = () => rm(temp, { recursive: true, force: true });
  const notes: string[] = [];
  try {
    const zip = await UntrustedZip.open(join(submission, zips[0]), UPLOAD_LIMITS, zips[0]);
    try {
      notes.push(...zip.refused);
      for (const file of zip.files) {
        const reason = await zip.unpack(file, temp);
        if (reason) notes.push(reason);
      }
    } finally {
      zip.close();
    }
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return { problem: `Your upload ${error.message}: upload the files of your homework folder, or a .zip made by your system's "compress" command.`, notes, cleanup };
  }
  const inner = await findIndexFolder(temp);
  if (inner.dir || inner.problem) return { ...inner, notes, cleanup };
  const found = (await visibleEntries(temp)).map((e) => (e.folder ? `${e.name}/` : e.name));
  return { problem: `No index.ts in ${zips[0]}: it holds ${listed(found)}. Zip your homework folder (index.ts and the files it imports).`, notes, cleanup };
}
