/**
 * `npm run bench`: the speed figures the project promises, measured as a user waits for them
 * (whole commands, spawned, on the wall clock), each beside its bare counterpart measured in the
 * same run and interleaved with it, so that both see the same load. Never asserted in a test.
 *  1. one student: `npm run grade` and `npm run check` on a correct submission, against a bare
 *     node process that imports the bundled submission and trains it;
 *  2. a batch of 10 with --jobs 2, against the same 10 bare trainings two at a time, and the
 *     batch's wall time with --jobs 1 up to the cores;
 *  3. `npm run check --watch`: from a save to the new result (its scores and report), against
 *     the bare training;
 *  4. `npm test` (only with --suite: it takes minutes);
 * then the reference's train time and the similarity report, for the README. Beside the one-student
 * and batch wall times, where Linux tells it, the processor time each run cost the whole machine.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDigits } from '../graders/data/digits.ts';
import { DEFAULT_SEED } from '../graders/grade.ts';
import { en } from '../graders/i18n/en.ts';
import { seededRandom } from '../graders/random.ts';
import { defaultRubric } from '../graders/rubric.ts';
import { bundleSubmission } from '../graders/sandbox/bundle.ts';
import { benchSandbox } from './bench-sandbox.ts';
import { benchSimilarity } from './bench-similarity.ts';
import { type Command, seconds, showSpread, spread, startWatched, timeCommand, timePool, withCpu } from './bench-timing.ts';
import { integerOption, parseCommandLine, runCli, UsageError } from './cli.ts';
import { loadTrustedTrain } from './trusted-train.ts';

const HELP = `
Usage: npm run bench -- [--runs N] [--batch-runs N] [--submission DIR] [--suite]

  --runs N          repetitions of each one-student and --watch timing (default 7)
  --batch-runs N    repetitions of each batch timing (default 3)
  --submission DIR  the correct submission to time (default submissions/alice)
  --suite           also time npm test once (minutes)

Prints each figure as the median, the spread (lowest to highest) and the number of runs, beside
its bare counterpart, and whether it is within the target. The machine's load average is printed
at the start and the end: figures taken under load are noisy.
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BATCH = 10;
const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const verdict = (ok: boolean) => (ok ? 'within target' : 'NOT within target');

const npm = (script: string, args: string[]): Command => ({ command: 'npm', args: ['run', '--silent', script, '--', ...args], cwd: ROOT });

/** The compiled bare runner and the bundled submission it imports. */
async function bareCommand(folder: string, work: string): Promise<Command> {
  const bundle = await bundleSubmission(folder);
  if (!bundle.ok) throw new UsageError(`${folder}: ${bundle.message}`);
  // The bundle is a CommonJS body (the sandbox wraps it in a function of its own).
  const bundled = join(work, 'submission.cjs');
  writeFileSync(bundled, bundle.code);
  const runner = (await timeCommand({ command: process.execPath, args: ['scripts/launch.mjs', '--print', 'scripts/bare-train.ts'], cwd: ROOT })).stdout.trim();
  const { batchSize, epochs, lr } = defaultRubric().parts.train;
  return { command: process.execPath, args: [runner, bundled, String(DEFAULT_SEED), String(batchSize), String(epochs), String(lr)], cwd: ROOT };
}

/**
 * A comment no run has seen, so that nothing remembered by content (the type check's cache)
 * answers for the submission: every run costs what a new submission costs.
 */
let edits = 0;
function freshen(folder: string): void {
  appendFileSync(join(folder, 'index.ts'), `// bench edit ${process.pid}-${++edits}\n`);
}

/**
 * Beside the wall times: what each run cost the machine's processors, every process it started
 * included (medians; where /proc/stat can be read). Less moved by a machine whose speed wanders,
 * and it shows how much work the grading adds to the training, apart from how well it overlaps.
 */
