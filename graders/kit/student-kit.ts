/**
 * Builds the student kit: a folder (and a zip of it) a student installs with `npm install` and
 * checks their homework in with `npm run grade -- homework`. It holds the starter as homework/,
 * the public fixtures, the digits with their licence note, the grader modules those commands
 * import (graders/kit/closure.ts), a package.json with only their runtime dependencies and the
 * project's lock cut down to them, and a README for students. Never reference/ (the closure
 * refuses a module that needs it) and never fixtures/hidden/ (only fixtures/public/ is copied).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { ClosureError, kitClosure } from './closure.ts';
import { LockfileError, LockfileSchema, pruneLockfile } from './lockfile.ts';
import { studentReadme } from './readme.ts';
import { writeZip, type ZipSource } from './zip.ts';

/** The kit cannot be built: one line saying why. */
export class KitError extends Error {}

export const KIT_NAME = 'nngrade-student-kit';
/** The commands the kit keeps from the project's package.json; grade is required. */
const KIT_COMMANDS = ['grade', 'check'];
/** Runs the TypeScript entry points where the compiled ones cannot be cached: needed though no module imports it. */
const RUNNER = 'tsx';
/** Compiles the entry points once (scripts/launch.mjs): `npm install` runs it, so the first check is fast. */
const PREPARE = 'node scripts/launch.mjs --build';

const ProjectPackageSchema = z
  .object({
    version: z.string(),
    engines: z.record(z.string(), z.string()).optional(),
    scripts: z.record(z.string(), z.string()),
    allowScripts: z.record(z.string(), z.boolean()).optional(),
    dependencies: z.record(z.string(), z.string()),
  })
  .loose();

