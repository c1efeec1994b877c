/**
 * Once per run, before any worker starts: the folder where test/helpers.ts's gradeOnce keeps the
 * reports graded in this run, so that test files in different workers share them. Made afresh for
 * every run and removed after it: nothing graded is carried from one run to the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    gradings: string;
  }
}

export default function setup(project: TestProject): () => void {
  const gradings = mkdtempSync(join(tmpdir(), 'nngrade-gradings-'));
  project.provide('gradings', gradings);
  return () => rmSync(gradings, { recursive: true, force: true });
}
