/**
 * The score report: `<out>/<student>/report.json`. The zod schema is the single definition;
 * the TypeScript type is inferred from it and docs/report.schema.json is generated from it
 * (`npm run schema`).
 */
import * as z from 'zod';

export const PART_STATUSES = ['passed', 'failed', 'error', 'timeout'] as const;

export const TestResultSchema = z.object({
  name: z.string().describe('the case, e.g. "256x64x10" or "test accuracy after 100 epochs"'),
  passed: z.boolean(),
  score: z.number().describe('points earned by this case'),
  maxScore: z.number(),
  message: z.string().describe('what matched, or what differs and where, e.g. "out[2][7]: expected 1.234, got 1.334"'),
  hintId: z.string().optional().describe('the classic mistake the numbers point to, e.g. "svm-averaged"'),
  hint: z.string().optional().describe('that mistake explained, in the report\'s language'),
});

export const PartReportSchema = z.object({
  id: z.enum(['forward', 'backward', 'svm', 'train']),
  function: z.string().describe('the contract function the part calls'),
  score: z.number(),
  maxScore: z.number(),
  status: z.enum(PART_STATUSES).describe('passed: every case passed; failed: some did not; error: the part could not run (not exported, not loadable, crashed); timeout: a time limit ran out'),
  message: z.string().describe("the part's one-line summary"),
  tests: z.array(TestResultSchema),
  evidence: z.string().optional().describe('backward and svm failures: a numerical gradient check of the student\'s own functions'),
  details: z.record(z.string(), z.unknown()).optional().describe('train: accuracy, correct, total, losses (one per onEpoch call) and predictions (one per test digit)'),
});

export const OUTCOME_STATUSES = ['full', 'wrong', 'not-implemented', 'timed-out', 'crashed', 'could-not-load', 'does-not-compile', 'no-submission'] as const;

export const OutcomeSchema = z.object({
  status: z.enum(OUTCOME_STATUSES).describe('full: every point; else the first thing that cost points: no submission, does not compile, could not load, not implemented, timed out, crashed, wrong answers'),
  reason: z.string().describe('one line: why the score is below full (empty when it is full)'),
});

export const ReportSchema = z.object({
  student: z.string().describe("the submission folder's name"),
  score: z.number(),
  maxScore: z.number(),
  fixtures: z.string().describe("which fixture set graded it: 'public', 'hidden' or a folder"),
  seed: z.number().int().describe("the seed of Math.random in the student's train()"),
  loadError: z.string().optional().describe('why the submission could not be loaded at all: a compile error, a refused import, an error at load time'),
  parts: z.array(PartReportSchema),
  outcome: OutcomeSchema.optional().describe('a reason for every score below full (absent in reports of older versions)'),
  intake: z.object({ source: z.string(), notes: z.array(z.string()) }).optional().describe('where the submission came from and what the intake did with it (a folder lifted, a file graded as index.ts, an entry refused)'),
  typeWarnings: z.array(z.string()).optional().describe('type errors in the submission (file:line:col: message); shown as warnings, they cost no points'),
  typeCheckGivenUp: z
    .enum(['time', 'crash'])
    .optional()
    .describe('set when the type check gave these files up, so that no warnings are known: over their time (time) or the compiler\'s process crashed on them (crash)'),
  fingerprint: z.string().describe('a hash of the bundled submission and every grading setting: a rerun skips a submission whose fingerprint is unchanged'),
  output: z.object({ stdoutBytes: z.number().int(), stderrBytes: z.number().int() }).describe('how much the submission printed; the text (cut at 64 KiB) is in stdout.txt and stderr.txt'),
});

export type TestResult = z.infer<typeof TestResultSchema>;
export type PartReport = z.infer<typeof PartReportSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];
export type PartStatus = (typeof PART_STATUSES)[number];

/** The JSON Schema of report.json, as committed in docs/report.schema.json. */
export function reportJsonSchema(): string {
  const schema = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: 'nngrade score report (report.json)', ...schema }, null, 2)}\n`;
}
