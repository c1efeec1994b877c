/**
 * Every mutant of the reference loses points in the part its mistake belongs to, and the failing
 * tests name the mistake (the hint) with independent evidence where a gradient is involved.
 */
import { describe, expect, it } from 'vitest';
import { gradeOnce, part, submissionOf } from '../helpers.ts';
import { type Mutant, MUTANTS, mutate } from '../mutants.ts';

describe('mutants of the reference', () => {
  it('there are at least 10 classic mistakes', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(MUTANTS.map((m) => [m.name, m] as const))('%s: loses points in the right part and gets its hint', async (_, mutant) => {
    const report = await gradeOnce(submissionOf({ 'index.ts': mutate(mutant) }));
    for (const id of mutant.loses) expect(part(report, id).score, `${id}: ${part(report, id).message}`).toBeLessThan(part(report, id).maxScore);
    // Parts the mistake does not touch keep their marks (train is left out: it uses every function).
    for (const p of report.parts.filter((p) => p.id !== 'train' && !mutant.loses.includes(p.id))) expect(p.score, `${p.id}: ${p.message}`).toBe(p.maxScore);

    const hints = report.parts.flatMap((p) => p.tests.filter((t) => !t.passed).map((t) => t.hintId));
    expect(hints, JSON.stringify(report.parts.map((p) => p.message))).toContain(mutant.hint);
    // train steps with the other parts' functions: when one of them fails, train's update-rule cases say to fix it first.
    const followers = ['update-parts-first', ...(['svm-averaged', 'svm-ds-averaged'].includes(mutant.hint) ? ['train-averaged-loss'] : [])];
    expect(new Set(hints.filter((h) => h && !followers.includes(h))), 'no other mistake is named').toEqual(new Set([mutant.hint, ...(mutant.also ?? [])]));
    for (const p of report.parts.filter((p) => (p.id === 'backward' || p.id === 'svm') && p.score < p.maxScore)) expect(p.evidence).toMatch(/^numerical check: /);
  });

  it("an svm gradient of the wrong sign makes the loss climb, and train's hint says to fix svm first, not the correct update", async () => {
    const flipped: Mutant = { name: 'ds of the wrong sign', replace: [['ds[o + c] = 1;', 'ds[o + c] = -1;'], ['ds[o + y] = -count;', 'ds[o + y] = count;']], loses: ['svm', 'train'], hint: 'update-parts-first' };
    const report = await gradeOnce(submissionOf({ 'index.ts': mutate(flipped) }));
    expect(part(report, 'svm').score).toBe(0);
    const train = part(report, 'train');
    expect(train.tests[0]).toMatchObject({ passed: false, hintId: 'update-parts-first' });
    expect(train.tests.map((test) => test.hintId)).not.toContain('train-ascent');
  });
});
