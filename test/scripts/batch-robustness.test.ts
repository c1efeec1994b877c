/**
 * A batch survives interruption, resumes where it stopped, and regrades only what changed. The
 * subject is the batch, not the training: the runs train 20 epochs (shortTrainingRubric), where
 * alice still earns full marks.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { gradeBatch } from '../../graders/batch.ts';
import { ReportSchema } from '../../graders/report/schema.ts';
import { RubricSchema } from '../../graders/rubric.ts';
import { at, classLoopingAfterAlice, classOf, gradingSettings, ROOT, runScript, SHORT_TRAINING, shortTrainingRubric, submissionOf, tempDir } from '../helpers.ts';

const rubric = shortTrainingRubric();
const grade = (args: string[]) => runScript('grade', [...args, '--rubric', rubric]);

describe('a rerun', () => {
  it('skips unchanged submissions, regrades a changed one, and --force regrades all', async () => {
    const klass = classOf({ alice: at('submissions', 'alice'), carol: at('submissions', 'carol') });
    const out = tempDir();
    expect((await grade([klass, '--out', out, '--quiet'])).stdout).toMatch(/^graded 2 of 2 submissions; reports in/);
    const aliceReport = join(out, 'alice', 'report.json');
    const before = statSync(aliceReport).mtimeMs;

    const again = await grade([klass, '--out', out, '--quiet']);
    expect(again.stdout).toMatch(/\(2 unchanged since the last run, not regraded; --force regrades\)/);
    expect(statSync(aliceReport).mtimeMs).toBe(before);

    // A change of code (any change of a file regrades: the fingerprint covers the files too).
    writeFileSync(join(klass, 'carol', 'index.ts'), `${readFileSync(join(klass, 'carol', 'index.ts'), 'utf8')}\nexport const changed = 1;\n`);
    expect((await grade([klass, '--out', out, '--quiet'])).stdout).toMatch(/\(1 unchanged since the last run/);

    const forced = await grade([klass, '--out', out, '--quiet', '--force']);
    expect(forced.stdout).not.toMatch(/unchanged/);
    expect(statSync(aliceReport).mtimeMs).toBeGreaterThan(before);
  });

  it("a grader whose own code changed (NNGRADE_BUILD, the launcher's hash of it) grades everything again", async () => {
    const settings = { ...(await gradingSettings()), rubric: RubricSchema.parse(SHORT_TRAINING) };
    const students = [{ name: 'alice', dir: submissionOf({}, at('submissions', 'alice')) }];
    const out = tempDir();
    const before = process.env.NNGRADE_BUILD;
    const rerunWith = async (build: string) => {
      process.env.NNGRADE_BUILD = build;
      return (await gradeBatch(students, settings, out, { jobs: 1 })).skipped;
    };
    try {
      expect(await rerunWith('one')).toBe(0);
      expect(await rerunWith('one')).toBe(1);
      expect(await rerunWith('two')).toBe(0);
    } finally {
      if (before === undefined) delete process.env.NNGRADE_BUILD;
      else process.env.NNGRADE_BUILD = before;
    }
  });

  it('a change only a type sees regrades, and the report keeps no warning the file no longer has', async () => {
    const klass = classOf({ alice: at('submissions', 'alice') });
    const file = join(klass, 'alice', 'index.ts');
    const alice = readFileSync(file, 'utf8');
    // An unused constant: the bundler drops it, so both versions bundle to the same code.
    writeFileSync(file, `${alice}\nconst unused: number = 'x';\n`);
    const out = tempDir();
    await grade([klass, '--out', out, '--quiet']);
    const warnings = () => ReportSchema.parse(JSON.parse(readFileSync(join(out, 'alice', 'report.json'), 'utf8'))).typeWarnings ?? [];
    expect(warnings()).toEqual([expect.stringMatching(/^index\.ts:\d+:7: Type 'string' is not assignable to type 'number'/)]);
    writeFileSync(file, `${alice}\nconst unused: number = 1;\n`);
    expect((await grade([klass, '--out', out, '--quiet'])).stdout).not.toMatch(/unchanged/);
    expect(warnings()).toEqual([]);
  });

  it('a change of settings (the seed, the language) regrades', async () => {
    const klass = classOf({ alice: at('submissions', 'alice') });
    const out = tempDir();
    await grade([klass, '--out', out, '--quiet']);
    expect((await grade([klass, '--out', out, '--quiet', '--seed', '2'])).stdout).not.toMatch(/unchanged/);
    expect((await grade([klass, '--out', out, '--quiet', '--seed', '2', '--lang', 'ru'])).stdout).toMatch(/^проверено 1 из 1 решений; отчёты в /);
    expect(readFileSync(join(out, 'alice', 'report.json'), 'utf8')).toContain('все 7 случаев совпадают');
  });

  it('a student whose files could not all be written is graded again by the rerun, not skipped', async () => {
    const klass = classOf({ alice: at('submissions', 'alice'), carol: at('submissions', 'carol') });
    const out = tempDir();
    // A folder where alice's stdout.txt goes: that one write fails, the others succeed.
    mkdirSync(join(out, 'alice', 'stdout.txt'), { recursive: true });
    const first = await grade([klass, '--out', out, '--quiet']);
    expect(first.stderr).toMatch(/grade: grading alice failed in the grader itself/);
    // Without report.json, nothing says alice was graded: the rerun grades her, and only her.
    expect(existsSync(join(out, 'alice', 'report.json'))).toBe(false);
    rmSync(join(out, 'alice', 'stdout.txt'), { recursive: true });
    const again = await grade([klass, '--out', out, '--quiet']);
    expect(again.stdout).toMatch(/\(1 unchanged since the last run/);
    expect(readdirSync(join(out, 'alice')).sort()).toEqual(['feedback.html', 'report.json', 'results.json', 'stderr.txt', 'stdout.txt']);
  });

  it('a report written before its type warnings arrived has no report.json until they are in: a run ended in between leaves the student to be graded again', async () => {
    // A type error the compiler reaches after a file of 60 KB (0.25 MB outlasted the compiler's
    // limits once, beside stress-ng), and a short training: the report is most likely written
    // before the warnings arrive.
    const padding = Array.from({ length: 2_000 }, (_, i) => `export const u${i}: number = ${i};\n`).join('');
    const slow = submissionOf({ 'a.ts': padding }, at('submissions', 'alice'));
    writeFileSync(join(slow, 'index.ts'), `import './a.ts';\n${readFileSync(join(slow, 'index.ts'), 'utf8')}\nexport const typo: number = 'one';\n// ${randomUUID()}\n`);
    const out = tempDir();
    const settings = { ...(await gradingSettings()), rubric: RubricSchema.parse(SHORT_TRAINING) };
    const seenAtDone: Array<{ reportJson: boolean; withWarnings: boolean }> = [];
    await gradeBatch([{ name: 'slow', dir: slow }], settings, out, { jobs: 1, typecheck: true }, {
      onDone: () => {
        const file = join(out, 'slow', 'report.json');
        seenAtDone.push({ reportJson: existsSync(file), withWarnings: existsSync(file) && readFileSync(file, 'utf8').includes('typeWarnings') });
      },
    });
    // Whenever the report came before its warnings, no report.json stood without them.
    expect(seenAtDone).toHaveLength(1);
    expect(seenAtDone[0].reportJson).toBe(seenAtDone[0].withWarnings);
    const final = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'slow', 'report.json'), 'utf8')));
    expect(final.typeWarnings).toEqual([expect.stringMatching(/^index\.ts:\d+:\d+: Type 'string' is not assignable to type 'number'\.$/)]);
    expect(readFileSync(join(out, 'slow', 'feedback.html'), 'utf8')).toContain('is not assignable to type');
  }, 120_000);

  it('removes the temporary files an interrupted write left behind', async () => {
    const klass = classOf({ alice: at('submissions', 'alice'), carol: at('submissions', 'carol') });
    const out = tempDir();
    mkdirSync(join(out, 'alice'));
    writeFileSync(join(out, 'alice', 'report.json.123456'), '{"half":');
    writeFileSync(join(out, 'alice', 'feedback.html.123457'), '<html><bo');
    writeFileSync(join(out, 'summary.csv.99'), 'stud');
    writeFileSync(join(out, 'summary.html.100'), '<html><ta');
    await grade([klass, '--out', out, '--quiet']);
    expect(readdirSync(join(out, 'alice')).sort()).toEqual(['feedback.html', 'report.json', 'results.json', 'stderr.txt', 'stdout.txt']);
    expect(readdirSync(out).filter((f) => /\.\d+$/.test(f))).toEqual([]);
  });
});

describe('Ctrl-C during a batch', () => {
  it('keeps every finished report whole, says how far it got, and the rerun finishes the rest', async () => {
    const { klass, rubric: longLoad, zedLooping } = classLoopingAfterAlice();
    const out = tempDir();
    const run = runScript('grade', [klass, '--out', out, '--jobs', '1', '--rubric', longLoad]);
    await zedLooping(out);
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(/interrupted after 1 of 2 submissions; their reports are in .*Run the same command again to grade the rest/);
    expect(ReportSchema.parse(JSON.parse(readFileSync(join(out, 'alice', 'report.json'), 'utf8'))).score).toBe(100);
    expect(existsSync(join(out, 'zed'))).toBe(false);

    // zed fixes the loop; the rerun grades zed and keeps alice's report.
    cpSync(at('submissions', 'alice', 'index.ts'), join(klass, 'zed', 'index.ts'));
    const rerun = await runScript('grade', [klass, '--out', out, '--quiet', '--rubric', longLoad]);
    expect(rerun.stdout).toMatch(/^graded 2 of 2 submissions \(1 unchanged since the last run/);
    expect(existsSync(join(out, 'zed', 'report.json'))).toBe(true);
  });
  it('a stop sent to npm alone (a supervisor, docker stop) ends the grading as Ctrl-C does, leaving nothing running', async () => {
    const { klass, rubric, zedLooping } = classLoopingAfterAlice();
    const out = tempDir();
    const run = execa('npm', ['run', '--silent', 'grade', '--', klass, '--out', out, '--jobs', '1', '--rubric', rubric], { cwd: ROOT, reject: false, env: { NO_COLOR: '1', LANG: 'C' } });
    await zedLooping(out);
    // npm's own process only, not its group: npm passes the signal on to its script.
    run.kill('SIGTERM');
    const result = await run;
    expect(result.stderr).toMatch(/interrupted after 1 of 2 submissions/);
    expect(ReportSchema.parse(JSON.parse(readFileSync(join(out, 'alice', 'report.json'), 'utf8'))).score).toBe(100);
    // Nothing grades on: no process names the class any more (the grader's command line does).
    const running = () => execa('pgrep', ['-f', klass], { reject: false }).then((r) => r.stdout.trim());
    for (let waited = 0; waited < 10_000 && (await running()) !== ''; waited += 200) await new Promise((r) => setTimeout(r, 200));
    expect(await running()).toBe('');
    expect(existsSync(join(out, 'zed'))).toBe(false);
  });
});
