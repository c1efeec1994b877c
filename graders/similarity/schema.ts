/**
 * The similarity report's shape (similarity.json), as a zod schema: the writer validates against
 * it and the types of the comparison come from it.
 */
import * as z from 'zod';

const LineRangeSchema = z.tuple([z.int().min(1), z.int().min(1)]).refine(([from, to]) => from <= to, 'a line range runs from its first line to its last');

/** A stretch of code found in both submissions: the lines of each, and the file they are in. */
export const MatchSchema = z.strictObject({
  aFile: z.string(),
  aLines: LineRangeSchema,
  bFile: z.string(),
  bLines: LineRangeSchema,
});

export const PairSchema = z.strictObject({
  a: z.string(),
  b: z.string(),
  /** shared / min(aFingerprints, bFingerprints): see SCORE_DEFINITION in compare.ts. */
  score: z.number().min(0).max(1),
  /** Distinct fingerprints found in both, the starter's left out. */
  shared: z.int().min(0),
  /** Distinct fingerprints of each submission that are not in the starter. */
  aFingerprints: z.int().min(0),
  bFingerprints: z.int().min(0),
  matches: z.array(MatchSchema),
});

export const SimilarityReportSchema = z
  .strictObject({
    k: z.int().min(1),
    window: z.int().min(1),
    /** How a score is computed, in words, for whoever opens the file without the README. */
    score: z.string(),
    submissions: z.array(z.string()),
    /** Every pair that shares at least one fingerprint, highest score first; absent pairs share nothing. */
    pairs: z.array(PairSchema),
  })
  .superRefine((report, ctx) => {
    const names = new Set(report.submissions);
    report.pairs.forEach((pair, i) => {
      if (!names.has(pair.a) || !names.has(pair.b)) ctx.addIssue({ code: 'custom', path: ['pairs', i], message: `pair ${pair.a} ~ ${pair.b} names a submission not in the list` });
      if (i > 0 && report.pairs[i - 1].score < pair.score) ctx.addIssue({ code: 'custom', path: ['pairs', i, 'score'], message: 'pairs must be sorted by score, highest first' });
    });
  });

export type Match = z.infer<typeof MatchSchema>;
export type Pair = z.infer<typeof PairSchema>;
export type SimilarityReport = z.infer<typeof SimilarityReportSchema>;
