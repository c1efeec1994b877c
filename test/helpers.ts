/** Shared by the tests: grading settings built once per worker, gradings shared by the run, and temporary folders. */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { inject } from 'vitest';
import type { FixtureSet } from '../graders/fixtures/schema.ts';
import { DEFAULT_SEED, gradeSubmission, type GradeSettings } from '../graders/grade.ts';
import { language } from '../graders/i18n/index.ts';
import type { Report } from '../graders/report/schema.ts';
import { buildSettings } from '../graders/settings.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const at = (...parts: string[]) => join(ROOT, ...parts);

let settings: Promise<GradeSettings> | undefined;
export function gradingSettings(): Promise<GradeSettings> {
  settings ??= buildSettings({ fixtures: 'public', seed: DEFAULT_SEED });
  return settings;
}

/** A fresh grading of the folder: for tests that watch the grading itself, or grade what no other test does. */
export async function grade(dir: string, overrides: Partial<GradeSettings> = {}): Promise<Report> {
  const result = await gradeSubmission({ name: 'student', dir }, { ...(await gradingSettings()), ...overrides });
  return result.report;
}

/**
 * The report of the folder graded with these settings, graded once in the whole run: every test
 * that asks for the same files with the same settings reads the report the first one got (each its
 * own copy). Grading is deterministic (every random thing is seeded), so a second grading would
 * only repeat the first, and a training costs about a second of CPU. For tests that read the
 * report only; side effects (printed output, files) are seen by the first grading alone.
 */
export async function gradeOnce(dir: string, overrides: Partial<GradeSettings> = {}): Promise<Report> {
  const settings = { ...(await gradingSettings()), ...overrides };
  const key = gradingKey(dir, settings);
  let text = inWorker.get(key);
  if (!text) {
    text = sharedReport(key, async () => (await gradeSubmission({ name: 'student', dir }, settings)).report);
    inWorker.set(key, text);
    text.catch(() => inWorker.delete(key));
  }
  // As JSON for every test alike, the first included: the report as report.json holds it.
  return JSON.parse(await text) as Report;
}

/** Gradings asked for by this worker's tests, as JSON, by key. */
const inWorker = new Map<string, Promise<string>>();

const sha256 = (...parts: Array<string | Buffer>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

const fixtureHashes = new WeakMap<FixtureSet, string>();

/** Everything a report depends on: every file of the folder, the settings, the language. */
function gradingKey(dir: string, settings: GradeSettings): string {
  const { rubric, fixtures, seed, harness, referenceBackward } = settings;
  let fixturesHash = fixtureHashes.get(fixtures);
  if (!fixturesHash) fixtureHashes.set(fixtures, (fixturesHash = sha256(JSON.stringify(fixtures))));
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .flatMap((path) => [path.slice(dir.length), readFileSync(path)]);
  return sha256(language(), JSON.stringify(rubric), fixturesHash, String(seed), sha256(harness), String(referenceBackward !== undefined), ...files);
}

/**
 * The report under `key` in the run's folder of gradings (test/global-setup.ts), graded here when
 * no worker has claimed it yet, else read once the worker that claimed it has written it.
 */
async function sharedReport(key: string, gradeNow: () => Promise<Report>): Promise<string> {
  const folder = inject('gradings');
  const done = join(folder, `${key}.json`);
  const claim = join(folder, `${key}.claim`);
  for (;;) {
    if (existsSync(done)) return readFileSync(done, 'utf8');
    try {
      writeFileSync(claim, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Claimed by a worker that has since ended without a report: claim it anew.
      const owner = Number(readFileSync(claim, 'utf8'));
      if (owner > 0 && !alive(owner)) rmSync(claim, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      const text = JSON.stringify(await gradeNow());
      writeFileSync(`${done}.${process.pid}`, text);
      renameSync(`${done}.${process.pid}`, done);
      return text;
    } catch (error) {
      rmSync(claim, { force: true });
      throw error;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const part = (report: Report, id: string) => {
  const found = report.parts.find((p) => p.id === id);
  if (!found) throw new Error(`no part ${id} in the report`);
  return found;
};

const temps: string[] = [];

/** Removes the temporary folders made so far (test/setup.ts, after each test file). */
export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'nngrade-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/**
 * Runs one of the project's commands as a user would, compiled as `npm run` runs it (no colour,
 * English unless env says). `cwd` for a copy of the project.
 */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  return execa(process.execPath, ['scripts/launch.mjs', `scripts/${script}.ts`, ...args], { cwd, reject: false, env: { NO_COLOR: '1', LANG: 'C', ...env } });
}

/**
 * The rubric of tests about what surrounds a grading (the intake, reruns, gradebooks, an upload),
 * not the training: train runs 20 epochs instead of 100, a fifth of the time. alice reaches the
 * same test accuracy in 20 as in 100 (89.9% with seed 1; 88.9% with seed 2): full marks still.
 */
export const SHORT_TRAINING = { parts: { train: { epochs: 20 } } };

/** SHORT_TRAINING as a file, for --rubric. */
export function shortTrainingRubric(): string {
  const file = join(tempDir(), 'short-training.json');
  writeFileSync(file, JSON.stringify(SHORT_TRAINING));
  return file;
}

/** A class folder: each student a copy of a folder, or an index.ts of the given text. */
export function classOf(students: Record<string, string>): string {
  const klass = tempDir();
  for (const [name, source] of Object.entries(students)) {
    mkdirSync(join(klass, name));
    if (existsSync(source)) cpSync(source, join(klass, name), { recursive: true });
    else writeFileSync(join(klass, name, 'index.ts'), source);
  }
  return klass;
}

/**
 * A class caught mid-grading: alice, graded first (by name, with --jobs 1), then zed, whose module
 * loops at load time for up to a minute (`rubric`). `zedLooping(out)` settles once alice's files
 * are written and zed's child has had a moment to start looping.
 */
export function classLoopingAfterAlice(): { klass: string; rubric: string; zedLooping: (out: string) => Promise<void> } {
  const klass = classOf({ alice: at('submissions', 'alice'), zed: 'while (true) {}\nexport {};\n' });
  const rubric = join(tempDir(), 'rubric.json');
  writeFileSync(rubric, JSON.stringify({ limits: { loadSeconds: 60 }, parts: { train: { epochs: 20 } } }));
  const zedLooping = async (out: string) => {
    while (!existsSync(join(out, 'alice', 'stderr.txt'))) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
  };
  return { klass, rubric, zedLooping };
}

/** A submission folder made of the given files. */
export function submissionOf(files: Record<string, string>, base?: string): string {
  const dir = tempDir();
  if (base) cpSync(base, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
