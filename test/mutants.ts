/**
 * Mutants of the reference, one classic mistake each, for the tests of scoring and of hints. Each
 * mutation is a text replacement that must apply exactly once, so a change to the reference that
 * breaks a mutation fails loudly instead of passing silently.
 */
import { readFileSync } from 'node:fs';
import type { HintId } from '../graders/i18n/index.ts';
import type { PartId } from '../graders/rubric.ts';
import { at } from './helpers.ts';

const reference = readFileSync(at('reference', 'index.ts'), 'utf8');
const CLASSES_LINE = 'const CLASSES = 10;';
const BACKWARD_CALL = 'backwardFlat(flatten(ds, classes), flatten(x, inputs), rows, inputs, classes, dw, db);';
const F64_SUMS = 's0 += v * w[q]; s1 += v * w[q + 1]; s2 += v * w[q + 2]; s3 += v * w[q + 3]; s4 += v * w[q + 4];\n      s5 += v * w[q + 5]; s6 += v * w[q + 6]; s7 += v * w[q + 7]; s8 += v * w[q + 8]; s9 += v * w[q + 9];';
const TEN_SUMS = 'let s0 = b[0], s1 = b[1], s2 = b[2], s3 = b[3], s4 = b[4], s5 = b[5], s6 = b[6], s7 = b[7], s8 = b[8], s9 = b[9];';

export interface Mutant {
  name: string;
  replace: Array<[from: string, to: string]>;
  /** The parts that must lose points. */
  loses: PartId[];
  /** The hint the failing tests must give. */
  hint: HintId;
  /** Further hints train's failing tests may give for the same mistake (its update rule seen from outside). */
  also?: HintId[];
}

