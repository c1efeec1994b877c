/**
 * Everything a grading run needs besides the submissions, built once: rubric, fixtures, digits,
 * the harness, and the reference's backward pass for fresh random cases. The reference is loaded
 * only when the rubric asks for random cases, so a student kit that sets none can ship without it.
 */
import { loadDigits } from './data/digits.ts';
import { loadFixtureSet } from './fixtures/load.ts';
import type { BackwardFunction, GradeSettings } from './grade.ts';
import { defaultRubric, type Rubric } from './rubric.ts';
import { cachedHarnessCode, harnessCode } from './sandbox/bundle.ts';
import { startSpare } from './sandbox/child.ts';
import { SandboxCheck } from './sandbox/preflight.ts';
import { trace } from './trace.ts';

export interface SettingsChoice {
  rubric?: Rubric;
  /** public, hidden or a folder; undefined: hidden when present, else public */
  fixtures?: string;
  seed: number;
}

/** The reference solution, where it is shipped (a student kit leaves it out). */
async function loadReference(): Promise<{ linearBackward: BackwardFunction } | undefined> {
  try {
    return await import('../reference/index.ts');
  } catch (error) {
    // Only a missing reference is expected (the kit); a broken one must stop the course's grading.
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Starts the first students' children now (`count`: as many as are graded at once), where the
 * harness is kept built: they boot while the rest is read (a child is the last thing a first
 * grading waits for). Says whether they started; a second call starts only those still missing.
 */
export function startFirstChild(rubric: Rubric, count = 1): boolean {
  const kept = cachedHarnessCode();
  if (kept === undefined) return false;
  startSpare(kept, rubric.limits, count);
  return true;
}

export async function buildSettings(choice: SettingsChoice): Promise<GradeSettings> {
  const rubric = choice.rubric ?? defaultRubric();
  const started = startFirstChild(rubric);
  // The harness is built in esbuild's own process: started first, it is ready by the time the
  // fixtures and the digits are read here.
  const harness = harnessCode();
  const reference = rubric.parts.backward.randomCases > 0 ? loadReference() : undefined;
  // Should reading the fixtures throw first, their failures are reported by that error alone.
  for (const pending of [harness, reference]) pending?.catch(() => {});
  const fixtures = loadFixtureSet(choice.fixtures);
  trace('fixtures read');
  const digits = loadDigits();
  trace('digits read');
  const backward = (await reference)?.linearBackward;
  const built = await harness;
  trace('harness ready');
  // Nobody is graded by a sandbox that cannot start: that would be a class of zeros. Every
  // grading waits for the check before it answers (see preflight.ts).
  const sandboxCheck = new SandboxCheck(built, rubric.limits.memoryMb);
  // Where the harness had to be built first, the first student's child starts now.
  if (!started) startSpare(built, rubric.limits);
  return { rubric, fixtures, digits, seed: choice.seed, harness: built, sandboxCheck, ...(backward ? { referenceBackward: backward } : {}) };
}
