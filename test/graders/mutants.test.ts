/**
 * Mutants of the reference, one classic mistake each: every one must lose points in the part the
 * mistake belongs to. Each mutation is a text replacement that must apply exactly once, so a
 * change to the reference that breaks a mutation fails here instead of passing silently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PartId } from '../../graders/rubric.ts';
import { at, grade, part, submissionOf } from '../helpers.ts';

const reference = readFileSync(at('reference', 'index.ts'), 'utf8');
const TEN_SUMS = 'let s0 = b[0], s1 = b[1], s2 = b[2], s3 = b[3], s4 = b[4], s5 = b[5], s6 = b[6], s7 = b[7], s8 = b[8], s9 = b[9];';

interface Mutant {
  name: string;
  replace: Array<[from: string, to: string]>;
  loses: PartId[];
}

export const MUTANTS: Mutant[] = [
  // The reference has a general forward kernel and one for ten classes: both get the mistake.
  { name: 'forgotten bias', replace: [['out[o + c] = b[c];', 'out[o + c] = 0;'], [TEN_SUMS, TEN_SUMS.replace(/b\[\d\]/g, '0')]], loses: ['forward'] },
  { name: 'bias indexed by sample', replace: [['out[o + c] = b[c];', 'out[o + c] = b[i];'], [TEN_SUMS, TEN_SUMS.replace(/b\[\d\]/g, 'b[i]')]], loses: ['forward'] },
  { name: 'transposed dW', replace: [['return [toRows(dw, inputs, classes), db];', 'return [toRows(dw, inputs, classes)[0].map((_, c) => toRows(dw, inputs, classes).map((row) => row[c])), db];']], loses: ['backward'] },
  { name: 'dW divided by the batch size', replace: [['dw[k * classes + c] += d * x[xi + k];', 'dw[k * classes + c] += (d * x[xi + k]) / rows;']], loses: ['backward'] },
  { name: 'db summed on the wrong axis', replace: [['return [toRows(dw, inputs, classes), db];', 'return [toRows(dw, inputs, classes), Float64Array.from(ds, (row) => Array.from(row).reduce((s, v) => s + v, 0))];']], loses: ['backward'] },
  { name: 'loss averaged over the batch', replace: [['  return loss;\n}', '  for (let j = 0; j < rows * classes; j++) ds[j] /= rows;\n  return loss / rows;\n}']], loses: ['svm', 'train'] },
  { name: 'true class counted in the hinge', replace: [['      if (c === y) continue;\n      const margin', '      const margin']], loses: ['svm'] },
  { name: '-1 instead of -count', replace: [['ds[o + y] = -count;', 'ds[o + y] = count > 0 ? -1 : 0;']], loses: ['svm'] },
  { name: 'no true-class gradient', replace: [['ds[o + y] = -count;', 'ds[o + y] = 0;']], loses: ['svm', 'train'] },
  { name: 'gradient ascent', replace: [['w[j] -= lr * dw[j];', 'w[j] += lr * dw[j];'], ['b[c] -= lr * db[c];', 'b[c] += lr * db[c];']], loses: ['train'] },
  { name: 'weights never updated', replace: [['for (let j = 0; j < w.length; j++) w[j] -= lr * dw[j];', ''], ['for (let c = 0; c < classes; c++) b[c] -= lr * db[c];', '']], loses: ['train'] },
];

function mutate(mutant: Mutant): string {
  let source = reference;
  for (const [from, to] of mutant.replace) {
    expect(source.split(from).length - 1, `'${from}' must occur once in reference/index.ts`).toBe(1);
    source = source.replace(from, to);
  }
  return source;
}

describe('mutants of the reference lose points in the right part', () => {
  it('there are at least 10 classic mistakes', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(MUTANTS.map((m) => [m.name, m] as const))('%s', async (_, mutant) => {
    const report = await grade(submissionOf({ 'index.ts': mutate(mutant) }));
    for (const id of mutant.loses) expect(part(report, id).score, `${id}: ${part(report, id).message}`).toBeLessThan(part(report, id).maxScore);
    // Parts the mistake does not touch keep their marks (train is left out: it uses every function).
    for (const p of report.parts.filter((p) => p.id !== 'train' && !mutant.loses.includes(p.id))) expect(p.score, `${p.id}: ${p.message}`).toBe(p.maxScore);
  });
});
