/**
 * `npm run check [-- <folder>] [--watch]`: the students' self-check. The same grading as the
 * course's, on the public fixtures, with friendly output that ends with the next thing to fix;
 * `--watch` grades again on every save.
 */
import { existsSync, statSync, watch } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { globSync } from 'glob';
import { DigitsError } from '../graders/data/digits.ts';
import { FixtureError } from '../graders/fixtures/load.ts';
import { DEFAULT_SEED, gradeSubmission, type GradeResult, type GradeSettings, type Submission } from '../graders/grade.ts';
import { IntakeError, takeIn } from '../graders/intake/index.ts';
import { removeSnapshots } from '../graders/intake/snapshot.ts';
import { setLanguage, t } from '../graders/i18n/index.ts';
import { writeSubmissionFiles } from '../graders/report/files.ts';
import type { Report } from '../graders/report/schema.ts';
import { LiveProgress } from '../graders/report/progress.ts';
import { printableLine } from '../graders/format.ts';
import { formatSubmission, formatTypeWarnings, partHint, terminalChalk } from '../graders/report/terminal.ts';
import { buildSettings } from '../graders/settings.ts';
import { killAllChildren, startSpare } from '../graders/sandbox/child.ts';
import { trace } from '../graders/trace.ts';
import { startBundling } from '../graders/sandbox/bundle.ts';
import { SandboxError } from '../graders/sandbox/jail.ts';
import { startSpareTypecheck, startTypecheck } from '../graders/typecheck.ts';
import { checkOut, displayPath as shown, foldRuns, type KnownErrors, languageOption, makeOut, parseCommandLine, reportFailure, runCli, UsageError } from './cli.ts';

/** The failures that are the machine's or the course's, said in one line (exit 1). */
const KNOWN_ERRORS: KnownErrors = [DigitsError, FixtureError, SandboxError];

/** How much of what the submission printed the self-check repeats: the rest is in stdout.txt. */
const SHOWN_LINES = 10;
const SHOWN_WIDTH = 160;
/** How long a burst of file events must be quiet before --watch checks again. */
const SETTLE_MS = 40;

/** Where a student works: homework/ in the student kit, starter/ in this project. */
const DEFAULT_FOLDERS = ['homework', 'starter'];

const HELP = `
Usage: npm run check [-- <folder>] [--watch] [--lang en|ru] [--out DIR]

Checks your homework the way the course grades it, on the public test cases, and tells you what
to fix next. Without a folder it checks ${DEFAULT_FOLDERS.join('/ or ')}/, whichever exists.

  --watch       check again every time you save a file in the folder (Ctrl-C stops)
  --lang LANG   en or ru (default: from your system's LANG)
  --out DIR     where the report and feedback page go (default reports/check)
  -h, --help    show this help

The course grades with hidden cases too: passing here is a very good sign, not a guarantee.
`;

