/**
 * scripts/launch.mjs: every command runs as JavaScript compiled once, and never runs stale code.
 * Checked on a small project of its own, so nothing is written into this one.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { at, tempDir } from '../helpers.ts';

function project(): string {
  const root = tempDir('nngrade-launch-');
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'lib'));
  copyFileSync(at('scripts', 'launch.mjs'), join(root, 'scripts', 'launch.mjs'));
  symlinkSync(at('node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 1;\n');
  writeFileSync(
    join(root, 'scripts', 'hello.ts'),
    [
      "import { fileURLToPath } from 'node:url';",
      "import { answer } from '../lib/answer.ts';",
      "process.stdout.write(`${answer} ${process.argv.slice(2).join(',')} ${fileURLToPath(new URL('.', import.meta.url))}\\n`);",
      '',
    ].join('\n'),
  );
  return root;
}

const launch = (root: string, args: string[]) => execa(process.execPath, ['scripts/launch.mjs', ...args], { cwd: root, reject: false });

describe('the launcher', () => {
  it('runs an entry compiled, with its arguments and its own source location, and rebuilds it when a file it imports changes', async () => {
    const root = project();
    const first = await launch(root, ['scripts/hello.ts', 'a', 'b']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`1 a,b ${join(root, 'scripts')}/`);
    expect(readdirSync(join(root, '.nngrade-cache', 'build')).some((f) => f.endsWith('.cjs'))).toBe(true);
    // Its compiled code is kept for the next run: by Node itself from 22 on, by the launcher on 20.
    const kept = readdirSync(join(root, '.nngrade-cache', 'v8'));
    expect(kept.length, 'nothing kept in .nngrade-cache/v8').toBeGreaterThan(0);

    writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 2;\n');
    expect((await launch(root, ['scripts/hello.ts'])).stdout).toMatch(/^2 {2}/);
  });

  it("names its build's hash to the command (NNGRADE_BUILD), the same until a file it imports changes", async () => {
    const root = project();
    writeFileSync(join(root, 'scripts', 'build.ts'), "import { answer } from '../lib/answer.ts';\nprocess.stdout.write(`${answer} ${process.env.NNGRADE_BUILD}`);\n");
    const first = (await launch(root, ['scripts/build.ts'])).stdout;
    expect(first).toMatch(/^1 [0-9a-f]{64}$/);
    expect((await launch(root, ['scripts/build.ts'])).stdout).toBe(first);
    writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 2;\n');
    const changed = (await launch(root, ['scripts/build.ts'])).stdout;
    expect(changed).toMatch(/^2 [0-9a-f]{64}$/);
    expect(changed.split(' ')[1]).not.toBe(first.split(' ')[1]);
  });

  it('a rebuild removes the builds and the code caches of the same command that are over an hour old', async () => {
    const root = project();
    expect((await launch(root, ['scripts/hello.ts'])).exitCode).toBe(0);
    const build = join(root, '.nngrade-cache', 'build');
    const v8 = join(root, '.nngrade-cache', 'v8');
    // Leftovers of earlier builds: two hours old, and a minute old (a run may still be loading it).
    const old = new Date(Date.now() - 2 * 3600_000);
    const stale = [join(build, 'scripts_hello.old1.cjs'), join(v8, 'scripts_hello.old1.cjs.v20.0.0.x64.bin')];
    const recent = [join(build, 'scripts_hello.new1.cjs'), join(v8, 'scripts_hello.new1.cjs.v20.0.0.x64.bin')];
    for (const file of [...stale, ...recent]) writeFileSync(file, 'x');
    for (const file of stale) utimesSync(file, old, old);
    writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 3;\n');
    expect((await launch(root, ['scripts/hello.ts'])).stdout).toMatch(/^3 /);
    for (const file of stale) expect(existsSync(file), file).toBe(false);
    for (const file of recent) expect(existsSync(file), file).toBe(true);
  });

  it('--build compiles the commands ahead, so that a run finds them current', async () => {
    const root = project();
    writeFileSync(join(root, 'scripts', 'grade.ts'), "process.stdout.write('graded\\n');\n");
    const build = await launch(root, ['--build']);
    expect(build.exitCode, build.stderr).toBe(0);
    const built = readdirSync(join(root, '.nngrade-cache', 'build')).filter((f) => f.endsWith('.cjs'));
    expect(built).toHaveLength(1);
    expect((await launch(root, ['scripts/grade.ts'])).stdout).toBe('graded');
    expect(readdirSync(join(root, '.nngrade-cache', 'build')).filter((f) => f.endsWith('.cjs'))).toEqual(built);
  });

  it("compiles every one of the project's commands (package.json's scripts), and the bench's bare runner", async () => {
    const scripts = JSON.parse(readFileSync(at('package.json'), 'utf8')).scripts as Record<string, string>;
    const entries = Object.values(scripts).flatMap((line) => line.match(/launch\.mjs ((?:scripts|graders)\/[\w/-]+\.ts)/)?.[1] ?? []);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of [...entries, 'scripts/bare-train.ts', 'graders/typecheck/worker.ts']) {
      const built = await execa(process.execPath, ['scripts/launch.mjs', '--print', entry], { cwd: at(), reject: false });
      expect(built.exitCode, `${entry}: ${built.stderr}`).toBe(0);
      expect(built.stdout.trim(), entry).toMatch(/\.cjs$/);
    }
  }, 120_000);
});
