/**
 * Grades back into the LMS the class came from, as the CSV each one imports:
 * - Moodle's grading worksheet (Assignment > "Upload grading worksheet"): its importer finds the
 *   columns "Identifier" ("Participant N", N the participant id of the export's folder names),
 *   "Grade" and "Last modified (grade)" by their headers, and refuses a file without all three;
 *   "Feedback comments" fills the comments when that feedback type is on. A grade changed in
 *   Moodle after "Last modified (grade)" is kept unless the upload allows overwriting.
 * - Canvas's gradebook import (Grades > Import): "Student", "ID" (the user id of the export's file
 *   names), "SIS User ID", "SIS Login ID", "Section", then one column per assignment, named as in
 *   Canvas's own export, "Name (assignment id)", to update that assignment.
 * A student without an id (graded from a plain folder, or a name that is not the LMS's) cannot
 * be matched by the LMS: they are left out of its file and listed in `missing` with the reason.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import writeFileAtomic from 'write-file-atomic';
import { asText, BOM, type Summary, type SummaryStudent } from './gradebook.ts';

export interface LmsExport {
  lms: 'moodle' | 'canvas';
  path: string;
  rows: number;
  /** Students left out: who, and why. */
  missing: Array<{ student: string; why: string }>;
}

export const MOODLE_WORKSHEET = 'moodle-grading-worksheet.csv';
export const CANVAS_IMPORT = 'canvas-gradebook-import.csv';

/** Moodle and Canvas both read a plain comma-separated UTF-8 file; the BOM keeps spreadsheets right too. */
const csv = (rows: unknown[][]) => BOM + stringify(rows);

const feedback = (s: SummaryStudent) => (s.reason ? `${s.score}/${s.maxScore}: ${s.reason}` : `${s.score}/${s.maxScore}`);

function split(summary: Summary, has: (s: SummaryStudent) => boolean, lms: string) {
  const found = summary.students.filter(has);
  const missing = summary.students.filter((s) => !has(s)).map((s) => ({ student: s.student, why: s.source ? `no ${lms} id in the name of ${s.source}` : `no ${lms} id` }));
  return { found, missing };
}

export async function writeMoodleWorksheet(out: string, summary: Summary, gradedAt: Date): Promise<LmsExport> {
  const { found, missing } = split(summary, (s) => s.ids?.moodleParticipant !== undefined, 'Moodle participant');
  const modified = gradedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const rows = found.map((s) => [`Participant ${s.ids!.moodleParticipant}`, asText(s.student.replace(/_\d+$/, '')), s.score, s.maxScore, modified, asText(feedback(s))]);
  const path = join(out, MOODLE_WORKSHEET);
  await writeFileAtomic(path, csv([['Identifier', 'Full name', 'Grade', 'Maximum Grade', 'Last modified (grade)', 'Feedback comments'], ...rows]));
  return { lms: 'moodle', path, rows: rows.length, missing };
}

export async function writeCanvasImport(out: string, summary: Summary, assignment: string): Promise<LmsExport> {
  const { found, missing } = split(summary, (s) => s.ids?.canvasUser !== undefined, 'Canvas user');
  const rows = found.map((s) => [asText(s.ids?.login ?? s.student), s.ids!.canvasUser, '', '', '', s.score]);
  const path = join(out, CANVAS_IMPORT);
  await writeFileAtomic(path, csv([['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', assignment], ...rows]));
  return { lms: 'canvas', path, rows: rows.length, missing };
}

/** Writes the file of each LMS that at least one student's ids come from. */
export async function writeLmsExports(out: string, summary: Summary, options: { gradedAt: Date; canvasAssignment: string }): Promise<LmsExport[]> {
  const written: LmsExport[] = [];
  if (summary.students.some((s) => s.ids?.moodleParticipant)) written.push(await writeMoodleWorksheet(out, summary, options.gradedAt));
  if (summary.students.some((s) => s.ids?.canvasUser)) written.push(await writeCanvasImport(out, summary, options.canvasAssignment));
  return written;
}
