/**
 * A sandbox that cannot start stops the grader before it grades anyone: exit 1, one line saying
 * why, no report written. Never a class of zeros. The children's Node is replaced here by a script
 * that fails the way a real one does (Node 24 refusing a permission flag it no longer knows).
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classOf, at, runScript, shortTrainingRubric, tempDir } from '../helpers.ts';

/** A stand-in for node: says it is `version`, and fails every start that `fails` (a shell test) picks. */
function fakeNode(version: string, fails: string): string {
  const path = join(tempDir(), 'node');
  writeFileSync(
    path,
    `#!/bin/sh
if [ "$1" = "--version" ]; then echo v${version}; exit 0; fi
${fails}
exec ${process.execPath} "$@"
`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe('a sandbox that cannot start', () => {
  it('stops the grader before anyone is graded: exit 1, one line, no report', async () => {
    const node = fakeNode('24.21.0', 'for a in "$@"; do case "$a" in --permission|--experimental-permission) echo "$0: bad option: $a" >&2; exit 9;; esac; done');
    const out = join(tempDir(), 'reports');
    const run = await runScript('grade', ['submissions/alice', '--out', out], { NNGRADE_CHILD_NODE: node });
    expect(run.exitCode).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^grade: the sandbox cannot start on Node 24\.21\.0: .*bad option: --permission/);
    expect(existsSync(join(out, 'alice'))).toBe(false);
  }, 120_000);

  it('stops a batch whose every child dies at start, though the jail\'s own probe passed, and writes no zeros', async () => {
    // The jail's probe (node -e 0) starts; every child of the harness dies at once.
    const node = fakeNode(process.versions.node, 'case "$*" in *--eval*) echo "simulated: cannot start" >&2; exit 1;; esac');
    const klass = classOf({ alice: at('submissions', 'alice'), bob: at('submissions', 'bob'), carol: at('submissions', 'carol'), dan: at('submissions', 'alice') });
    const out = join(tempDir(), 'reports');
    const run = await runScript('grade', [klass, '--out', out, '--jobs', '1'], { NNGRADE_CHILD_NODE: node, NNGRADE_JAIL: 'none' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/grade: the sandbox (did not start: it exited with code 1|cannot start on Node [^:]+: .*simulated: cannot start)/);
    expect(run.stderr).not.toMatch(/failed in the grader itself/);
    const written = existsSync(out) ? readdirSync(out).filter((name) => existsSync(join(out, name, 'report.json'))) : [];
    expect(written).toEqual([]);
  }, 120_000);

  it('a sandbox that fails after its first child: the student it worked for is graded, nobody else gets a zero', async () => {
    // The first child of the harness (started ahead, taken by the first student) works; every later one dies.
    // (A folder, not a file, marks the first start: the children may not write files.)
    const first = join(tempDir(), 'first-start');
    const node = fakeNode(process.versions.node, `case "$*" in *--eval*) mkdir ${first} 2>/dev/null || { echo "simulated: cannot start" >&2; exit 1; };; esac`);
    const klass = classOf({ alice: at('submissions', 'alice'), bob: at('submissions', 'bob'), carol: at('submissions', 'carol') });
    const out = join(tempDir(), 'reports');
    // About the sandbox, not the training: alice earns full marks in 20 epochs too.
    const run = await runScript('grade', [klass, '--out', out, '--jobs', '1', '--rubric', shortTrainingRubric()], { NNGRADE_CHILD_NODE: node, NNGRADE_JAIL: 'none' });
    expect(run.exitCode).toBe(1);
    const written = readdirSync(out).filter((name) => existsSync(join(out, name, 'report.json')));
    expect(written).toEqual(['alice']);
    expect(JSON.parse(readFileSync(join(out, 'alice', 'report.json'), 'utf8')).score).toBe(100);
    for (const name of ['bob', 'carol']) expect(run.stderr).toMatch(new RegExp(`grade: grading ${name} failed in the grader itself: the sandbox did not start`));
  }, 120_000);
});