function chooseFolder(given: string | undefined): string {
  const folder = given ?? DEFAULT_FOLDERS.find((f) => existsSync(join(f, 'index.ts')));
  if (!folder) throw new UsageError(`no ${DEFAULT_FOLDERS.join('/ or ')}/ folder here: give the folder you work in, e.g. npm run check -- my-homework`);
  if (!existsSync(folder)) throw new UsageError(`${folder} does not exist: give the folder you work in, e.g. npm run check -- homework`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder: give the folder you work in, e.g. npm run check -- homework`);
  return resolve(folder);
}

/** The folder as the course's grader takes it: a private snapshot, through the same intake. */
async function snapshotOf(folder: string): Promise<Submission> {
  removeSnapshots();
  let intake;
  try {
    intake = await takeIn([folder], { single: true, shown: [shown(folder)], allowNothing: true });
  } catch (error) {
    if (error instanceof IntakeError) throw new UsageError(error.message);
    throw error;
  }
  const [submission] = intake.submissions;
  if (submission.problem) throw new UsageError(`${shown(folder)}: ${submission.problem}`);
  return { ...submission, name: basename(folder) };
}

/** The first lines the submission printed, each cut, and where the rest is: console.log output never vanishes. */
export function printedOutput(stdout: string, bytes: number, file: string): string {
  if (bytes === 0) return '';
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const shownLines = lines.slice(0, SHOWN_LINES).map((line) => (line.length > SHOWN_WIDTH ? `${line.slice(0, SHOWN_WIDTH)}...` : line));
  // The submission's own text: its escape codes are shown, never sent to the terminal.
  const shown = shownLines.map(printableLine);
  const cut = lines.length > SHOWN_LINES || shownLines.some((l, i) => l !== lines[i]) || bytes > Buffer.byteLength(stdout);
  return `\n${t().printedHead(bytes)}\n${shown.map((l) => `  | ${l}`).join('\n')}\n${cut ? `${t().printedRest(file)}\n` : ''}`;
}

/** The last line: the first part that does not pass, with its hint, or the good news. */
export function nextStep(report: Report): string {
  const part = report.parts.find((p) => p.status !== 'passed');
  if (!part) return t().allDone;
  return t().nextToFix(part.id, partHint(part) ?? part.message);
}

async function checkOnce(folder: string, pendingSettings: Promise<GradeSettings>, out: string, watching = false): Promise<void> {
  trace('check: started');
  const submission = await snapshotOf(folder);
  trace('check: snapshot taken');
  makeOut(out);
  // Bundled in the bundler's process while the settings (on the first check) are still being read.
  startBundling(submission.dir);
  const settings = await pendingSettings;
  for (const note of submission.notes ?? []) process.stdout.write(`${t().intakeNote(note)}\n`);
  // The compiler runs beside the grading in its own process: the result never waits for it.
  const typecheck = startTypecheck([submission.dir]);
  const live = new LiveProgress(settings.rubric.parts.train.epochs);
  // No previous fingerprint is given, so the submission is always graded, never skipped.
  const result = (await gradeSubmission(submission, settings, { onEpoch: live.onEpoch })) as GradeResult;
  live.stop();
  const early = typecheck.known(submission.dir);
  Object.assign(result.report, early);
  const dir = await writeSubmissionFiles(out, result, settings.digits);
  trace('check: report written');
  const c = terminalChalk();
  process.stdout.write(formatSubmission({ ...result.report, student: shown(folder) }, c, shown(dir)));
  if (!early) {
    // Warnings still coming: shown under the result once they are in, before the last line.
    await typecheck.whenArrived([submission.dir]);
    const late = typecheck.known(submission.dir) ?? {};
    if (Object.keys(late).length > 0) {
      Object.assign(result.report, late);
      await writeSubmissionFiles(out, result, settings.digits);
      process.stdout.write(formatTypeWarnings(late, c));
    }
  }
  typecheck.stop();
  // The next check's child and compiler start now, while the student reads and edits: a save then
  // costs no start, and the compiler, loaded already, takes little from the training beside it.
  if (watching) {
    startSpare(settings.harness, settings.rubric.limits);
    startSpareTypecheck();
  }
  process.stdout.write(c.dim(printedOutput(result.stdout, result.report.output.stdoutBytes, shown(join(dir, 'stdout.txt')))));
  process.stdout.write(`\n${c.bold(nextStep(result.report))}\n`);
}

void runCli(
  'check',
  async () => {
    const { values, positionals } = parseCommandLine({ watch: { type: 'boolean' }, lang: { type: 'string' }, out: { type: 'string' } }, HELP);
    if (positionals.length > 1) throw new UsageError(`give one folder to check, not ${positionals.length} (see --help)`);
    setLanguage(languageOption(values.lang));
    const folder = chooseFolder(positionals[0]);
    const out = resolve(values.out ?? join('reports', 'check'));
    checkOut(out);
    // Ctrl-C or a kill: end the children and leave. (The snapshot's own handler leaves the exit to
    // a command that has one, as does a report being written: with none here, each waited on the
    // other and a Ctrl-C as a report was written was lost.)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        killAllChildren();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    }
    // Read while the first snapshot is taken; a folder that cannot be checked is said first.
    const settings = buildSettings({ fixtures: 'public', seed: DEFAULT_SEED });
    settings.catch(() => {});
    // Every check runs through one folded trigger, the first included: a save made while any check
    // runs, the first too, is checked once after it.
    let first = true;
    const checkNow = foldRuns(async () => {
      // Without --watch, a check that cannot be made ends the command.
      if (!values.watch) {
        await checkOnce(folder, settings, out);
        return;
      }
      if (!first) process.stdout.write('\n');
      first = false;
      try {
        await checkOnce(folder, settings, out, true);
      } catch (error) {
        // A folder the intake refuses (nothing in it yet, index.ts removed, a file over the limit)
        // is said in one line, and the watch goes on to the next save, the first check's too.
        // Anything else ends it, as it would a check.
        if (!(error instanceof UsageError)) process.exit(reportFailure('check', error, KNOWN_ERRORS));
        process.stdout.write(`check: ${error.message}\n`);
      }
      process.stdout.write(`\n${t().watching}\n`);
    });
    let timer: NodeJS.Timeout | undefined;
    const onChange = () => {
      // An editor's save is often several events, within a few milliseconds: let them settle, then
      // check once. Short, because the student is waiting for the result.
      clearTimeout(timer);
      timer = setTimeout(() => void checkNow(), SETTLE_MS);
    };
    // One plain watcher per folder, set up before the first check: it is in place as soon as
    // watch() returns, where Node 20's recursive watching on Linux sets itself up in the background
    // and can miss the first save.
    const watchers = values.watch ? [folder, ...globSync('**/', { cwd: folder, absolute: true, ignore: ['node_modules/**'] })].map((dir) => watch(dir, onChange)) : [];
    try {
      await checkNow();
    } catch (error) {
      for (const watcher of watchers) watcher.close();
      throw error;
    }
    if (!values.watch) return 0;
    return new Promise<number>(() => {});
  },
  KNOWN_ERRORS,
);
