/**
 * `npm run bench`: the speed figures the project promises, measured, never asserted in a test.
 *  1. the reference's 100-epoch train, beside a plain nested-array solution (alice);
 *  2. what grading one correct submission costs on top of the student's own compute;
 *  3. a batch's wall time against (sum of the students' grading times) / jobs.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeBatch } from '../graders/batch.ts';
import { loadDigits } from '../graders/data/digits.ts';
import { DEFAULT_SEED, gradeSubmission, type GradeSettings } from '../graders/grade.ts';
import { seededRandom } from '../graders/random.ts';
import { buildSettings } from '../graders/settings.ts';
import { benchSimilarity } from './bench-similarity.ts';
import { integerOption, parseCommandLine, runCli } from './cli.ts';
import { loadTrustedTrain } from './trusted-train.ts';

const HELP = `
Usage: npm run bench -- [--runs N] [--batch N]

  --runs N    repetitions of each timing; the median is printed (default 5)
  --batch N   submissions in the batch measurement (default 8)
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => `${v.toFixed(0)} ms`;

async function timeTrain(folder: string, runs: number): Promise<number> {
  const train = await loadTrustedTrain(join(ROOT, folder));
  const digits = loadDigits();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    Math.random = seededRandom(DEFAULT_SEED);
    const start = performance.now();
    train(digits.train.x, digits.train.y);
    times.push(performance.now() - start);
  }
  return median(times);
}

await runCli('bench', async () => {
  const { values } = parseCommandLine({ runs: { type: 'string' }, batch: { type: 'string' } }, HELP);
  const runs = integerOption('runs', values.runs, 5, 1);
  const batchSize = integerOption('batch', values.batch, 8, 1);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  say(`nngrade bench: node ${process.version}, ${availableParallelism()} cores, median of ${runs} runs`);
  say('');
  say('1. train, 100 epochs on the 1500 training digits');
  const referenceTrain = await timeTrain('reference', runs);
  const plainTrain = await timeTrain('submissions/alice', Math.min(runs, 3));
  say(`   reference (flat Float64Array kernels, sparse SVM gradient)  ${ms(referenceTrain)}`);
  say(`   alice (plain nested arrays)                                 ${ms(plainTrain)}`);
  say('   figures to beat: the original array-library homework about 90 ms here; a plain nested-array solution 0.7 to 1.2 s');

  const settings: GradeSettings = await buildSettings({ fixtures: 'public', seed: DEFAULT_SEED });
  say('');
  say('2. grading one correct submission (the reference), beyond its own compute');
  const grading: number[] = [];
  for (let i = 0; i < runs; i++) grading.push((await gradeSubmission({ name: 'reference', dir: join(ROOT, 'reference') }, settings)).durationMs);
  const overhead = median(grading) - referenceTrain;
  say(`   whole grading ${ms(median(grading))} - train ${ms(referenceTrain)} = overhead ${ms(overhead)} (target: under 300 ms)`);
  say('   (the overhead holds bundling, the child process, IPC of the inputs, judging, and the forward, backward and svm cases)');

  say('');
  const jobs = availableParallelism();
  say(`3. a batch of ${batchSize} submissions (copies of alice and the reference) with --jobs ${jobs}`);
  const root = mkdtempSync(join(tmpdir(), 'nngrade-bench-'));
  try {
    const submissions = Array.from({ length: batchSize }, (_, i) => {
      const dir = join(root, 'class', `student${String(i).padStart(3, '0')}`);
      cpSync(join(ROOT, i % 2 === 0 ? 'submissions/alice' : 'reference'), dir, { recursive: true });
      return { name: `student${i}`, dir };
    });
    const start = performance.now();
    const { results } = await gradeBatch(submissions, settings, join(root, 'reports'), { jobs, force: true });
    const wall = performance.now() - start;
    const sum = results.reduce((s, r) => s + r.durationMs, 0);
    say(`   wall ${ms(wall)}; sum of the submissions' grading times ${ms(sum)}; sum / jobs ${ms(sum / jobs)}; ratio ${(wall / (sum / jobs)).toFixed(2)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  say('');
  say('4. the similarity report over a class of 300 (disguised copies of the correct corpus)');
  say(`   ${await benchSimilarity(300)}`);
});
