/**
 * The Gradescope autograder end to end, as Gradescope runs it: `npm run gradescope` builds the zip
 * (with a hidden set made for this test), the zip is unpacked into <root>/source, node_modules is
 * linked in place of setup.sh's npm ci, and run_autograder grades <root>/submission into
 * <root>/results/results.json, which must match Gradescope's specification.
 */
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { GradescopeResultsSchema, type GradescopeResults } from '../../graders/gradescope/schema.ts';
import { UntrustedZip } from '../../graders/intake/zip.ts';
import { ROOT, at, runScript, shortTrainingRubric, tempDir } from '../helpers.ts';
import { zipBuffer } from '../intake/zips.ts';
import { fractionalValues, hiddenFixtureSet, leakedValues, printedForms } from './hidden-values.ts';

const HIDDEN_SEED = 4242;
const hidden = hiddenFixtureSet(HIDDEN_SEED);
const hiddenForms = printedForms(fractionalValues(hidden.files));

const buildZip = (args: string[]) => runScript('gradescope', args);

async function zipEntries(path: string): Promise<Map<string, number>> {
  const zip = await yauzl.openPromise(path);
  const modes = new Map<string, number>();
  for await (const entry of zip.eachEntry()) modes.set(entry.fileName, entry.externalFileAttributes >>> 16);
  zip.close();
  return modes;
}

let zipPath: string;
let root: string;

beforeAll(async () => {
  zipPath = join(tempDir(), 'autograder.zip');
  const build = await buildZip(['--hidden', hidden.dir, '--out', zipPath]);
  expect(build.stderr).toBe('');
  expect(build.exitCode).toBe(0);

  // Gradescope's layout: the zip unpacked into source/, run_autograder copied to the root.
  root = tempDir('nngrade-gradescope-');
  const source = join(root, 'source');
  const zip = await UntrustedZip.open(zipPath, { maxEntries: 10_000, maxEntryBytes: 2 ** 26, maxTotalBytes: 2 ** 28 });
  for (const file of zip.files) expect(await zip.unpack(file, source)).toBeUndefined();
  zip.close();
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'));
  copyFileSync(join(source, 'run_autograder'), join(root, 'run_autograder'));
  chmodSync(join(root, 'run_autograder'), 0o755);
});

