/**
 * Builds the Gradescope autograder zip: setup.sh and run_autograder at its root (Gradescope looks
 * for them there), then what grading needs and nothing else: package.json and package-lock.json
 * (setup.sh runs npm ci), graders/, reference/, scripts/, fixtures/ with the hidden set in
 * fixtures/hidden/, and the course's rubric when one is given. No tests, no sample submissions,
 * no node_modules, no reports.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FixtureError, loadFixtureSet } from '../fixtures/load.ts';
import { FIXTURE_PARTS } from '../fixtures/schema.ts';
import { writeZip, type ZipSource } from '../kit/zip.ts';
import { loadRubric } from '../rubric.ts';
import { GRADESCOPE_SCRIPTS, PACKED_RUBRIC } from './layout.ts';

/** The build cannot go on: one line saying what to do. */
export class BuildError extends Error {}
/** The build cannot start from what the user gave (no hidden set, the public set as hidden): theirs to fix. */
export class BuildUsageError extends BuildError {}

export interface AutograderBuild {
  /** The project to pack (the folder holding package.json). */
  root: string;
  /** Where the zip goes. */
  out: string;
  /** The hidden fixture set to pack as fixtures/hidden/. */
  hidden: string;
  /** A rubric file for the course; the defaults when absent. */
  rubric?: string;
}

/** The folders packed whole, and the top-level files. */
const PACKED_FOLDERS = ['graders', 'reference', 'scripts'];
const PACKED_FILES = ['package.json', 'package-lock.json'];
/** The shell templates, in the project's gradescope/ folder. */
const TEMPLATES = 'gradescope';

/** Every file under `dir`, skipping dotfiles and `skip` (absolute paths). */
function filesUnder(dir: string, skip: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || skip.includes(path)) continue;
    if (entry.isDirectory()) found.push(...filesUnder(path, skip));
    else if (entry.isFile()) found.push(path);
  }
  return found.sort();
}

const toZipPath = (path: string) => path.split(sep).join('/');

/** The hidden set, checked: it exists, it is valid, and it is not the public set under another name. */
function checkHiddenSet(root: string, hidden: string, shownHidden: string): void {
  if (!existsSync(join(hidden, 'forward.json'))) {
    const what = existsSync(hidden) ? 'holds no hidden fixtures' : 'does not exist';
    throw new BuildUsageError(`${shownHidden} ${what}: run 'npm run fixtures -- --seed <secret> --out ${shownHidden}' first`);
  }
  try {
    loadFixtureSet(hidden);
  } catch (error) {
    if (error instanceof FixtureError) throw new BuildUsageError(error.message);
    throw error;
  }
  const publicDir = join(root, 'fixtures', 'public');
  const same = FIXTURE_PARTS.every((part) => {
    const file = join(publicDir, `${part}.json`);
    return existsSync(file) && readFileSync(file, 'utf8') === readFileSync(join(hidden, `${part}.json`), 'utf8');
  });
  if (same) throw new BuildUsageError(`${shownHidden} holds the public fixtures, which students have: make a hidden set with 'npm run fixtures -- --seed <secret> --out fixtures/hidden'`);
}

/** The zip's files, in zip paths. */
export function autograderSources(build: AutograderBuild): ZipSource[] {
  const root = resolve(build.root);
  const hidden = resolve(build.hidden);
  // As the user would type it: relative below here, absolute elsewhere (never ../../../x).
  const fromHere = relative(process.cwd(), hidden);
  const shownHidden = fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : hidden;
  checkHiddenSet(root, hidden, shownHidden);

  const sources: ZipSource[] = [];
  for (const name of GRADESCOPE_SCRIPTS) {
    const file = join(root, TEMPLATES, name);
    if (!existsSync(file)) throw new BuildError(`${relative(process.cwd(), file)} is missing: the autograder's shell templates live in ${TEMPLATES}/`);
    sources.push({ path: name, from: { file }, executable: true });
  }
  for (const name of PACKED_FILES) {
    const file = join(root, name);
    if (!existsSync(file)) throw new BuildError(`${name} is missing in ${root}: setup.sh installs the dependencies with npm ci, which needs it`);
    sources.push({ path: name, from: { file } });
  }
  for (const folder of PACKED_FOLDERS) {
    for (const file of filesUnder(join(root, folder))) sources.push({ path: toZipPath(relative(root, file)), from: { file } });
  }
  // fixtures/ without whatever hidden set lies there: the one packed is the one named.
  const fixtures = join(root, 'fixtures');
  for (const file of filesUnder(fixtures, [join(fixtures, 'hidden')])) sources.push({ path: toZipPath(relative(root, file)), from: { file } });
  for (const part of FIXTURE_PARTS) sources.push({ path: `fixtures/hidden/${part}.json`, from: { file: join(hidden, `${part}.json`) } });

  if (build.rubric !== undefined) {
    // Packed with every default filled in, so the zip alone says how it grades.
    sources.push({ path: PACKED_RUBRIC, from: { text: `${JSON.stringify(loadRubric(build.rubric), null, 2)}\n` } });
  }
  return sources;
}

export async function buildAutograder(build: AutograderBuild): Promise<{ files: number; bytes: number }> {
  const sources = autograderSources(build);
  await writeZip(build.out, sources);
  return { files: sources.length, bytes: statSync(build.out).size };
}
