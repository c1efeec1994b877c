/**
 * A report in Gradescope's autograder format (results.json; the specification is the zod schema
 * in graders/gradescope/schema.ts, and every result is validated against it here).
 *
 * Graded on the public fixtures, nothing is secret: one visible test per part, holding every
 * failing case. Graded on any other set (the hidden fixtures), the expected values must stay
 * secret until the instructor publishes the grades, or a student could copy them into their code.
 * So each part becomes:
 * - a visible summary test carrying the part's points: passed or not, how many cases match, the
 *   names of those that do not (names are shapes, the same as in the public set), and the hint;
 * - for the parts judged on fixture values (forward, backward, svm), an `after_published` test
 *   with no points of its own holding the case details: expected and returned values.
 * train is judged on the public digits, so its summary says everything. Gradescope may keep the
 * total from students while some tests are held back; the visible summaries carry all the points,
 * so the parts they see still add up to their score.
 */
import { GradescopeResultsSchema, type GradescopeResults, type GradescopeTest } from '../gradescope/schema.ts';
import type { PartId } from '../rubric.ts';
import type { PartReport, Report } from './schema.ts';

export type { GradescopeResults, GradescopeTest };

/** Parts whose cases compare against fixture values; their details may reveal hidden ones. */
const FIXTURE_PARTS: ReadonlySet<PartId> = new Set(['forward', 'backward', 'svm']);

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
 * What a student may see of a fixture part before publishing. A failing case's message holds the
 * expected value and what the student's code returned (or threw) for hidden inputs, so only
 * counts and case names are shown. A part that errored or timed out as a whole says why: the
 * reason comes from loading, the export lookup or the time limit, not from a case's values.
 * The gradient check's evidence runs on the grader's own seeded inputs, so it is safe too.
 */
function summaryOutput(part: PartReport): string {
  if (part.status === 'error' || part.status === 'timeout') return part.message;
  const total = part.tests.length;
  const failing = part.tests.filter((t) => !t.passed);
  if (failing.length === 0) return `all ${total} cases match`;
  const lines = [
    `${total - failing.length} of ${total} cases match; not matching: ${failing.map((t) => t.name).join(', ')}`,
    'The expected and returned values of these hidden cases are shown once grades are published.',
  ];
  const hint = hintOf(part);
  if (hint) lines.push(`hint: ${hint}`);
  if (part.evidence) lines.push(part.evidence);
  return lines.join('\n');
}

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
    const secret = FIXTURE_PARTS.has(part.id);
    const summary: GradescopeTest = {
      name: partName(part),
      number: String(i + 1),
      score: part.score,
      max_score: part.maxScore,
      status: status(part),
      output: secret ? summaryOutput(part) : fullOutput(part, true),
      output_format: 'text',
      visibility: 'visible',
    };
    if (!secret) return [summary];
    // No score: the points are the summary's; this test only carries the details.
    const details: GradescopeTest = {
      name: `${partName(part)}: case details`,
      number: `${i + 1}.1`,
      status: status(part),
      output: fullOutput(part, false),
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
  if (report.loadError) lines.push(`Your submission could not be loaded: ${report.loadError}`);
  if (report.typeWarnings?.length) lines.push(`Type warnings (they cost no points):`, ...report.typeWarnings.map((w) => `  ${w}`));
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
