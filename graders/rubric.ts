/**
 * The rubric: points, tolerances, time and memory limits, and the training thresholds. Defaults
 * are the course's; `--rubric FILE` overrides any of them with a JSON file of the same shape.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const seconds = z.number().positive().max(3600);

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
    throw new RubricError(`rubric ${path}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}
