/**
 * Finds the homework in what a student uploaded to Gradescope (`/autograder/submission`) through
 * the one intake (graders/intake/), as one submission: the folder's files themselves, a folder
 * uploaded whole (lifted), or a single .zip of either, unpacked with the protections of
 * graders/intake/zip.ts; everything lands in a private snapshot. When there is nothing to grade,
 * the result says what the upload holds, in words the student can act on.
 */
import { IntakeError, takeIn } from '../intake/index.ts';
import { removeSnapshots } from '../intake/snapshot.ts';
import type { ZipLimits } from '../intake/zip.ts';

/** One student's homework: a few small source files. */
export const UPLOAD_LIMITS: ZipLimits = { maxEntries: 2_000, maxEntryBytes: 2 ** 20, maxTotalBytes: 64 * 2 ** 20 };

export interface LocatedUpload {
  /** The snapshot folder holding index.ts, or undefined with `problem` saying why there is none. */
  dir?: string;
  problem?: string;
  /** Lines for the student: what the intake did, and entries of their upload it left out. */
  notes: string[];
  /** Removes the snapshot. */
  cleanup(): Promise<void>;
}

const NO_INDEX = 'No index.ts in your upload: upload the files of your homework folder (index.ts and the files it imports), or one .zip of that folder.';

export async function locateUpload(submission: string): Promise<LocatedUpload> {
  const cleanup = async () => removeSnapshots();
  let intake;
  try {
    intake = await takeIn([submission], { single: true, name: 'submission', allowNothing: true, zipLimits: UPLOAD_LIMITS, shown: ['your upload'] });
  } catch (error) {
    if (!(error instanceof IntakeError)) throw error;
    return { problem: `Your upload ${error.message.replace(/^your upload\/?/, '')}: upload the files of your homework folder, or a .zip made by your system's "compress" command.`, notes: [], cleanup };
  }
  const [found] = intake.submissions;
  const notes = [...intake.warnings, ...(found.notes ?? [])];
  if (found.problem) return { problem: `${NO_INDEX} (${found.problem})`, notes, cleanup };
  return { dir: found.dir, notes, cleanup };
}
