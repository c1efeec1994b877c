/**
 * `npm run calibrate -- <folder>... [--seeds N]`: trains each (trusted) solution folder on the
 * digits once per seed, exactly as the train part does (Math.random seeded, homework settings),
 * and prints the spread of test accuracies. This is the measurement behind the train part's
 * full-credit threshold: see README, "Calibrating the training threshold".
 */
import { resolve } from 'node:path';
import { loadDigits } from '../graders/data/digits.ts';
import { seededRandom } from '../graders/random.ts';
import { defaultRubric } from '../graders/rubric.ts';
import { countCorrect, predictClasses } from '../graders/predict.ts';
import { integerOption, parseCommandLine, runCli, UsageError } from './cli.ts';
import { loadTrustedTrain } from './trusted-train.ts';

const HELP = `
Usage: npm run calibrate -- <folder>... [--seeds N]

Trains each solution folder once per seed (1..N, default 100) with the rubric's training settings
and prints min, 5th percentile, median and max test accuracy, and how many seeds reach each
candidate threshold. Runs the code in this process: use it on the instructor's own folders only.
`;

await runCli('calibrate', async () => {
  const { values, positionals } = parseCommandLine({ seeds: { type: 'string' } }, HELP);
  if (positionals.length === 0) throw new UsageError('give at least one solution folder, e.g. npm run calibrate -- reference');
  const seeds = integerOption('seeds', values.seeds, 100, 1);
  const digits = loadDigits();
  const { batchSize, epochs, lr, fullCreditAccuracy } = defaultRubric().parts.train;
  for (const folder of positionals) {
    const train = await loadTrustedTrain(resolve(folder));
    const accuracies: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      Math.random = seededRandom(seed);
      const result = train(digits.train.x, digits.train.y, { batchSize, epochs, lr }) as unknown;
      const [w, b] = Array.isArray(result) ? result : [(result as { W: unknown }).W, (result as { b: unknown }).b];
      const predicted = predictClasses(digits.test.x, w as number[][], b as number[]);
      accuracies.push(countCorrect(predicted, digits.test.y) / predicted.length);
    }
    accuracies.sort((a, b) => a - b);
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    const at = (q: number) => accuracies[Math.min(accuracies.length - 1, Math.floor(q * accuracies.length))];
    const reaching = (t: number) => accuracies.filter((a) => a >= t).length;
    process.stdout.write(
      `${folder}: ${seeds} seeds: min ${pct(accuracies[0])}, p5 ${pct(at(0.05))}, median ${pct(at(0.5))}, max ${pct(accuracies.at(-1)!)}; ` +
        `reaching 80%: ${reaching(0.8)}, 82%: ${reaching(0.82)}, 85%: ${reaching(0.85)}, 87%: ${reaching(0.87)} ` +
        `(the rubric's full credit: ${pct(fullCreditAccuracy)}, reached by ${reaching(fullCreditAccuracy)})\n`,
    );
  }
});
