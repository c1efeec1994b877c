/**
 * Reads what the similarity report compares: the submissions of a class folder (each subfolder
 * holding index.ts, named after the subfolder) and the starter, each as its .ts files' texts.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export class SimilarityInputError extends Error {}

/** A file bigger than this is data or generated code, not something a student wrote. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceFile {
  /** The path inside the submission, with forward slashes: `index.ts`, `lib/loss.ts`. */
  path: string;
  text: string;
}

export interface SourceFolder {
  name: string;
  dir: string;
  files: SourceFile[];
  /** Files left out, and why, for the terminal to mention. */
  skipped: string[];
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * Every .ts file under `dir`, sorted by path. Symbolic links are not followed: a student's link
 * to a file outside the submission would otherwise put that file's text in the report.
 */
export function readSourceFolder(name: string, dir: string): SourceFolder {
  const files: SourceFile[] = [];
  const skipped: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      const shown = relative(dir, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.ts')) {
        if (lstatSync(path).size > MAX_FILE_BYTES) skipped.push(`${shown} (over 1 MiB)`);
        else files.push({ path: shown, text: readFileSync(path, 'utf8') });
      } else if (entry.isSymbolicLink() && entry.name.endsWith('.ts')) {
        skipped.push(`${shown} (a symbolic link)`);
      }
    }
  };
  walk(dir);
  return { name, dir, files, skipped };
}

/** The class folder's submissions, sorted by name, and the subfolders that are not submissions. */
export function readClassFolder(classDir: string, shownAs = classDir): { submissions: SourceFolder[]; notSubmissions: string[] } {
  let entries;
  try {
    if (!statSync(classDir).isDirectory()) throw new SimilarityInputError(`${shownAs} is not a folder: give the folder that holds the class's submissions`);
    entries = readdirSync(classDir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof SimilarityInputError) throw error;
    throw new SimilarityInputError(`${shownAs} does not exist: give the folder that holds the class's submissions`);
  }
  if (isFile(join(classDir, 'index.ts'))) {
    throw new SimilarityInputError(`${shownAs} is one submission (it holds index.ts): give the folder that holds the class's submissions`);
  }
  const folders = entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && e.name !== 'node_modules' && !e.name.startsWith('.'));
  const names = folders.map((e) => e.name).sort();
  const submissions = names.filter((n) => isFile(join(classDir, n, 'index.ts'))).map((n) => readSourceFolder(n, join(classDir, n)));
  const notSubmissions = names.filter((n) => statSync(join(classDir, n), { throwIfNoEntry: false })?.isDirectory() && !isFile(join(classDir, n, 'index.ts')));
  if (submissions.length === 0) throw new SimilarityInputError(`${shownAs} holds no subfolder with an index.ts: it is not a folder of submissions`);
  if (submissions.length === 1) throw new SimilarityInputError(`${shownAs} holds only one submission (${submissions[0].name}): there is nothing to compare it with`);
  return { submissions, notSubmissions };
}

/** The starter every student received, whose code is not counted as shared. */
export function readStarter(dir: string, shownAs = dir): SourceFolder {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new SimilarityInputError(`--starter ${shownAs} is not a folder: give the folder of code every student received`);
  const starter = readSourceFolder('starter', dir);
  if (starter.files.length === 0) throw new SimilarityInputError(`--starter ${shownAs} holds no .ts file: give the folder of code every student received`);
  return starter;
}
