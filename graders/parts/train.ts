/**
 * train: the student's own train() judged twice over. First where it ends: trained on the 1500
 * training digits, disguised (data/disguise.ts), with the homework's settings and a seeded
 * Math.random; the grader scores the returned W and b on the 297 test digits itself. Then how it
 * trains: the update rule on the identical-rows probe (train-update.ts). The rubric splits the points.
 */
import { checkMatrixShape, checkVectorShape } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { disguisedForGrading } from '../data/disguise.ts';
import { diagnoseTraining } from '../diagnose/mistakes.ts';
import { percent } from '../format.ts';
import { t } from '../i18n/index.ts';
import { countCorrect, predictClasses } from '../predict.ts';
import { nonFiniteEntry } from './finite.ts';
import { randomnessCase, updateRuleCases } from './train-update.ts';
import { type EpochCalls, type PartCase, type SingleCallCase, type PartContext, type Verdict, fail } from './types.ts';

/** What was odd about the onEpoch calls: never a cost, but worth a note. */
function epochCallNote(epochs: EpochCalls, asked: number): string {
  if (epochs.length === 0) return '';
  if (epochs.length !== asked) return `; ${t().epochCallsNote(epochs.length, asked)}`;
  const counted = epochs.every(([epoch], i) => epoch === i + 1);
  const badLoss = epochs.findIndex(([, loss]) => typeof loss !== 'number' || !Number.isFinite(loss));
  // A missing second argument arrives as NaN; a single argument puts the loss where the epoch goes.
  if (badLoss >= 0 && epochs.every(([, loss]) => Number.isNaN(loss))) return `; ${counted ? t().epochNoLossNote : t().epochOneArgumentNote}`;
  if (badLoss >= 0) return `; ${t().epochLossNote(badLoss + 1, String(epochs[badLoss][1]))}`;
  const badEpoch = epochs.findIndex(([epoch], i) => epoch !== i + 1);
  if (badEpoch >= 0) return `; ${t().epochNumberNote(badEpoch + 1, String(epochs[badEpoch][0]))}`;
  return '';
}

export function trainCases({ rubric, digits, fixtures, seed }: PartContext): PartCase[] {
  const settings = rubric.parts.train;
  const { digits: data, plain } = disguisedForGrading(fixtures, digits, seed);
  const updateWeight = settings.updateRulePoints / 4;
  const accuracy: SingleCallCase = {
    name: t().trainCase(settings.epochs),
    weight: Math.max(0, settings.points - settings.updateRulePoints),
    args: [data.train.x, data.train.y, { batchSize: settings.batchSize, epochs: settings.epochs, lr: settings.lr }],
    seed,
    judge: (value, epochs): Verdict => {
      const losses = epochs.map(([, loss]) => loss);
      const picked = pickReturn('train', value, ['W', 'b']);
      if (!picked.ok) return fail(picked.message, { losses });
      const [w, b] = picked.values;
      const shape = checkMatrixShape('W', w, data.train.x[0].length, 10) ?? checkVectorShape('b', b, 10);
      if (shape) return { ...fail(shape, { losses }), hint: diagnoseTraining(losses) };
      const rows = w as ArrayLike<number>[];
      const bad = nonFiniteEntry('W', rows) ?? nonFiniteEntry('b', [b as ArrayLike<number>], true);
      if (bad) return { ...fail(t().trainedToNonFinite(bad), { losses }), hint: diagnoseTraining(losses) };
      const predicted = plain(predictClasses(data.test.x, rows, b as ArrayLike<number>));
      const correct = countCorrect(predicted, digits.test.y);
      const share = correct / digits.test.y.length;
      const { fullCreditAccuracy: full, zeroCreditAccuracy: zero } = settings;
      const fraction = Math.min(1, Math.max(0, (share - zero) / (full - zero)));
      const reached = t().accuracyReached(percent(share), correct, digits.test.y.length);
      const scale = fraction >= 1 ? t().fullCreditFrom(percent(full)) : t().noneBelow(percent(full), percent(zero));
      const hint = fraction < 1 ? diagnoseTraining(losses) : undefined;
      return { fraction, message: `${reached}; ${scale}${epochCallNote(epochs, settings.epochs)}`, hint, details: { accuracy: share, correct, total: digits.test.y.length, losses, predictions: predicted } };
    },
  };
  return [accuracy, ...(settings.updateRulePoints > 0 ? [...updateRuleCases(seed, updateWeight), randomnessCase(data.train.x, data.train.y, seed, updateWeight)] : [])];
}
