/** `npm run similarity -- <folder> [options]`: the similarity report of a class's submissions. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FINGERPRINT_SETTINGS } from '../graders/similarity/fingerprint.ts';
import { formatSimilarityTable } from '../graders/similarity/report-terminal.ts';
import { compareClass, SimilarityOutputError, writeSimilarityReports } from '../graders/similarity/run.ts';
import { SimilarityInputError } from '../graders/similarity/submissions.ts';
import { displayPath as shown, integerOption, parseCommandLine, runCli, UsageError } from './cli.ts';

const PROJECT_STARTER = fileURLToPath(new URL('../starter', import.meta.url));
const { k: DEFAULT_K, window: DEFAULT_WINDOW } = DEFAULT_FINGERPRINT_SETTINGS;

const HELP = `
Usage: npm run similarity -- <folder or zip> [options]

Compares every pair of submissions in <folder> (a class folder or a class export .zip, taken in
as npm run grade takes it: the same students, from a private snapshot; all their .ts files count)
and ranks the pairs by how much code they share. Renamed variables, other numbers and strings,
comments, whitespace and layout do not hide shared code; code of the starter does not count.

Writes <out>/similarity.json (every pair sharing code, with the matching line ranges) and
<out>/similarity.html (the ranking, and the top pairs side by side with the matches highlighted).

Options:
  --out DIR          where the reports go (default reports/)
  --starter DIR      the code every student received, not counted as shared
                     (default: this project's starter/)
  --k N              tokens per fingerprint (default ${DEFAULT_K}): smaller finds shorter shared
                     stretches, and more coincidences
  --window N         winnowing window (default ${DEFAULT_WINDOW}): any shared run of k + window - 1
                     tokens or more is always found; larger keeps fewer fingerprints
  --min-score X      list in the terminal only the pairs scoring at least X, 0 to 1 (default 0);
                     the reports still hold every pair
  -h, --help         show this help

Score of a pair: the distinct fingerprints both share, over the number of fingerprints of the
one that has fewer (starter fingerprints left out): 1 when all of one's own code is in the other.

Exit status: 0 when the reports are written, 2 for a usage error, 1 when the command failed.
`;

function scoreOption(value: string | undefined): number {
  if (value === undefined) return 0;
  const score = Number(value);
  if (value.trim() === '' || !Number.isFinite(score) || score < 0 || score > 1) throw new UsageError(`--min-score takes a number from 0 to 1, not '${value}'`);
  return score;
}


void runCli(
  'similarity',
  async () => {
    const { values, positionals } = parseCommandLine(
      { out: { type: 'string' }, starter: { type: 'string' }, k: { type: 'string' }, window: { type: 'string' }, 'min-score': { type: 'string' } },
      HELP,
    );
    if (positionals.length === 0) throw new UsageError('no folder given: try npm run similarity -- submissions (see --help)');
    if (positionals.length > 1) throw new UsageError(`one folder of submissions at a time, not ${positionals.length} (see --help)`);
    const settings = { k: integerOption('k', values.k, DEFAULT_K, 1), window: integerOption('window', values.window, DEFAULT_WINDOW, 1) };
    const minScore = scoreOption(values['min-score']);
    const out = resolve(values.out ?? 'reports');
    if (statSync(out, { throwIfNoEntry: false })?.isDirectory() === false) throw new UsageError(`--out ${values.out ?? 'reports'} is a file: choose a folder`);
    const starterDir = values.starter === undefined ? PROJECT_STARTER : resolve(values.starter);

    let comparison;
    try {
      comparison = await compareClass({ classDir: resolve(positionals[0]), starterDir, settings, classShown: positionals[0], starterShown: values.starter });
    } catch (error) {
      if (error instanceof SimilarityInputError) throw new UsageError(error.message);
      throw error;
    }
    for (const line of comparison.notSubmissions) process.stderr.write(`similarity: left out ${line}\n`);
    for (const note of comparison.notes) process.stderr.write(`similarity: intake: ${note}\n`);
    for (const file of comparison.skippedFiles) process.stderr.write(`similarity: ${file} left out\n`);

    const [jsonPath, htmlPath] = await writeSimilarityReports(out, comparison, { classFolder: positionals[0], starter: values.starter ?? 'starter/' });
    process.stdout.write(formatSimilarityTable(comparison.report, minScore));
    process.stdout.write(`\nreports: ${shown(htmlPath)} (side by side), ${shown(jsonPath)} (every pair)\n`);
    return 0;
  },
  [SimilarityOutputError],
);
