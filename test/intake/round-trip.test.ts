/**
 * The class round trip: one class arriving as plain folders, a Moodle zip, a Canvas zip and a
 * GitHub Classroom folder is graded to the same students, scores and reasons; similarity runs on
 * each; and the grades go back as the CSV each LMS imports. The subject is the intake, not the
 * training: the runs train for 20 epochs (shortTrainingRubric), where alice still earns full marks.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, runScript, shortTrainingRubric, tempDir } from '../helpers.ts';
import { zipFile } from './zips.ts';

const GRADING_MS = 240_000;
const alice = readFileSync(at('submissions', 'alice', 'index.ts'), 'utf8');
const carol = readFileSync(at('submissions', 'carol', 'index.ts'), 'utf8');
const gina = 'export const linearForward = ;\n';

/** Each layout's files: path -> content. Names differ by LMS; `student` maps them back. */
const LAYOUTS: Record<string, Record<string, string>> = {
  folders: {
    'alice/index.ts': alice,
    'carol/index.ts': carol,
    'dan/homework/index.ts': carol,
    'dan/README.md': 'my homework',
    'erin/notes.txt': 'I will submit later',
    'frank/main.ts': carol,
    'gina/index.ts': gina,
    '__MACOSX/alice/._index.ts': 'junk',
  },
  moodle: {
    'HW3-42/alice_101_assignsubmission_file_/index.ts': alice,
    'HW3-42/alice_101_assignsubmission_onlinetext_/onlinetext.html': '<p>done</p>',
    'HW3-42/carol_102_assignsubmission_file_/index.ts': carol,
    'HW3-42/dan_103_assignsubmission_file_/homework/index.ts': carol,
    'HW3-42/dan_103_assignsubmission_file_/README.md': 'my homework',
    'HW3-42/erin_104_assignsubmission_file_/notes.txt': 'I will submit later',
    'HW3-42/frank_105_assignsubmission_file_/main.ts': carol,
    'HW3-42/gina_106_assignsubmission_file_/index.ts': gina,
  },
  canvas: {
    // alice's first attempt was carol's code; her latest (index-1.ts) is the one graded.
    'alice_201_301_index.ts': carol,
    'alice_201_301_index-1.ts': alice,
    'carol_202_302_index.ts': carol,
    'dan_LATE_203_303_index.ts': carol,
    'erin_204_304_notes.txt': 'I will submit later',
    'frank_205_305_main.ts': carol,
    'gina_206_306_index.ts': gina,
  },
  classroom: {
    'hw3-alice/index.ts': alice,
    'hw3-alice/.github/workflows/classroom.yml': 'on: push',
    'hw3-carol/index.ts': carol,
    'hw3-dan/homework/index.ts': carol,
    'hw3-dan/README.md': 'my homework',
    'hw3-erin/notes.txt': 'I will submit later',
    'hw3-frank/main.ts': carol,
    'hw3-gina/index.ts': gina,
  },
};

const student = (name: string) => name.replace(/_\d+$/, '');

