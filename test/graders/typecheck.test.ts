/**
 * The type check: warnings for the student's own files, nothing read outside the submission's
 * folder, and a run over its limits ends without taking anything else with it.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { startTypecheck, typecheckSubmissions, type TypecheckGivenUp, type TypecheckLimits } from '../../graders/typecheck.ts';
import { at, submissionOf, tempDir } from '../helpers.ts';

/**
 * Types built by recursion a thousand levels deep, 400 times: the compiler takes most of a minute
 * (54 s here), far past any folder's time in these tests.
 */
const spinning = (): Record<string, string> => ({
  'index.ts': [
    "type Build<N extends number, T extends unknown[] = []> = T['length'] extends N ? T : Build<N, [...T, 0]>;",
    ...Array.from({ length: 400 }, (_, k) => `export const x${k}: Build<${990 - k}>['length'] = ${990 - k};`),
    `// ${randomUUID()}`,
    '',
  ].join('\n'),
});

/** A class folder of submissions, each given as its files. */
function classOfFiles(students: Record<string, Record<string, string>>): Record<string, string> {
  const klass = tempDir();
  return Object.fromEntries(
    Object.entries(students).map(([name, files]) => {
      const dir = join(klass, name);
      mkdirSync(dir);
      for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
      return [name, dir];
    }),
  );
}

/**
 * A class of three whose middle folder the check gives up: the folders before and after it still
 * get their own warnings, and the middle one is said to be given up, and why, not taken for a
 * clean check.
 */
async function expectGivenUpAlone(middle: Record<string, string>, limits: TypecheckLimits, why: TypecheckGivenUp): Promise<void> {
  const dirs = classOfFiles({
    first: { 'index.ts': `export const a: number = 'one';\n// ${randomUUID()}\n` },
    middle,
    last: { 'index.ts': `export const z: string = 2;\n// ${randomUUID()}\n` },
  });
  const run = startTypecheck([dirs.first, dirs.middle, dirs.last], limits);
  const found = await run.done;
  expect(found.get(dirs.first)).toEqual(["index.ts:1:14: Type 'string' is not assignable to type 'number'."]);
  expect(found.has(dirs.middle)).toBe(false);
  expect([run.givenUp(dirs.first), run.givenUp(dirs.middle), run.givenUp(dirs.last)]).toEqual([undefined, why, undefined]);
  expect(found.get(dirs.last)).toEqual(["index.ts:1:14: Type 'number' is not assignable to type 'string'."]);
}

