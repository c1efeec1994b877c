/**
 * The private snapshot: what the grader reads is a copy of regular files only, in a folder only
 * this user can enter, refused entries named with the reason, removed when the run ends.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../../graders/grade.ts';
import { takeIn } from '../../graders/intake/index.ts';
import { removeSnapshots, removeStaleSnapshots } from '../../graders/intake/snapshot.ts';
import { at, gradingSettings, tempDir } from '../helpers.ts';
import { listFiles } from './zips.ts';

const GRADING_MS = 60_000;
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('the private snapshot', () => {
  it('a FIFO named helper.ts, imported by index.ts, does not hang the grader and the reason names it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.ts'), "export { linearForward } from './helper.ts';\n");
    mkfifo(join(dir, 'helper.ts'));
    const intake = await takeIn([dir]);
    const [submission] = intake.submissions;
    expect(submission.notes).toEqual(['helper.ts left out: it is not a regular file (a pipe, a device or a socket)']);
    expect(listFiles(submission.dir)).toEqual(['index.ts']);
    const { report } = await gradeSubmission(submission, await gradingSettings());
    expect(report.score).toBe(0);
    expect(report.outcome?.status).toBe('does-not-compile');
    expect(report.outcome?.reason).toMatch(/^does not compile: index\.ts:1:\d+: Could not resolve "\.\/helper\.ts" \(helper\.ts left out: it is not a regular file/);
  }, GRADING_MS);

  it('refuses links, even to a file inside the submission, and files over 1 MiB, each with one note', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.ts'), 'export {};\n');
    writeFileSync(join(dir, 'data.ts'), 'x'.repeat(2 ** 20 + 1));
    symlinkSync(at('reference', 'index.ts'), join(dir, 'solution.ts'));
    symlinkSync(join(dir, 'index.ts'), join(dir, 'inside.ts'));
    const [submission] = (await takeIn([dir])).submissions;
    expect(submission.notes).toEqual([
      'data.ts left out: it is 1 MiB, more than the 1 MiB allowed per file',
      'inside.ts left out: it is a symbolic link: submit the file itself',
      'solution.ts left out: it is a symbolic link: submit the file itself',
    ]);
    expect(listFiles(submission.dir)).toEqual(['index.ts']);
  });

  it('an index.ts that is a link is refused: nothing to grade, and the reason says why', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mallory'));
    symlinkSync(at('reference', 'index.ts'), join(dir, 'mallory', 'index.ts'));
    mkdirSync(join(dir, 'alice'));
    writeFileSync(join(dir, 'alice', 'index.ts'), 'export {};\n');
    const mallory = (await takeIn([dir])).submissions.find((s) => s.name === 'mallory')!;
    expect(mallory.problem).toBe('index.ts left out: it is a symbolic link: submit the file itself');
  });

  it('is private (mode 0700), holds a copy (a later change to the original is not graded), and is removed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.ts'), 'export const v = 1;\n');
    const [submission] = (await takeIn([dir])).submissions;
    writeFileSync(join(dir, 'index.ts'), 'export const v = 2;\n');
    expect(readFileSync(join(submission.dir, 'index.ts'), 'utf8')).toBe('export const v = 1;\n');
    expect(statSync(dirname(submission.dir)).mode & 0o777).toBe(0o700);
    expect(submission.source).toBe(dir);
    removeSnapshots();
    expect(existsSync(dirname(submission.dir))).toBe(false);
  });

  it('a snapshot left by a run that was killed is removed by the next; a live run keeps its own', () => {
    const dir = tempDir();
    // No process has pid 2^22 + 1 (above Linux's largest pid), so that run is surely gone.
    const stale = join(dir, `nngrade-snapshot-${2 ** 22 + 1}-abc`);
    const live = join(dir, `nngrade-snapshot-${process.pid}-abc`);
    for (const d of [stale, live]) mkdirSync(join(d, '1'), { recursive: true });
    expect(removeStaleSnapshots(dir)).toEqual([stale]);
    expect([existsSync(stale), existsSync(live)]).toEqual([false, true]);
    expect(tmpdir()).not.toBe(dir);
  });
});
