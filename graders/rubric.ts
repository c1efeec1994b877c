/**
 * The rubric: points, tolerances, time and memory limits, and the training thresholds. Defaults
 * are the course's; `--rubric FILE` overrides any of them with a JSON file of the same shape.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';

const seconds = z.number().positive().max(3600);

/** Bundling one submission (esbuild): stopped when over, the submission then does not compile. */
export const DEFAULT_BUNDLE_SECONDS = 30;

export const RubricSchema = z
  .object({
    tolerance: z
      .object({
        /** all close: |got - want| <= atol + rtol * |want| */
        rtol: z.number().nonnegative().default(1e-6),
        atol: z.number().nonnegative().default(1e-9),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        memoryMb: z.number().int().min(64).max(16384).default(512),
        loadSeconds: seconds.default(10),
        bundleSeconds: seconds.default(DEFAULT_BUNDLE_SECONDS),
      })
      .strict()
      .prefault({}),
    parts: z
      .object({
        forward: z.object({ points: z.number().nonnegative().default(20), timeoutSeconds: seconds.default(10) }).strict().prefault({}),
        backward: z
          .object({
            points: z.number().nonnegative().default(25),
            timeoutSeconds: seconds.default(10),
            /** Fresh random inputs checked against the reference, beside the golden cases. */
            randomCases: z.number().int().min(0).max(50).default(3),
          })
          .strict()
          .prefault({}),
        svm: z.object({ points: z.number().nonnegative().default(25), timeoutSeconds: seconds.default(10) }).strict().prefault({}),
        train: z
          .object({
            points: z.number().nonnegative().default(30),
            /**
             * Of the points, those for the update rule (four equal cases: one full-batch step,
             * mini-batches, epochs, randomness from Math.random); the rest go to the test accuracy.
             * See README, "How train is judged".
             */
            updateRulePoints: z.number().nonnegative().default(12),
            timeoutSeconds: seconds.default(60),
            batchSize: z.number().int().positive().default(256),
            epochs: z.number().int().positive().default(100),
            lr: z.number().positive().default(5e-3),
            /**
             * Full credit from this test accuracy up. Calibrated with `npm run calibrate` over 100
             * seeds: the reference never scores below it, the batch-averaged loss never reaches it
             * (see README, "Calibrating the training threshold").
             */
            fullCreditAccuracy: z.number().min(0).max(1).default(0.85),
            /** Below full credit, points fall linearly to zero at this accuracy. */
            zeroCreditAccuracy: z.number().min(0).max(1).default(0.5),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((r) => r.parts.train.zeroCreditAccuracy < r.parts.train.fullCreditAccuracy, {
    message: 'parts.train.zeroCreditAccuracy must be below fullCreditAccuracy',
  })
  .refine((r) => r.parts.train.updateRulePoints <= r.parts.train.points, {
    message: 'parts.train.updateRulePoints must be at most parts.train.points',
  });

export type Rubric = z.infer<typeof RubricSchema>;
export type PartId = keyof Rubric['parts'];
export const PART_IDS: PartId[] = ['forward', 'backward', 'svm', 'train'];

export class RubricError extends Error {}

export const defaultRubric = (): Rubric => RubricSchema.parse({});

export function loadRubric(path?: string): Rubric {
  if (!path) return defaultRubric();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `is not valid JSON (${(error as Error).message})`;
    throw new RubricError(`rubric ${path} ${reason}`);
  }
  const parsed = RubricSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const guess = issue.code === 'unrecognized_keys' ? didYouMean(issue.keys[0], knownKeys(issue.path)) : undefined;
    throw new RubricError(`rubric ${path}: ${issue.path.join('.') || 'top level'}: ${issue.message}${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  return parsed.data;
}

/** The fields the rubric allows at `path`: the keys of the defaults there. */
function knownKeys(path: PropertyKey[]): string[] {
  let node: unknown = defaultRubric();
  for (const key of path) node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  return node !== null && typeof node === 'object' ? Object.keys(node) : [];
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known field a typo most likely meant: close in spelling, or the same but for case. */
export function didYouMean(typo: string, known: string[]): string | undefined {
  const ranked = known.map((k) => ({ k, d: k.toLowerCase() === typo.toLowerCase() ? 0 : distance(typo.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(typo.length / 3)) ? best.k : undefined;
}
