/**
 * The accuracy case trains on disguised digits (pixels and labels secretly permuted): a correct
 * train() cannot tell, while weights computed elsewhere on the plain digits earn nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../graders/data/digits.ts';
import { disguiseDigits, disguiseFor, plainLabels } from '../../graders/data/disguise.ts';
import { countCorrect, predictClasses } from '../../graders/predict.ts';
import { seededRandom } from '../../graders/random.ts';
import { train } from '../../reference/index.ts';
import { at, grade, part, submissionOf } from '../helpers.ts';

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);

describe('the disguise', () => {
  it('permutes the 64 pixels and the 10 labels, the same way for the same secret and seed', () => {
    const d = disguiseFor('fixtures', 1);
    expect(sorted(d.pixels)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(sorted(d.labels)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(disguiseFor('fixtures', 1)).toEqual(d);
    expect(disguiseFor('fixtures', 2)).not.toEqual(d);
    expect(disguiseFor('other fixtures', 1)).not.toEqual(d);
  });

  it('turns predictions under disguised names back into digits', () => {
    const d = disguiseFor('fixtures', 1);
    const digits = loadDigits();
    const disguised = disguiseDigits(digits, d);
    expect(plainLabels(disguised.test.y, d)).toEqual(digits.test.y);
    expect(disguised.train.x[0]).toEqual(d.pixels.map((k) => digits.train.x[0][k]));
  });
});

describe('weights computed elsewhere', () => {
  it('trained on the plain digits and returned by train(), score chance and lose the train part', async () => {
    const digits = loadDigits();
    Math.random = seededRandom(5);
    const [w, b] = train(digits.train.x, digits.train.y);
    const plainAccuracy = countCorrect(predictClasses(digits.test.x, w, b), digits.test.y) / digits.test.y.length;
    expect(plainAccuracy).toBeGreaterThan(0.85);
    const embedded = JSON.stringify([w.map((r) => Array.from(r)), Array.from(b)]);
    const dir = submissionOf({
      'ref.ts': readFileSync(at('reference', 'index.ts'), 'utf8'),
      'index.ts': `export { linearForward, linearBackward, svmLoss } from './ref';\nconst trained = ${embedded};\nexport function train() {\n  return trained;\n}\n`,
    });
    const report = await grade(dir);
    const trainPart = part(report, 'train');
    const accuracy = trainPart.details?.accuracy as number;
    expect(accuracy, trainPart.message).toBeLessThan(0.4);
    expect(trainPart.score).toBeLessThan(trainPart.maxScore / 3);
    expect(trainPart.tests.slice(1).map((t) => t.hintId)).toEqual(['update-none', 'update-none', 'update-none', 'update-own-random']);
  });
});
