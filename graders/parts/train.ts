/**
 * train: the student's own train() on the 1500 training digits with the homework's settings and a
 * seeded Math.random; the grader scores the returned W and b on the 297 test digits itself.
 */
import { checkMatrixShape, checkVectorShape } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { CLASSES, PIXELS } from '../data/digits.ts';
import { percent } from '../format.ts';
import { diagnoseTraining } from '../diagnose/mistakes.ts';
import { countCorrect, predictClasses } from '../predict.ts';
import { t } from '../i18n/index.ts';
import { type PartCase, type PartContext, type Verdict, fail } from './types.ts';


function finiteMessage(name: string, values: ArrayLike<unknown>): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return t().notFinite(name, String(v), i);
  }
  return undefined;
}

export function trainCases({ rubric, digits, seed }: PartContext): PartCase[] {
  const settings = rubric.parts.train;
  return [
    {
      name: t().trainCase(settings.epochs),
      args: [digits.train.x, digits.train.y, { batchSize: settings.batchSize, epochs: settings.epochs, lr: settings.lr }],
      seed,
      judge: (value, epochs): Verdict => {
        const losses = epochs.map(([, loss]) => loss);
        const picked = pickReturn('train', value, ['W', 'b']);
        if (!picked.ok) return fail(picked.message, { losses });
        const [w, b] = picked.values;
        const shape = checkMatrixShape('W', w, PIXELS, CLASSES) ?? checkVectorShape('b', b, CLASSES);
        if (shape) return { ...fail(shape, { losses }), hint: diagnoseTraining(losses) };
        const rows = w as ArrayLike<number>[];
        const bad = rows.map((row, i) => finiteMessage(`W[${i}]`, row)).find(Boolean) ?? finiteMessage('b', b as ArrayLike<number>);
        if (bad) return { ...fail(bad, { losses }), hint: diagnoseTraining(losses) };
        const predicted = predictClasses(digits.test.x, rows, b as ArrayLike<number>);
        const correct = countCorrect(predicted, digits.test.y);
        const accuracy = correct / digits.test.y.length;
        const { fullCreditAccuracy: full, zeroCreditAccuracy: zero } = settings;
        const fraction = Math.min(1, Math.max(0, (accuracy - zero) / (full - zero)));
        const reached = t().accuracyReached(percent(accuracy), correct, digits.test.y.length);
        const scale = fraction >= 1 ? t().fullCreditFrom(percent(full)) : t().noneBelow(percent(full), percent(zero));
        const calls = epochs.length === settings.epochs || epochs.length === 0 ? '' : `; ${t().epochCallsNote(epochs.length, settings.epochs)}`;
        const hint = fraction < 1 ? diagnoseTraining(losses) : undefined;
        return { fraction, message: `${reached}; ${scale}${calls}`, hint, details: { accuracy, correct, total: digits.test.y.length, losses, predictions: predicted } };
      },
    },
  ];
}
