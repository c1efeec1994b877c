/**
 * Which student each file belongs to, and where it goes in their submission: a pure decision on a
 * list of paths, so that a folder and a zip of the same class give the same students.
 *
 * The root is one submission when it holds index.ts (or, holding no folder, a single .ts file);
 * a root holding only one folder is entered (a wrapper around the class, or a folder around one
 * submission). Otherwise each folder is a student (Moodle's `Name_ID_assignsubmission_file_`
 * folders named `Name_ID`, the file and online-text folders of one student merged; GitHub
 * Classroom's `assignment-login` named `login`), each Canvas file `login_userid_subid_name` joins
 * its student's files, and each other loose `.ts` file is a student of its own.
 *
 * Inside a student: a lone folder holding TypeScript, with no .ts file beside it, is lifted (a
 * folder uploaded whole);
 * without index.ts, a single .ts file is graded as index.ts, with a note.
 */
import { t } from '../i18n/index.ts';
import { classroomPrefix, idsOfCanvas, idsOfMoodle, parseCanvasFile, parseMoodleFolder } from './lms-names.ts';
import type { LmsIds } from './schema.ts';

export interface SourceEntry<R = unknown> {
  /** The path inside the folder or zip, checked: no empty, `.` or `..` segment. */
  segments: string[];
  /** Links and pipes are listed so that the snapshot can say why it refused them; folders so that an empty one is a student. */
  kind: 'file' | 'folder' | 'link' | 'special';
  bytes: number;
  ref: R;
}

export interface PlacedFile<R = unknown> {
  from: SourceEntry<R>;
  /** The path inside the student's snapshot folder. */
  to: string[];
}

export interface StudentPlan<R = unknown> {
  name: string;
  /** The student's folder or file inside the source, for messages ('' for the source itself). */
  source: string;
  ids: LmsIds;
  files: PlacedFile<R>[];
  notes: string[];
  problem?: string;
  /** The student's upload is this one zip, to unpack in the snapshot. */
  zip?: string;
  /** The one TypeScript file, not named index.ts, that is graded: index.ts re-exports it. */
  entry?: string;
}

export interface SourcePlan<R = unknown> {
  students: StudentPlan<R>[];
  /** Top-level items that belong to no student. */
  ignored: string[];
}

/** What archivers, editors and package managers add: never part of a submission. */
const CLUTTER = new Set(['__MACOSX', 'node_modules', 'Thumbs.db', 'desktop.ini']);
export const isClutter = (segment: string) => segment.startsWith('.') || CLUTTER.has(segment);

type Rel<R> = { from: SourceEntry<R>; rel: string[] };
const isTs = (name: string) => name.endsWith('.ts') && !name.endsWith('.d.ts');
const listed = (names: string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? t().andMore(names.length - 5) : '');

