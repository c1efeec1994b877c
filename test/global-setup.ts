/**
 * Once per run, before any worker starts: the folder where test/helpers.ts's gradeOnce keeps the
 * reports graded in this run, so that test files in different workers share them. Made afresh for
 * every run and removed after it: nothing graded is carried from one run to the next. And the type
 * check's startup snapshot for this Node (built now if missing), which test/setup.ts names to the
 * graders the tests run in their own processes, as the launcher names it to a command's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    gradings: string;
    /** Empty where none can be built here. */
    typecheckSnapshot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const gradings = mkdtempSync(join(tmpdir(), 'nngrade-gradings-'));
  project.provide('gradings', gradings);
  const root = fileURLToPath(new URL('..', import.meta.url));
  project.provide('typecheckSnapshot', execFileSync(process.execPath, ['scripts/launch.mjs', '--snapshot'], { cwd: root, encoding: 'utf8' }).trim());
  return () => rmSync(gradings, { recursive: true, force: true });
}