function sayProcessorTime(figures: Array<[string, number[]]>): void {
  if (figures.some(([, samples]) => samples.length === 0)) return;
  const [bareName, bareSamples] = figures[0];
  const base = spread(bareSamples).median;
  const shown = figures.map(([name, samples], i) => {
    const median = spread(samples).median;
    return i === 0 ? `${bareName} ${seconds(median)}` : `${name} ${seconds(median)} (${(median / base).toFixed(2)}x)`;
  });
  say(`   processor time, every process (medians, from /proc/stat): ${shown.join(', ')}`);
}

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
  return spread(times).median;
}

void runCli('bench', async () => {
  const { values } = parseCommandLine({ runs: { type: 'string' }, 'batch-runs': { type: 'string' }, submission: { type: 'string' }, suite: { type: 'boolean' } }, HELP);
  const runs = integerOption('runs', values.runs, 7, 1);
  const batchRuns = integerOption('batch-runs', values['batch-runs'], 3, 1);
  const source = join(ROOT, values.submission ?? 'submissions/alice');
  const cores = availableParallelism();
  const work = mkdtempSync(join(tmpdir(), 'nngrade-bench-'));
  const dir = join(work, 'student');
  cpSync(source, dir, { recursive: true });
  const reports = join(work, 'reports');

  say(`nngrade bench: node ${process.version}, ${cores} cores, load average ${load()} (1, 5, 15 min) at the start`);
  try {
    const bare = await bareCommand(dir, work);
    // Build the commands once, so no run pays for it.
    await timeCommand(npm('grade', [dir, '--out', reports, '--force']));

    say('');
    say(`1. one student (${values.submission ?? 'submissions/alice'}), ${runs} runs each, interleaved`);
    const samples = { bare: [] as number[], train: [] as number[], grade: [] as number[], check: [] as number[] };
    const cpu = { bare: [] as number[], grade: [] as number[], check: [] as number[] };
    const timed = async (command: Command, wall: number[], processor: number[]) => {
      const { result, cpuMs } = await withCpu(() => timeCommand(command));
      wall.push(result.ms);
      if (cpuMs !== undefined) processor.push(cpuMs);
      return result;
    };
    for (let i = 0; i < runs; i++) {
      const b = await timed(bare, samples.bare, cpu.bare);
      samples.train.push(JSON.parse(b.stdout).trainMs);
      freshen(dir);
      await timed(npm('grade', [dir, '--out', reports, '--force']), samples.grade, cpu.grade);
      freshen(dir);
      await timed(npm('check', [dir, '--out', join(reports, 'check')]), samples.check, cpu.check);
    }
    const bareOne = spread(samples.bare);
    const trainOnly = spread(samples.train);
    say(`   bare node process (import the bundle, load the digits, train)  ${showSpread(bareOne)}; of which training ${showSpread(trainOnly)}`);
    for (const [name, figure] of [['npm run grade', spread(samples.grade)], ['npm run check', spread(samples.check)]] as const) {
      const ratio = figure.median / bareOne.median;
      say(`   ${name.padEnd(62)} ${showSpread(figure)}: ${ratio.toFixed(2)}x bare (target at most 1.5x): ${verdict(ratio <= 1.5)}`);
    }
    sayProcessorTime([['bare', cpu.bare], ['grade', cpu.grade], ['check', cpu.check]]);

    say('');
    say(`2. a batch of ${BATCH} copies, ${batchRuns} runs each, interleaved`);
    const klass = join(work, 'class');
    for (let i = 0; i < BATCH; i++) cpSync(source, join(klass, `student${String(i).padStart(2, '0')}`), { recursive: true });
    const jobsList = [...new Set([1, Math.min(2, cores), cores])];
    const batch = { bare: [] as number[], byJobs: new Map<number, number[]>(jobsList.map((j) => [j, []])) };
    const batchCpu = { bare: [] as number[], twoJobs: [] as number[] };
    for (let i = 0; i < batchRuns; i++) {
      const pool = await withCpu(() => timePool(Array.from({ length: BATCH }, () => bare), 2));
      batch.bare.push(pool.result);
      if (pool.cpuMs !== undefined) batchCpu.bare.push(pool.cpuMs);
      for (const jobs of jobsList) {
        for (const student of readdirSync(klass)) freshen(join(klass, student));
        const graded = await withCpu(() => timeCommand(npm('grade', [klass, '--jobs', String(jobs), '--out', join(reports, 'class'), '--force', '--quiet'])));
        batch.byJobs.get(jobs)!.push(graded.result.ms);
        if (jobs === Math.min(2, cores) && graded.cpuMs !== undefined) batchCpu.twoJobs.push(graded.cpuMs);
      }
    }
    const bareBatch = spread(batch.bare);
    const twoJobs = spread(batch.byJobs.get(Math.min(2, cores))!);
    const batchRatio = twoJobs.median / bareBatch.median;
    say(`   ${BATCH} bare trainings, two at a time${' '.repeat(32)} ${showSpread(bareBatch)}`);
    say(`   npm run grade -- <class> --jobs 2${' '.repeat(29)} ${showSpread(twoJobs)}: ${batchRatio.toFixed(2)}x bare (target at most 1.15x): ${verdict(batchRatio <= 1.15)}`);
    const walls = jobsList.map((jobs) => ({ jobs, wall: spread(batch.byJobs.get(jobs)!).median }));
    const falling = walls.every((w, i) => i === 0 || w.wall < walls[i - 1].wall);
    say(`   wall by --jobs: ${walls.map((w) => `${w.jobs}: ${seconds(w.wall)}`).join(', ')}: ${falling ? 'falling up to the cores' : 'NOT falling up to the cores'}`);
    sayProcessorTime([['bare', batchCpu.bare], ['--jobs 2', batchCpu.twoJobs]]);

    say('');
    say(`3. npm run check --watch, from a save to the new result, ${runs} saves`);
    const watched = startWatched(npm('check', [dir, '--watch', '--out', join(reports, 'watch')]));
    const saves: number[] = [];
    try {
      await watched.waitFor(en.watching, 1);
      for (let i = 0; i < runs; i++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const saved = performance.now();
        appendFileSync(join(dir, 'index.ts'), `// save ${i}\n`);
        // The line that names the new report: the start of the message, whatever the path.
        await watched.waitFor(en.reportAt('').slice(0, en.reportAt('').indexOf(':') + 1), i + 2);
        saves.push(performance.now() - saved);
        // The last line comes once the type warnings are in; the next save waits for it.
        await watched.waitFor(en.watching, i + 2);
      }
    } finally {
      watched.stop();
    }
    const save = spread(saves);
    const beyond = save.median - trainOnly.median;
    say(`   save to result ${showSpread(save)}; the bare training ${seconds(trainOnly.median)}; beyond it ${seconds(beyond)} (target at most 0.30 s): ${verdict(beyond <= 300)}`);

    say('');
    if (values.suite) {
      const suite = await timeCommand({ command: 'npm', args: ['test', '--silent'], cwd: ROOT });
      say(`4. npm test: ${seconds(suite.ms)} (target under 120 s): ${verdict(suite.ms < 120_000)}`);
    } else say('4. npm test: not timed (add --suite; it takes minutes)');

    say('');
    say('Other figures');
    say(`   the reference's 100-epoch train, in process: ${seconds(await timeTrain('reference', runs))} (alice's: ${seconds(await timeTrain(values.submission ?? 'submissions/alice', Math.min(runs, 3)))})`);
    say(`   ${await benchSimilarity(300)}`);
    say('');
    say('The sandbox, per submission');
    for (const line of await benchSandbox(values.submission ?? 'submissions/alice', work, runs)) say(`   ${line}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  say('');
  say(`load average ${load()} at the end`);
});
