/** `npm run similarity`, as a user runs it: exit codes, one-line errors, nothing written on bad input. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disguise, renameTo } from '../../graders/similarity/disguise.ts';
import { parseSimilarityJson } from '../../graders/similarity/report-json.ts';
import { at, runScript, tempDir } from '../helpers.ts';

const similarity = (args: string[]) => runScript('similarity', args);

/** A class of three: loops, a renamed copy of it, and map-reduce. */
function smallClass(): string {
  const dir = tempDir();
  for (const name of ['loops', 'map-reduce']) cpSync(at('test', 'submissions', 'correct', name), join(dir, name), { recursive: true });
  mkdirSync(join(dir, 'copier'));
  writeFileSync(join(dir, 'copier', 'index.ts'), disguise(readFileSync(at('test', 'submissions', 'correct', 'loops', 'index.ts'), 'utf8'), { rename: renameTo('c'), dropComments: true }));
  return dir;
}

/** Runs a bad command line; expects exit 2, one line on stderr, and no report written. */
async function refused(args: string[]): Promise<string> {
  const out = join(tempDir(), 'out');
  const run = await similarity([...args, '--out', out]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stdout).toBe('');
  expect(existsSync(out)).toBe(false);
  return run.stderr.trim();
}

describe('npm run similarity', () => {
  it('writes both reports and prints the ranked pairs, the copy first', async () => {
    const out = join(tempDir(), 'out');
    const run = await similarity([smallClass(), '--out', out]);
    expect(run.exitCode).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['similarity.html', 'similarity.json']);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('3 submissions compared; 3 pairs share code beyond the starter.');
    expect(lines[3]).toMatch(/^\s+1\s+1\.00\s+copier\s+loops\s+146 of 146\s+\d+$/);
    expect(run.stdout).toMatch(/reports: .*similarity\.html \(side by side\), .*similarity\.json \(every pair\)/);
    expect(parseSimilarityJson(readFileSync(join(out, 'similarity.json'), 'utf8')).pairs).toHaveLength(3);
  });

  it('--min-score lists fewer pairs in the terminal, but the JSON keeps every pair', async () => {
    const out = join(tempDir(), 'out');
    const run = await similarity([smallClass(), '--out', out, '--min-score', '0.5']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^3 submissions compared; 1 pair shares code beyond the starter scoring at least 0\.5\./);
    expect(run.stdout).not.toMatch(/map-reduce/);
    expect(parseSimilarityJson(readFileSync(join(out, 'similarity.json'), 'utf8')).pairs).toHaveLength(3);
  });

  it('--k and --window are recorded in the JSON', async () => {
    const out = join(tempDir(), 'out');
    const run = await similarity([smallClass(), '--out', out, '--k', '20', '--window', '5']);
    expect(run.exitCode).toBe(0);
    expect(parseSimilarityJson(readFileSync(join(out, 'similarity.json'), 'utf8'))).toMatchObject({ k: 20, window: 5 });
  });

  it('--help explains the options and the score', async () => {
    const run = await similarity(['--help']);
    expect(run.exitCode).toBe(0);
    for (const option of ['--out', '--starter', '--k', '--window', '--min-score']) expect(run.stdout).toContain(option);
    expect(run.stdout).toMatch(/Score of a pair/);
  });

  it('usage errors are one line and exit 2, and write nothing', async () => {
    const messages = await Promise.all([
      refused([]),
      refused(['no-such-folder']),
      refused([tempDir()]),
      refused(['submissions/alice']),
      refused(['submissions', '--frobnicate']),
      refused(['submissions', '--k', '0']),
      refused(['submissions', '--min-score', '1.5']),
      refused(['submissions', '--starter', 'no-such-starter']),
    ]);
    expect(messages[0]).toBe('similarity: no folder given: try npm run similarity -- submissions (see --help)');
    expect(messages[1]).toBe('similarity: no-such-folder does not exist: give a submission folder, a folder of them, or a class export .zip');
    expect(messages[2]).toMatch(/^similarity: .* holds no submission: give the folder or the zip that holds the class's submissions$/);
    expect(messages[3]).toMatch(/holds only one submission \(alice\): there is nothing to compare it with/);
    expect(messages[4]).toBe("similarity: Unknown option '--frobnicate' (see --help)");
    expect(messages[5]).toBe("similarity: --k takes a whole number of at least 1, not '0'");
    expect(messages[6]).toBe("similarity: --min-score takes a number from 0 to 1, not '1.5'");
    expect(messages[7]).toMatch(/--starter no-such-starter is not a folder/);
  });

  it('a class of one submission is a usage error: there is nothing to compare', async () => {
    const dir = tempDir();
    cpSync(at('test', 'submissions', 'correct', 'loops'), join(dir, 'only'), { recursive: true });
    mkdirSync(join(dir, 'empty'));
    expect(await refused([dir])).toMatch(/holds only one submission \(only\): there is nothing to compare it with$/);
  });
});
