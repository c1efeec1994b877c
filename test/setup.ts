/**
 * Run before every test file. Test files share their worker's modules (vitest.config.ts, isolate
 * off), so what one file changes in them must be put back here for the next: hooks registered at a
 * shared module's top level would run for the first file of a worker only.
 */
import { afterAll, inject } from 'vitest';
import { removeTempDirs } from './helpers.ts';

// The type check's snapshot, as the launcher names it to the commands (test/global-setup.ts).
const snapshot = inject('typecheckSnapshot');
if (snapshot) process.env.NNGRADE_TYPECHECK_SNAPSHOT = snapshot;

// Some tests seed Math.random to run the reference in process; the next file gets the real one.
const holder = globalThis as { nngradeMathRandom?: () => number };
holder.nngradeMathRandom ??= Math.random;
const random = holder.nngradeMathRandom;

afterAll(() => {
  removeTempDirs();
  Math.random = random;
});