/** One student's files laid out for grading: lifted, renamed, or why there is nothing to grade. */
export function resolveSubmission<R>(files: Rel<R>[]): { files: PlacedFile<R>[]; notes: string[]; problem?: string; zip?: string; entry?: string } {
  const notes: string[] = [];
  if (files.some((f) => f.from.kind === 'folder' && f.rel.length === 1 && f.rel[0] === 'index.ts') && !files.some((f) => f.rel.length === 1 && f.rel[0] === 'index.ts' && f.from.kind !== 'folder')) {
    return { files: [], notes, problem: t().indexIsFolder };
  }
  let current = files.filter((f) => f.from.kind !== 'folder' && f.rel.length > 0);
  const hasIndex = () => current.some((f) => f.rel.length === 1 && f.rel[0] === 'index.ts');
  for (;;) {
    if (hasIndex()) break;
    const tsAtTop = current.filter((f) => f.rel.length === 1 && isTs(f.rel[0]));
    const folders = new Set(current.filter((f) => f.rel.length > 1).map((f) => f.rel[0]));
    if (tsAtTop.length > 0 || folders.size !== 1) break;
    const [folder] = folders;
    // Only a folder holding TypeScript is the homework uploaded whole; `notes/` beside main.js is not.
    if (!current.some((f) => f.rel.length > 1 && f.rel[0] === folder && isTs(f.rel.at(-1)!))) break;
    const left = current.filter((f) => f.rel.length === 1).map((f) => f.rel[0]);
    notes.push(t().intakeLifted(folder, left.length > 0 ? listed(left) : undefined));
    current = current.filter((f) => f.rel.length > 1).map((f) => ({ from: f.from, rel: f.rel.slice(1) }));
  }
  if (hasIndex()) return { files: current.map((f) => ({ from: f.from, to: f.rel })), notes };
  if (current.length === 0) return { files: [], notes, problem: t().emptyFolder };
  const tsAtTop = current.filter((f) => f.rel.length === 1 && isTs(f.rel[0]));
  if (tsAtTop.length === 1) {
    const only = tsAtTop[0].rel[0];
    notes.push(t().intakeGradedAs(only));
    return { files: current.map((f) => ({ from: f.from, to: f.rel })), notes, entry: only };
  }
  // A student who uploaded one zip (to Moodle or Canvas): it is taken, and unpacked in the snapshot.
  const zips = current.filter((f) => f.rel.length === 1 && f.rel[0].toLowerCase().endsWith('.zip'));
  if (tsAtTop.length === 0 && zips.length === 1) return { files: [{ from: zips[0].from, to: zips[0].rel }], notes, zip: zips[0].rel[0] };
  const shown = [...new Set(current.map((f) => (f.rel.length > 1 ? `${f.rel[0]}/` : f.rel[0])))].sort();
  return { files: [], notes, problem: t().noIndex(listed(shown)) };
}

function studentOf<R>(name: string, source: string, ids: LmsIds, files: Rel<R>[], notes: string[] = []): StudentPlan<R> {
  const resolved = resolveSubmission(files);
  const { problem, zip, entry } = resolved;
  return { name, source, ids, files: resolved.files, notes: [...notes, ...resolved.notes], ...(problem ? { problem } : {}), ...(zip ? { zip } : {}), ...(entry ? { entry } : {}) };
}

/** Canvas: keep the latest submission and, per file name, the latest attempt. */
function canvasStudent<R>(files: Array<{ entry: SourceEntry<R>; parsed: NonNullable<ReturnType<typeof parseCanvasFile>> }>, source: string): StudentPlan<R> {
  const latestSubmission = files.reduce((max, f) => Math.max(max, Number(f.parsed.submissionId ?? 0)), 0);
  const notes: string[] = [];
  const byName = new Map<string, (typeof files)[number]>();
  for (const f of files) {
    if (Number(f.parsed.submissionId ?? 0) !== latestSubmission) {
      notes.push(t().intakeOlderAttempt(f.entry.segments.at(-1)!));
      continue;
    }
    const other = byName.get(f.parsed.file);
    const [newer, older] = !other || f.parsed.attempt > other.parsed.attempt ? [f, other] : [other, f];
    byName.set(f.parsed.file, newer);
    if (older) notes.push(t().intakeOlderAttempt(older.entry.segments.at(-1)!));
  }
  const first = files[0].parsed;
  const rel = [...byName.values()].map((f) => ({ from: f.entry, rel: [f.parsed.file] }));
  return studentOf(first.login, source, idsOfCanvas(first), rel, notes);
}

