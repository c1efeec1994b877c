/**
 * The red-team corpus: hostile and broken submissions (test/submissions/hostile/, plus folders
 * built here that cannot be committed: symlinks, huge or odd files). Each case checks what a user
 * would notice: the affected part's status, a score of 0, the reason in its message, and that
 * grading returns. Limits are short so the file stays fast.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { takeIn } from '../../graders/intake/index.ts';
import { gradeSubmission, type GradeResult } from '../../graders/grade.ts';
import type { PartReport, PartStatus, Report } from '../../graders/report/schema.ts';
import { PART_IDS, RubricSchema, type PartId } from '../../graders/rubric.ts';
import { detectJail } from '../../graders/sandbox/jail.ts';
import { MAX_RESULT_NUMBERS } from '../../graders/sandbox/limits.ts';
import { ROOT, at, classOf, grade, gradingSettings, part, runScript, submissionOf, tempDir } from '../helpers.ts';

/**
 * Short limits only where a case is meant to hit them (a load, or forward, that never ends);
 * generous ones everywhere else, so that on a busy machine a part that should pass, fail, or run
 * out of memory is never cut short by the clock instead. The class runs use RUBRIC_JSON, whose
 * only short limits are the load and forward ones.
 */
const GENEROUS = { limits: { loadSeconds: 60 }, parts: { forward: { timeoutSeconds: 60 }, backward: { timeoutSeconds: 60 }, svm: { timeoutSeconds: 60 }, train: { timeoutSeconds: 60, epochs: 5 } } };
const RUBRIC_JSON = { ...GENEROUS, limits: { loadSeconds: 3 }, parts: { ...GENEROUS.parts, forward: { timeoutSeconds: 3 } } };
const unhurried = RubricSchema.parse(GENEROUS);
/** For a load that never ends. */
const shortLoad = RubricSchema.parse({ ...GENEROUS, limits: { loadSeconds: 3 } });
/** For a linearForward that never ends. */
const shortForward = RubricSchema.parse({ ...GENEROUS, parts: { ...GENEROUS.parts, forward: { timeoutSeconds: 3 } } });

/** No single grading may take longer than this: a hang fails the test instead of the suite. */
const GRADING_MS = 240_000;

const hostile = (name: string) => at('test', 'submissions', 'hostile', name);
const gradeDir = (dir: string, limits = unhurried): Promise<Report> => grade(dir, { rubric: limits });
const gradeFull = async (dir: string, limits = unhurried): Promise<GradeResult> => gradeSubmission({ name: 'student', dir }, { ...(await gradingSettings()), rubric: limits });

/**
 * alice's submission with her `name` renamed `alias` (her own calls of it follow), and `code` after
 * it: the test's own export of that name, which may call hers.
 */
