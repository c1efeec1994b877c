/** Shared by the tests: grading settings built once per worker, and temporary folders. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DEFAULT_SEED, gradeSubmission, type GradeSettings } from '../graders/grade.ts';
import type { Report } from '../graders/report/schema.ts';
import { buildSettings } from '../graders/settings.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const at = (...parts: string[]) => join(ROOT, ...parts);

let settings: Promise<GradeSettings> | undefined;
export function gradingSettings(): Promise<GradeSettings> {
  settings ??= buildSettings({ fixtures: 'public', seed: DEFAULT_SEED });
  return settings;
}

export async function grade(dir: string, overrides: Partial<GradeSettings> = {}): Promise<Report> {
  const result = await gradeSubmission({ name: 'student', dir }, { ...(await gradingSettings()), ...overrides });
  return result.report;
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

/** A submission folder made of the given files. */
export function submissionOf(files: Record<string, string>, base?: string): string {
  const dir = tempDir();
  if (base) cpSync(base, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
