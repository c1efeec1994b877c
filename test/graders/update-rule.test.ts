/**
 * The update-rule cases of the train part, judged in this process on train() variants: every
 * correct way passes for several seeds, every mistake fails with the hint that names it.
 */
import { describe, expect, it } from 'vitest';
import { randomnessCase, updateRuleCases } from '../../graders/parts/train-update.ts';
import { loadDigits } from '../../graders/data/digits.ts';
import type { MultiCallCase } from '../../graders/parts/types.ts';
import type { HintId } from '../../graders/i18n/index.ts';
import { seededRandom } from '../../graders/random.ts';
import { train as referenceTrain } from '../../reference/index.ts';
import { type Switches, variantTrain } from '../train-variants.ts';

type Train = (x: number[][], y: number[], options: Record<string, unknown>) => [ArrayLike<ArrayLike<number>>, ArrayLike<number>];

/** Runs a case's calls as the harness does: Math.random seeded per call, onEpoch recorded, plain copies back. */
function judgeAll(train: Train, seed: number) {
  const cases = updateRuleCases(seed, 4) as MultiCallCase[];
  const values: unknown[] = [];
  const epochs: Array<Array<[number, number]>> = [];
  for (const call of cases[0].calls) {
    Math.random = seededRandom(call.seed!);
    const calls: Array<[number, number]> = [];
    const [x, y, options] = call.args as [number[][], number[], Record<string, unknown>];
    const [w, b] = train(x, y, { ...options, onEpoch: (e: number, l: number) => calls.push([e, l]) });
    values.push([Array.from(w, (row) => Float64Array.from(row)), Float64Array.from(b)]);
    epochs.push(calls);
  }
  return cases.map((c) => c.judge(values, epochs));
}

const SEEDS = [1, 2, 3, 7, 2024];

const CORRECT: Record<string, Switches> = {
  'plain loops': {},
  'the last partial batch dropped': { dropLast: true },
  'batches sampled with replacement': { withReplacement: true },
  'W and b started at zero': { init: 'zeros' },
  'W started small and uniform': { init: 'small-uniform' },
  'b started random': { init: 'random-b' },
  'float32 weights': { float32: true },
  'options.x || default': { orDefaults: true },
};

describe('every correct way of training passes all three update-rule cases', () => {
  it.each(SEEDS)('the reference, seed %i', (seed) => {
    for (const verdict of judgeAll(referenceTrain as Train, seed)) expect(verdict, verdict.message).toMatchObject({ fraction: 1 });
  });
  it.each(Object.entries(CORRECT))('%s', (_, switches) => {
    for (const seed of SEEDS) for (const verdict of judgeAll(variantTrain(switches) as Train, seed)) expect(verdict.fraction, `seed ${seed}: ${verdict.message}`).toBe(1);
  });
});

const MISTAKES: Array<[string, Switches, HintId, passesFullBatch?: boolean]> = [
  ['b never updated', { bFrozen: true }, 'update-b-frozen'],
  ['W never updated', { wFrozen: true }, 'update-w-frozen'],
  ['b moved up its gradient', { bAscent: true }, 'update-b-ascent'],
  ['gradient ascent', { ascent: true }, 'update-ascent'],
  ['the gradient averaged over the batch', { averaged: true }, 'update-averaged'],
  ['lr hard-coded 10x', { lrFactor: 10 }, 'update-step-size'],
  ['options.lr ignored', { ignoreLr: true }, 'update-lr-ignored'],
  ['a slice that drops one row per batch', { sliceDropsOne: true }, 'update-rows-missing'],
  ['20% of the rows held out', { holdOut: 0.2 }, 'update-rows-missing'],
  ['full-batch gradient descent', { fullBatch: true }, 'update-batches', true],
  ['one epoch fewer', { epochsDelta: -1 }, 'update-epochs'],
  ['one epoch more', { epochsDelta: 1 }, 'update-epochs'],
  ['options.epochs ignored: always 100', { fixedEpochs: 100 }, 'update-epochs'],
  ['options.epochs ignored, from a small uniform start', { fixedEpochs: 100, init: 'small-uniform' }, 'update-epochs'],
  ['options.epochs ignored, from zero', { fixedEpochs: 100, init: 'zeros' }, 'update-epochs'],
  ["each step the previous batch's gradient", { stale: true }, 'update-stale'],
  ['softmax cross-entropy', { softmax: true }, 'update-softmax'],
  ['inputs divided by 16', { inputsOver16: true }, 'update-inputs-scaled'],
  ['no true-class gradient', { noTrueClassGradient: true }, 'update-not-hinge'],
  ['never updated at all', { never: true }, 'update-none'],
];

describe('every mistake fails with the hint that names it', () => {
  it.each(MISTAKES)('%s', (_, switches, hint, passesFullBatch) => {
    for (const seed of SEEDS) {
      const [full, mini, epochs] = judgeAll(variantTrain(switches) as Train, seed);
      if (passesFullBatch) expect(full.fraction, `seed ${seed}: ${full.message}`).toBe(1);
      else expect(full, `seed ${seed}`).toMatchObject({ fraction: 0, hint });
      expect(mini, `seed ${seed}`).toMatchObject({ fraction: 0, hint });
      expect(epochs, `seed ${seed}`).toMatchObject({ fraction: 0, hint });
    }
  });

  it('a failure says where and how far from exact SGD', () => {
    const [full] = judgeAll(variantTrain({ bFrozen: true }) as Train, 1);
    expect(full.message).toMatch(/^12 identical rows, batchSize 12, epochs 1, lr 0\.0001: b\[0\] should be [\d.]+ \(exact SGD from your own start\), got 1$/);
  });

  it('a NaN in W is named, not a crash', () => {
    const nan: Train = (x, y, o) => {
      const [w, b] = referenceTrain(x, y, o) as [Float64Array[], Float64Array];
      w[3][2] = NaN;
      return [w, b];
    };
    const [full] = judgeAll(nan, 1);
    expect(full).toMatchObject({ fraction: 0, message: 'batchSize 12, epochs 1, lr 0.0001: W[3][2] is NaN' });
  });
});

describe('randomness from Math.random', () => {
  const digits = loadDigits();
  const judge = (train: Train) => {
    const c = randomnessCase(digits.train.x, digits.train.y, 1, 3);
    const values = c.calls.map((call) => {
      Math.random = seededRandom(call.seed!);
      const [x, y, options] = call.args as [number[][], number[], Record<string, unknown>];
      const [w, b] = train(x, y, { ...options });
      return [Array.from(w, (row) => Float64Array.from(row)), Float64Array.from(b)];
    });
    return c.judge(values, [[], []]);
  };
  it('two seeds, two trainings: passes, from a normal or a zero start', () => {
    expect(judge(referenceTrain as Train).fraction).toBe(1);
    expect(judge(variantTrain({ init: 'zeros' }) as Train).fraction).toBe(1);
  });
  it('a generator of its own fails, named', () => {
    const own: Train = (x, y, o) => {
      const saved = Math.random;
      Math.random = seededRandom(42);
      try {
        return referenceTrain(x, y, o) as [Float64Array[], Float64Array];
      } finally {
        Math.random = saved;
      }
    };
    expect(judge(own)).toMatchObject({ fraction: 0, hint: 'update-own-random' });
  });
});
