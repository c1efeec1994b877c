import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // Grading trains real models in child processes: seconds, not milliseconds. Generous, so a
    // busy machine slows the suite down but never fails it.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // A test file mostly waits for the grader processes it starts, so one worker per core plus
    // one keeps the cores busy (vitest's default, one fewer than the cores, left one idle here).
    maxWorkers: availableParallelism() + 1,
    // Files share their worker's modules instead of each importing the grader anew: a fresh
    // worker per file spent about half a second of CPU on imports alone, some 20 s over the suite.
    // What a file changes in shared state is put back by test/setup.ts.
    isolate: false,
  },
});
