/**
 * Which of the project's files the student kit's commands need: the modules `npm run grade` (and
 * `npm run check`) import, found by esbuild following every import from those scripts, plus the
 * harness, which the grader reads as a file rather than importing it. Also the packages those
 * modules import, for the kit's package.json.
 *
 * reference/ never goes into the kit. A module that imports it statically would fail in the kit,
 * so the closure refuses it with one line naming the module; a dynamic import is allowed, because
 * the code around it must then cope with its absence (graders/settings.ts does: no reference, no
 * random backward cases).
 */
import { isBuiltin } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import * as esbuild from 'esbuild';

export class ClosureError extends Error {}

/**
 * Reached through a URL or a command line, so no import leads to them: the harness (built by
 * graders/sandbox/bundle.ts), the type check's process (started by graders/typecheck.ts) and the
 * launcher every command runs through.
 */
export const READ_AT_RUN_TIME = ['graders/sandbox/harness.ts', 'graders/typecheck/worker.ts', 'scripts/launch.mjs'];

export interface KitClosure {
  /** Project files, relative to the root, with forward slashes. */
  files: string[];
  /** Packages imported by those files (builtins left out). */
  packages: string[];
  /** Modules importing reference/ dynamically, which must cope without it. */
  dynamicReferenceImports: string[];
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const slashed = (path: string) => path.split(sep).join('/');

export async function kitClosure(root: string, entries: string[]): Promise<KitClosure> {
  const reference = resolve(root, 'reference') + sep;
  const staticReferenceImports: string[] = [];
  const dynamicReferenceImports: string[] = [];
  const keepReferenceOut: esbuild.Plugin = {
    name: 'keep-reference-out',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!resolve(args.resolveDir, args.path).startsWith(reference)) return undefined;
        const importer = slashed(relative(root, args.importer));
        (args.kind === 'dynamic-import' ? dynamicReferenceImports : staticReferenceImports).push(importer);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...entries, ...READ_AT_RUN_TIME],
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'kit-closure',
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    plugins: [keepReferenceOut],
  });
  if (staticReferenceImports.length > 0) {
    const modules = [...new Set(staticReferenceImports)].join(', ');
    throw new ClosureError(`${modules} import${staticReferenceImports.length === 1 ? 's' : ''} reference/, which the student kit must not ship: move what ${staticReferenceImports.length === 1 ? 'it needs' : 'they need'} into graders/`);
  }
  const files = Object.keys(result.metafile.inputs).map(slashed).sort();
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && !imported.path.startsWith('.') && !isBuiltin(imported.path)) packages.add(packageName(imported.path));
    }
  }
  return { files, packages: [...packages].sort(), dynamicReferenceImports: [...new Set(dynamicReferenceImports)].sort() };
}
