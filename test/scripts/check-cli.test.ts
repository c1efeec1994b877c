/** `npm run check`: the students' self-check, as a student runs it. */
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, runScript, tempDir } from '../helpers.ts';
import { MUTANTS, mutate } from '../mutants.ts';

const check = (args: string[], env: Record<string, string> = {}) => runScript('check', [...args, '--out', join(tempDir(), 'out')], env);

/** `check --watch` on a folder, and a wait until what it printed (stdout, or stderr) matches. */
function watch(dir: string, env: Record<string, string> = {}) {
  const child = check([dir, '--watch'], env);
  const printed = { stdout: '', stderr: '' };
  const waiters: Array<() => void> = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]?.on('data', (chunk: Buffer) => {
      printed[stream] += chunk.toString();
      for (const wake of waiters.splice(0)) wake();
    });
  }
  const seen = async (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout') => {
    while (!pattern.test(printed[stream])) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { child, seen, output: () => printed.stdout };
}

/** Saves a file as editors do, whole: written beside and renamed into place (a check that starts between a truncation and a write would see an empty file). */
function saveWhole(path: string, text: string): void {
  const scratch = join(tempDir(), 'saved');
  writeFileSync(scratch, text);
  renameSync(scratch, path);
}

describe('npm run check', () => {
  it('on the unchanged starter: every part fails and the last line says what to do next', async () => {
    const run = await check(['starter']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^Next to fix: forward: .*not implemented/);
  });

  it('on a mistaken solution: the next step is the hint', async () => {
    const mutant = MUTANTS.find((m) => m.hint === 'svm-averaged')!;
    const dir = tempDir();
    writeFileSync(join(dir, 'index.ts'), mutate(mutant));
    const run = await check([dir]);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^Next to fix: svm: loss and ds are the expected ones divided by the batch size/);
    expect(run.stdout).toMatch(/numerical check: your ds is the exact gradient of your own loss/);
    expect(run.stdout).toMatch(/loss per epoch: [\d.]+ [▁▂▃▄▅▆▇█]+ [\d.]+/);
  });

  it("shows escape codes in the lines the student's code printed as text, never sends them", async () => {
    const dir = tempDir();
    const carol = readFileSync(at('submissions', 'carol', 'index.ts'), 'utf8');
    writeFileSync(join(dir, 'index.ts'), `console.log('\\x1b[2J\\x1b]0;owned\\x07cleared');\n${carol}`);
    const run = await check([dir]);
    expect(run.stdout).toContain(String.raw`  | \x1b[2J\x1b]0;owned\x07cleared`);
    expect(run.stdout).not.toMatch(/[\u001b\u0007]/);
  });

  it("shows the first lines the student's code printed, cut, and where the rest is", async () => {
    const dir = tempDir();
    const carol = readFileSync(at('submissions', 'carol', 'index.ts'), 'utf8');
    writeFileSync(join(dir, 'main.ts'), `for (let i = 0; i < 40; i++) console.log('debug ' + i + ' ' + 'x'.repeat(400));\n${carol}`);
    const out = join(tempDir(), 'out');
    const run = await runScript('check', [dir, '--out', out]);
    expect(run.stdout).toMatch(/^note: graded main\.ts as index\.ts/m);
    expect(run.stdout).toMatch(/your code printed \d+ bytes; the first lines:\n {2}\| debug 0 x+\.\.\.\n/);
    expect(run.stdout).toMatch(/^ {2}\| debug 9 /m);
    expect(run.stdout).not.toMatch(/debug 10 /);
    expect(run.stdout).toMatch(/\(cut: all of it, up to 64 KiB, is in .*stdout\.txt\)/);
    expect(readFileSync(join(out, dir.split('/').at(-1)!, 'stdout.txt'), 'utf8')).toContain('debug 39 ');
  });

  it('on a correct solution: says it is ready', async () => {
    const run = await check([at('test', 'submissions', 'correct', 'loops')]);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Every part passes on the public fixtures. Submit when you are ready.');
  });

  it('shows type errors as warnings that cost nothing', async () => {
    // The reference: a correct solution that trains in a quarter of the time of a student's loops.
    const dir = tempDir();
    cpSync(at('reference'), dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), `${readFileSync(join(dir, 'index.ts'), 'utf8')}\nexport const typo: number = 'five';\n`);
    const run = await check([dir]);
    expect(run.stdout).toMatch(/1 type warning \(they cost no points\):\n\s+index\.ts:\d+:\d+: Type 'string' is not assignable to type 'number'\./);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^Every part passes/);
  });

  it('speaks Russian with --lang ru, and from LANG', async () => {
    const byOption = await check(['starter', '--lang', 'ru']);
    expect(byOption.stdout.trim().split('\n').at(-1)).toMatch(/^Исправить следующим: forward: /);
    const byEnvironment = await check(['starter'], { LANG: 'ru_RU.UTF-8' });
    expect(byEnvironment.stdout).toMatch(/страница отзыва: .*feedback\.html/);
  });

  it('a folder without index.ts, or a wrong option, is one line and exit 2', async () => {
    const empty = await check([tempDir()]);
    expect([empty.exitCode, empty.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(empty.stderr).toMatch(/: the folder is empty: nothing was submitted$/m);
    const lang = await check(['starter', '--lang', 'fr']);
    expect(lang.stderr.trim()).toBe("check: --lang takes en or ru, not 'fr'");
  });

  it('--watch checks again a save made while the first check runs', async () => {
    const dir = tempDir();
    cpSync(at('starter'), dir, { recursive: true });
    // NNGRADE_TRACE says on stderr when the first check has taken its snapshot: the save comes after.
    const { child, seen } = watch(dir, { NNGRADE_TRACE: '1' });
    await seen(/check: snapshot taken/, 'stderr');
    saveWhole(join(dir, 'index.ts'), readFileSync(at('reference', 'index.ts'), 'utf8'));
    // The first check's verdict is the starter's, of the files it took; the save is checked next.
    await seen(/Next to fix: forward[^]*watching for changes[^]*Every part passes[^]*watching for changes/);
    child.kill('SIGINT');
    await child;
  }, 120_000);

  it('--watch on an empty folder says there is nothing yet, and checks the first save', async () => {
    const dir = tempDir();
    const { child, seen } = watch(dir);
    await seen(/^check: .*\n[^]*watching for changes/m);
    saveWhole(join(dir, 'index.ts'), readFileSync(at('reference', 'index.ts'), 'utf8'));
    await seen(/Every part passes[^]*watching for changes/);
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);
  }, 120_000);

  it('--watch checks again when a file is saved', async () => {
    const dir = tempDir();
    cpSync(at('starter'), dir, { recursive: true });
    const { child, seen, output } = watch(dir);
    const save = (text: string) => saveWhole(join(dir, 'index.ts'), text);
    await seen(/watching for changes/);
    // The reference: a correct solution that trains in a quarter of the time of a student's loops.
    const reference = readFileSync(at('reference', 'index.ts'), 'utf8');
    save(reference);
    await seen(/Every part passes/);
    await seen(/Every part passes[^]*watching for changes/);
    // A save with a type error: its warning comes with the next result, from the compiler started
    // ahead while the student edited; the save after, without it, shows none.
    // (A comment no run has seen: warnings remembered from an earlier run would not show the compiler.)
    save(`${reference}\nexport const typo: number = 'x'; // ${process.pid} ${Date.now()}\n`);
    await seen(/index\.ts:\d+:14: Type 'string' is not assignable to type 'number'[^]*watching for changes/);
    const before = output().length;
    save(reference);
    await seen(new RegExp(`^[^]{${before}}[^]*Every part passes[^]*watching for changes`));
    expect(output().slice(before)).not.toMatch(/index\.ts:\d+:14:/);

    // index.ts removed: one line, and the watch goes on; put back, it is checked again.
    await seen(new RegExp(`^[^]{${before}}[^]*Every part passes[^]*watching for changes`));
    const removed = output().length;
    rmSync(join(dir, 'index.ts'));
    await seen(new RegExp(`^[^]{${removed}}[^]*\\ncheck: [^\\n]*index\\.ts[^]*watching for changes`));
    save(reference);
    await seen(new RegExp(`^[^]{${removed}}[^]*Every part passes[^]*watching for changes`));

    // Five quick saves, the last with a type error: its warning is shown; then a fix, shown last.
    const burst = output().length;
    for (let i = 1; i <= 5; i++) {
      save(`${reference}\n${i === 5 ? `export const last: number = 'x'; // ${process.pid} ${Date.now()}` : `// save ${i}`}\n`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await seen(new RegExp(`^[^]{${burst}}[^]*index\\.ts:\\d+:14: Type 'string'[^]*watching for changes`));
    const fixed = output().length;
    save(`${reference}\n// fixed\n`);
    // A check of the burst may still come first; the fix's own result has no warning.
    await seen(new RegExp(`^[^]{${fixed}}[^]*feedback page:(?:(?!index\\.ts:\\d+:14:)[^])*Every part passes[^]*watching for changes`));
    // The private snapshot of the folder exists while it watches, and Ctrl-C removes it.
    const snapshots = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`nngrade-snapshot-${child.pid}-`));
    expect(snapshots()).toHaveLength(1);
    child.kill('SIGINT');
    await child;
    expect(snapshots()).toEqual([]);
    expect(output().match(/Next to fix: forward/g)).toHaveLength(1);
  }, 120_000);
});