export const MUTANTS: Mutant[] = [
  // The reference has a general forward kernel and one for ten classes: both get the mistake.
  { name: 'forgotten bias', replace: [['out[o + c] = b[c];', 'out[o + c] = 0;'], [TEN_SUMS, TEN_SUMS.replace(/b\[\d\]/g, '0')]], loses: ['forward'], hint: 'bias-forgotten' },
  { name: 'bias indexed by sample', replace: [['out[o + c] = b[c];', 'out[o + c] = b[i];'], [TEN_SUMS, TEN_SUMS.replace(/b\[\d\]/g, 'b[i]')]], loses: ['forward'], hint: 'bias-by-sample' },
  { name: 'transposed dW', replace: [['return [toRows(dw, inputs, classes), db];', 'return [Array.from(toRows(dw, inputs, classes)[0], (_, c) => toRows(dw, inputs, classes).map((row) => row[c])), db];']], loses: ['backward'], hint: 'dw-transposed' },
  { name: 'dW divided by the batch size', replace: [['dw[k * classes + c] += d * x[xi + k];', 'dw[k * classes + c] += (d * x[xi + k]) / rows;']], loses: ['backward'], hint: 'dw-averaged' },
  { name: 'db summed on the wrong axis', replace: [['return [toRows(dw, inputs, classes), db];', 'return [toRows(dw, inputs, classes), Float64Array.from(ds, (row) => Array.from(row).reduce((s, v) => s + v, 0))];']], loses: ['backward'], hint: 'db-wrong-axis' },
  { name: 'loss averaged over the batch', replace: [['  return loss;\n}', '  for (let j = 0; j < rows * classes; j++) ds[j] /= rows;\n  return loss / rows;\n}']], loses: ['svm', 'train'], hint: 'svm-averaged' },
  { name: 'loss averaged, ds summed', replace: [['  return loss;\n}', '  return loss / rows;\n}']], loses: ['svm'], hint: 'svm-loss-averaged' },
  { name: 'ds averaged, loss summed', replace: [['  return loss;\n}', '  for (let j = 0; j < rows * classes; j++) ds[j] /= rows;\n  return loss;\n}']], loses: ['svm', 'train'], hint: 'svm-ds-averaged' },
  { name: 'bias subtracted', replace: [['out[o + c] = b[c];', 'out[o + c] = -b[c];'], [TEN_SUMS, TEN_SUMS.replace(/b\[(\d)\]/g, '-b[$1]')]], loses: ['forward'], hint: 'bias-subtracted' },
  { name: 'float32 accumulation', replace: [['out[o + c] += xik * w[wk + c];', 'out[o + c] = Math.fround(out[o + c] + Math.fround(xik * w[wk + c]));'], [F64_SUMS, F64_SUMS.replace(/(s\d) \+= (v \* w\[q( \+ \d)?\]);/g, '$1 = Math.fround($1 + Math.fround($2));')]], loses: ['forward'], hint: 'float32' },
  { name: 'a dW buffer kept between calls', replace: [[CLASSES_LINE, `${CLASSES_LINE}\nconst kept: number[] = [];`], [BACKWARD_CALL, `${BACKWARD_CALL}\n  for (let j = 0; j < dw.length; j++) {\n    dw[j] += kept[j] ?? 0;\n    kept[j] = dw[j];\n  }`]], loses: ['backward'], hint: 'state-kept' },
  { name: 'true class counted in the hinge', replace: [['      if (c === y) continue;\n      const margin', '      const margin']], loses: ['svm'], hint: 'svm-true-class-counted' },
  { name: '-1 instead of -count', replace: [['ds[o + y] = -count;', 'ds[o + y] = count > 0 ? -1 : 0;']], loses: ['svm'], hint: 'svm-minus-one' },
  { name: 'no true-class gradient', replace: [['ds[o + y] = -count;', 'ds[o + y] = 0;']], loses: ['svm', 'train'], hint: 'svm-no-true-gradient' },
  { name: 'gradient ascent', replace: [['w[j] -= lr * dw[j];', 'w[j] += lr * dw[j];'], ['b[c] -= lr * db[c];', 'b[c] += lr * db[c];']], loses: ['train'], hint: 'train-ascent', also: ['update-ascent'] },
  { name: 'weights never updated', replace: [['for (let j = 0; j < w.length; j++) w[j] -= lr * dw[j];', ''], ['for (let c = 0; c < classes; c++) b[c] -= lr * db[c];', '']], loses: ['train'], hint: 'train-no-update', also: ['update-none'] },
  { name: 'b never updated', replace: [['for (let c = 0; c < classes; c++) b[c] -= lr * db[c];', '']], loses: ['train'], hint: 'update-b-frozen' },
  { name: 'b moved up its gradient', replace: [['b[c] -= lr * db[c];', 'b[c] += lr * db[c];']], loses: ['train'], hint: 'update-b-ascent' },
  { name: 'lr hard-coded 10x', replace: [['w[j] -= lr * dw[j];', 'w[j] -= 10 * lr * dw[j];'], ['b[c] -= lr * db[c];', 'b[c] -= 10 * lr * db[c];']], loses: ['train'], hint: 'update-step-size' },
  { name: 'full-batch gradient descent', replace: [['const { batchSize = 256, epochs = 100, lr = 5e-3, onEpoch } = options;', 'const { epochs = 100, lr = 5e-3, onEpoch } = options;\n  const batchSize = x.length;']], loses: ['train'], hint: 'update-batches' },
  { name: 'one epoch fewer', replace: [['for (let epoch = 1; epoch <= epochs; epoch++)', 'for (let epoch = 1; epoch < epochs; epoch++)']], loses: ['train'], hint: 'update-epochs' },
];

export function mutate(mutant: Mutant): string {
  let source = reference;
  for (const [from, to] of mutant.replace) {
    const count = source.split(from).length - 1;
    if (count !== 1) throw new Error(`mutant '${mutant.name}': '${from}' occurs ${count} times in reference/index.ts, not once`);
    source = source.replace(from, to);
  }
  return source;
}
