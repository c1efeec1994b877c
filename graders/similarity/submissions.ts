/**
 * Reads what the similarity report compares: the submissions of a class as the intake lays them
 * out (the same students as grading), and the starter, each as its .ts files' texts.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { IntakeError, takeIn } from '../intake/index.ts';
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

/**
 * The class's submissions through the one intake (graders/intake/): a folder or a zip in any layout
 * the grader takes, each submission read from its private snapshot. Those with nothing to grade
 * (an empty folder, no TypeScript) are returned as `notSubmissions` with the reason.
 */
export async function readClass(path: string, shownAs = path): Promise<{ submissions: SourceFolder[]; notSubmissions: string[]; notes: string[] }> {
  let intake;
  try {
    intake = await takeIn([path], { shown: [shownAs], allowNothing: true });
  } catch (error) {
    if (error instanceof IntakeError) throw new SimilarityInputError(error.message);
    throw error;
  }
  const graded = intake.submissions.filter((s) => !s.problem);
  if (graded.length === 0) throw new SimilarityInputError(`${shownAs} holds no submission: give the folder or the zip that holds the class's submissions`);
  if (graded.length === 1) throw new SimilarityInputError(`${shownAs} holds only one submission (${graded[0].name}): there is nothing to compare it with`);
  return {
    submissions: graded.map((s) => readSourceFolder(s.name, s.dir)),
    notSubmissions: intake.submissions.filter((s) => s.problem).map((s) => `${s.name}: ${s.problem}`),
    notes: [...intake.warnings, ...intake.submissions.flatMap((s) => (s.notes ?? []).map((n) => `${s.name}: ${n}`))],
  };
}

/** The starter every student received, whose code is not counted as shared. */
export function readStarter(dir: string, shownAs = dir): SourceFolder {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new SimilarityInputError(`--starter ${shownAs} is not a folder: give the folder of code every student received`);
  const starter = readSourceFolder('starter', dir);
  if (starter.files.length === 0) throw new SimilarityInputError(`--starter ${shownAs} holds no .ts file: give the folder of code every student received`);
  return starter;
}
