/**
 * The class corpus (test/submissions/class/): solutions written from the homework statement alone.
 * Every correct one gets full marks on a hidden set, each with a seed of its own; every one with a
 * mistake loses points in the part its MISTAKE.md names first, where a failing test names a mistake
 * (a hint), and in every other part it names without a condition.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFixtures } from '../../graders/fixtures/generate.ts';
import type { GradeSettings } from '../../graders/grade.ts';
import { PART_IDS, RubricSchema, type PartId } from '../../graders/rubric.ts';
import { buildSettings } from '../../graders/settings.ts';
import { at, gradeOnce, part, SHORT_TRAINING, tempDir } from '../helpers.ts';

const CLASS = at('test', 'submissions', 'class');
const present = existsSync(join(CLASS, 'correct')) && existsSync(join(CLASS, 'mistakes'));
const folders = (kind: string) => (present ? readdirSync(join(CLASS, kind)).filter((name) => existsSync(join(CLASS, kind, name, 'index.ts'))) : []);

/** A hidden-like fixture set from another seed, made once for this file. */
let hidden: string | undefined;
function hiddenSet(): string {
  if (!hidden) {
    hidden = join(tempDir(), 'hidden');
    mkdirSync(hidden);
    for (const [name, text] of Object.entries(generateFixtures(90210))) writeFileSync(join(hidden, `${name}.json`), text);
  }
  return hidden;
}

let hiddenBuilt: Promise<GradeSettings> | undefined;
/** The hidden set's settings with the given training seed (the seed is all that differs). */
async function hiddenSettings(seed: number): Promise<GradeSettings> {
  hiddenBuilt ??= buildSettings({ fixtures: hiddenSet(), seed });
  return { ...(await hiddenBuilt), seed };
}

/**
 * The seed of a correct style's grading: one of its own, from its name (so it stays when styles are
 * added), never 1, the default. A seed decides the training (Math.random's draws, the digits'
 * disguise) and backward's random cases. The styles are one algorithm written many ways: given the
 * same seed they train to the same place (26 of the 30 to 267 of the 297 test digits with seed 1 on
 * the public set), so grading every style with the same seeds showed the same few trainings again
 * and again. A seed per style shows as many trainings as there are styles (88.9% to 91.2% when this
 * was written, full credit from 85%): a seed on which correct code misses full marks is met sooner.
 * The hidden set is the one students are graded on; the public set, from the same generator, is
 * graded for correct code by the samples, context and check tests, and for every mistake below.
 */
const hiddenSeed = (name: string) => 2 + (createHash('sha256').update(name).digest().readUInt32BE(0) % 9998);

/**
 * The parts a MISTAKE.md says the mistake should cost, in the order named: every one named before
 * an explanation in brackets, except one that comes with a condition ("and train when ...").
 */
function partsToLose(text: string): { first: PartId; all: PartId[] } {
  const line = text.split('\n').find((l) => /should lose points in:/i.test(l));
  if (!line) throw new Error('MISTAKE.md has no "Should lose points in:" line');
  const segments = line.replace(/^.*should lose points in:/i, '').split('(')[0].split(',');
  const all = segments.filter((s) => !/\bwhen\b/.test(s)).flatMap((s) => PART_IDS.filter((id) => new RegExp(`\\b${id}\\b`).test(s)));
  if (all.length === 0) throw new Error(`MISTAKE.md names no part: ${line}`);
  return { first: all[0], all };
}

// Concurrent: each grading runs in child processes of its own, so the cases spread over the cores.
describe.skipIf(!present).concurrent('the class corpus', () => {
  it('holds at least 25 correct styles and 25 single mistakes', () => {
    expect(folders('correct').length).toBeGreaterThanOrEqual(25);
    expect(folders('mistakes').length).toBeGreaterThanOrEqual(25);
  });

  it.each(folders('correct').map((name) => [name, hiddenSeed(name)] as const))('correct/%s: full marks, hidden set, seed %i', async (name, seed) => {
    const report = await gradeOnce(join(CLASS, 'correct', name), await hiddenSettings(seed));
    const where = `${report.fixtures}, seed ${report.seed}`;
    expect(report.parts.filter((p) => p.status !== 'passed').map((p) => `${p.id}: ${p.message}`), where).toEqual([]);
    expect(report.score, where).toBe(100);
  }, 300_000);

  it.each(folders('mistakes'))('mistakes/%s: loses points where MISTAKE.md says, with a hint', async (name) => {
    const dir = join(CLASS, 'mistakes', name);
    const { first, all } = partsToLose(readFileSync(join(dir, 'MISTAKE.md'), 'utf8'));
    // Where train is not among the parts to lose, nothing here reads it: it trains for 20 epochs, not 100.
    const report = await gradeOnce(dir, all.includes('train') ? {} : { rubric: RubricSchema.parse(SHORT_TRAINING) });
    const summary = report.parts.map((p) => `${p.id} ${p.score}/${p.maxScore}: ${p.message}`).join('\n');
    for (const id of all) expect(part(report, id).score, `${id} should lose points:\n${summary}`).toBeLessThan(part(report, id).maxScore);
    const hints = part(report, first).tests.filter((t) => !t.passed && t.hintId).map((t) => t.hintId);
    expect(hints.length, `a failing ${first} test names the mistake:\n${summary}`).toBeGreaterThan(0);
  }, 300_000);
});
