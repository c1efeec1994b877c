/**
 * A class's submissions as an LMS exports them (one zip, a folder or a single .ts file per
 * student) unpacked into a folder of submissions that discoverSubmissions (graders/batch.ts)
 * reads: one folder per student holding index.ts.
 *
 * The layouts understood, inside an optional wrapper folder that holds every student:
 * - `alice/index.ts` (and alice's other files): kept as it is;
 * - `Bob Smith_12345_assignsubmission_file_/index.ts`: the LMS's suffix is dropped and the id
 *   kept (`Bob Smith_12345`), so two students of the same name stay apart;
 * - `carol.ts`: becomes `carol/index.ts`;
 * - a student folder whose files all sit in one folder holding index.ts (`dave/hw3/index.ts`)
 *   is lifted by one level, as a student who uploaded their folder rather than its files;
 * - a zip whose top holds index.ts is one student's submission, named after the zip.
 * Anything else at the top (a spreadsheet, a stray file) is skipped with a warning. The zip is
 * read with the protections of graders/intake/zip.ts; each refused entry is a warning naming it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { shownName } from './entry-names.ts';
import { UntrustedZip, ZipError, type ZipEntryName, type ZipFileEntry, type ZipLimits } from './zip.ts';

/** The whole export cannot be used: one line saying why. */
export class ExportError extends Error {}

/** Generous for source code, small enough that a zip bomb stops early. */
export const CLASS_EXPORT_LIMITS: ZipLimits = { maxEntries: 20_000, maxEntryBytes: 4 * 2 ** 20, maxTotalBytes: 256 * 2 ** 20 };

/** Clutter that archivers and editors add: never part of a submission, skipped without a warning. */
const CLUTTER = new Set(['__MACOSX', '.DS_Store', 'Thumbs.db', '.git', 'node_modules']);
const isClutter = (segments: string[]) => segments.some((s) => CLUTTER.has(s));

/** `Name_12345_assignsubmission_file_` -> `Name_12345`: the LMS's plugin suffix says nothing about the student. */
export const studentName = (folder: string): string => folder.replace(/_assignsubmission_[A-Za-z]+_?$/, '') || folder;

interface Placed {
  file: ZipFileEntry;
  to: string[];
}

/** The common top folder of every entry, when it is a wrapper around students rather than a student. */
function wrapperOf(files: ZipEntryName[], folders: ZipEntryName[]): string | undefined {
  const tops = new Set([...files, ...folders].map((n) => n.segments[0]));
  if (tops.size !== 1 || files.some((n) => n.segments.length < 2)) return undefined;
  const [top] = tops;
  const names = [...files, ...folders].filter((n) => n.segments.length >= 2);
  // A single student's folder holds its files (index.ts) directly; a wrapper holds students.
  if (names.some((n) => n.segments.length === 2 && n.segments[1] === 'index.ts')) return undefined;
  const inner = new Set(names.filter((n) => n.segments.length >= 3 || n.segments[1].endsWith('.ts')).map((n) => n.segments[1]));
  return inner.size >= 2 ? top : undefined;
}

/** A student's files relative to their folder, lifted by one level when they sit in one inner folder with index.ts. */
function liftSingleFolder(paths: string[][]): string[][] {
  if (paths.some((p) => p.length === 1 && p[0] === 'index.ts')) return paths;
  const inner = new Set(paths.map((p) => p[0]));
  if (inner.size !== 1 || paths.some((p) => p.length < 2)) return paths;
  return paths.some((p) => p.length === 2 && p[1] === 'index.ts') ? paths.map((p) => p.slice(1)) : paths;
}

