/**
 * Where things are in the Gradescope autograder: what `npm run gradescope` packs and what
 * `run_autograder` reads. Gradescope unpacks the zip into `/autograder/source`, hands the
 * student's upload over in `/autograder/submission` and collects `/autograder/results/results.json`
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/). Shared by the build and the
 * run, and free of their dependencies, so the run does not load the zip writer.
 */
import { join } from 'node:path';

/** Gradescope's root; AUTOGRADER_ROOT moves it, which is how the tests run the autograder. */
export const DEFAULT_AUTOGRADER_ROOT = '/autograder';

export const autograderPaths = (root: string) => ({
  source: join(root, 'source'),
  submission: join(root, 'submission'),
  results: join(root, 'results', 'results.json'),
});

/** The course's rubric, when the build was given one: at the top of the unpacked zip. */
export const PACKED_RUBRIC = 'rubric.json';

/** The two scripts Gradescope looks for at the zip's root, from the templates in gradescope/. */
export const GRADESCOPE_SCRIPTS = ['setup.sh', 'run_autograder'] as const;
