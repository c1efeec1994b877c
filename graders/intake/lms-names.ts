/**
 * What the LMSs write into the names of a class export, read back: the student and their ids.
 * - Moodle's "Download all submissions": a folder per student and plugin,
 *   `Full Name_<participant id>_assignsubmission_file_` (and `..._onlinetext_` for online text);
 *   the participant id is the N of "Participant N" in Moodle's grading worksheet.
 * - Canvas's "Download submissions": flat files `<login>[_LATE]_<user id>_<submission id>_<file name>`,
 *   where a file the student uploaded again under the same name gets `-1`, `-2`, ... before its
 *   extension (`index-1.ts`), the highest number being the latest.
 * - GitHub Classroom: one repository folder per student, `<assignment>-<login>`.
 */
import type { LmsIds } from './schema.ts';

export interface MoodleFolder {
  student: string;
  participant: string;
  plugin: string;
}

const MOODLE_FOLDER = /^(?<name>.+)_(?<id>\d+)_assignsubmission_(?<plugin>[A-Za-z]+)_?$/;

export function parseMoodleFolder(folder: string): MoodleFolder | undefined {
  const match = MOODLE_FOLDER.exec(folder);
  if (!match?.groups) return undefined;
  const { name, id, plugin } = match.groups;
  return { student: `${name}_${id}`, participant: id, plugin };
}

export interface CanvasFile {
  login: string;
  late: boolean;
  userId: string;
  submissionId?: string;
  /** The file's own name as the student uploaded it, the attempt suffix removed. */
  file: string;
  /** 0 for `index.ts`, 2 for `index-2.ts`. */
  attempt: number;
}

const CANVAS_FILE = /^(?<login>[^_\s]+?)(?<late>_LATE)?_(?<user>\d+)_(?:(?<sub>\d+)_)?(?<file>[^_].*)$/;
const ATTEMPT = /^(?<base>.+)-(?<n>\d+)(?<ext>\.[^.]+)$/;

export function parseCanvasFile(name: string): CanvasFile | undefined {
  const match = CANVAS_FILE.exec(name);
  if (!match?.groups) return undefined;
  const { login, late, user, sub, file } = match.groups;
  const attempt = ATTEMPT.exec(file);
  return {
    login,
    late: late !== undefined,
    userId: user,
    ...(sub !== undefined ? { submissionId: sub } : {}),
    file: attempt?.groups ? `${attempt.groups.base}${attempt.groups.ext}` : file,
    attempt: attempt?.groups ? Number(attempt.groups.n) : 0,
  };
}

/**
 * The common `<assignment>-` prefix of GitHub Classroom repository folders, when every one of at
 * least two folders has it; undefined for a class of plain folders.
 */
export function classroomPrefix(folders: string[]): string | undefined {
  if (folders.length < 2) return undefined;
  let prefix = folders[0];
  for (const f of folders) while (!f.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-');
  if (cut < 1) return undefined;
  const found = prefix.slice(0, cut + 1);
  return folders.every((f) => f.length > found.length) ? found : undefined;
}

export const idsOfMoodle = (m: MoodleFolder): LmsIds => ({ lms: 'moodle', moodleParticipant: m.participant });
export const idsOfCanvas = (c: CanvasFile): LmsIds => ({ lms: 'canvas', canvasUser: c.userId, login: c.login, ...(c.submissionId ? { canvasSubmission: c.submissionId } : {}) });
