/**
 * The score report: `<out>/<student>/report.json`. The zod schema is the single definition;
 * the TypeScript type is inferred from it and docs/report.schema.json is generated from it
 * (`npm run schema`).
 */
import { z } from 'zod';

export const PART_STATUSES = ['passed', 'failed', 'error', 'timeout'] as const;

export const TestResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  score: z.number(),
  maxScore: z.number(),
  message: z.string(),
});

export const PartReportSchema = z.object({
  id: z.enum(['forward', 'backward', 'svm', 'train']),
  /** The contract function the part calls. */
  function: z.string(),
  score: z.number(),
  maxScore: z.number(),
  status: z.enum(PART_STATUSES),
  message: z.string(),
  tests: z.array(TestResultSchema),
  /** train: the accuracy reached and the loss of each epoch as reported through onEpoch. */
  details: z.record(z.string(), z.unknown()).optional(),
});

export const ReportSchema = z.object({
  student: z.string(),
  score: z.number(),
  maxScore: z.number(),
  /** Which fixture set graded it: 'public', 'hidden' or a folder. */
  fixtures: z.string(),
  /** The training seed. */
  seed: z.number().int(),
  /** When the submission could not be loaded at all: why (a compile error, an import refused, ...). */
  loadError: z.string().optional(),
  parts: z.array(PartReportSchema),
  output: z.object({ stdoutBytes: z.number().int(), stderrBytes: z.number().int() }),
});

export type TestResult = z.infer<typeof TestResultSchema>;
export type PartReport = z.infer<typeof PartReportSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type PartStatus = (typeof PART_STATUSES)[number];
