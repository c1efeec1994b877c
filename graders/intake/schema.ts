/**
 * `<out>/intake.json`: what the intake made of each student's upload (where it came from, which
 * files were taken, what was lifted, renamed or refused, the LMS ids found in the names). The zod
 * schema is the one definition; the types come from it.
 */
import * as z from 'zod';

export const LmsIdsSchema = z.object({
  lms: z.enum(['moodle', 'canvas', 'classroom']).optional().describe('the export layout the ids come from'),
  moodleParticipant: z.string().optional().describe('the N of "Participant N" in Moodle\'s grading worksheet'),
  canvasUser: z.string().optional().describe("Canvas's user id (the ID column of its gradebook)"),
  canvasSubmission: z.string().optional(),
  login: z.string().optional().describe('the login in a Canvas file name or a GitHub Classroom folder'),
});

export const IntakeDecisionSchema = z.object({
  student: z.string(),
  source: z.string().describe('where the submission was found: a folder, or a path inside a zip'),
  files: z.array(z.string()).describe('the files copied into the private snapshot, as the grader sees them'),
  notes: z.array(z.string()).describe('what the intake did: a folder lifted, a file graded as index.ts, an older attempt left out, an entry refused'),
  problem: z.string().optional().describe('why there is nothing to grade'),
  ids: LmsIdsSchema,
});

export const IntakeFileSchema = z.object({
  sources: z.array(z.string()),
  warnings: z.array(z.string()).describe('entries that belong to no student, or that a zip could not give'),
  students: z.array(IntakeDecisionSchema),
});

export type LmsIds = z.infer<typeof LmsIdsSchema>;
export type IntakeDecision = z.infer<typeof IntakeDecisionSchema>;
export type IntakeFile = z.infer<typeof IntakeFileSchema>;
