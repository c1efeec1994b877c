/**
 * Gradescope's results.json, as its autograder specification defines it
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"). Every field
 * the specification names is here and nothing else: objects are strict, so a typo or a field
 * Gradescope does not know fails validation here rather than being dropped silently there.
 * Whatever nngrade writes as results.json is parsed with this schema first.
 */
import * as z from 'zod';

/** hidden: never shown to students; after_due_date, after_published: from then on; visible: always. */
export const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'] as const;

/** text: plain (the default for tests); simple_format: html with line breaks (the default at the top level). */
export const OUTPUT_FORMATS = ['text', 'simple_format', 'html', 'md', 'ansi'] as const;

const score = z.number().refine(Number.isFinite, 'must be a finite number');
const Visibility = z.enum(VISIBILITIES);
const OutputFormat = z.enum(OUTPUT_FORMATS);

export const GradescopeTestSchema = z
  .object({
    score: score.optional().describe('points earned; optional when the top level has a score'),
    max_score: score.optional(),
    /** Overrides Gradescope's own judgement (full points = passed); informational tests carry only a status. */
    status: z.enum(['passed', 'failed']).optional(),
    name: z.string().optional(),
    name_format: OutputFormat.optional(),
    number: z.string().optional().describe('e.g. "1.1"; tests are numbered in order when absent'),
    output: z.string().optional(),
    output_format: OutputFormat.optional(),
    tags: z.array(z.string()).optional(),
    visibility: Visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const LeaderboardEntrySchema = z
  .object({
    name: z.string(),
    value: z.union([z.number(), z.string()]),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .strict();

export const GradescopeResultsSchema = z
  .object({
    score: score.optional().describe('the total; overrides the sum of the tests when given'),
    execution_time: z.number().nonnegative().optional().describe('seconds'),
    output: z.string().optional(),
    output_format: OutputFormat.optional(),
    test_output_format: OutputFormat.optional(),
    test_name_format: OutputFormat.optional(),
    visibility: Visibility.optional(),
    stdout_visibility: Visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
    tests: z.array(GradescopeTestSchema).optional(),
    leaderboard: z.array(LeaderboardEntrySchema).optional(),
  })
  .strict()
  .refine((r) => r.score !== undefined || (r.tests !== undefined && r.tests.length > 0 && r.tests.every((t) => t.score !== undefined)), {
    message: 'a score is required at the top level or on every test',
  });

export type GradescopeTest = z.infer<typeof GradescopeTestSchema>;
export type GradescopeResults = z.infer<typeof GradescopeResultsSchema>;
export type Visibility = (typeof VISIBILITIES)[number];
