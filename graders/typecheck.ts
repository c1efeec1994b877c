/**
 * Type errors in submissions, found by the TypeScript compiler in one program for a whole batch
 * (one start-up instead of one per student). They are warnings for the student: bundling strips
 * types, so a type error never costs points, but it often points at the bug that does.
 */
import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** The most warnings kept per submission: the first ones are the ones to read. */
export const MAX_TYPE_WARNINGS = 20;

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  types: [],
  // The homework needs the language and console.log: no Node typings, no packages.
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
};

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * Type warnings ("index.ts:12:5: ...") by submission folder. Never throws: if the shared run
 * fails (a pathological file can overflow the compiler's stack), each submission is checked on its
 * own, and the one that breaks the compiler simply gets no warnings.
 */
export function typecheckSubmissions(dirs: string[]): Map<string, string[]> {
  try {
    return typecheckTogether(dirs);
  } catch {
    const warnings = new Map<string, string[]>();
    for (const dir of dirs) {
      try {
        warnings.set(dir, typecheckTogether([dir]).get(dir) ?? []);
      } catch {
        warnings.set(dir, []);
      }
    }
    return warnings;
  }
}

function typecheckTogether(dirs: string[]): Map<string, string[]> {
  const warnings = new Map<string, string[]>(dirs.map((dir) => [dir, []]));
  if (dirs.length === 0) return warnings;
  const roots = dirs.map((dir) => ({ dir, real: real(dir) + sep }));
  const program = ts.createProgram(
    dirs.map((dir) => join(dir, 'index.ts')),
    OPTIONS,
  );
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file;
    if (!file || diagnostic.start === undefined) continue;
    const path = real(file.fileName);
    const owner = roots.find((root) => path.startsWith(root.real));
    if (!owner) continue;
    const list = warnings.get(owner.dir)!;
    if (list.length >= MAX_TYPE_WARNINGS) continue;
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    list.push(`${relative(owner.real, path)}:${line + 1}:${character + 1}: ${text}`);
  }
  return warnings;
}
