/** `npm run fixtures [-- --seed N --out DIR]`: writes the golden fixtures the reference produces. */
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DigitsError } from '../graders/data/digits.ts';
import { generateFixtures } from '../graders/fixtures/generate.ts';
import { FIXTURES_ROOT } from '../graders/fixtures/load.ts';
import { PUBLIC_SEED } from '../graders/fixtures/schema.ts';
import { displayPath, integerOption, makeOut, parseCommandLine, runCli, UsageError } from './cli.ts';

const HELP = `
Usage: npm run fixtures -- [--seed N] [--out DIR]

Has the reference solution produce the expected outputs of the forward, backward and SVM cases,
and writes forward.json, backward.json and svm.json. The same seed always gives the same bytes.

  --seed N    the seed the inputs are drawn from (default ${PUBLIC_SEED}, the public set)
  --out DIR   where to write (default fixtures/public)

The hidden set comes from a seed only the instructor knows and is never committed:
  npm run fixtures -- --seed <secret> --out fixtures/hidden
`;

void runCli('fixtures', async () => {
  const { values, positionals } = parseCommandLine({ seed: { type: 'string' }, out: { type: 'string' } }, HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
  const seed = integerOption('seed', values.seed, PUBLIC_SEED);
  const out = resolve(values.out ?? join(FIXTURES_ROOT, 'public'));
  if (seed !== PUBLIC_SEED && out === resolve(FIXTURES_ROOT, 'public')) {
    throw new UsageError(`fixtures/public is the committed public set (seed ${PUBLIC_SEED}); give --out for seed ${seed}`);
  }
  const files = generateFixtures(seed);
  makeOut(out, 'fixtures');
  for (const [part, text] of Object.entries(files)) writeFileAtomic.sync(join(out, `${part}.json`), text);
  process.stdout.write(`wrote ${Object.keys(files).length} fixture files to ${displayPath(out)}\n`);
}, [DigitsError]);