function folderOf(files: Record<string, string>): string {
  const root = join(tempDir('nngrade-class-'), 'class');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const zipOf = (files: Record<string, string>, name: string) => zipFile(Object.entries(files).map(([path, content]) => ({ name: path, content })), undefined, name);

interface Row {
  student: string;
  score: number;
  status: string;
  reason: string;
}

const rubric = shortTrainingRubric();

async function gradeClass(path: string, args: string[] = []) {
  const out = tempDir('nngrade-out-');
  const run = await runScript('grade', [path, '--out', out, '--jobs', '2', '--rubric', rubric, ...args]);
  expect(run.exitCode, run.stderr).toBe(0);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { students: Row[] };
  const rows = summary.students.map((s) => ({ student: student(s.student), score: s.score, status: s.status, reason: s.reason }));
  return { out, run, rows };
}

/** The Canvas assignment named for the export's own gradebook column. */
const CANVAS_ASSIGNMENT = ['--canvas-assignment', 'Homework 3 (4242)'];

let layouts: Promise<Record<string, Awaited<ReturnType<typeof gradeClass>>>> | undefined;
/**
 * The class graded once from each layout; the Canvas run names its assignment, and the gradebook
 * test reads that run's output.
 */
const gradedLayouts = () =>
  (layouts ??= (async () => {
    const sources = {
      folders: folderOf(LAYOUTS.folders),
      'folders as a zip': await zipOf(LAYOUTS.folders, 'class.zip'),
      moodle: await zipOf(LAYOUTS.moodle, 'moodle.zip'),
      canvas: await zipOf(LAYOUTS.canvas, 'submissions.zip'),
      classroom: folderOf(LAYOUTS.classroom),
    };
    const graded: Record<string, Awaited<ReturnType<typeof gradeClass>>> = {};
    for (const [layout, path] of Object.entries(sources)) graded[layout] = await gradeClass(path, layout === 'canvas' ? CANVAS_ASSIGNMENT : []);
    return graded;
  })());

describe('one class, every way it arrives', () => {
  it('gives the same students, scores and reasons as folders, a zip of them, a Moodle zip, a Canvas zip and a Classroom folder', async () => {
    const graded = Object.fromEntries(Object.entries(await gradedLayouts()).map(([layout, { rows }]) => [layout, rows]));

    expect(graded.folders).toEqual([
      { student: 'alice', score: 100, status: 'full', reason: '' },
      { student: 'carol', score: 45, status: 'not-implemented', reason: 'not implemented: backward, train' },
      { student: 'dan', score: 45, status: 'not-implemented', reason: 'not implemented: backward, train' },
      { student: 'erin', score: 0, status: 'no-submission', reason: expect.stringMatching(/^no submission: no index\.ts in the folder \(found: notes\.txt\)/) },
      { student: 'frank', score: 45, status: 'not-implemented', reason: 'not implemented: backward, train' },
      { student: 'gina', score: 0, status: 'does-not-compile', reason: expect.stringMatching(/^does not compile: index\.ts:1:\d+: /) },
    ]);
    for (const layout of Object.keys(graded)) expect(graded[layout], layout).toEqual(graded.folders);
  }, GRADING_MS);

  it('similarity compares the same students from each layout, the copy uploaded as main.ts included', async () => {
    const sources = [folderOf(LAYOUTS.folders), await zipOf(LAYOUTS.moodle, 'moodle.zip'), await zipOf(LAYOUTS.canvas, 'submissions.zip'), folderOf(LAYOUTS.classroom)];
    for (const path of sources) {
      const out = tempDir('nngrade-sim-');
      const run = await runScript('similarity', [path, '--out', out]);
      expect(run.exitCode, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'similarity.json'), 'utf8')) as { submissions: string[] };
      expect(report.submissions.map(student)).toEqual(['alice', 'carol', 'dan', 'frank', 'gina']);
      expect(run.stderr).toMatch(/left out erin(_104)?: no index\.ts/);
    }
  }, GRADING_MS);
});

describe('grades back into the LMS', () => {
  it("writes Moodle's grading worksheet with each participant's id, and says which students have none and why", async () => {
    const zoe = join(tempDir(), 'zoe');
    cpSync(at('submissions', 'carol'), zoe, { recursive: true });
    const out = tempDir('nngrade-out-');
    const run = await runScript('grade', [await zipOf(LAYOUTS.moodle, 'moodle.zip'), zoe, '--out', out, '--jobs', '2', '--rubric', rubric]);
    expect(run.exitCode, run.stderr).toBe(0);
    const csv = readFileSync(join(out, 'moodle-grading-worksheet.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\n');
    expect(lines[0]).toBe('Identifier,Full name,Grade,Maximum Grade,Last modified (grade),Feedback comments');
    expect(lines[1]).toMatch(/^Participant 101,alice,100,100,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC,100\/100$/);
    expect(lines[2]).toMatch(/^Participant 102,carol,45,100,[^,]+,"45\/100: not implemented: backward, train"$/);
    expect(lines).toHaveLength(7);
    expect(run.stderr).toMatch(/^grade: left out of the Moodle worksheet, for want of an id \(enter their grades by hand\): zoe \(no Moodle participant id in the name of .*zoe\)$/m);
  }, GRADING_MS);

  it("writes Canvas's gradebook import with each student's user id, under the assignment's column", async () => {
    const { out, run } = (await gradedLayouts()).canvas;
    const lines = readFileSync(join(out, 'canvas-gradebook-import.csv'), 'utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe('Student,ID,SIS User ID,SIS Login ID,Section,Homework 3 (4242)');
    expect(lines.slice(1)).toEqual(['alice,201,,,,100', 'carol,202,,,,45', 'dan,203,,,,45', 'erin,204,,,,0', 'frank,205,,,,45', 'gina,206,,,,0']);
    expect(run.stderr).toMatch(/^grade: Canvas gradebook import: .*canvas-gradebook-import\.csv \(6 students\)$/m);
    expect(existsSyncSafe(join(out, 'moodle-grading-worksheet.csv'))).toBe(false);
  }, GRADING_MS);
});

function existsSyncSafe(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
