/**
 * A report in Gradescope's autograder format (results.json; the specification is the zod schema
 * in graders/gradescope/schema.ts, and every result is validated against it here).
 *
 * Graded on the public fixtures, nothing is secret: one visible test per part, holding every
 * failing case. Graded on any other set (the hidden fixtures), the hidden inputs and expected values
 * must stay secret until the instructor publishes the grades, or a student could copy them into
 * their code. A submission sees the hidden inputs when it is called, so any text it controls (a
 * thrown message, a returned value, even in a later part: train may throw what forward was given)
 * could carry them out. So each part becomes:
 * - a visible summary test carrying the part's points, in the grader's own words only: passed or
 *   not, how many cases match, the names of those that do not (shapes, as in the public set), the
 *   hint, train's accuracy as the grader measured it, or which limit a part ran into;
 * - an `after_published` test with no points of its own holding everything else: messages,
 *   expected and returned values, the gradient check's evidence (cut at 16 KiB).
 * Gradescope may keep the total from students while some tests are held back; the visible
 * summaries carry all the points, so the parts they see still add up to their score.
 */
import { GradescopeResultsSchema, type GradescopeResults, type GradescopeTest } from '../gradescope/schema.ts';
import type { PartReport, Report } from './schema.ts';
import { en } from '../i18n/en.ts';

export type { GradescopeResults, GradescopeTest };

/** The most text a held-back details test carries. */
const MAX_DETAILS = 16 * 1024;

export interface GradescopeOptions {
  /** visible, or held back until grades are published; by default visible only for the public set. */
  caseDetails?: 'visible' | 'after_published';
}

const partName = (part: PartReport) => `${part.id} (${part.function})`;
const status = (part: PartReport): 'passed' | 'failed' => (part.status === 'passed' ? 'passed' : 'failed');
const hintOf = (part: PartReport) => part.tests.find((t) => !t.passed && t.hint)?.hint;

/** Everything about a part, values included: the part's message, then its (failing) cases. */
function fullOutput(part: PartReport, failingOnly: boolean): string {
  // A part of one case (train) has that case's message as its own.
  const listed = part.tests.length > 1 ? part.tests.filter((t) => !failingOnly || !t.passed) : [];
  const cases = listed.map((t) => `${t.passed ? '✔' : '✘'} ${t.name}: ${t.message}`);
  const hint = hintOf(part);
  return [part.message, ...cases, ...(hint ? [`hint: ${hint}`] : []), ...(part.evidence ? [part.evidence] : [])].join('\n');
}

/**
 * What a student may see of a part before publishing: only what the grader itself says. Case
 * names are the grader's (shapes), hints are the grader's text chosen by the numbers, train's
 * accuracy is the grader's count; a part that could not run says which kind of failure it was,
 * never the message, which may hold the submission's own text.
 */
function summaryOutput(part: PartReport): string {
  const total = part.tests.length;
  const failing = part.tests.filter((t) => !t.passed);
  const lines: string[] = [];
  if (part.status === 'timeout') lines.push('The part ran out of time.');
  else if (part.status === 'error') lines.push('The part could not run to the end (a crash, an error while loading, or a missing function).');
  if (failing.length === 0) lines.push(`all ${total} cases match`);
  else if (total > 1) lines.push(`${total - failing.length} of ${total} cases match; not matching: ${failing.map((t) => t.name).join(', ')}`);
  const { accuracy, total: digits } = part.details ?? {};
  if (typeof accuracy === 'number' && typeof digits === 'number') lines.push(`test accuracy ${(accuracy * 100).toFixed(1)}% of ${digits} digits`);
  if (failing.length > 0) lines.push('What your code returned or threw is shown once grades are published.');
  const hint = hintOf(part);
  if (hint) lines.push(`hint: ${hint}`);
  return lines.join('\n');
}

const capped = (text: string) => (text.length > MAX_DETAILS ? `${text.slice(0, MAX_DETAILS)}\n[cut at ${MAX_DETAILS / 1024} KiB]` : text);

function publicTests(report: Report): GradescopeTest[] {
  return report.parts.map((part, i) => ({
    name: partName(part),
    number: String(i + 1),
    score: part.score,
    max_score: part.maxScore,
    status: status(part),
    output: fullOutput(part, true),
    output_format: 'text',
    visibility: 'visible',
  }));
}

function heldBackTests(report: Report): GradescopeTest[] {
  return report.parts.flatMap((part, i): GradescopeTest[] => {
    const summary: GradescopeTest = {
      name: partName(part),
      number: String(i + 1),
      score: part.score,
      max_score: part.maxScore,
      status: status(part),
      output: summaryOutput(part),
      output_format: 'text',
      visibility: 'visible',
    };
    // No score: the points are the summary's; this test only carries the details.
    const details: GradescopeTest = {
      name: `${partName(part)}: case details`,
      number: `${i + 1}.1`,
      status: status(part),
      output: capped(fullOutput(part, false)),
      output_format: 'text',
      visibility: 'after_published',
    };
    return [summary, details];
  });
}

function overallOutput(report: Report, heldBack: boolean): string {
  const lines = [
    heldBack
      ? 'Graded on hidden test cases. Each part shows its points; the expected and returned values of the hidden cases are shown once grades are published.'
      : `Graded with the ${report.fixtures} fixtures.`,
  ];
  // A load runs in a fresh child before any call, so its error cannot hold a hidden input.
  if (report.loadError) lines.push(`Your submission could not be loaded: ${report.loadError}`);
  if (report.typeWarnings?.length) lines.push(`Type warnings (they cost no points):`, ...report.typeWarnings.map((w) => `  ${w}`));
  if (report.typeCheckGivenUp) lines.push(en.typeCheckGivenUp(report.typeCheckGivenUp));
  return lines.join('\n');
}

export function toGradescopeResults(report: Report, durationMs: number, options: GradescopeOptions = {}): GradescopeResults {
  const heldBack = (options.caseDetails ?? (report.fixtures === 'public' ? 'visible' : 'after_published')) === 'after_published';
  return GradescopeResultsSchema.parse({
    score: report.score,
    execution_time: Math.round(durationMs) / 1000,
    output: overallOutput(report, heldBack),
    output_format: 'text',
    // The student's own prints may echo the hidden inputs: only instructors see stdout.
    stdout_visibility: 'hidden',
    tests: heldBack ? heldBackTests(report) : publicTests(report),
  });
}
