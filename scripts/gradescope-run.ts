/**
 * What Gradescope's run_autograder calls for each submission: grades the upload in
 * <root>/submission on the hidden fixtures and writes <root>/results/results.json. What it prints
 * is for instructors only (Gradescope's "Autograder Output"): the grading as the terminal shows
 * it, hidden values included, and the start of what the submission printed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DigitsError } from '../graders/data/digits.ts';
import { printable } from '../graders/format.ts';
import { FixtureError } from '../graders/fixtures/load.ts';
import { DEFAULT_AUTOGRADER_ROOT, PACKED_RUBRIC } from '../graders/gradescope/layout.ts';
import { runGradescope } from '../graders/gradescope/run.ts';
import { formatSubmission, terminalChalk } from '../graders/report/terminal.ts';
import { loadRubric, RubricError } from '../graders/rubric.ts';
import { SandboxError } from '../graders/sandbox/jail.ts';
import { parseCommandLine, runCli, UsageError } from './cli.ts';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
/** How much of the submission's own output the instructor's log repeats. */
const SHOWN_OUTPUT = 8 * 1024;

const HELP = `
Usage: run_autograder [--root DIR] [--rubric FILE]

Gradescope runs this through run_autograder for every submission. It grades DIR/submission on
the hidden fixtures packed into the autograder and writes DIR/results/results.json.

  --root DIR     Gradescope's folder (default: $AUTOGRADER_ROOT, else ${DEFAULT_AUTOGRADER_ROOT})
  --rubric FILE  a rubric overriding the packed one (${PACKED_RUBRIC}, when the build was given one)

Exit status: 0 when results.json was written, whatever the score; 1 when the grader itself failed
(nothing is written, so Gradescope shows the run as failed rather than recording a 0).
`;

const cut = (text: string) => printable(text.length > SHOWN_OUTPUT ? `${text.slice(0, SHOWN_OUTPUT)}\n[... cut at ${SHOWN_OUTPUT / 1024} KiB]` : text);

void runCli(
  'run_autograder',
  async () => {
    const { values, positionals } = parseCommandLine({ root: { type: 'string' }, rubric: { type: 'string' } }, HELP);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
    const root = resolve(values.root ?? process.env.AUTOGRADER_ROOT ?? DEFAULT_AUTOGRADER_ROOT);
    const packed = join(PROJECT, PACKED_RUBRIC);
    const rubric = loadRubric(values.rubric ?? (existsSync(packed) ? packed : undefined));

    const { result, path } = await runGradescope(root, rubric);
    const c = terminalChalk();
    process.stdout.write(formatSubmission(result.report, c, path));
    if (result.stdout) process.stdout.write(`\n--- the submission's stdout ---\n${cut(result.stdout)}\n`);
    if (result.stderr) process.stdout.write(`\n--- the submission's stderr ---\n${cut(result.stderr)}\n`);
    return 0;
  },
  [DigitsError, FixtureError, RubricError, SandboxError],
);
