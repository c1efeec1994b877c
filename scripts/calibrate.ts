/**
 * `npm run calibrate -- <folder>... [--seeds N] [--plain]`: trains each (trusted) solution folder
 * on the digits once per seed, exactly as the train part's accuracy case does (Math.random seeded,
 * homework settings, the digits disguised for that seed as grading with --seed N disguises them),
 * and prints the spread of test accuracies. `--plain` trains on the undisguised digits instead, to
 * show that the disguise leaves the spread as it was. This is the measurement behind the train part's
 * full-credit threshold: see README, "Calibrating the training threshold".
 */
import { resolve } from 'node:path';
import { loadDigits } from '../graders/data/digits.ts';
import { disguiseDigits, disguiseFor, plainLabels } from '../graders/data/disguise.ts';
import { loadFixtureSet } from '../graders/fixtures/load.ts';
import { seededRandom } from '../graders/random.ts';
import { defaultRubric } from '../graders/rubric.ts';
import { countCorrect, predictClasses } from '../graders/predict.ts';
import { integerOption, parseCommandLine, runCli, UsageError } from './cli.ts';
import { loadTrustedTrain } from './trusted-train.ts';

const HELP = `
Usage: npm run calibrate -- <folder>... [--seeds N] [--plain]

Trains each solution folder once per seed (1..N, default 100) with the rubric's training settings
on the digits as grading disguises them for that seed (hidden fixtures when present, else public),
and prints min, 5th percentile, median and max test accuracy, and how many seeds reach each
candidate threshold. --plain trains on the digits undisguised. Runs the code in this process: use
it on the instructor's own folders only.
`;

void runCli('calibrate', async () => {
  const { values, positionals } = parseCommandLine({ seeds: { type: 'string' }, plain: { type: 'boolean' } }, HELP);
  if (positionals.length === 0) throw new UsageError('give at least one solution folder, e.g. npm run calibrate -- reference');
  const seeds = integerOption('seeds', values.seeds, 100, 1);
  const digits = loadDigits();
  const secret = values.plain ? '' : JSON.stringify(loadFixtureSet());
  const { batchSize, epochs, lr, fullCreditAccuracy } = defaultRubric().parts.train;
  for (const folder of positionals) {
    const train = await loadTrustedTrain(resolve(folder));
    const accuracies: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      // Made afresh for each seed rather than kept: a hundred disguised copies would fill the memory.
      const disguise = values.plain ? undefined : disguiseFor(secret, seed);
      const data = disguise ? disguiseDigits(digits, disguise) : digits;
      Math.random = seededRandom(seed);
      // A train() may be async: the grader awaits it, and so does this.
      const result = (await train(data.train.x, data.train.y, { batchSize, epochs, lr })) as unknown;
      const [w, b] = Array.isArray(result) ? result : [(result as { W: unknown }).W, (result as { b: unknown }).b];
      const predicted = predictClasses(data.test.x, w as number[][], b as number[]);
      const named = disguise ? plainLabels(predicted, disguise) : predicted;
      accuracies.push(countCorrect(named, digits.test.y) / predicted.length);
    }
    accuracies.sort((a, b) => a - b);
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    const at = (q: number) => accuracies[Math.min(accuracies.length - 1, Math.floor(q * accuracies.length))];
    const reaching = (t: number) => accuracies.filter((a) => a >= t).length;
    process.stdout.write(
      `${folder}${values.plain ? ' (plain digits)' : ''}: ${seeds} seeds: min ${pct(accuracies[0])}, p5 ${pct(at(0.05))}, median ${pct(at(0.5))}, max ${pct(accuracies.at(-1)!)}; ` +
        `reaching 80%: ${reaching(0.8)}, 82%: ${reaching(0.82)}, 85%: ${reaching(0.85)}, 87%: ${reaching(0.87)} ` +
        `(the rubric's full credit: ${pct(fullCreditAccuracy)}, reached by ${reaching(fullCreditAccuracy)})\n`,
    );
  }
});
