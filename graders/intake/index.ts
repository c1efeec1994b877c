/**
 * The one way in for every command that reads submissions (grade, check, similarity, the
 * Gradescope runner): a folder, a zip of a class as an LMS exports it, or a single .ts file,
 * laid out into students by layout.ts and copied into a private snapshot by snapshot.ts. What
 * comes out is a Submission per student whose `dir` is the snapshot, and a decision per student
 * (where it came from, which files, what was lifted, renamed or refused) for the terminal and
 * `<out>/intake.json`.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Submission } from '../grade.ts';
import { t } from '../i18n/index.ts';
import { isClutter, planSource, resolveSubmission, type SourceEntry, type StudentPlan } from './layout.ts';
import type { IntakeDecision } from './schema.ts';
import { copyRegularFile, createSnapshotRoot, SnapshotBudget, type SnapshotLimits, SNAPSHOT_LIMITS } from './snapshot.ts';
import { IntakeError, listFolder, listZip } from './source.ts';
import { UntrustedZip, ZipError, type ZipFileEntry, type ZipLimits } from './zip.ts';

export { IntakeError } from './source.ts';

/** A class export: many students, each a few small files. */
export const CLASS_EXPORT_LIMITS: ZipLimits = { maxEntries: 20_000, maxEntryBytes: SNAPSHOT_LIMITS.maxFileBytes, maxTotalBytes: 256 * 2 ** 20 };

export interface IntakeOptions {
  /** Take each path as one submission whatever it holds (the self-check, a Gradescope upload). */
  single?: boolean;
  /** The student's name in single mode (default: the folder's name). */
  name?: string;
  /** Grade even when no student has anything to grade (a Gradescope upload gets its 0 and why). */
  allowNothing?: boolean;
  /** The paths as the user wrote them, for messages (default: as given). */
  shown?: string[];
  zipLimits?: ZipLimits;
  snapshotLimits?: SnapshotLimits;
}

export interface Intake {
  submissions: Submission[];
  decisions: IntakeDecision[];
  /** Entries that belong to no student, or that a zip could not give: one line each. */
  warnings: string[];
}

type Ref = string | ZipFileEntry | undefined;

/** A folder whose only content is one .zip (a Gradescope upload of a zip) is that zip. */
function loneZip(dir: string): string | undefined {
  const names = readdirSync(dir).filter((n) => !isClutter(n));
  return names.length === 1 && names[0].toLowerCase().endsWith('.zip') && statSync(join(dir, names[0])).isFile() ? join(dir, names[0]) : undefined;
}

async function copyStudent(plan: StudentPlan<Ref>, into: string, zip: UntrustedZip | undefined, limits: SnapshotLimits): Promise<{ taken: string[]; refused: string[] }> {
  mkdirSync(into, { recursive: true, mode: 0o700 });
  const budget = new SnapshotBudget(limits);
  const refused: string[] = [];
  const taken: string[] = [];
  for (const { from, to } of plan.files) {
    const shown = to.join('/');
    let reason: string | undefined;
    if (from.kind === 'link') reason = t().intakeRefusedLink;
    else if (from.kind === 'special') reason = t().intakeRefusedSpecial;
    else if (typeof from.ref === 'string') reason = copyRegularFile(from.ref, join(into, ...to), budget);
    else if (zip && from.ref) {
      reason = budget.take(from.bytes);
      if (!reason) reason = (await zip.unpack(from.ref, into, to))?.replace(/^skipped "[^"]*": /, '');
    }
    if (reason) refused.push(t().intakeLeftOut(shown, reason));
    else taken.push(to.join('/'));
  }
  return { taken, refused };
}

/**
 * index.ts for a submission whose only TypeScript file is `entry` (main.ts): it re-exports that
 * file, so that messages and type warnings name the student's own file and line.
 */
function writeEntryShim(dir: string, entry: string): void {
  const text = readFileSync(join(dir, entry), 'utf8');
  const from = JSON.stringify(`./${entry}`);
  const hasDefault = /\bexport\s+default\b|\bas\s+default\b/.test(text);
  writeFileSync(join(dir, 'index.ts'), `export * from ${from};\n${hasDefault ? `export { default } from ${from};\n` : ''}`, { flag: 'wx', mode: 0o600 });
}