describe('the type check', () => {
  it("finds type errors in a submission's own files, imported ones included, and none in a correct one", async () => {
    const dirs = classOfFiles({
      typo: { 'index.ts': "import { scale } from './helper.ts';\nexport const n: number = scale('two');\n", 'helper.ts': 'export const scale = (x: number): string => x;\n' },
    });
    const warnings = await typecheckSubmissions([dirs.typo, at('submissions', 'alice')]);
    expect(warnings.get(dirs.typo)).toEqual([
      "helper.ts:1:45: Type 'number' is not assignable to type 'string'.",
      "index.ts:2:14: Type 'string' is not assignable to type 'number'.",
      "index.ts:2:32: Argument of type 'string' is not assignable to parameter of type 'number'.",
    ]);
    expect(warnings.get(at('submissions', 'alice'))).toEqual([]);
  });

  it("reads nothing outside the folder: a neighbour's code, /etc/passwd and a huge file are not found, and named only as the student wrote them", async () => {
    const dirs = classOfFiles({
      nosy: {
        'index.ts': [
          "import type { Secret } from '../neighbour/index.ts';",
          "import type {} from '/etc/passwd';",
          "import type {} from './big.ts';",
          '/// <reference path="../neighbour/index.ts" />',
          'export const s: Secret = 1;',
          '',
        ].join('\n'),
        'big.ts': `export type Big = ${'{ a: '.repeat(10)}1${' }'.repeat(10)};\n${'// padding\n'.repeat(200_000)}`,
      },
      // A directive at the top of the file, where it counts: the file it names is not found, and
      // named as written, not by the folder it would be in.
      referrer: { 'index.ts': `/// <reference path="../neighbour/index.ts" />\nexport const n = 1;\n// ${randomUUID()}\n` },
      neighbour: { 'index.ts': "export type Secret = 'NEIGHBOUR-SECRET';\nconst hidden: number = 'NEIGHBOUR-TYPO';\n" },
    });
    const warnings = await typecheckSubmissions([dirs.nosy, dirs.referrer, dirs.neighbour]);
    expect(warnings.get(dirs.referrer)).toEqual(["index.ts:1:22: File '../neighbour/index.ts' not found."]);
    const nosy = warnings.get(dirs.nosy)!.join('\n');
    expect(nosy).toMatch(/Cannot find module '\.\.\/neighbour\/index\.ts'/);
    expect(nosy).toMatch(/Cannot find module '\/etc\/passwd'/);
    expect(nosy).toMatch(/Cannot find module '\.\/big\.ts'/);
    expect(nosy).not.toMatch(/NEIGHBOUR|root:|\/tmp\//);
    // The neighbour's own warning stays the neighbour's.
    expect(warnings.get(dirs.neighbour)).toEqual(["index.ts:2:7: Type 'string' is not assignable to type 'number'."]);
  });

  it("what the sandbox gives is declared (timers, queueMicrotask, performance.now()), and a message names the student's files as they wrote them", async () => {
    const dirs = classOfFiles({
      timed: {
        'index.ts': [
          'const started = performance.now();',
          'export async function pause(): Promise<number> {',
          '  await new Promise<void>((resolve) => setTimeout(resolve, 0));',
          '  const id = setInterval(() => {}, 10);',
          '  clearInterval(id);',
          '  clearTimeout(setTimeout(() => {}, 5));',
          '  clearImmediate(setImmediate(() => {}));',
          '  queueMicrotask(() => {});',
          '  return performance.now() - started;',
          '}',
          // Never checked before: the cache of warnings must not answer for the compiler.
          `// ${randomUUID()}`,
          '',
        ].join('\n'),
      },
      untyped: { 'index.ts': `import { helper } from './helpers.js';\nexport const n: number = helper();\n// ${randomUUID()}\n`, 'helpers.js': 'export function helper() { return 1; }\n' },
    });
    const warnings = await typecheckSubmissions([dirs.timed, dirs.untyped]);
    expect(warnings.get(dirs.timed)).toEqual([]);
    // The folder checked is a copy with a path of the grader's: the message says ./helpers.js's own name.
    const untyped = warnings.get(dirs.untyped)!.join('\n');
    expect(untyped).toMatch(/^index\.ts:1:24: Could not find a declaration file for module '\.\/helpers\.js'\. 'helpers\.js' implicitly has an 'any' type\.$/);
  });

  it('a run over its time limit is ended: what it had not checked gets no warnings, and nothing throws', async () => {
    // Never checked before (the cache would answer at once): alice with a comment of its own.
    const dir = submissionOf({ 'index.ts': `${readFileSync(at('submissions', 'alice', 'index.ts'), 'utf8')}\n// ${randomUUID()}\n` });
    const run = startTypecheck([dir], { memoryMb: 256, timeoutMs: 1 });
    const done = await run.done;
    expect(done.size).toBe(0);
    await run.whenArrived([dir]);
    expect(run.arrived(dir)).toBeUndefined();
  });

  it('a folder that takes the compiler too long is given up alone: the folders after it still get their warnings', async () => {
    // 3 s a folder: ample for a small one on a busy machine, the compiler ready (from its
    // snapshot, test/setup.ts), and each slow one burns a core that long, beside the other tests.
    await expectGivenUpAlone(spinning(), { memoryMb: 512, timeoutMs: 240_000, folderMs: 3_000 }, 'time');
  });

  it('two slow folders side by side cost each other and the rest nothing: each has its own time, counted from the compiler being loaded', async () => {
    const dirs = classOfFiles({
      spin1: spinning(),
      spin2: spinning(),
      last: { 'index.ts': `export const z: string = 2;\n// ${randomUUID()}\n` },
    });
    // 3 s each, and 45 s for the run: enough for three loads of the compiler (each cold where
    // there is no snapshot), two folders given up and one checked; not for the two slow ones, each
    // first in its process, given 20 s more each.
    const found = await startTypecheck([dirs.spin1, dirs.spin2, dirs.last], { memoryMb: 512, timeoutMs: 45_000, folderMs: 3_000 }).done;
    expect([found.has(dirs.spin1), found.has(dirs.spin2)]).toEqual([false, false]);
    expect(found.get(dirs.last)).toEqual(["index.ts:1:14: Type 'number' is not assignable to type 'string'."]);
  });

  it('a folder that crashes the compiler (out of memory) is given up alone: the folders after it still get their warnings', async () => {
    // Half a megabyte of object literals: its syntax tree and types take the compiler past 96 MB
    // of heap (the compiler and a homework fit in it), and V8 ends the process. The compiler runs
    // niced, so beside a busy machine it gets a tenth of a core: the suite's time and two minutes
    // for the folder, not one (3 s alone, 25 s in the quiet suite, over a minute beside stress-ng).
    let literals = 'export const a = [\n';
    while (literals.length < 500_000) literals += '{ x: 1, y: "a", z: [1, 2] },\n';
    await expectGivenUpAlone({ 'index.ts': `${literals}];\n// ${randomUUID()}\n` }, { memoryMb: 96, timeoutMs: 240_000, folderMs: 120_000 }, 'crash');
  });

  it("started from its startup snapshot on this Node, the compiler gives the same warnings; a snapshot that cannot start costs nothing", async () => {
    const printed = await execa(process.execPath, ['scripts/launch.mjs', '--snapshot'], { cwd: at() });
    const snapshot = printed.stdout.trim();
    expect(snapshot).toMatch(new RegExp(`/typecheck\\.${process.version.replaceAll('.', '\\.')}\\.\\w+\\.blob$`));
    const dir = submissionOf({ 'index.ts': `export const n: number = 'one';\n// ${randomUUID()}\n` });
    const expected = ["index.ts:1:14: Type 'string' is not assignable to type 'number'."];
    // The process as the grader starts it: its flags, the snapshot, the folders on stdin.
    const { memoryMb, v8Flags } = JSON.parse(readFileSync(at('graders', 'typecheck', 'process.json'), 'utf8')) as { memoryMb: number; v8Flags: string[] };
    const started = await execa(process.execPath, [`--max-old-space-size=${memoryMb}`, ...v8Flags, '--snapshot-blob', snapshot], { input: JSON.stringify([dir]) });
    expect(started.stdout.split('\n').map((line) => JSON.parse(line))).toEqual([{ ready: true }, { dir, warnings: expected }]);

    const damaged = join(tempDir(), 'damaged.blob');
    writeFileSync(damaged, readFileSync(snapshot).subarray(0, 4096));
    const before = process.env.NNGRADE_TYPECHECK_SNAPSHOT;
    try {
      for (const named of [snapshot, damaged]) {
        process.env.NNGRADE_TYPECHECK_SNAPSHOT = named;
        writeFileSync(join(dir, 'index.ts'), `export const n: number = 'one';\n// ${randomUUID()}\n`);
        expect((await typecheckSubmissions([dir])).get(dir), named).toEqual(expected);
      }
    } finally {
      if (before === undefined) delete process.env.NNGRADE_TYPECHECK_SNAPSHOT;
      else process.env.NNGRADE_TYPECHECK_SNAPSHOT = before;
    }
  });

  it('a warning is one line: control characters a student put in a module name are written out', async () => {
    const dir = submissionOf({ 'index.ts': `import { k } from './e\\x1b[31mvil\\nindex.ts:9:9: FORGED';\nexport const n = k;\n// ${randomUUID()}\n` });
    const warnings = (await typecheckSubmissions([dir])).get(dir)!;
    expect(warnings).toEqual(["index.ts:1:19: Cannot find module './e\\x1b[31mvil\\nindex.ts:9:9: FORGED' or its corresponding type declarations."]);
  });

  it('a warning of a hundred kilobytes (a name that long) is cut, not dropped', async () => {
    const dir = submissionOf({ 'index.ts': `export const n = ${'x'.repeat(100_000)};\n// ${randomUUID()}\n` });
    const [warning, ...rest] = (await typecheckSubmissions([dir])).get(dir)!;
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^index\.ts:1:18: Cannot find name 'x{100,}…$/);
    expect(warning.length).toBeLessThanOrEqual(2001);
  });

  it('a folder checked before, byte for byte, gets the same warnings again; an edit is checked afresh', async () => {
    const dir = submissionOf({ 'index.ts': `export const n: number = 'one';\n// ${randomUUID()}\n` });
    const first = await typecheckSubmissions([dir]);
    expect(first.get(dir)).toEqual(["index.ts:1:14: Type 'string' is not assignable to type 'number'."]);
    expect((await typecheckSubmissions([dir])).get(dir)).toEqual(first.get(dir));
    writeFileSync(join(dir, 'index.ts'), `export const n: number = 1;\n`);
    expect((await typecheckSubmissions([dir])).get(dir)).toEqual([]);
  });
});
