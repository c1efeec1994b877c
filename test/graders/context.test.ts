/**
 * What a submission finds in its vm context: the honest styles a class writes work as in a plain
 * Node process (class instances and static classes as the default export, async code that yields
 * with timers, a Math.random captured at load), and values come back exactly (NaN included).
 */
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../../graders/grade.ts';
import { RubricSchema } from '../../graders/rubric.ts';
import { newSubmissionOutput, SandboxChild } from '../../graders/sandbox/child.ts';
import { at, grade, gradeOnce, gradingSettings, part, SHORT_TRAINING, submissionOf } from '../helpers.ts';

const NO = `const no = (): never => {\n  throw new Error('not implemented');\n};\n`;

describe('the submission context', () => {
  it('async code may yield with setTimeout, setInterval, setImmediate and queueMicrotask; a late throw goes to stderr', async () => {
    const dir = submissionOf({
      'index.ts': `let n = 0;
const every = setInterval(() => { if (++n === 3) clearInterval(every); }, 1);
export async function linearForward(): Promise<never> {
  await new Promise((done) => setTimeout(done, 5));
  await new Promise((done) => setImmediate(done));
  await new Promise<void>((done) => queueMicrotask(done));
  setTimeout(() => { throw new Error('late throw'); }, 0);
  await new Promise((done) => setTimeout(done, 50));
  throw new Error(\`ticks \${n}\`);
}
${NO}export { no as linearBackward, no as svmLoss, no as train };
`,
    });
    const { report, stderr } = await gradeSubmission({ name: 'student', dir }, await gradingSettings());
    expect(part(report, 'forward').message).toMatch(/linearForward threw Error: ticks 3/);
    expect(stderr).toMatch(/^Uncaught Error: late throw$/m);
  }, 60_000);

  it("console.log fills %s, %d, %i, %f, %j, %c and %% as Node's own console does, and prints -0 as -0", async () => {
    const calls = [
      "console.log('%s has %d pixels and is %i%% done', 'alice', 64, 99.9);",
      "console.log('%f and %j', '2.5x', { a: 1 });",
      "console.log('%c styled', 'color: red');",
      "console.log('%s and %s', 'one');",
      "console.log('100%');",
      "console.log('%%');",
      "console.log('%d', 10n, 'extra');",
      "console.log('%x', 3);",
      "console.log(-0, [-0], '%s', -0);",
    ].join('\n');
    const dir = submissionOf({ 'index.ts': `${calls}\n${NO}export { no as linearForward, no as linearBackward, no as svmLoss, no as train };\n` });
    const { stdout } = await gradeSubmission({ name: 'student', dir }, await gradingSettings());
    const node = await execa(process.execPath, ['-e', calls]);
    expect(stdout).toBe(`${node.stdout}\n`);
  }, 60_000);

  it.for(['class-instance-default', 'static-class-default', 'async-functions'])('%s (a correct style) gets full marks', { timeout: 120_000 }, async (name) => {
    const report = await gradeOnce(at('test', 'submissions', 'class', 'correct', name));
    expect(report.parts.map((p) => `${p.id} ${p.status}`)).toEqual(['forward passed', 'backward passed', 'svm passed', 'train passed']);
  });

  it('a train that returns a promise and waits on a timer every epoch is graded as the same train written plainly', async () => {
    // The grader sends a part's calls at once; the child still runs each only once the one before
    // has answered, so the update-rule runs (each reseeding Math.random) never overlap the training.
    const alice = readFileSync(at('submissions', 'alice', 'index.ts'), 'utf8');
    const waiting = alice
      .replace('export function train(', 'export async function train(')
      .replace('): [Matrix, number[]] {', '): Promise<[Matrix, number[]]> {')
      .replace('    // shuffle\n', '    await new Promise((done) => setTimeout(done, 0));\n    // shuffle\n');
    expect(waiting).toContain('await new Promise');
    const settings = { ...(await gradingSettings()), rubric: RubricSchema.parse(SHORT_TRAINING) };
    const [plain, awaited] = await Promise.all(
      [alice, waiting].map(async (code) => (await gradeSubmission({ name: 'student', dir: submissionOf({ 'index.ts': code }) }, settings)).report),
    );
    expect(part(awaited, 'train').tests.map((t) => [t.name, t.score, t.message])).toEqual(part(plain, 'train').tests.map((t) => [t.name, t.score, t.message]));
    expect(part(awaited, 'train').details?.losses).toEqual(part(plain, 'train').details?.losses);
    expect(awaited.score).toBe(100);
  }, 120_000);

  it('a Math.random captured at load is seeded: the same seed gives the same weights, another seed other weights', async () => {
    const dir = at('test', 'submissions', 'class', 'correct', 'small-random-captured');
    // Weights after 20 epochs show the seeding as well as after 100: three gradings, each its own.
    const settings = { ...(await gradingSettings()), rubric: RubricSchema.parse(SHORT_TRAINING) };
    const run = async (seed: number) => (await gradeSubmission({ name: 'student', dir }, { ...settings, seed })).report;
    const [a, b, c] = await Promise.all([run(3), run(3), run(4)]);
    const predictions = (r: typeof a) => JSON.stringify(part(r, 'train').details?.predictions);
    expect(predictions(a)).toBe(predictions(b));
    expect(predictions(a)).not.toBe(predictions(c));
  }, 120_000);

  it("the grader's arguments reach the submission as themselves: NaN, ±Infinity, undefined, Float64Arrays, objects with a key named #, inside plain numbers too", async () => {
    const output = newSubmissionOutput();
    const { child, outcome } = await SandboxChild.start((await gradingSettings()).harness, { memoryMb: 256 }, output);
    expect(outcome.kind).toBe('answer');
    try {
      // What the submission itself sees, said in plain strings, so that the way back proves nothing here.
      const code = `exports.f = (...a) => [Number.isNaN(a[0]), a[1] === Infinity, a[2] === -Infinity, a.length > 3 && a[3] === undefined,
        a[4] instanceof Float64Array ? Array.from(a[4]).map(String).join() : 'not a Float64Array', a[5]['#'], a[6].map((row) => row.map(String).join()).join(';'),
        a[7]['#'], a[8]['#'] + ':' + Array.isArray(a[8].v), String(a[9].inner)];`;
      const loaded = await child.request({ kind: 'load', code }, 60_000);
      expect(loaded.kind === 'answer' && loaded.message.kind).toBe('loaded');
      // Objects whose "#" key holds a tag's name are objects all the same, and their entries arrive revived.
      const args = [Number.NaN, Infinity, -Infinity, undefined, new Float64Array([1.5, Number.NaN]), { '#': 'a key of the student' }, [[1, 2, 3], [4, Number.NaN, 6], [7, 8, -Infinity]], { '#': 'NaN' }, { '#': 'f64', v: [1, 2] }, { '#': 'object', inner: Number.NaN }];
      const answer = await child.request({ kind: 'call', from: 'named', name: 'f', args }, 60_000);
      expect(answer.kind === 'answer' && answer.message.kind === 'result' && answer.message.value).toEqual([true, true, true, true, '1.5,NaN', 'a key of the student', '1,2,3;4,NaN,6;7,8,-Infinity', 'NaN', 'f64:true', 'NaN']);
    } finally {
      child.kill();
      await Promise.all(output.finished);
    }
  }, 60_000);

  it('performance.now() is there, as the type check declares it: a submission that times itself is graded like one that does not', async () => {
    const alice = readFileSync(at('submissions', 'alice', 'index.ts'), 'utf8');
    const timed = alice.replace('export function train(', 'const loadedAt = performance.now();\nexport function elapsed(): number {\n  return performance.now() - loadedAt;\n}\nexport function train(');
    expect(timed).not.toBe(alice);
    const report = await gradeOnce(submissionOf({ 'index.ts': timed }));
    expect(report.score).toBe(report.maxScore);
    expect(report.loadError).toBeUndefined();
  }, 120_000);

  it('NaN and Infinity come back as themselves, and are judged as numbers', async () => {
    const dir = submissionOf({
      'index.ts': `export function linearForward(x: number[][], w: number[][], b: number[]): [number[][], unknown] {
  const out = x.map(() => w[0].map(() => 0));
  out[0][0] = NaN;
  return [out, [x, w, b]];
}
${NO}export { no as linearBackward, no as svmLoss, no as train };
`,
    });
    const report = await grade(dir);
    expect(part(report, 'forward').status).toBe('failed');
    expect(part(report, 'forward').message).toMatch(/NaN/);
    expect(part(report, 'forward').message).not.toMatch(/timed out/);
  }, 60_000);
});
