/**
 * `npm run kit [-- --out DIR]`: builds the student kit, DIR/student-kit/ and DIR/student-kit.zip
 * (default DIR: dist/). See graders/kit/student-kit.ts for what it holds and what it never does.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStudentKit, KitError } from '../graders/kit/student-kit.ts';
import { displayPath as shown, makeOut, parseCommandLine, runCli, UsageError } from './cli.ts';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));

const HELP = `
Usage: npm run kit -- [--out DIR]

Builds what students download: DIR/student-kit/ and DIR/student-kit.zip (DIR: dist/ by default).
It holds the starter as homework/, the public fixtures, the digits, the self-check and a README;
students run 'npm install' and 'npm run grade -- homework' in it. It never holds the reference
solution or the hidden fixtures.

  --out DIR    where the kit's folder and zip go (default dist/)
  -h, --help   show this help
`;

void runCli(
  'kit',
  async () => {
    const { values, positionals } = parseCommandLine({ out: { type: 'string' } }, HELP);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
    const out = resolve(values.out ?? join(PROJECT, 'dist'));
    makeOut(out, 'the student kit');
    const outDir = join(out, 'student-kit');
    const zip = join(out, 'student-kit.zip');
    const { files } = await buildStudentKit({ root: PROJECT, outDir, zip });
    process.stdout.write(`wrote ${shown(outDir)}/ and ${shown(zip)} (${files} files): hand the zip to students\n`);
  },
  [KitError],
);
