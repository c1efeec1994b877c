/**
 * `npm run gradescope [-- --out FILE --hidden DIR --rubric FILE]`: builds the autograder zip to
 * upload to Gradescope (setup.sh and run_autograder at its root, the grader and the hidden
 * fixtures inside). See graders/gradescope/build.ts for what it holds.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError, BuildUsageError, buildAutograder } from '../graders/gradescope/build.ts';
import { FolderError } from '../graders/folders.ts';
import { formatBytes } from '../graders/intake/zip.ts';
import { RubricError } from '../graders/rubric.ts';
import { displayPath, parseCommandLine, refuseOut, runCli, UsageError } from './cli.ts';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));

const HELP = `
Usage: npm run gradescope -- [--out FILE] [--hidden DIR] [--rubric FILE]

Builds the Gradescope autograder: a zip with setup.sh and run_autograder at its root, the grader,
the reference and the hidden fixtures. Upload it as a programming assignment's autograder
("Zip file upload"); each submission is then graded on the hidden fixtures.

  --out FILE     where to write the zip (default dist/autograder.zip)
  --hidden DIR   the hidden fixture set to pack (default fixtures/hidden; make it with
                 npm run fixtures -- --seed <secret> --out fixtures/hidden)
  --rubric FILE  a rubric to grade with instead of the defaults (see README)
  -h, --help     show this help

Exit status: 0 when the zip is written, 2 for a usage error (no hidden set, a bad rubric, an
unknown option), 1 when the build itself failed.
`;

void runCli(
  'gradescope',
  async () => {
    const { values, positionals } = parseCommandLine({ out: { type: 'string' }, hidden: { type: 'string' }, rubric: { type: 'string' } }, HELP);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
    const out = resolve(values.out ?? join(PROJECT, 'dist', 'autograder.zip'));
    const hidden = resolve(values.hidden ?? join(PROJECT, 'fixtures', 'hidden'));
    let built;
    try {
      built = await buildAutograder({ root: PROJECT, out, hidden, rubric: values.rubric });
    } catch (error) {
      // No hidden set, or a bad rubric: the caller's to fix, exit 2 as grade and similarity do.
      if (error instanceof BuildUsageError || error instanceof RubricError) throw new UsageError((error as Error).message);
      // A folder for the zip that cannot be made (under /proc, say): the --out is the caller's to fix.
      if (error instanceof FolderError) throw refuseOut(out, error.message, 'the autograder');
      throw error;
    }
    const { files, bytes } = built;
    const shown = displayPath(out);
    process.stdout.write(`wrote ${shown} (${files} files, ${formatBytes(bytes)}): upload it as the assignment's autograder on Gradescope\n`);
  },
  [BuildError, RubricError],
);