const aliceWrapped = (name: 'linearForward' | 'train', alias: string, code: string): string =>
  submissionOf({ 'index.ts': `${readFileSync(at('submissions', 'alice', 'index.ts'), 'utf8').replace(`export function ${name}(`, `function ${alias}(`).replaceAll(`${name}(`, `${alias}(`)}${code}` });

let reference: Promise<Report> | undefined;
/** The reference under the generous rubric: what a correct submission scores here (train has 5 epochs). */
const referenceReport = () => (reference ??= gradeDir(at('reference')));

const summary = (p: PartReport) => ({ status: p.status, score: p.score, message: p.message });

/** The part lost every point, with one of the given statuses, for the reason given. */
function expectLost(expect: ExpectStatic, report: Report, id: PartId, status: PartStatus | PartStatus[], reason: RegExp | string): void {
  const statuses = Array.isArray(status) ? status : [status];
  const got = summary(part(report, id));
  expect.soft(statuses, `${id}: ${JSON.stringify(got)}`).toContain(got.status);
  expect.soft(got.score, `${id} score`).toBe(0);
  if (typeof reason === 'string') expect.soft(got.message, `${id} message`).toBe(reason);
  else expect.soft(got.message, `${id} message`).toMatch(reason);
}

/** Every part lost every point for the same reason. */
function expectAllLost(expect: ExpectStatic, report: Report, status: PartStatus | PartStatus[], reason: RegExp | string): void {
  expect(report.score).toBe(0);
  for (const id of PART_IDS) expectLost(expect, report, id, status, reason);
}

/** A function left unimplemented by a case, so that its part finishes fast. */
const NOT_IMPLEMENTED = /threw Error: not implemented \(at index\.ts:\d+:\d+\)/;

/** Files a case would create if it escaped the sandbox. */
const ESCAPES = ['import-fs-write', 'import-child-process', 'import-worker'].map((name) => `/tmp/nngrade-escape-${name}`);

beforeAll(() => {
  for (const file of ESCAPES) rmSync(file, { force: true });
});

describe.concurrent('never finishing', () => {
  it('an endless loop at import time: the load times out and every part says so', async ({ expect }) => {
    const report = await gradeDir(hostile('loop-at-import'), shortLoad);
    expect(report.loadError).toMatch(/^loading the submission timed out after 3 s/);
    for (const id of ['forward', 'backward', 'svm', 'train'] as const) expectLost(expect, report, id, 'timeout', /^loading the submission timed out after 3 s \(code at the top level/);
  }, GRADING_MS);

  it('an endless loop in linearForward costs forward only: a fresh child grades the rest', async ({ expect }) => {
    const report = await gradeDir(hostile('loop-in-forward'), shortForward);
    expectLost(expect, report, 'forward', 'timeout', /^timed out after 3 s in linearForward \(an endless loop, or far too slow\?\)$/);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
    expect(summary(part(report, 'svm'))).toEqual({ status: 'passed', score: 25, message: 'all 7 cases match' });
    expect(report.score).toBe(25);
  }, GRADING_MS);

  it('an endless loop from the fourth call on: the answers given before it are judged, the rest of forward times out', async ({ expect }) => {
    const report = await gradeDir(hostile('loop-in-a-later-call'), shortForward);
    const forward = part(report, 'forward');
    expect(forward.status).toBe('timeout');
    expect(forward.message).toMatch(/^timed out after 3 s in linearForward/);
    // The first case is asked twice (the same answer again, checked), then the second: three calls.
    expect(forward.tests.slice(0, 2).map((t) => t.passed)).toEqual([true, true]);
    expect(forward.score).toBeGreaterThan(0);
    for (const test of forward.tests.slice(2)) expect(test.message).toMatch(/timed out after 3 s in linearForward/);
    expect(summary(part(report, 'svm'))).toEqual({ status: 'passed', score: 25, message: 'all 7 cases match' });
  }, GRADING_MS);

  it('a rejection left unhandled by the third call ends the child and costs that call: the same report every time', async ({ expect }) => {
    // alice, whose linearForward (the one the grader calls; her train keeps its own) leaves a
    // rejected promise nobody handles on its third call.
    const dir = aliceWrapped('linearForward', 'aliceForward', `
let forwardCalls = 0;
export function linearForward(x: Matrix, w: Matrix, b: number[]): ReturnType<typeof aliceForward> {
  if (++forwardCalls === 3) void Promise.reject(new Error('stray'));
  return aliceForward(x, w, b);
}
`);
    const [first, second] = await Promise.all([1, 2].map(() => gradeDir(dir)));
    const forward = part(first, 'forward');
    // The first case is asked twice, then the second: the third call's microtasks are its own, so
    // it never answers, and the cases after it are not run.
    expect(forward.tests.map((t) => t.passed)).toEqual([true, false, false, false, false, false, false]);
    expect(forward.tests[1].message).toMatch(/exited with code 1/);
    expect(part(second, 'forward')).toEqual(forward);
    for (const id of ['backward', 'svm', 'train'] as const) expect(part(first, id).status).toBe('passed');
  }, GRADING_MS);

  it("a rejection left unhandled by a part's last call costs that part, not the next one", async ({ expect }) => {
    // alice, whose train leaves a rejected promise nobody handles on its last call (the second
    // run of the randomness case, on 48 rows): the child ends before forward is asked anything.
    const dir = aliceWrapped('train', 'aliceTrain', `
let shortRuns = 0;
export function train(...args: Parameters<typeof aliceTrain>): ReturnType<typeof aliceTrain> {
  if (args[0].length === 48 && ++shortRuns === 2) void Promise.reject(new Error('left behind by the last train call'));
  return aliceTrain(...args);
}
`);
    const report = await gradeDir(dir);
    for (const id of ['forward', 'backward', 'svm'] as const) expect(part(report, id).status, id).toBe('passed');
    const train = part(report, 'train');
    expect(train.tests.filter((t) => !t.passed).map((t) => t.message)).toEqual([expect.stringMatching(/exited with code 1/)]);
    expect(train.tests[0].passed).toBe(true);
  }, GRADING_MS);

  it('calls sent together still run one at a time: a call that returns a promise finishes before the next starts', async ({ expect }) => {
    // alice, whose linearForward answers through a timer, and fails any call that starts while
    // another is still under way, or that arrives out of order.
    const dir = aliceWrapped('linearForward', 'aliceForward', `
let busy = false;
let calls = 0;
export async function linearForward(x: Matrix, w: Matrix, b: number[]): Promise<ReturnType<typeof aliceForward>> {
  if (busy) throw new Error('overlap: a call started before the one before it had answered');
  busy = true;
  const mine = ++calls;
  await new Promise((resolve) => setTimeout(resolve, 20));
  busy = false;
  if (mine !== calls) throw new Error('another call ran meanwhile');
  return aliceForward(x, w, b);
}
`);
    const forward = part(await gradeDir(dir), 'forward');
    expect(forward.tests.filter((t) => !t.passed).map((t) => t.message)).toEqual([]);
    expect(forward.status).toBe('passed');
  }, GRADING_MS);

  it('a timer of no delay that a call leaves behind runs before the next call starts', async ({ expect }) => {
    // alice, whose linearForward tidies up after itself in a timer of no delay, and fails a call
    // that finds the tidying not done.
    const dir = aliceWrapped('linearForward', 'aliceForward', `
let untidy = false;
export function linearForward(x: Matrix, w: Matrix, b: number[]): ReturnType<typeof aliceForward> {
  if (untidy) throw new Error('the timer the call before left has not run');
  untidy = true;
  setTimeout(() => (untidy = false), 0);
  return aliceForward(x, w, b);
}
`);
    const forward = part(await gradeDir(dir), 'forward');
    expect(forward.tests.filter((t) => !t.passed).map((t) => t.message)).toEqual([]);
  }, GRADING_MS);

  it("onEpoch called from timers of no delay set just before train returns: every epoch is the call's, every time", async ({ expect }) => {
    // A train that returns at once (zeros) and reports each epoch from a timer of no delay set as
    // it returns: the timers are not due yet when it has returned.
    const dir = aliceWrapped('train', 'aliceTrain', `
export function train(x: number[][], _y: number[], options: { epochs?: number; onEpoch?: (epoch: number, loss: number) => void } = {}) {
  for (let epoch = 1; epoch <= (options.epochs ?? 1); epoch++) setTimeout(() => options.onEpoch?.(epoch, 1 / epoch), 0);
  return { W: x[0].map(() => new Array(10).fill(0)), b: new Array(10).fill(0) };
}
void aliceTrain;
`);
    const epochs = unhurried.parts.train.epochs;
    for (const report of await Promise.all([1, 2, 3].map(() => gradeDir(dir)))) {
      const train = part(report, 'train');
      expect((train.details as { losses: number[] }).losses).toEqual(Array.from({ length: epochs }, (_, i) => 1 / (i + 1)));
    }
  }, GRADING_MS);

  it('a training run that throws once is asked again for the next case that judges it', async ({ expect }) => {
    // alice, whose train throws on its second call only: the first update-rule run.
    const dir = aliceWrapped('train', 'aliceTrain', `
let trainCalls = 0;
export function train(...args: Parameters<typeof aliceTrain>): ReturnType<typeof aliceTrain> {
  if (++trainCalls === 2) throw new Error('only the second time');
  return aliceTrain(...args);
}
`);
    const report = await gradeDir(dir);
    const train = part(report, 'train');
    const [accuracy, ...updateRule] = train.tests;
    expect(accuracy.passed).toBe(true);
    // Runs shared by the three update-rule cases: only the first case saw the throw.
    expect(updateRule.filter((t) => !t.passed).map((t) => t.message)).toEqual([expect.stringMatching(/threw Error: only the second time/)]);
  }, GRADING_MS);

  it('a promise that never settles times out', async ({ expect }) => {
    const report = await gradeDir(hostile('promise-never-settles'), shortForward);
    expectLost(expect, report, 'forward', 'timeout', /^timed out after 3 s in linearForward/);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  }, GRADING_MS);

  it('endless recursion overflows the stack, named as such', async ({ expect }) => {
    const report = await gradeDir(hostile('endless-recursion'));
    expectLost(expect, report, 'forward', ['failed', 'error'], /linearForward threw RangeError: Maximum call stack size exceeded|overflowed the stack \(endless recursion\?\) during linearForward/);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  }, GRADING_MS);
});

describe.concurrent('resources', () => {
  it('unbounded heap growth runs out of memory during linearForward', async ({ expect }) => {
    const report = await gradeDir(hostile('heap-growth'));
    expectLost(expect, report, 'forward', 'error', /^ran out of memory \(512 MB\) during linearForward$/);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  }, GRADING_MS);

  it('4 GB of Buffers and typed arrays outside the heap stop at the address-space limit', async ({ expect }) => {
    const report = await gradeDir(hostile('huge-buffers'));
    expectLost(expect, report, 'forward', ['failed', 'error'], /linearForward threw RangeError: Array buffer allocation failed|^ran out of memory \(512 MB\) during linearForward$/);
    expect(part(report, 'forward').message).not.toMatch(/allocated all/);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  }, GRADING_MS);

  it('a result of 1e8 plain numbers runs out of memory (or hits the size cap) with a clear reason', async ({ expect }) => {
    const report = await gradeDir(hostile('huge-result'));
    expectLost(expect, report, 'forward', ['failed', 'error', 'timeout'], new RegExp(`^ran out of memory \\(512 MB\\) during linearForward$|holds more than ${MAX_RESULT_NUMBERS} numbers|^timed out after 60 s in linearForward`));
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  }, GRADING_MS);

  it.for(['huge-typed-result', 'huge-result-shared-rows'])('%s: 1e8 numbers in little memory are refused by the size cap', { timeout: GRADING_MS }, async (name, { expect }) => {
    const report = await gradeDir(hostile(name));
    expectLost(expect, report, 'forward', 'failed', new RegExp(`: reading the returned value failed: the returned value holds more than ${MAX_RESULT_NUMBERS} numbers$`));
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  });

  it('20 MB on stdout and on stderr: kept up to 64 KiB with a note, counted in full, and grading finishes', async ({ expect }) => {
    const { report, stdout, stderr } = await gradeFull(hostile('output-flood'));
    for (const id of PART_IDS) expectLost(expect, report, id, 'failed', NOT_IMPLEMENTED);
    for (const text of [stdout, stderr]) {
      expect(text.length).toBeLessThan(70 * 1024);
      expect(text).toMatch(/\n\[nngrade: output cut at 64 KiB; the submission printed \d+ bytes in all\]\n$/);
      const printed = Number(/printed (\d+) bytes/.exec(text)?.[1]);
      expect.soft(printed, 'the bytes the note says were printed').toBeGreaterThanOrEqual(20e6);
    }
    expect.soft(report.output.stdoutBytes, 'report.output.stdoutBytes').toBeGreaterThanOrEqual(20e6);
    expect.soft(report.output.stderrBytes, 'report.output.stderrBytes').toBeGreaterThanOrEqual(20e6);
  }, GRADING_MS);
});

describe.concurrent('leaving', () => {
  // The submission runs in a vm context without Node's process object: exit, abort, disconnect
  // and signals are not there to call. Each attempt costs its own part, and the next part scores.
  it.for([
    ['exit-in-backward', 'backward', 'linearBackward', 'passed'],
    ['abort', 'forward', 'linearForward', 'failed'],
    ['disconnect', 'forward', 'linearForward', 'passed'],
  ] as const)('%s: process is not there; the part fails and the next is graded as usual', { timeout: GRADING_MS }, async ([name, id, fn, svm], { expect }) => {
    const report = await gradeDir(hostile(name));
    expectLost(expect, report, id, 'failed', new RegExp(`${fn} threw ReferenceError: process is not defined`));
    expect(part(report, 'svm').status).toBe(svm);
  });

  it('throw 42', async ({ expect }) => {
    const report = await gradeDir(hostile('throw-number'));
    expectLost(expect, report, 'forward', 'failed', /: linearForward threw 42 \(not an Error\)$/);
  }, GRADING_MS);

  it('throw undefined', async ({ expect }) => {
    const report = await gradeDir(hostile('throw-undefined'));
    expectLost(expect, report, 'forward', 'failed', /: linearForward threw undefined \(not an Error\)$/);
  }, GRADING_MS);

  it('a returned Proxy whose get trap throws: reading the returned value failed', async ({ expect }) => {
    const report = await gradeDir(hostile('proxy-trap-throws'));
    expectLost(expect, report, 'forward', 'failed', /: reading the returned value failed: Error: trap: no reading/);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
  }, GRADING_MS);

  it('a returned object whose getter throws: reading the returned value failed', async ({ expect }) => {
    const report = await gradeDir(hostile('getter-throws'));
    expectLost(expect, report, 'forward', 'failed', /: reading the returned value failed: Error: getter: no reading$/);
  }, GRADING_MS);

});

describe.concurrent('lying', () => {
  it('a forged result printed on stdout earns nothing', async ({ expect }) => {
    const { report, stdout } = await gradeFull(hostile('forged-stdout'));
    expect(stdout).toContain('{"kind":"result","id":1,');
    expect(report.score).toBe(0);
    for (const id of PART_IDS) expectLost(expect, report, id, 'failed', /expected|is \d+x\d+, expected/);
  }, GRADING_MS);

  it('forged answers on the old IPC channel while loading: there is no channel to write to, the load fails', async ({ expect }) => {
    const report = await gradeDir(hostile('forged-ipc-at-import'));
    expectAllLost(expect, report, 'error', /^loading the submission threw ReferenceError: process is not defined/);
  }, GRADING_MS);

  it('forged answers inside the functions: no channel either', async ({ expect }) => {
    const report = await gradeDir(hostile('forged-ipc-in-functions'));
    expectAllLost(expect, report, 'error', /^loading the submission threw ReferenceError: process is not defined/);
  }, GRADING_MS);

  it('replacing built-ins at import time does not change how correct functions are graded', async ({ expect }) => {
    // The folder holds the tampering; the correct functions it re-exports are the reference's own.
    const folder = tempDir();
    cpSync(hostile('tampered-builtins'), folder, { recursive: true });
    cpSync(at('reference', 'index.ts'), join(folder, 'solution.ts'));
    const [report, expected] = await Promise.all([gradeDir(folder), referenceReport()]);
    expect(report.parts.map(summary)).toEqual(expected.parts.map(summary));
    expect(report.score).toBe(expected.score);
    expect(part(report, 'forward').status).toBe('passed');
    expect(part(report, 'svm').status).toBe('passed');
  }, GRADING_MS);
});

describe.concurrent('escaping', () => {
  // A computed import becomes a call of the module wrapper's require, which refuses in the
  // submission's own realm: no Node module is ever loaded.
  const ACCESS_DENIED = /linearForward threw Error: require\("node:[a-z_]+"\) is not available: a submission may import only its own files/;

  it.for([
    ['import-fs-read', undefined],
    ['import-fs-write', '/tmp/nngrade-escape-import-fs-write'],
    ['import-child-process', '/tmp/nngrade-escape-import-child-process'],
    ['import-worker', '/tmp/nngrade-escape-import-worker'],
  ] as const)('%s: a computed import of a builtin is refused, and nothing happens', { timeout: GRADING_MS }, async ([name, file], { expect }) => {
    const report = await gradeDir(hostile(name));
    expectLost(expect, report, 'forward', 'failed', ACCESS_DENIED);
    expectLost(expect, report, 'backward', 'failed', NOT_IMPLEMENTED);
    if (file) expect(existsSync(file), `${file} was created`).toBe(false);
  });

  it('reading the fixtures and the reference through absolute paths is denied', async ({ expect }) => {
    const dir = tempDir();
    const template = readFileSync(join(hostile('read-fixtures'), 'index.ts'), 'utf8');
    writeFileSync(join(dir, 'index.ts'), template.replaceAll('__ROOT__', ROOT.replace(/\/$/, '')));
    const report = await gradeDir(dir);
    expectLost(expect, report, 'forward', 'failed', ACCESS_DENIED);
    expect(part(report, 'forward').message).not.toContain('LEAKED');
  }, GRADING_MS);

  describe('a connection to a server on the grading machine', () => {
    const { missing } = detectJail();
    let connections = 0;
    let report: Promise<Report> | undefined;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const graded = () =>
      (report ??= new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))).then((port) => {
        const dir = tempDir();
        const template = readFileSync(join(hostile('network-connect'), 'index.ts'), 'utf8');
        writeFileSync(join(dir, 'index.ts'), template.replaceAll('__PORT__', String(port)));
        return gradeDir(dir);
      }));
    afterAll(() => {
      server.close();
    });

    it('earns nothing and grading returns', async ({ expect }) => {
      expect(part(await graded(), 'forward').score).toBe(0);
    }, GRADING_MS);

    it.skipIf(missing.length > 0)(`fails in the child's empty network namespace: the server sees no connection${missing.length > 0 ? ` (skipped: this machine lacks ${missing.join('; ')})` : ''}`, async ({ expect }) => {
      const got = await graded();
      expectLost(expect, got, 'forward', 'failed', /linearForward threw Error: require\("node:net"\) is not available/);
      expect(connections).toBe(0);
    }, GRADING_MS);
  });

  it('signalling the grader (its parent, -1, its group): there is no process to signal with, each part fails, the test process lives', async ({ expect }) => {
    const report = await gradeDir(hostile('signal-grader'));
    for (const [id, fn] of [['forward', 'linearForward'], ['backward', 'linearBackward'], ['svm', 'svmLoss'], ['train', 'train']] as const) {
      expectLost(expect, report, id, 'failed', new RegExp(`${fn} threw ReferenceError: process is not defined`));
    }
    expect(() => process.kill(process.pid, 0)).not.toThrow();
    expect(() => process.kill(process.ppid, 0)).not.toThrow();
  }, GRADING_MS);

  it('every known way out of the vm context to Node is closed (code from strings, host errors, call sites, globals)', async ({ expect }) => {
    const report = await gradeDir(hostile('vm-escapes'));
    const message = part(report, 'forward').message;
    // The last attempt ran, so every attempt did; none reached a process object.
    expect(message).toMatch(/globals of Node: got undefined/);
    expect(message).not.toContain('ESCAPED');
  }, GRADING_MS);

  it.for(['v8', 'trace_events', 'inspector'])('a computed import of node:%s is refused like any other', { timeout: GRADING_MS }, async (name, { expect }) => {
    const dir = submissionOf({ 'index.ts': `export async function linearForward(): Promise<unknown> {\n  const m = await import(['node', '${name}'].join(':'));\n  return Object.keys(m);\n}\n` });
    const report = await gradeDir(dir);
    expectLost(expect, report, 'forward', 'failed', new RegExp(`require\\("node:${name}"\\) is not available`));
  });

  it("a tsconfig.json of the submission is never read: 'extends' of a host file shows nothing of it", async ({ expect }) => {
    const dir = tempDir();
    cpSync(at('reference', 'index.ts'), join(dir, 'index.ts'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '/etc/passwd', compilerOptions: { paths: { '*': ['/etc/*'] } } }));
    const [{ report, stdout, stderr }, expected] = await Promise.all([gradeFull(dir), referenceReport()]);
    expect(report.parts.map(summary)).toEqual(expected.parts.map(summary));
    expect(JSON.stringify(report) + stdout + stderr).not.toMatch(/root:|\/bin\/(ba)?sh/);
  }, GRADING_MS);

  it('a symlink inside the folder to a file outside it (the reference) is refused', async ({ expect }) => {
    const dir = tempDir();
    symlinkSync(at('reference', 'index.ts'), join(dir, 'solution.ts'));
    writeFileSync(join(dir, 'index.ts'), "export * from './solution.ts';\n");
    const report = await gradeDir(dir);
    expectAllLost(expect, report, 'error', /^does not compile: index\.ts:1:\d+: import of '\.\/solution\.ts' is not allowed in a submission: it leads outside the submission's folder$/);
  }, GRADING_MS);

  it('an index.ts that is itself a symlink to the reference is refused', async ({ expect }) => {
    const dir = tempDir();
    symlinkSync(at('reference', 'index.ts'), join(dir, 'index.ts'));
    const report = await gradeDir(dir);
    expectAllLost(expect, report, 'error', /outside the submission's folder/);
  }, GRADING_MS);

  it("importing the reference through '../../../../reference/index' is refused by the import policy", async ({ expect }) => {
    const report = await gradeDir(hostile('import-reference'));
    expectAllLost(expect, report, 'error', /^does not compile: index\.ts:2:\d+: import of '\.\.\/\.\.\/\.\.\/\.\.\/reference\/index' is not allowed in a submission: it leads outside the submission's folder$/);
  }, GRADING_MS);
});

describe.concurrent('odd folders', () => {
  it('3000 files, one of them imported: graded like the code it imports', async ({ expect }) => {
    const dir = tempDir();
    for (let i = 0; i < 3000; i++) writeFileSync(join(dir, `f${String(i).padStart(4, '0')}.ts`), `export const n${i} = ${i};\n`);
    cpSync(at('reference', 'index.ts'), join(dir, 'solution.ts'));
    writeFileSync(join(dir, 'index.ts'), "export * from './solution.ts';\nexport { n1234 } from './f1234.ts';\n");
    const [report, expected] = await Promise.all([gradeDir(dir), referenceReport()]);
    expect(report.parts.map(summary)).toEqual(expected.parts.map(summary));
  }, GRADING_MS);

  it('a 3 MB index.ts is refused before it is read', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.ts'), `${`// ${'x'.repeat(96)}\n`.repeat(30_000)}export const linearForward = () => 1;\n`);
    const report = await gradeDir(dir);
    expectAllLost(expect, report, 'error', "does not compile: index.ts is 2.9 MiB; a submission's source files may be at most 1 MiB each");
  }, GRADING_MS);

  it('bytes that are not UTF-8 give a clear 0, not a crash', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.ts'), Buffer.from("export function linearForward(): string {\n  return '\xff\xfe\xc3\x28';\n}\n\xff\xfe\xfd \x80\x81\n", 'latin1'));
    const report = await gradeDir(dir);
    expect(report.loadError).toMatch(/^index\.ts:\d+:\d+: /);
    expectAllLost(expect, report, 'error', /^does not compile: index\.ts:\d+:\d+: /);
  }, GRADING_MS);

  it('index.ts a folder, an empty folder, no index.ts: each gets a report of 0 saying why', async ({ expect }) => {
    const klass = tempDir();
    cpSync(at('submissions', 'alice'), join(klass, 'alice'), { recursive: true });
    mkdirSync(join(klass, 'index-is-folder', 'index.ts'), { recursive: true });
    mkdirSync(join(klass, 'empty-folder'));
    mkdirSync(join(klass, 'no-index'));
    writeFileSync(join(klass, 'no-index', 'main.js'), 'export {};\n');
    writeFileSync(join(klass, 'no-index', 'notes.txt'), 'see main.js\n');

    const found = (await takeIn([klass])).submissions;
    const problems = Object.fromEntries(found.map((s) => [s.name.replace(/\/$/, ''), s.problem]));
    expect(problems).toEqual({
      alice: undefined,
      'empty-folder': 'the folder is empty: nothing was submitted',
      'index-is-folder': 'index.ts is a folder, not a file: the submission needs an index.ts file',
      'no-index': "no index.ts in the folder (found: main.js, notes.txt): the submission's entry file must be named index.ts",
    });
    const settings = { ...(await gradingSettings()), rubric: unhurried };
    for (const submission of found.filter((s) => s.problem)) {
      const { report } = await gradeSubmission(submission, settings);
      expectAllLost(expect, report, 'error', submission.problem!);
    }
  }, GRADING_MS);
});

// ---------------------------------------------------------------------------------------------
// Whole runs, as a user starts them: the command line, and a grader process of its own.

const cli = (args: string[]) => runScript('grade', args);

function rubricFile(): string {
  const file = join(tempDir(), 'rubric.json');
  writeFileSync(file, JSON.stringify(RUBRIC_JSON));
  return file;
}


let aliceAlone: Promise<string> | undefined;
/** alice's report.json from a run of alice alone, with the class runs' rubric. */
const aliceAloneReport = () =>
  (aliceAlone ??= (async () => {
    const out = tempDir();
    const run = await cli([join(classOf({ alice: at('submissions', 'alice') }), 'alice'), '--out', out, '--rubric', rubricFile()]);
    if (run.exitCode !== 0) throw new Error(`grading alice alone exited with ${run.exitCode}: ${run.stderr}`);
    return withoutSource(readFileSync(join(out, 'alice', 'report.json'), 'utf8'));
  })());

/** A report as graded, without where it was taken in from (two runs take alice from two folders). */
const withoutSource = (text: string) => {
  const { intake: _intake, ...report } = JSON.parse(text);
  return report;
};

const gitStatus = async () =>
  (await execa('git', ['status', '--porcelain'], { cwd: ROOT })).stdout
    .split('\n')
    .filter((line) => line && !/^.. "?reports\//.test(line))
    .sort();

describe.concurrent('a class with hostile students', () => {
  it('every student gets a report, the correct one is graded as if alone, nothing leaves --out', async ({ expect }) => {
    for (const file of ESCAPES) rmSync(file, { force: true });
    const before = await gitStatus();
    const students = ['loop-at-import', 'exit-in-backward', 'heap-growth', 'signal-grader', 'import-fs-write'];
    const klass = classOf({ alice: at('submissions', 'alice'), ...Object.fromEntries(students.map((name) => [name, hostile(name)])) });
    const out = join(tempDir(), 'reports');
    const run = await cli([klass, '--out', out, '--rubric', rubricFile(), '--jobs', '2']);
    expect(run.exitCode, run.stderr).toBe(0);
    for (const name of ['alice', ...students]) expect(existsSync(join(out, name, 'report.json')), `${name}/report.json`).toBe(true);
    expect(withoutSource(readFileSync(join(out, 'alice', 'report.json'), 'utf8'))).toEqual(await aliceAloneReport());
    expect(readdirSync(out).filter((name) => !name.startsWith('summary.') && name !== 'intake.json').sort()).toEqual(['alice', ...students].sort());
    expect(readdirSync(klass).sort()).toEqual(['alice', ...students].sort());
    for (const file of ESCAPES) expect(existsSync(file), `${file} was created`).toBe(false);
    expect(await gitStatus()).toEqual(before);
  }, GRADING_MS);

  it('a 2 KB index.ts of 1,000 nested parentheses (the batch type check) costs only its own report', async ({ expect }) => {
    const nested = `export const a = ${'('.repeat(1000)}1${')'.repeat(1000)};\n`;
    const klass = classOf({ alice: at('submissions', 'alice'), 'nested-parentheses': nested });
    const out = join(tempDir(), 'reports');
    const run = await cli([klass, '--out', out, '--rubric', rubricFile(), '--jobs', '2']);
    expect.soft(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(out, 'nested-parentheses', 'report.json')), 'nested-parentheses/report.json').toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'nested-parentheses', 'report.json'), 'utf8')).score).toBe(0);
    expect(withoutSource(readFileSync(join(out, 'alice', 'report.json'), 'utf8'))).toEqual(await aliceAloneReport());
  }, GRADING_MS);

  it("16,000 repeated exports (minutes of the bundler's every core) are stopped at the bundling limit; the student bundled beside them is graded in full", async ({ expect }) => {
    const repeated = `${'export const again: number = 1;\n'.repeat(16_000)}`;
    const klass = classOf({ 'repeated-exports': repeated, alice: at('submissions', 'alice') });
    const out = join(tempDir(), 'reports');
    const rubric = join(tempDir(), 'rubric.json');
    writeFileSync(rubric, JSON.stringify({ ...RUBRIC_JSON, limits: { ...RUBRIC_JSON.limits, bundleSeconds: 5 } }));
    const run = await cli([klass, '--out', out, '--rubric', rubric, '--jobs', '2']);
    expect.soft(run.exitCode, run.stderr).toBe(0);
    const stopped = JSON.parse(readFileSync(join(out, 'repeated-exports', 'report.json'), 'utf8')) as Report;
    expectAllLost(expect, stopped, 'error', /bundling the submission took longer than 5 s and was stopped/);
    // Bundled at the same time, in the same bundler: its bundling is started again, unharmed.
    const alice = withoutSource(readFileSync(join(out, 'alice', 'report.json'), 'utf8'));
    const alone = await aliceAloneReport();
    expect({ score: alice.score, parts: alice.parts }).toEqual({ score: alone.score, parts: alone.parts });
  }, GRADING_MS);

  it('an index.ts of 400,000 nested parentheses (under 1 MiB) costs only its own grade, not the next student\'s', async ({ expect }) => {
    // In a grader process of its own: the bundler is shared by every submission a process grades.
    const script = join(tempDir(), 'grade-in-order.mts');
    writeFileSync(
      script,
      [
        `import { gradeSubmission, DEFAULT_SEED } from ${JSON.stringify(pathToFileURL(at('graders', 'grade.ts')).href)};`,
        `import { buildSettings } from ${JSON.stringify(pathToFileURL(at('graders', 'settings.ts')).href)};`,
        `import { RubricSchema } from ${JSON.stringify(pathToFileURL(at('graders', 'rubric.ts')).href)};`,
        `const settings = await buildSettings({ fixtures: 'public', seed: DEFAULT_SEED, rubric: RubricSchema.parse(${JSON.stringify(RUBRIC_JSON)}) });`,
        'const reports = [];',
        "for (const dir of process.argv.slice(2)) reports.push((await gradeSubmission({ name: 'student', dir }, settings)).report);",
        'process.stdout.write(JSON.stringify(reports));',
      ].join('\n'),
    );
    const deep = tempDir();
    writeFileSync(join(deep, 'index.ts'), `export const a = ${'('.repeat(400_000)}1${')'.repeat(400_000)};\n`);
    const run = await execa(process.execPath, ['--import', 'tsx', script, deep, at('reference')], { cwd: ROOT, reject: false, stderr: 'ignore' });
    expect(run.exitCode).toBe(0);
    const [deepReport, after] = JSON.parse(run.stdout) as Report[];
    expect(deepReport.score).toBe(0);
    expect.soft(deepReport.parts[0].message, 'the reason given to the deeply nested submission').not.toMatch(/service/);
    const expected = await referenceReport();
    expect(after.parts.map(summary), 'the reference, graded next by the same process').toEqual(expected.parts.map(summary));
  }, GRADING_MS);
});
