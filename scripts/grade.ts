/** `npm run grade -- <path>... [options]`: grades submissions and writes their reports. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { gradeBatch } from '../graders/batch.ts';
import { DigitsError } from '../graders/data/digits.ts';
import { buildSettings, startFirstChild } from '../graders/settings.ts';
import { FixtureError } from '../graders/fixtures/load.ts';
import { DEFAULT_SEED } from '../graders/grade.ts';
import { BatchProgress, formatSubmission, formatTable, formatTypeWarnings, summarise, terminalChalk, writeGradebook, writeIntakeJson, writeLmsExports, writeSummaryPage } from '../graders/report/index.ts';
import { LiveProgress } from '../graders/report/progress.ts';
import { loadRubric, RubricError } from '../graders/rubric.ts';
import { startBundling } from '../graders/sandbox/bundle.ts';
import { killAllChildren } from '../graders/sandbox/child.ts';
import { detectJail, SandboxError } from '../graders/sandbox/jail.ts';
import { setLanguage, t } from '../graders/i18n/index.ts';
import { IntakeError, intakeLine, takeIn } from '../graders/intake/index.ts';
import { trace } from '../graders/trace.ts';
import { checkOut, displayPath as shown, integerOption, languageOption, makeOut, parseCommandLine, runCli, UsageError } from './cli.ts';

/** The Canvas column when --canvas-assignment is not given: Canvas adds it as a new assignment. */
const DEFAULT_CANVAS_ASSIGNMENT = 'Linear classifier';

const HELP = `
Usage: npm run grade -- <path>... [options]

Grades each submission (a folder holding index.ts) and writes its report. A path may also be a
folder of submissions or a .zip of a class, in any layout the LMSs export: a folder per student,
Moodle's "Name_ID_assignsubmission_file_" folders, Canvas's "login_userid_subid_file.ts" files,
GitHub Classroom's "assignment-login" folders, loose .ts files. Every submission is first copied
into a private snapshot; each student's intake is one line here and an entry of <out>/intake.json.
A batch also writes summary.html, summary.csv and, for a Moodle or Canvas export, the CSV that
LMS imports (moodle-grading-worksheet.csv, canvas-gradebook-import.csv).

Options:
  --out DIR          where reports go (default reports/): <out>/<student>/report.json, results.json
                     (Gradescope's format), stdout.txt, stderr.txt; for a batch also summary.csv
                     and summary.json
  --jobs N           grade up to N submissions at once (default: the machine's cores, ${availableParallelism()} here)
  --fixtures SET     public, hidden, or a folder of fixture files (default: hidden when
                     fixtures/hidden exists, else public); the report says which set graded it
  --seed N           the training seed: Math.random in the student's train() is seeded with it
                     (default ${DEFAULT_SEED}, so a regrade gives the same score)
  --rubric FILE      a JSON rubric overriding points, tolerances and limits (see README)
  --canvas-assignment NAME
                     the assignment column of the Canvas gradebook import written for a Canvas
                     export; as in Canvas's own export, "Name (id)" updates that assignment
                     (default "${DEFAULT_CANVAS_ASSIGNMENT}", which Canvas adds as a new one)
  --force            grade every submission again, even those unchanged since their report
                     (by default a rerun skips a submission whose files and settings are unchanged)
  --lang LANG        en or ru: the language of the messages and pages (default: from LANG)
  --json             print a machine-readable summary on stdout instead of the terminal view
  --quiet            print nothing but errors and the last line
  -h, --help         show this help

Exit status: 0 when every submission was graded (whatever the scores), 2 for a usage error,
1 when the grader itself failed.
`;

