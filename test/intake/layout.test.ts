/**
 * The layouts courses really have, taken in as a user would give them (a folder on disk): who the
 * students are, which files each gets, and the note on everything that was not taken as it was.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeIn } from '../../graders/intake/index.ts';
import { tempDir } from '../helpers.ts';
import { listFiles, zipBuffer } from './zips.ts';

/** A folder holding `files` (path -> content; a path ending in / is an empty folder). */
function folderOf(files: Record<string, string>): string {
  const root = join(tempDir('nngrade-layout-'), 'class');
  mkdirSync(root);
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  }
  return root;
}

/** Each student: the files of their snapshot, their problem, notes and ids. */
async function studentsOf(path: string) {
  const intake = await takeIn([path], { allowNothing: true });
  return Object.fromEntries(intake.submissions.map((s) => [s.name, { files: s.problem ? [] : listFiles(s.dir), problem: s.problem, notes: s.notes, ids: s.ids }]));
}

describe('the intake lays out every layout a class arrives in', () => {
  it('plain folders: clutter ignored, a lone nested folder lifted, a loose .ts a student, main.ts graded as index.ts', async () => {
    const students = await studentsOf(folderOf({
      'alice/index.ts': 'a', 'alice/lib/math.ts': 'm', 'alice/.DS_Store': 'x', 'alice/node_modules/x/index.ts': 'x',
      'dan/homework/index.ts': 'd', 'dan/README.md': 'r',
      'zed.ts': 'z',
      'erin/': '',
      'frank/main.ts': 'f',
      'gina/index.js': 'g',
      '__MACOSX/alice/._index.ts': 'junk', '.git/config': 'x',
      'grades.xlsx': 'x',
    }));
    expect(Object.keys(students)).toEqual(['alice', 'dan', 'erin', 'frank', 'gina', 'zed']);
    expect(students.alice.files).toEqual(['index.ts', 'lib/math.ts']);
    expect(students.dan).toMatchObject({ files: ['index.ts'], notes: ['took the files inside homework/ (a folder uploaded whole); left beside it: README.md'] });
    expect(students.zed.files).toEqual(['index.ts']);
    expect(students.erin.problem).toBe('the folder is empty: nothing was submitted');
    expect(students.frank).toMatchObject({ files: ['index.ts', 'main.ts'], notes: ['graded main.ts as index.ts: it is the only TypeScript file (name the entry file index.ts)'] });
    expect(students.gina.problem).toMatch(/^no index\.ts in the folder \(found: index\.js\)/);
  });

  it("Moodle: the wrapper stripped, Name_ID kept with the participant id, file and online text merged, a folder uploaded whole lifted", async () => {
    const students = await studentsOf(folderOf({
      'Homework 3-1234/Alice Smith_101_assignsubmission_file_/index.ts': 'a',
      'Homework 3-1234/Alice Smith_101_assignsubmission_onlinetext_/onlinetext.html': '<p>done</p>',
      'Homework 3-1234/Борис Иванов_102_assignsubmission_file_/hw/index.ts': 'b',
      'Homework 3-1234/Борис Иванов_102_assignsubmission_file_/hw/layers.ts': 'l',
    }));
    expect(Object.keys(students)).toEqual(['Alice Smith_101', 'Борис Иванов_102']);
    expect(students['Alice Smith_101']).toMatchObject({ files: ['index.ts', 'onlinetext.html'], ids: { lms: 'moodle', moodleParticipant: '101' } });
    expect(students['Борис Иванов_102']).toMatchObject({ files: ['index.ts', 'layers.ts'], ids: { moodleParticipant: '102' } });
  });

  it('Canvas: flat files grouped by student, named by login, the latest attempt of each file kept, a late one too', async () => {
    const students = await studentsOf(folderOf({
      'smithalice_12345_67890_index.ts': 'old',
      'smithalice_12345_67890_index-1.ts': 'newer',
      'smithalice_12345_67890_index-2.ts': 'newest',
      'smithalice_12345_67890_helpers.ts': 'h',
      'ivanovboris_LATE_12346_67891_main.ts': 'b',
    }));
    expect(Object.keys(students)).toEqual(['ivanovboris', 'smithalice']);
    expect(students.smithalice).toMatchObject({ files: ['helpers.ts', 'index.ts'], ids: { lms: 'canvas', canvasUser: '12345', canvasSubmission: '67890', login: 'smithalice' } });
    expect([...students.smithalice.notes!].sort()).toEqual(['left out smithalice_12345_67890_index-1.ts: an older attempt', 'left out smithalice_12345_67890_index.ts: an older attempt']);
    expect(students.ivanovboris).toMatchObject({ files: ['index.ts', 'main.ts'], ids: { canvasUser: '12346' } });
  });

  it('a student who uploaded one zip: it is unpacked in the snapshot, laid out like any upload', async () => {
    const root = folderOf({ 'Alice Smith_101_assignsubmission_file_/README.txt': 'see zip', 'Bob_102_assignsubmission_file_/notes.txt': 'x' });
    writeFileSync(join(root, 'Alice Smith_101_assignsubmission_file_', 'hw3.zip'), await zipBuffer([{ name: 'hw3/index.ts', content: 'a' }, { name: 'hw3/lib.ts', content: 'l' }, { name: '__MACOSX/hw3/._index.ts', content: 'x' }]));
    writeFileSync(join(root, 'Bob_102_assignsubmission_file_', 'hw3.zip'), 'not a zip');
    const students = await studentsOf(root);
    expect(students['Alice Smith_101']).toMatchObject({ files: ['index.ts', 'lib.ts'], notes: ['unpacked hw3.zip, the zip the student uploaded', 'took the files inside hw3/ (a folder uploaded whole)'] });
    expect(students.Bob_102.problem).toMatch(/^hw3\.zip is not a readable zip file/);
  });

  it('the latest Canvas attempt is the one whose text is graded', async () => {
    const intake = await takeIn([folderOf({ 'smithalice_12345_67890_index.ts': 'old', 'smithalice_12345_67890_index-2.ts': 'newest', 'smithalice_12345_67890_index-1.ts': 'newer' })]);
    expect(readFileSync(join(intake.submissions[0].dir, 'index.ts'), 'utf8')).toBe('newest');
  });

  it('GitHub Classroom: assignment-login folders named by login', async () => {
    const students = await studentsOf(folderOf({ 'hw3-alice-s/index.ts': 'a', 'hw3-bob/index.ts': 'b', 'hw3-bob/.github/workflows/classroom.yml': 'x' }));
    expect(Object.keys(students)).toEqual(['alice-s', 'bob']);
    expect(students.bob).toMatchObject({ files: ['index.ts'], ids: { lms: 'classroom', login: 'bob' } });
  });

  it('one student given directly, named after the folder holding index.ts: the folder given, or the one folder in it', async () => {
    const alice = folderOf({ 'index.ts': 'a' });
    expect(Object.keys(await studentsOf(alice))).toEqual(['class']);
    const classOfOne = await studentsOf(folderOf({ 'alice/index.ts': 'd' }));
    expect(classOfOne).toMatchObject({ alice: { files: ['index.ts'] } });
  });

  it('a student named like a file of the batch (summary.csv) is renamed, so the gradebook is still written', async () => {
    const students = await studentsOf(folderOf({ 'alice/index.ts': 'export {};', 'summary.csv/index.ts': 'export {};', 'Intake.JSON/index.ts': 'export {};' }));
    expect(Object.keys(students).sort()).toEqual(['alice', 'student-Intake.JSON', 'student-summary.csv']);
    expect((students['student-summary.csv'].notes ?? []).join('\n')).toMatch(/named student-summary\.csv: summary\.csv is the name of a file the batch writes/);
  });

  it('the new name is one no student has: a classmate already named student-summary.csv stops nobody', async () => {
    const students = await studentsOf(folderOf({ 'summary.csv/index.ts': 'export {};', 'student-summary.csv/index.ts': 'export {};', 'student-summary.csv-2/index.ts': 'export {};' }));
    expect(Object.keys(students).sort()).toEqual(['student-summary.csv', 'student-summary.csv-2', 'student-summary.csv-3']);
    expect((students['student-summary.csv-3'].notes ?? []).join('\n')).toMatch(/named student-summary\.csv-3: summary\.csv is the name of a file the batch writes/);
    expect(students['student-summary.csv'].notes ?? []).toEqual([]);
  });

  it('writes one line per student and intake.json: the same decisions', async () => {
    const intake = await takeIn([folderOf({ 'alice/index.ts': 'a', 'erin/': '' })]);
    const { intakeLine } = await import('../../graders/intake/index.ts');
    const lines = intake.decisions.map(intakeLine);
    expect(lines[0]).toMatch(/^alice <- .*class\/alice: 1 file$/);
    expect(lines[1]).toMatch(/^erin <- .*class\/erin: nothing to grade: the folder is empty/);
    const { writeIntakeJson } = await import('../../graders/report/intake-json.ts');
    const out = tempDir();
    await writeIntakeJson(out, ['class'], intake);
    const file = JSON.parse(readFileSync(join(out, 'intake.json'), 'utf8'));
    expect(file.students.map((s: { student: string; files: string[] }) => [s.student, s.files])).toEqual([['alice', ['index.ts']], ['erin', []]]);
  });
});