/** Decides where each file goes: `[student, ...path]`, and what is skipped at the top. */
function placeFiles(zip: UntrustedZip, zipName: string): { placed: Placed[]; studentFolders: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const files = zip.files.filter((f) => !isClutter(f.segments));
  const folders = zip.folders.filter((f) => !isClutter(f.segments));
  const wrapper = wrapperOf(files, folders);
  const strip = (segments: string[]) => (wrapper === undefined ? segments : segments.slice(1));

  // One student's own zip: index.ts at the top.
  if (files.some((f) => strip(f.segments).join('/') === 'index.ts')) {
    const student = basename(zipName, extname(zipName));
    return { placed: files.map((file) => ({ file, to: [student, ...strip(file.segments)] })), studentFolders: [student], warnings };
  }

  const byStudent = new Map<string, Array<{ file: ZipFileEntry; path: string[] }>>();
  const studentFolders = new Set<string>();
  for (const folder of folders) if (strip(folder.segments).length >= 1) studentFolders.add(strip(folder.segments)[0]);
  for (const file of files) if (strip(file.segments).length >= 2) studentFolders.add(strip(file.segments)[0]);

  for (const file of files) {
    const [top, ...rest] = strip(file.segments);
    if (rest.length === 0) {
      const single = top.endsWith('.ts') ? top.slice(0, -3) : undefined;
      if (single === undefined || single === '') {
        warnings.push(`skipped ${shownName(file.name)}: a submission is a folder or a single .ts file`);
      } else if (studentFolders.has(single)) {
        warnings.push(`skipped ${shownName(file.name)}: the folder ${single}/ is that student's submission`);
      } else {
        byStudent.set(single, [{ file, path: ['index.ts'] }]);
      }
      continue;
    }
    const list = byStudent.get(top) ?? [];
    list.push({ file, path: rest });
    byStudent.set(top, list);
  }

  const placed: Placed[] = [];
  const names = new Map<string, string>();
  for (const top of [...new Set([...studentFolders, ...byStudent.keys()])].sort()) {
    const student = studentName(top);
    if (student.startsWith('.')) {
      warnings.push(`skipped ${shownName(top)}: a hidden folder is not a submission`);
      continue;
    }
    const other = names.get(student);
    if (other !== undefined) {
      warnings.push(`skipped ${shownName(top)}: ${shownName(other)} is also named ${student}`);
      continue;
    }
    names.set(student, top);
    const entries = byStudent.get(top) ?? [];
    const lifted = liftSingleFolder(entries.map((e) => e.path));
    entries.forEach((e, i) => placed.push({ file: e.file, to: [student, ...lifted[i]] }));
  }
  return { placed, studentFolders: [...names.keys()], warnings };
}

/** `into` must be new or empty: unpacking never mixes with, or overwrites, what is there. */
function checkDestination(into: string): boolean {
  if (!existsSync(into)) return false;
  if (!statSync(into).isDirectory()) throw new ExportError(`cannot unpack into ${into}: it is a file; choose a new folder`);
  if (readdirSync(into).length > 0) throw new ExportError(`cannot unpack into ${into}: it is not empty; choose a new folder`);
  return true;
}

/**
 * Unpacks a class export into `into` (created; it must be new or empty). Returns the folder to
 * give discoverSubmissions, and one warning per entry or top-level item that was skipped.
 * Throws ExportError when the zip cannot be used at all (nothing is left in `into` then).
 */
export async function unpackClassExport(zipPath: string, into: string, limits: ZipLimits = CLASS_EXPORT_LIMITS): Promise<{ dir: string; warnings: string[] }> {
  const dir = resolve(into);
  const existed = checkDestination(dir);
  let zip: UntrustedZip;
  try {
    zip = await UntrustedZip.open(zipPath, limits);
  } catch (error) {
    if (error instanceof ZipError) throw new ExportError(error.message);
    throw error;
  }
  try {
    const { placed, studentFolders, warnings } = placeFiles(zip, basename(zipPath));
    if (studentFolders.length === 0) throw new ExportError(`${zipPath} holds no submissions: expected a folder or a .ts file per student`);
    await mkdir(dir, { recursive: true });
    // An empty folder is still a student: grading gives them a row saying nothing was submitted.
    for (const student of studentFolders) await mkdir(resolve(dir, student), { recursive: true });
    const refused = [...zip.refused];
    for (const { file, to } of placed) {
      const reason = await zip.unpack(file, dir, to);
      if (reason) refused.push(reason);
    }
    return { dir, warnings: [...refused, ...warnings] };
  } catch (error) {
    // Leave `into` as it was found: absent, or empty.
    if (existed) for (const name of readdirSync(dir)) await rm(resolve(dir, name), { recursive: true, force: true });
    else await rm(dir, { recursive: true, force: true });
    if (error instanceof ZipError) throw new ExportError(error.message);
    throw error;
  } finally {
    zip.close();
  }
}