void runCli(
  'grade',
  async () => {
    const { values, positionals } = parseCommandLine(
      {
        out: { type: 'string' },
        jobs: { type: 'string' },
        fixtures: { type: 'string' },
        seed: { type: 'string' },
        rubric: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        force: { type: 'boolean' },
        lang: { type: 'string' },
        'canvas-assignment': { type: 'string' },
      },
      HELP,
    );
    if (positionals.length === 0) throw new UsageError('no submission given: try npm run grade submissions/alice (see --help)');
    setLanguage(languageOption(values.lang));
    const jobs = integerOption('jobs', values.jobs, availableParallelism(), 1);
    const seed = integerOption('seed', values.seed, DEFAULT_SEED);
    const out = resolve(values.out ?? 'reports');
    checkOut(out);

    let intake;
    let rubric;
    let settings;
    try {
      trace('grader loaded');
      rubric = loadRubric(values.rubric);
      // The first student's child boots while the submissions are taken in and the settings read.
      startFirstChild(rubric);
      intake = await takeIn(positionals);
      // The first students' bundling runs in the bundler's process while the settings are read
      // here, and each of them has a child booting.
      const first = intake.submissions.slice(0, jobs).filter((submission) => !submission.problem);
      for (const submission of first) startBundling(submission.dir, rubric.limits.bundleSeconds);
      if (first.length > 1) startFirstChild(rubric, first.length);
      settings = await buildSettings({ rubric, fixtures: values.fixtures, seed });
      trace('settings built');
    } catch (error) {
      // Bad paths, a bad rubric or a bad fixture folder are the caller's to fix: exit 2.
      const givenFixtures = error instanceof FixtureError && values.fixtures !== undefined;
      if (error instanceof IntakeError || error instanceof RubricError || givenFixtures) throw new UsageError((error as Error).message);
      throw error;
    }
    const { submissions } = intake;
    // The command line holds: the reports' folder is made now, before the first thing is written.
    makeOut(out);
    const protections = detectJail();
    if (protections.missing.length > 0) {
      const lacking = protections.asked && protections.asked !== 'bubblewrap' ? `NNGRADE_JAIL=${protections.asked} grades without` : 'this machine lacks';
      process.stderr.write(`grade: ${lacking} ${protections.missing.join('; ')}. Grading goes on with: ${protections.active.join('; ')}.\n`);
    }
    const c = terminalChalk();
    const human = !values.json && !values.quiet;
    const batch = submissions.length > 1 || positionals.some((p) => !existsSync(resolve(p, 'index.ts')));
    // Each student's intake decision: one line, and <out>/intake.json.
    for (const warning of intake.warnings) process.stderr.write(`grade: ${warning}\n`);
    if (!values.quiet) for (const decision of intake.decisions) process.stderr.write(`grade: intake: ${intakeLine(decision)}\n`);
    await writeIntakeJson(out, positionals, intake);
    const progress = human && batch ? new BatchProgress(submissions.length) : undefined;

    // One student on a terminal: the seconds so far and train's epochs as they happen.
    let live: LiveProgress | undefined;

    // Ctrl-C or a kill: end every child, keep what is finished (each file is whole or absent).
    let finished = 0;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        killAllChildren();
        live?.stop();
        progress?.stop();
        process.stderr.write(`grade: interrupted after ${finished} of ${submissions.length} submissions; their reports are in ${shown(out)}/. Run the same command again to grade the rest.\n`);
        process.exit(130);
      });
    }

    const { reports, skipped, graderErrors } = await gradeBatch(submissions, settings, out, { jobs, force: values.force, typecheck: true }, {
      onStart: (s) => {
        progress?.start(s.name);
        if (human && !batch) live = new LiveProgress(settings.rubric.parts.train.epochs);
      },
      onEpoch: (_s, epoch, loss) => live?.onEpoch(epoch, loss),
      onDone: (s, result, dir) => {
        trace(`${s.name}: report written`);
        live?.stop();
        finished++;
        progress?.finish(s.name, `${result.report.score}/${result.report.maxScore}`);
        if (human && !batch) process.stdout.write(formatSubmission(result.report, c, shown(dir)));
      },
      onSkipped: (s, report) => {
        live?.stop();
        finished++;
        progress?.finish(s.name, `${report.score}/${report.maxScore} (unchanged, not regraded)`);
        if (human && !batch) process.stdout.write(formatSubmission(report, c));
        if (human && !batch) process.stdout.write(`${c.dim(`  ${t().unchangedAt(shown(join(out, s.name)))}`)}\n`);
      },
      onTypeWarnings: (_s, report) => {
        if (human && !batch) process.stdout.write(formatTypeWarnings(report, c));
      },
      onGraderError: (s, error) => {
        live?.stop();
        progress?.finish(s.name, 'grader error');
        process.stderr.write(`grade: grading ${s.name} failed in the grader itself: ${error.message}\n`);
      },
    });
    progress?.stop();

    const summary = summarise(reports, protections.active, intake.decisions);
    if (batch) {
      await writeGradebook(out, summary);
      await writeSummaryPage(out, reports);
      const exports = await writeLmsExports(out, summary, { gradedAt: new Date(), canvasAssignment: values['canvas-assignment'] ?? DEFAULT_CANVAS_ASSIGNMENT });
      for (const file of exports) {
        if (!values.quiet) process.stderr.write(`grade: ${t().lmsWritten(file.lms, shown(file.path), file.rows)}\n`);
        if (file.missing.length > 0) process.stderr.write(`grade: ${t().lmsMissing(file.lms, file.missing.map((m) => `${m.student} (${m.why})`).join(', '))}\n`);
      }
    }
    const skippedNote = skipped > 0 ? t().skippedNote(skipped) : '';
    if (values.json) process.stdout.write(`${JSON.stringify({ out, skipped, ...summary }, null, 2)}\n`);
    else if (human && batch) process.stdout.write(`${formatTable(reports, c)}${t().reportsIn(`${shown(out)}/`)}${skippedNote}\n`);
    else if (values.quiet) process.stdout.write(`${t().gradedQuiet(reports.length, submissions.length, skippedNote, `${shown(out)}/`)}\n`);
    return graderErrors > 0 ? 1 : 0;
  },
  [DigitsError, FixtureError, RubricError, SandboxError],
);
