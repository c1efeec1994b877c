/** `npm run grade` as a user runs it: files written, exit codes, one-line errors, nothing written on bad input. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../graders/report/schema.ts';
import { at, runScript, shortTrainingRubric, tempDir } from '../helpers.ts';

// NO_COLOR is left empty: the output has no colour because it is not a terminal.
const grade = (args: string[], env: Record<string, string> = {}) => runScript('grade', args, { NO_COLOR: '', ...env });

describe('npm run grade on one student', () => {
  it('prints a line per part and writes report.json, results.json, feedback.html, stdout.txt and stderr.txt', async () => {
    const out = join(tempDir(), 'reports');
    const run = await grade(['submissions/alice', '--out', out]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/alice {2}100\/100/);
    for (const id of ['forward', 'backward', 'svm', 'train']) expect(run.stdout).toMatch(new RegExp(`✔ ${id}\\s+\\d+/\\d+`));
    expect(readdirSync(join(out, 'alice')).sort()).toEqual(['feedback.html', 'report.json', 'results.json', 'stderr.txt', 'stdout.txt']);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'alice', 'report.json'), 'utf8')));
    expect(report).toMatchObject({ student: 'alice', score: 100, maxScore: 100, fixtures: 'public' });
    const results = JSON.parse(readFileSync(join(out, 'alice', 'results.json'), 'utf8'));
    expect(results.score).toBe(100);
    expect(results.tests).toHaveLength(4);
    expect(results.tests[0]).toMatchObject({ name: 'forward (linearForward)', score: 20, max_score: 20, status: 'passed', visibility: 'visible' });
  });

  it('uses no colour when the output is not a terminal', async () => {
    const run = await grade(['submissions/carol', '--out', tempDir()]);
    expect(run.stdout).not.toMatch(/\x1b\[/);
    expect(run.stdout).toMatch(/✘ backward\s+0\/25 {2}10 of 10 cases failed; first: 1x1x1: linearBackward threw Error: not implemented/);
  });
});

describe('npm run grade on a class', () => {
  it('grades every subfolder and writes a gradebook', async () => {
    const out = tempDir();
    // About the gradebook, not the training: alice earns full marks in 20 epochs too.
    const run = await grade(['submissions', '--out', out, '--jobs', '2', '--rubric', shortTrainingRubric()]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/student\s+total\s+forward\s+backward\s+svm\s+train/);
    const text = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const csv = text.slice(1).trim().split('\n');
    expect(csv[0]).toBe('student,score,max_score,forward,backward,svm,train,status,reason');
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['alice', 'bob', 'carol']);
    expect(csv[1]).toBe('alice,100,100,20,25,25,30,full,');
    expect(csv[3]).toBe('carol,45,100,20,0,25,0,not-implemented,"not implemented: backward, train"');
    expect(run.stdout).toMatch(/summary page: .*summary\.html/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.students.map((s: { student: string }) => s.student)).toEqual(['alice', 'bob', 'carol']);
  });

  it('--json prints a machine-readable summary and nothing else on stdout', async () => {
    const run = await grade(['submissions/carol', '--out', tempDir(), '--json']);
    const summary = JSON.parse(run.stdout);
    expect(summary.students[0]).toMatchObject({ student: 'carol', score: 45, parts: { forward: 20, backward: 0, svm: 25, train: 0 } });
  });
});

describe('bad command lines get one line, exit 2, and write nothing', () => {
  it.each([
    [['submissions/alice', '--frobnicate'], /^grade: Unknown option '--frobnicate'/],
    [[], /^grade: no submission given: try npm run grade submissions\/alice/],
    [['no/such/folder'], /^grade: no\/such\/folder does not exist/],
    [['fixtures'], /^grade: fixtures holds no submission to grade/],
    [['submissions/alice', '--jobs', '0'], /^grade: --jobs takes a whole number of at least 1, not '0'/],
    [['submissions/alice', '--seed', 'abc'], /^grade: --seed takes a whole number/],
    [['submissions/alice', '--fixtures', 'secret'], /^grade: no fixture set 'secret': --fixtures takes public, hidden, or a folder of fixture files \(.*secret\/forward\.json is missing: generate it with 'npm run fixtures -- --out secret'\)$/],
    [['submissions/alice', '--jobs', '-2'], /^grade: --jobs takes a whole number of at least 1, not '-2'$/],
    [['submissions/alice', '--seed', '-1'], /^grade: --seed takes a whole number of at least 0, not '-1'$/],
    [['submissions/alice', '--rubric', 'no-such-rubric.json'], /^grade: rubric no-such-rubric\.json does not exist/],
  ])('%j', async (args, message) => {
    const out = join(tempDir(), 'reports');
    const run = await grade([...args, '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('an --out that cannot be written is refused before grading', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await grade(['submissions/alice', '--out', join(file, 'reports')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^grade: cannot write reports to .*a-file is a file; choose another --out/);
  });

  it.runIf(existsSync('/proc/self'))('an --out where nothing can be created (/proc) is refused in one line, not waited on forever', async () => {
    // Node's recursive mkdir never returns for a path under /proc: the folder is made a level at a time.
    const run = await grade(['submissions/alice', '--out', '/proc/nngrade-reports']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^grade: cannot write reports to \/proc\/nngrade-reports: .*cannot be created .*; choose another --out$/)]);
  });

  it('a rubric with a mistake names the field', async () => {
    const rubric = join(tempDir(), 'rubric.json');
    writeFileSync(rubric, JSON.stringify({ parts: { train: { pionts: 40 } } }));
    const run = await grade(['submissions/alice', '--rubric', rubric, '--out', tempDir()]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/rubric .*rubric\.json: parts\.train: Unrecognized key: "pionts"; did you mean "points"\?$/m);
  });

  it('--help documents every option', async () => {
    const run = await grade(['--help']);
    expect(run.exitCode).toBe(0);
    for (const option of ['--out', '--jobs', '--fixtures', '--seed', '--rubric', '--json', '--quiet']) expect(run.stdout).toContain(option);
  });
});

describe('a rubric changes the grading', () => {
  it('points and thresholds come from --rubric', async () => {
    const rubric = join(tempDir(), 'rubric.json');
    writeFileSync(rubric, JSON.stringify({ parts: { forward: { points: 40 }, train: { epochs: 2, fullCreditAccuracy: 0.99 } } }));
    const run = await grade(['submissions/alice', '--rubric', rubric, '--out', tempDir(), '--json']);
    const [student] = JSON.parse(run.stdout).students;
    expect(student.parts.forward).toBe(40);
    expect(student.maxScore).toBe(120);
    expect(student.parts.train).toBeLessThan(30);
  });
});

it('the committed JSON Schema of report.json is the one the code defines', async () => {
  const { reportJsonSchema } = await import('../../graders/report/schema.ts');
  expect(readFileSync(at('docs', 'report.schema.json'), 'utf8')).toBe(reportJsonSchema());
});

describe('npm run grade on a class export (.zip)', () => {
  it('grades each student of the zip, warns about an entry that climbs out, and leaves nothing behind', async () => {
    const { patchName, zipFile } = await import('../intake/zips.ts');
    // The zip writer refuses a name that climbs out: write one of the same length and patch it.
    const zip = await zipFile(
      [
      { name: 'alice/index.ts', content: readFileSync(at('submissions', 'alice', 'index.ts')) },
      { name: 'carol.ts', content: readFileSync(at('submissions', 'carol', 'index.ts')) },
      { name: 'xx/evil.ts', content: 'export {};' },
      ],
      (bytes) => patchName(bytes, 'xx/evil.ts', '../evil.ts'),
    );
    const out = tempDir();
    const run = await grade([zip, '--out', out, '--quiet', '--rubric', shortTrainingRubric()]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^grade: skipped "\.\.\/evil\.ts": its path climbs out/m);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(csv).toMatch(/^alice,100,100,/m);
    expect(csv).toMatch(/^carol,45,100,/m);
  });

  it('a file that is not a zip is one line and exit 2', async () => {
    const bad = join(tempDir(), 'export.zip');
    writeFileSync(bad, 'not a zip');
    const run = await grade([bad, '--out', join(tempDir(), 'out')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/is not a readable zip file/);
  });
});