/** Runs the autograder on a submission laid out by `prepare`; returns results.json, validated. */
async function runAutograder(prepare: (submission: string) => void | Promise<void>, args: string[] = []) {
  const submission = join(root, 'submission');
  rmSync(submission, { recursive: true, force: true });
  rmSync(join(root, 'results'), { recursive: true, force: true });
  mkdirSync(submission, { recursive: true });
  mkdirSync(join(root, 'results'));
  await prepare(submission);
  const run = await execa(join(root, 'run_autograder'), args, { cwd: root, reject: false, env: { AUTOGRADER_ROOT: root, NO_COLOR: '1' } });
  expect(run.exitCode, run.stderr).toBe(0);
  const results: GradescopeResults = GradescopeResultsSchema.parse(JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')));
  return { results, run };
}

const visibleText = (r: GradescopeResults) => [r.output ?? '', ...(r.tests ?? []).filter((t) => t.visibility === 'visible').map((t) => `${t.name}\n${t.output}`)].join('\n');
const copyOf = (from: string) => (submission: string) => cpSync(from, submission, { recursive: true });

describe('npm run gradescope', () => {
  it('packs setup.sh and run_autograder at the root, the grader and the given hidden set, and no tests or submissions', async () => {
    const entries = await zipEntries(zipPath);
    const names = [...entries.keys()];
    for (const script of ['setup.sh', 'run_autograder']) expect(entries.get(script)! & 0o111, script).toBe(0o111);
    for (const name of ['package.json', 'package-lock.json', 'graders/grade.ts', 'reference/index.ts', 'scripts/gradescope-run.ts', 'fixtures/digits.csv.gz', 'fixtures/DIGITS.md', 'fixtures/public/forward.json']) {
      expect(names).toContain(name);
    }
    for (const part of ['forward', 'backward', 'svm']) {
      expect(readFileSync(join(root, 'source', 'fixtures', 'hidden', `${part}.json`), 'utf8')).toBe(hidden.files[part as keyof typeof hidden.files]);
    }
    expect(names.filter((n) => /^(test|submissions|node_modules|dist|reports|starter|docs)\//.test(n) || n.startsWith('.'))).toEqual([]);
  });

  it('refuses to build without a hidden set: one line saying how to make one, the path as given, exit 2 like every usage error', async () => {
    const missing = join(tempDir(), 'no-such-folder');
    const build = await buildZip(['--hidden', missing, '--out', join(tempDir(), 'a.zip')]);
    expect(build.exitCode).toBe(2);
    expect(build.stderr.trim().split('\n')).toHaveLength(1);
    expect(build.stderr).toMatch(/^gradescope: .*no-such-folder does not exist: run 'npm run fixtures -- --seed <secret> --out .*' first/);
    expect(build.stderr).toContain(`gradescope: ${missing} does not exist`);
  });
});

describe('run_autograder', () => {
  it('gives a correct submission full marks', async () => {
    const { results } = await runAutograder(copyOf(at('submissions', 'alice')));
    expect(results.score).toBe(100);
    const visible = results.tests!.filter((t) => t.visibility === 'visible');
    expect(visible.map((t) => [t.name, t.status])).toEqual([
      ['forward (linearForward)', 'passed'],
      ['backward (linearBackward)', 'passed'],
      ['svm (svmLoss)', 'passed'],
      ['train (train)', 'passed'],
    ]);
    expect(visible.reduce((sum, t) => sum + (t.score ?? 0), 0)).toBeCloseTo(100, 1);
  });

  it('shows a mistaken submission its points per part, and the hidden values only once grades are published', async () => {
    // bob's svm part fails whatever the training: 20 epochs show the same (shortTrainingRubric).
    const { results } = await runAutograder(copyOf(at('submissions', 'bob')), ['--rubric', shortTrainingRubric()]);
    expect(results.score).toBeGreaterThan(0);
    expect(results.score).toBeLessThan(100);
    const svm = results.tests!.find((t) => t.name === 'svm (svmLoss)')!;
    expect(svm).toMatchObject({ status: 'failed', visibility: 'visible', max_score: 25 });
    expect(svm.output).toMatch(/1 of 7 cases match; not matching: two classes/);
    // The details hold the expected values of the hidden cases, and only after publishing.
    const details = results.tests!.find((t) => t.name === 'svm (svmLoss): case details')!;
    expect(details).toMatchObject({ visibility: 'after_published', status: 'failed' });
    expect(details.score).toBeUndefined();
    expect(leakedValues(details.output!, hiddenForms).length).toBeGreaterThan(0);
    expect(leakedValues(visibleText(results), hiddenForms)).toEqual([]);
    expect(results.stdout_visibility).toBe('hidden');
  });

  it('gives a submission that never finishes loading 0, with a clear message', async () => {
    const rubric = join(tempDir(), 'rubric.json');
    writeFileSync(rubric, JSON.stringify({ limits: { loadSeconds: 1 } }));
    const { results } = await runAutograder((submission) => writeFileSync(join(submission, 'index.ts'), 'while (true) {}\nexport const linearForward = () => 0;\n'), ['--rubric', rubric]);
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/could not be loaded: loading the submission timed out after 1 s/);
    expect(results.tests!.filter((t) => t.visibility === 'visible').every((t) => t.status === 'failed' && t.score === 0)).toBe(true);
  });

  it('grades a zip upload of the homework folder', async () => {
    const files = readdirSync(at('submissions', 'alice')).map((name) => ({ name: `alice/${name}`, content: readFileSync(at('submissions', 'alice', name)) }));
    // About the upload, not the training: alice earns full marks in 20 epochs too.
    const { results } = await runAutograder(async (submission) => writeFileSync(join(submission, 'homework.zip'), await zipBuffer(files)), ['--rubric', shortTrainingRubric()]);
    expect(results.score).toBe(100);
  });

  it('writes results.json with 0 and what to upload when there is no index.ts', async () => {
    const { results } = await runAutograder((submission) => writeFileSync(join(submission, 'main.py'), 'print(1)\n'));
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/No index\.ts in your upload: upload the files of your homework folder .*\(found: main\.py\)/);
  });
});
