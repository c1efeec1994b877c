/**
 * The whole grader in each jail, as an instructor on that kind of machine would run it: a class of
 * attacks beside a correct submission, graded with NNGRADE_JAIL=bubblewrap, unshare and none. In
 * every mode the attacks earn nothing and reach nothing, and the correct student keeps 100 (trained
 * for 20 epochs, shortTrainingRubric: the jail is the subject, and alice earns full marks in 20).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJail, JAIL_MODES, type JailMode } from '../../graders/sandbox/jail.ts';
import { at, classLoopingAfterAlice, classOf, runScript, shortTrainingRubric, tempDir } from '../helpers.ts';

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

/** A process's state and parent, from /proc ("pid (comm) state ppid ...": comm may hold spaces and parentheses). */
function procStat(pid: number | string): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined; // ended meanwhile
  }
}

/** Whether a process runs (a zombie left to an init that does not reap it does not). */
const alive = (pid: number) => {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z';
};

/** Every live process below `pid`. */
function descendants(pid: number): number[] {
  const all = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map((entry) => ({ pid: Number(entry), stat: procStat(entry) }));
  const below: number[] = [];
  const walk = (parent: number) => {
    for (const { pid: child, stat } of all) {
      if (stat?.ppid !== parent) continue;
      if (stat.state !== 'Z') below.push(child);
      walk(child);
    }
  };
  walk(pid);
  return below;
}

describe.each(JAIL_MODES)('a grader killed outright in the %s jail', (mode) => {
  it.runIf(available(mode) || Boolean(process.env.CI))('takes its sandboxed children with it: a looping submission does not run on', async () => {
    const { klass, rubric, zedLooping } = classLoopingAfterAlice();
    const out = join(tempDir(), 'reports');
    const run = runScript('grade', [klass, '--out', out, '--jobs', '1', '--quiet', '--rubric', rubric], { NNGRADE_JAIL: mode });
    await zedLooping(out);
    const children = descendants(run.pid!);
    expect(children.length).toBeGreaterThan(0);
    // As the out-of-memory killer would: no handler of the grader's runs.
    run.kill('SIGKILL');
    await run;
    for (let waited = 0; waited < 10_000 && children.some(alive); waited += 200) await new Promise((r) => setTimeout(r, 200));
    const left = children.filter(alive);
    // Failing, the test ends what it left, rather than leave it looping for the machine's CPU limit.
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(left).toEqual([]);
  }, 120_000);
});
