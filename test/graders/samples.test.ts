/** The samples the README shows, the starter, and a corpus of correct solutions written differently. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { at, gradeOnce, part } from '../helpers.ts';

describe('the samples', () => {
  it('the reference scores 100', async () => {
    const report = await gradeOnce(at('reference'));
    expect(report.parts.map((p) => [p.id, p.status])).toEqual([['forward', 'passed'], ['backward', 'passed'], ['svm', 'passed'], ['train', 'passed']]);
    expect(report.score).toBe(100);
  });

  it('alice (correct) scores 100', async () => {
    expect((await gradeOnce(at('submissions', 'alice'))).score).toBe(100);
  });

  it('bob (loss averaged over the batch) loses svm and train points, and only those', async () => {
    const report = await gradeOnce(at('submissions', 'bob'));
    expect(part(report, 'forward').score).toBe(20);
    expect(part(report, 'backward').score).toBe(25);
    expect(part(report, 'svm').score).toBeLessThan(25);
    expect(part(report, 'svm').message).toMatch(/loss: expected [\d.]+, got [\d.]+/);
    expect(part(report, 'train').score).toBeLessThan(30);
    expect(part(report, 'train').message).toMatch(/test accuracy \d+\.\d% \(\d+\/297\)/);
  });

  it("carol's unfinished parts score 0 with the thrown message", async () => {
    const report = await gradeOnce(at('submissions', 'carol'));
    for (const id of ['backward', 'train']) {
      expect(part(report, id).score).toBe(0);
      expect(part(report, id).message).toMatch(/threw Error: not implemented \(at index\.ts:\d+:\d+\)/);
    }
    expect(part(report, 'forward').score).toBe(20);
    expect(part(report, 'svm').score).toBe(25);
  });

  it('the unchanged starter loads and scores 0, each part saying what is not implemented', async () => {
    const report = await gradeOnce(at('starter'));
    expect(report.score).toBe(0);
    expect(report.loadError).toBeUndefined();
    for (const p of report.parts) expect(p.message).toMatch(/threw Error: not implemented/);
  });
});

describe('correct solutions written differently all get full marks', () => {
  const corpus = readdirSync(at('test', 'submissions', 'correct'));
  it('the corpus has the variants the contract allows', () => {
    expect(corpus).toEqual(expect.arrayContaining(['loops', 'map-reduce', 'snake-case', 'default-export', 'object-returns', 'float64-rows', 'several-files', 'summation-order']));
  });
  it.each(corpus)('%s', async (name) => {
    const report = await gradeOnce(at('test', 'submissions', 'correct', name));
    expect(report.parts.filter((p) => p.status !== 'passed').map((p) => `${p.id}: ${p.message}`)).toEqual([]);
    expect(report.score).toBe(100);
  });
});
