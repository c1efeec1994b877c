/**
 * The train part's details as the pictures need them. report.json keeps details as free-form
 * JSON (a NaN loss comes back as null), so they are validated here, once, before any drawing. Each
 * field stands alone, so a malformed one costs only its own picture: a loss that is not a finite
 * number becomes null, and predictions are usable only as one class from 0 to 9 per test digit.
 */
import * as z from 'zod';
import { CLASSES } from '../../data/digits.ts';
import type { Report } from '../schema.ts';

const LossesSchema = z.array(z.unknown()).transform((values) => values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null)));
const PredictionsSchema = z.array(z.number().int().min(0).max(CLASSES - 1));

export interface TrainPictures {
  /** One per onEpoch call; null where the loss was not a finite number. */
  losses: Array<number | null>;
  /** One class per test digit, or undefined when train gave no usable W and b. */
  predictions: number[] | undefined;
}

export function trainPictures(report: Report, testDigits: number): TrainPictures {
  const details = report.parts.find((p) => p.id === 'train')?.details ?? {};
  const losses = LossesSchema.safeParse(details.losses);
  const predictions = PredictionsSchema.safeParse(details.predictions);
  return {
    losses: losses.success ? losses.data : [],
    predictions: predictions.success && predictions.data.length === testDigits ? predictions.data : undefined,
  };
}