/** A student's own zip, inside an export: small, like one student's homework. */
export const UPLOAD_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxEntryBytes: SNAPSHOT_LIMITS.maxFileBytes, maxTotalBytes: SNAPSHOT_LIMITS.maxStudentBytes };

/**
 * Unpacks the one zip a student uploaded (already copied into their snapshot folder) in place,
 * laid out like any upload (a folder inside lifted, a lone main.ts graded as index.ts).
 */
async function unpackUploadedZip(dir: string, name: string): Promise<{ taken: string[]; notes: string[]; problem?: string; entry?: string }> {
  const path = join(dir, name);
  let zip: UntrustedZip;
  try {
    zip = await UntrustedZip.open(path, UPLOAD_ZIP_LIMITS, name);
  } catch (error) {
    if (error instanceof ZipError) return { taken: [], notes: [], problem: error.message };
    throw error;
  }
  const inner = join(dir, '.unpacked');
  try {
    const entries = listZip(zip).filter((e) => !e.segments.some(isClutter)).map((from) => ({ from, rel: from.segments }));
    const resolved = resolveSubmission(entries);
    const notes = [t().intakeUnpacked(name), ...zip.refused, ...resolved.notes];
    if (resolved.problem) return { taken: [], notes, problem: `${name}: ${resolved.problem}` };
    const taken: string[] = [];
    for (const { from, to } of resolved.files) {
      const reason = from.ref ? await zip.unpack(from.ref, inner, to) : undefined;
      if (reason) notes.push(reason);
      else taken.push(to.join('/'));
    }
    rmSync(path);
    for (const entry of readdirSync(inner)) renameSync(join(inner, entry), join(dir, entry));
    return { taken, notes, ...(resolved.entry ? { entry: resolved.entry } : {}) };
  } catch (error) {
    if (error instanceof ZipError) return { taken: [], notes: [], problem: error.message };
    throw error;
  } finally {
    zip.close();
    rmSync(inner, { recursive: true, force: true });
  }
}

async function takeInOne(path: string, shown: string, snapshotRoot: string, counter: { n: number }, options: IntakeOptions): Promise<Intake> {
  const absolute = resolve(path);
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (!stat) throw new IntakeError(t().intakeMissing(shown));
  const zipPath = stat.isFile() && absolute.toLowerCase().endsWith('.zip') ? absolute : stat.isDirectory() ? loneZip(absolute) : undefined;
  let zip: UntrustedZip | undefined;
  let entries: SourceEntry<Ref>[];
  let rootName = options.name ?? basename(absolute, extname(absolute));
  const warnings: string[] = [];
  if (zipPath) {
    try {
      zip = await UntrustedZip.open(zipPath, options.zipLimits ?? CLASS_EXPORT_LIMITS, zipPath === absolute ? shown : basename(zipPath));
    } catch (error) {
      if (error instanceof ZipError) throw new IntakeError(error.message);
      throw error;
    }
    entries = listZip(zip);
    warnings.push(...zip.refused);
    if (zipPath !== absolute && !options.name) rootName = basename(absolute);
  } else if (stat.isDirectory()) {
    entries = listFolder(absolute, shown);
  } else if (stat.isFile() && absolute.endsWith('.ts')) {
    entries = [{ segments: [basename(absolute)], kind: 'file', bytes: stat.size, ref: absolute }];
  } else {
    throw new IntakeError(t().intakeNotAFolder(shown));
  }
  try {
    const plan = planSource(entries, rootName, options.single);
    warnings.push(...plan.ignored);
    const submissions: Submission[] = [];
    const decisions: IntakeDecision[] = [];
    for (const student of plan.students) {
      const dir = join(snapshotRoot, String(++counter.n));
      let { taken, refused } = student.problem ? { taken: [] as string[], refused: [] as string[] } : await copyStudent(student, dir, zip, options.snapshotLimits ?? SNAPSHOT_LIMITS);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      let problem = student.problem;
      let unpackedEntry: string | undefined;
      if (student.zip && taken.includes(student.zip)) {
        const unpacked = await unpackUploadedZip(dir, student.zip);
        taken = unpacked.taken;
        student.notes.push(...unpacked.notes);
        problem = unpacked.problem;
        unpackedEntry = unpacked.entry;
      }
      const entry = student.entry ?? unpackedEntry;
      if (!problem && entry && taken.includes(entry)) {
        writeEntryShim(dir, entry);
        taken.push('index.ts');
      }
      // index.ts itself refused (a link, a pipe, too large): nothing can be graded, and the note says why.
      if (!problem && !taken.includes('index.ts')) problem = refused.find((r) => r.includes('index.ts')) ?? t().emptyFolder;
      const source = student.source === '' ? shown : `${shown}/${student.source}`;
      const notes = [...student.notes, ...refused];
      submissions.push({ name: student.name, dir, source, notes, refused, ids: student.ids, ...(problem ? { problem } : {}) });
      decisions.push({ student: student.name, source, files: problem ? [] : taken, notes, ...(problem ? { problem } : {}), ids: student.ids });
    }
    return { submissions, decisions, warnings };
  } catch (error) {
    // The zip passed its total limit while unpacking (its headers understated the sizes).
    if (error instanceof ZipError) throw new IntakeError(error.message);
    throw error;
  } finally {
    zip?.close();
  }
}

