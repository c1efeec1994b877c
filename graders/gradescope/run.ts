/**
 * One Gradescope run: find the student's upload, grade it on the hidden fixtures with the same
 * pipeline and settings as `npm run grade`, and write results.json (validated against
 * Gradescope's specification first). An upload without index.ts still gets a results.json: score
 * 0 and what to upload instead. A failure of the grader itself writes nothing, so that Gradescope
 * reports the autograder as failed instead of recording a 0 the student did not earn.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DEFAULT_SEED, gradeSubmission, type GradeResult, type Submission } from '../grade.ts';
import { json } from '../report/files.ts';
import { toGradescopeResults } from '../report/gradescope.ts';
import type { Rubric } from '../rubric.ts';
import { buildSettings } from '../settings.ts';
import { startTypecheck } from '../typecheck.ts';
import { autograderPaths } from './layout.ts';
import { GradescopeResultsSchema, type GradescopeResults } from './schema.ts';
import { locateUpload } from './upload.ts';

export interface GradescopeRun {
  result: GradeResult;
  results: GradescopeResults;
  /** Where results.json was written. */
  path: string;
}

/** Writes results.json once it matches Gradescope's specification. */
export async function writeResultsJson(path: string, results: GradescopeResults): Promise<void> {
  const valid = GradescopeResultsSchema.parse(results);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, json(valid));
}

export async function runGradescope(root: string, rubric: Rubric): Promise<GradescopeRun> {
  const started = performance.now();
  const paths = autograderPaths(root);
  const upload = await locateUpload(paths.submission);
  try {
    const settings = await buildSettings({ rubric, fixtures: 'hidden', seed: DEFAULT_SEED });
    const submission: Submission = upload.dir ? { name: 'submission', dir: upload.dir } : { name: 'submission', dir: paths.submission, problem: upload.problem };
    // The type check runs beside the grading, in its own bounded process; its warnings cost no points.
    const typecheck = startTypecheck(upload.dir ? [upload.dir] : []);
    const result = await gradeSubmission(submission, settings);
    if (upload.dir) {
      await typecheck.whenArrived([upload.dir]);
      Object.assign(result.report, typecheck.known(upload.dir));
    }
    const results = toGradescopeResults(result.report, performance.now() - started, { caseDetails: 'after_published' });
    if (upload.notes.length > 0) results.output = [results.output, 'Notes on your upload:', ...upload.notes.map((n) => `  ${n}`)].join('\n');
    await writeResultsJson(paths.results, results);
    return { result, results, path: paths.results };
  } finally {
    await upload.cleanup();
  }
}