/** The students of a class laid out at `prefix` (the segments of the wrapper folders entered). */
function planClass<R>(entries: Rel<R>[], prefix: string[]): SourcePlan<R> {
  const at = (...segments: string[]) => [...prefix, ...segments].join('/');
  const ignored: string[] = [];
  const students: StudentPlan<R>[] = [];
  const folders = new Map<string, Rel<R>[]>();
  const loose: Rel<R>[] = [];
  for (const e of entries) {
    if (e.from.kind === 'folder' && e.rel.length === 1) {
      if (!folders.has(e.rel[0])) folders.set(e.rel[0], []);
      continue;
    }
    if (e.rel.length === 1) loose.push(e);
    else folders.set(e.rel[0], [...(folders.get(e.rel[0]) ?? []), { from: e.from, rel: e.rel.slice(1) }]);
  }

  // Moodle folders of one student (file, online text) become one submission.
  const moodle = new Map<string, { ids: LmsIds; files: Rel<R>[]; sources: string[] }>();
  const plain: string[] = [];
  for (const [folder, files] of folders) {
    const m = parseMoodleFolder(folder);
    if (!m) {
      plain.push(folder);
      continue;
    }
    const student = moodle.get(m.student) ?? { ids: idsOfMoodle(m), files: [], sources: [] };
    student.files.push(...files);
    student.sources.push(at(folder));
    moodle.set(m.student, student);
  }
  for (const [name, s] of moodle) students.push(studentOf(name, s.sources.sort().join(', '), s.ids, s.files));

  const prefixOfClassroom = classroomPrefix(plain);
  for (const folder of plain) {
    const name = prefixOfClassroom ? folder.slice(prefixOfClassroom.length) : folder;
    const ids: LmsIds = prefixOfClassroom ? { lms: 'classroom', login: name } : {};
    students.push(studentOf(name, at(folder), ids, folders.get(folder)!));
  }

  const canvas = new Map<string, Array<{ entry: SourceEntry<R>; parsed: NonNullable<ReturnType<typeof parseCanvasFile>> }>>();
  for (const e of loose) {
    const name = e.rel[0];
    const parsed = parseCanvasFile(name);
    if (parsed) canvas.set(parsed.userId, [...(canvas.get(parsed.userId) ?? []), { entry: e.from, parsed }]);
    else if (isTs(name) && !folders.has(name.slice(0, -3))) students.push(studentOf(name.slice(0, -3), at(name), {}, [{ from: e.from, rel: ['index.ts'] }]));
    else if (isTs(name)) ignored.push(t().intakeLooseBesideFolder(at(name), name.slice(0, -3)));
    else ignored.push(t().intakeNotASubmission(at(name)));
  }
  for (const files of canvas.values()) students.push(canvasStudent(files, at(`${files[0].parsed.login}_*`)));

  // Two students of one name (a Canvas login and a folder, say) keep both, the second renamed.
  const seen = new Map<string, number>();
  for (const s of students.sort((a, b) => a.name.localeCompare(b.name) || a.source.localeCompare(b.source))) {
    const count = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, count);
    if (count > 1) {
      s.notes.push(t().intakeRenamed(s.name, `${s.name}-${count}`));
      s.name = `${s.name}-${count}`;
    }
  }
  return { students, ignored };
}

/**
 * Plans a whole source (a folder or a zip): `rootName` names a submission found at its root, and
 * one found inside lone folders is named after the innermost.
 * `single` takes the whole source as one submission whatever it holds (a Gradescope upload, the
 * self-check).
 */
export function planSource<R>(all: SourceEntry<R>[], rootName: string, single = false): SourcePlan<R> {
  let entries: Rel<R>[] = all.filter((e) => !e.segments.some(isClutter)).map((from) => ({ from, rel: from.segments }));
  if (single) return { students: [studentOf(rootName, '', {}, entries)], ignored: [] };
  const prefix: string[] = [];
  const names = [rootName];
  for (;;) {
    entries = entries.filter((e) => e.rel.length > 0);
    const top = entries.filter((e) => e.rel.length === 1 && e.from.kind !== 'folder').map((e) => e.rel[0]);
    const folders = new Set(entries.filter((e) => e.rel.length > 1 || e.from.kind === 'folder').map((e) => e.rel[0]));
    const oneSubmission = top.includes('index.ts') || (folders.size === 0 && top.filter(isTs).length === 1 && !parseCanvasFile(top.find(isTs)!));
    if (oneSubmission) {
      // Named after the folder holding it (a class of one student's folder), an LMS folder by its student.
      const lms = names.map((n) => parseMoodleFolder(n)).filter((m) => m !== undefined).at(-1);
      const name = names.at(-1)!;
      return { students: [lms ? studentOf(lms.student, prefix.join('/'), idsOfMoodle(lms), entries) : studentOf(name, prefix.join('/'), {}, entries)], ignored: [] };
    }
    if (top.length > 0 || folders.size !== 1) break;
    const [folder] = folders;
    prefix.push(folder);
    names.push(folder);
    entries = entries.map((e) => ({ from: e.from, rel: e.rel.slice(1) }));
  }
  return planClass(entries, prefix);
}
