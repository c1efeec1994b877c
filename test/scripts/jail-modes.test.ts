/**
 * The whole grader in each jail, as an instructor on that kind of machine would run it: a class of
 * attacks beside a correct submission, graded with NNGRADE_JAIL=bubblewrap, unshare and none. In
 * every mode the attacks earn nothing and reach nothing, and the correct student keeps 100 (trained
 * for 20 epochs, shortTrainingRubric: the jail is the subject, and alice earns full marks in 20).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJail, JAIL_MODES, type JailMode } from '../../graders/sandbox/jail.ts';
import { at, classOf, runScript, shortTrainingRubric, tempDir } from '../helpers.ts';

const available = (mode: JailMode) => {
  try {
    findJail(mode);
    return true;
  } catch {
    return false;
  }
};

const ESCAPE_FILE = '/tmp/nngrade-escape-import-fs-write';
const hostile = (name: string) => at('test', 'submissions', 'hostile', name);

describe.each(JAIL_MODES)('grading a class in the %s jail', (mode) => {
  // CI installs bubblewrap and runs as root: every mode must be there; elsewhere a missing one is skipped.
  it.runIf(available(mode) || Boolean(process.env.CI))('contains every attack and gives the correct student 100', async () => {
    rmSync(ESCAPE_FILE, { force: true });
    const klass = classOf({
      alice: at('submissions', 'alice'),
      escapes: hostile('vm-escapes'),
      writer: hostile('import-fs-write'),
      signals: hostile('signal-grader'),
      flood: hostile('output-flood'),
      typed: hostile('huge-typed-result'),
    });
    const out = join(tempDir(), 'reports');
    const run = await runScript('grade', [klass, '--out', out, '--jobs', '2', '--quiet', '--rubric', shortTrainingRubric()], { NNGRADE_JAIL: mode });
    expect(run.exitCode, run.stderr).toBe(0);
    const report = (name: string) => JSON.parse(readFileSync(join(out, name, 'report.json'), 'utf8'));
    expect(report('alice').score).toBe(100);
    for (const name of ['escapes', 'writer', 'signals', 'flood', 'typed']) expect(report(name).score, name).toBe(0);
    expect(JSON.stringify(report('escapes'))).not.toContain('ESCAPED');
    expect(existsSync(ESCAPE_FILE)).toBe(false);
    // Asked for by name, a weaker jail is said to be the choice, not the machine's lack.
    if (mode !== 'bubblewrap') expect(run.stderr).toMatch(new RegExp(`NNGRADE_JAIL=${mode} grades without bubblewrap \\(not used: a weaker jail was asked for\\)`));
    if (mode !== 'bubblewrap') expect(run.stderr).not.toMatch(/this machine lacks|install the bubblewrap package/);
  }, 300_000);
});