/** The files a batch writes in its output folder beside the students' folders. */
export const BATCH_FILE_NAMES: ReadonlySet<string> = new Set([
  'summary.csv',
  'summary.json',
  'summary.html',
  'intake.json',
  'moodle-grading-worksheet.csv',
  'canvas-gradebook-import.csv',
]);

/** Takes in every path (folders, zips, .ts files) into one private snapshot. Throws IntakeError for a path that cannot be used at all. */
export async function takeIn(paths: string[], options: IntakeOptions = {}): Promise<Intake> {
  const snapshotRoot = createSnapshotRoot();
  const counter = { n: 0 };
  const all: Intake = { submissions: [], decisions: [], warnings: [] };
  for (const [i, path] of paths.entries()) {
    const one = await takeInOne(path, options.shown?.[i] ?? path, snapshotRoot, counter, options);
    if (!options.allowNothing && one.submissions.every((s) => s.problem)) {
      const why = one.submissions.length === 1 ? `: ${one.submissions[0].problem}` : '';
      throw new IntakeError(t().intakeNothingToGrade(options.shown?.[i] ?? path, why));
    }
    all.submissions.push(...one.submissions);
    all.decisions.push(...one.decisions);
    all.warnings.push(...one.warnings);
  }
  // A student may not take the name of a file the batch writes beside the students' folders
  // (a folder "summary.csv" would stop the gradebook being written, for everyone). The new name is
  // one no student has: a classmate already named student-summary.csv stops nobody's grading.
  const taken = new Set(all.submissions.map((s) => s.name));
  for (const [i, s] of all.submissions.entries()) {
    if (!BATCH_FILE_NAMES.has(s.name.toLowerCase())) continue;
    let renamed = `student-${s.name}`;
    for (let n = 2; taken.has(renamed); n++) renamed = `student-${s.name}-${n}`;
    taken.add(renamed);
    const note = t().intakeReservedName(s.name, renamed);
    all.submissions[i] = { ...s, name: renamed, notes: [...(s.notes ?? []), note] };
    const decision = all.decisions.find((d) => d.student === s.name && d.source === s.source);
    if (decision) Object.assign(decision, { student: renamed, notes: [...decision.notes, note] });
  }
  const seen = new Map<string, string>();
  for (const s of all.submissions) {
    const other = seen.get(s.name);
    if (other !== undefined) throw new IntakeError(t().intakeSameName(s.name, other, s.source ?? s.dir));
    seen.set(s.name, s.source ?? s.dir);
  }
  const byName = <T extends { name?: string; student?: string }>(a: T, b: T) => (a.name ?? a.student ?? '').localeCompare(b.name ?? b.student ?? '');
  all.submissions.sort(byName);
  all.decisions.sort(byName);
  return all;
}

/** A student's intake decision in one terminal line. */
export function intakeLine(d: IntakeDecision): string {
  if (d.problem) return t().intakeLineProblem(d.student, d.source, d.problem);
  return t().intakeLine(d.student, d.source, d.files.length, d.notes.join('; '));
}