export interface KitBuild {
  /** The project (the folder holding package.json). */
  root: string;
  /** The kit's folder, replaced whole. */
  outDir: string;
  /** The kit's zip: the folder's files under one top folder named like outDir. */
  zip: string;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A command kept in the kit, and the script file it runs. */
function kitCommands(scripts: Record<string, string>): Array<{ name: string; command: string; entry: string }> {
  const kept = KIT_COMMANDS.flatMap((name) => {
    const command = scripts[name];
    // Optionally led by the environment it runs with (package.json clears NODE_EXTRA_CA_CERTS) and
    // by exec (the shell npm starts gives its place to node, and so the signals npm passes on).
    const entry = command?.match(/^(?:[A-Z_][A-Z0-9_]*=\S* )*(?:exec )?node scripts\/launch\.mjs (scripts\/[\w-]+\.ts)$/)?.[1];
    return command && entry ? [{ name, command, entry }] : [];
  });
  if (!kept.some((c) => c.name === 'grade')) throw new KitError(`package.json has no "grade" script of the form "node scripts/launch.mjs scripts/<name>.ts": the kit's self-check runs it`);
  return kept;
}

/** Every file under `dir`, as paths relative to `root`. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.name.startsWith('.') ? [] : e.isDirectory() ? filesUnder(root, `${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );
}

/** The kit's files, by their path in the kit. */
export async function studentKitSources(root: string): Promise<ZipSource[]> {
  const project = ProjectPackageSchema.parse(readJson(join(root, 'package.json')));
  const commands = kitCommands(project.scripts);
  let closure;
  try {
    closure = await kitClosure(root, commands.map((c) => c.entry));
  } catch (error) {
    if (error instanceof ClosureError) throw new KitError(error.message);
    throw error;
  }

  const needed = [...new Set([...closure.packages, RUNNER])].sort();
  const missing = needed.filter((name) => !project.dependencies[name]);
  if (missing.length > 0) throw new KitError(`the kit's code needs ${missing.join(', ')}, which package.json does not list under "dependencies": move ${missing.length === 1 ? 'it' : 'them'} there`);
  const kitPackage = {
    name: KIT_NAME,
    version: project.version,
    private: true,
    description: "The homework 'a linear classifier from scratch' and its self-check on the public test cases",
    type: 'module',
    ...(project.engines ? { engines: project.engines } : {}),
    scripts: { ...Object.fromEntries(commands.map((c) => [c.name, c.command])), prepare: PREPARE },
    dependencies: Object.fromEntries(needed.map((name) => [name, project.dependencies[name]])),
    // The install-script approvals of the packages it keeps, so that the student's npm install is
    // as quiet as the course's.
    ...(project.allowScripts ? { allowScripts: Object.fromEntries(Object.entries(project.allowScripts).filter(([name]) => needed.includes(name.replace(/(.)@.*$/, '$1')))) } : {}),
  };
  let lock;
  try {
    lock = pruneLockfile(LockfileSchema.parse(readJson(join(root, 'package-lock.json'))), kitPackage);
  } catch (error) {
    if (error instanceof LockfileError) throw new KitError(error.message);
    throw error;
  }

  const copied = (from: string, to = from): ZipSource => ({ path: to, from: { file: join(root, from) } });
  if (!existsSync(join(root, 'starter', 'README.md'))) throw new KitError(`${join(root, 'starter', 'README.md')} is missing: the kit needs it`);
  const sources: ZipSource[] = [
    ...closure.files.map((file) => copied(file)),
    ...filesUnder(root, 'fixtures/public').map((file) => copied(file)),
    copied('fixtures/digits.csv.gz'),
    copied('fixtures/DIGITS.md'),
    copied('starter/index.ts', 'homework/index.ts'),
    // The task text speaks of `index.ts` "in this folder" (starter/); in the kit it sits in homework/.
    { path: 'HOMEWORK.md', from: { text: homeworkText(readFileSync(join(root, 'starter', 'README.md'), 'utf8')) } },
    { path: 'README.md', from: { text: studentReadme({ node: project.engines?.node ?? '>=20.19', hasCheck: commands.some((c) => c.name === 'check') }) } },
    { path: 'package.json', from: { text: json(kitPackage) } },
    { path: 'package-lock.json', from: { text: json(lock) } },
    { path: '.gitignore', from: { text: 'node_modules/\nreports/\n' } },
  ];
  // The closure already keeps these out; this is the last check before anything is written.
  const secret = sources.filter((s) => /^(reference|fixtures\/hidden)\//.test(s.path));
  if (secret.length > 0) throw new KitError(`the kit would ship ${secret.map((s) => s.path).join(', ')}: the reference and the hidden fixtures never leave the course`);
  for (const source of sources) if ('file' in source.from && !existsSync(source.from.file)) throw new KitError(`${source.from.file} is missing: the kit needs it`);
  return sources;
}

/** Writes the kit's folder (replaced whole: written next to it, then renamed) and its zip. */
export async function buildStudentKit(build: KitBuild): Promise<{ files: number }> {
  const sources = await studentKitSources(build.root);
  const partial = `${build.outDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  for (const source of sources) {
    const dest = join(partial, source.path);
    mkdirSync(dirname(dest), { recursive: true });
    if ('file' in source.from) cpSync(source.from.file, dest);
    else writeFileSync(dest, source.from.text);
  }
  rmSync(build.outDir, { recursive: true, force: true });
  renameSync(partial, build.outDir);
  const top = build.outDir.split(/[\\/]/).pop()!;
  await writeZip(build.zip, sources.map((s) => ({ ...s, path: `${top}/${s.path}` })));
  return { files: sources.length };
}

/** starter/README.md as the kit's HOMEWORK.md: the template is homework/index.ts there, not "in this folder". */
export function homeworkText(readme: string): string {
  const text = readme.replace('`index.ts` in this folder is your template', '`homework/index.ts` is your template');
  if (text === readme && readme.includes('in this folder')) throw new KitError('starter/README.md speaks of "this folder" in a way the kit does not rewrite: update homeworkText in graders/kit/student-kit.ts');
  return text;
}
