/** backward: linearBackward on the golden cases and on fresh random inputs checked against the reference. */
import { compareMatrix, compareVector } from '../compare.ts';
import { pickReturn } from '../contract.ts';
import { withFirstRepeated } from './repeat.ts';
import { diagnoseBackward } from '../diagnose/mistakes.ts';
import { t } from '../i18n/index.ts';
import { gaussian, seededRandom } from '../random.ts';
import type { BackwardFunction } from '../grade.ts';
import { type PartCase, type SingleCallCase, type PartContext, fail, verdictOf } from './types.ts';

interface BackwardInput {
  name: string;
  x: number[][];
  w: number[][];
  b: number[];
  ds: number[][];
  dw: ArrayLike<number>[];
  db: ArrayLike<number>;
}

/** The random inputs made so far, by reference, count and seed: every student of a batch gets the same ones. */
const made = new WeakMap<BackwardFunction, Map<string, BackwardInput[]>>();

/** Random shapes and values, drawn from the grading seed so that a regrade sees the same ones. */
function randomInputs(count: number, seed: number, linearBackward: BackwardFunction | undefined): BackwardInput[] {
  if (!linearBackward || count === 0) return [];
  let bySeed = made.get(linearBackward);
  if (!bySeed) made.set(linearBackward, (bySeed = new Map()));
  const key = `${count}:${seed}`;
  let inputs = bySeed.get(key);
  if (!inputs) bySeed.set(key, (inputs = drawInputs(count, seed, linearBackward)));
  return inputs;
}

function drawInputs(count: number, seed: number, linearBackward: BackwardFunction): BackwardInput[] {
  const random = seededRandom(seed ^ 0x5eed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const matrix = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => gaussian(random)));
  return Array.from({ length: count }, () => {
    const [rows, inputs, classes] = [int(1, 40), int(1, 64), int(1, 12)];
    const x = matrix(rows, inputs);
    const w = matrix(inputs, classes);
    const b = matrix(1, classes)[0];
    const ds = matrix(rows, classes);
    const [dw, db] = linearBackward(ds, [x, w, b]);
    return { name: `random ${rows}x${inputs}x${classes}`, x, w, b, ds, dw, db };
  });
}

export function backwardCases({ fixtures, rubric, seed, referenceBackward }: PartContext): PartCase[] {
  const inputs: BackwardInput[] = [...fixtures.backward, ...randomInputs(rubric.parts.backward.randomCases, seed, referenceBackward)];
  const cases = inputs.map((c): SingleCallCase => ({
    name: t().caseName(c.name),
    args: [c.ds, [c.x, c.w, c.b]],
    judge: (value) => {
      const picked = pickReturn('linearBackward', value, ['dw', 'db']);
      if (!picked.ok) return fail(picked.message);
      const [dw, db] = picked.values;
      return verdictOf(
        [compareMatrix('dw', dw, c.dw, rubric.tolerance), compareVector('db', db, c.db, rubric.tolerance)],
        t().gradientsMatch(`${c.dw.length}x${c.db.length}`),
        () => diagnoseBackward(dw, db, c, rubric.tolerance),
      );
    },
  }));
  return withFirstRepeated(cases, rubric.tolerance);
}
