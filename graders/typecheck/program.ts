/**
 * Type-checks one submission folder with the TypeScript compiler, through a compiler host that
 * reads nothing but that folder's regular files (symbolic links resolved first, each file and the
 * whole capped) and our library files. An import of `../neighbour`, `/etc/passwd` or a file
 * over the cap is simply not found, so a warning can name only the student's own files. Runs in
 * the bounded type-check process (worker.ts), never in the grader.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type TS from 'typescript';
import { printableLine } from '../format.ts';
import ts from '../typescript.ts';
import { HOST_DECLARATIONS, HOST_DECLARATIONS_PATH, languageFiles } from './lib.ts';
import { MAX_TYPE_WARNINGS } from './limits.ts';

/** The longest warning kept whole (the grader takes up to 4,000 characters each). */
const MAX_WARNING_CHARS = 2000;
/** The bundler refuses larger files too: a homework file is a few KiB. */
const MAX_FILE_BYTES = 1024 * 1024;
/** All the files of one submission that the check reads. */
const MAX_TOTAL_BYTES = 4 * 1024 * 1024;

const OPTIONS: TS.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  types: [],
  // Our library files are root files; a `/// <reference lib>` in a submission adds nothing.
  noLib: true,
};

/** Library source files, parsed once and shared by every submission's program. */
const libraries = new Map<string, TS.SourceFile>();

function library(path: string): TS.SourceFile | undefined {
  let file = libraries.get(path);
  if (!file) {
    const text = path === HOST_DECLARATIONS_PATH ? HOST_DECLARATIONS : readFileSync(path, 'utf8');
    // Their doc comments are skipped, not parsed: in declaration files they change no type and
    // no error, and parsing them took a third of the time spent reading the library.
    file = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });
    libraries.set(path, file);
  }
  return file;
}

/** Reads regular files inside `root` only, within the caps; undefined for everything else. */
function folderReader(root: string) {
  let budget = MAX_TOTAL_BYTES;
  const inside = (path: string) => {
    try {
      const real = realpathSync(path);
      return real === root || real.startsWith(root + sep) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  const regularFile = (path: string) => {
    const real = inside(path);
    if (!real) return undefined;
    const stat = statSync(real, { throwIfNoEntry: false });
    return stat?.isFile() && stat.size <= MAX_FILE_BYTES ? { real, size: stat.size } : undefined;
  };
  return {
    exists: (path: string) => regularFile(path) !== undefined,
    isFolder: (path: string) => {
      const real = inside(path);
      return real !== undefined && statSync(real, { throwIfNoEntry: false })?.isDirectory() === true;
    },
    read: (path: string): string | undefined => {
      const file = regularFile(path);
      if (!file || file.size > budget) return undefined;
      budget -= file.size;
      return readFileSync(file.real, 'utf8');
    },
  };
}

function hostFor(root: string, libraryPaths: Set<string>): TS.CompilerHost {
  const folder = folderReader(root);
  return {
    getSourceFile: (fileName, languageVersion) => {
      if (libraryPaths.has(fileName)) return library(fileName);
      const text = folder.read(fileName);
      return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion);
    },
    fileExists: (fileName) => libraryPaths.has(fileName) || folder.exists(fileName),
    readFile: (fileName) => folder.read(fileName),
    directoryExists: (path) => folder.isFolder(path),
    getDirectories: () => [],
    getDefaultLibFileName: () => HOST_DECLARATIONS_PATH,
    getCurrentDirectory: () => root,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    writeFile: () => {},
  };
}

/**
 * Our library files, the language's and the host's, as every program lists them: found once (in a
 * process started from the startup snapshot, the paths found when it was built, those it parsed).
 */
let foundLibraryFiles: string[] | undefined;
const libraryFiles = () => (foundLibraryFiles ??= [...languageFiles(), HOST_DECLARATIONS_PATH]);

/** Type warnings ("index.ts:12:5: ...") of the folder's index.ts and what it imports from the folder. */
export function typecheckFolder(dir: string): string[] {
  const root = realpathSync(dir);
  const libraryPaths = libraryFiles();
  const host = hostFor(root, new Set(libraryPaths));
  const program = ts.createProgram([...libraryPaths, resolve(root, 'index.ts')], OPTIONS, host);
  const warnings: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file;
    if (!file || diagnostic.start === undefined || !file.fileName.startsWith(root + sep)) continue;
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    // A message that names a file of the folder, or beside it, names it as the student does: the
    // folder checked is the grader's private snapshot, whose path means nothing to them, changes
    // every run and is nobody's business. And a warning is one line: a control character the
    // student put in a module's name (a newline, an escape code) is written out, not printed.
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').split(root + sep).join('').split(root).join('.').split(dirname(root) + sep).join('../');
    const warning = printableLine(`${relative(root, file.fileName)}:${line + 1}:${character + 1}: ${text}`);
    // A name of a hundred kilobytes makes a message no one reads whole: cut, not dropped.
    warnings.push(warning.length > MAX_WARNING_CHARS ? `${warning.slice(0, MAX_WARNING_CHARS)}…` : warning);
    if (warnings.length >= MAX_TYPE_WARNINGS) break;
  }
  return warnings;
}

/** A module of a few lines, checked once by a type-check process started ahead (worker.ts --warm). */
const WARM_UP_PATH = '/nngrade-warm-up/index.ts';
const WARM_UP = `export function scores(x: number[][], w: number[][], b: number[]): number[][] {
  return x.map((row) => b.map((bc, c) => row.reduce((sum, v, k) => sum + v * w[k][c], bc)));
}
export const n: string = scores([[1]], [[2]], [3]).length.toFixed(0);
`;

/** Parses our library files now (every check needs them): a process says it is ready after this. */
export function readLibrary(): void {
  for (const path of libraryFiles()) library(path);
}

/**
 * Parses our library files and runs the checker over a small module, so that the next folder is
 * checked by a compiler already loaded, parsed and compiled: some 40 ms instead of a quarter second.
 */
export function warmUp(): void {
  const libraryPaths = libraryFiles();
  const known = new Set(libraryPaths);
  const host: TS.CompilerHost = {
    ...hostFor('/nngrade-warm-up', known),
    getSourceFile: (fileName, languageVersion) => (known.has(fileName) ? library(fileName) : fileName === WARM_UP_PATH ? ts.createSourceFile(fileName, WARM_UP, languageVersion) : undefined),
    fileExists: (fileName) => known.has(fileName) || fileName === WARM_UP_PATH,
    readFile: (fileName) => (fileName === WARM_UP_PATH ? WARM_UP : undefined),
  };
  ts.getPreEmitDiagnostics(ts.createProgram([...libraryPaths, WARM_UP_PATH], OPTIONS, host));
}
