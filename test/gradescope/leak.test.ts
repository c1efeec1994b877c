/**
 * Nothing hidden reaches a student before grades are published: a submission that records every
 * hidden input and sends it back every way it can (as its answers, thrown from train, printed)
 * shows none of it in the visible tests of results.json, and all of it once published.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, gradeSubmission } from '../../graders/grade.ts';
import { toGradescopeResults } from '../../graders/report/gradescope.ts';
import { buildSettings } from '../../graders/settings.ts';
import { at } from '../helpers.ts';
import { fractionalValues, hiddenFixtureSet, leakedValues, printedForms } from './hidden-values.ts';

describe('hidden inputs before publication', () => {
  it('a submission that echoes them shows none in the visible tests, and the details hold them', async () => {
    const hidden = hiddenFixtureSet(7777);
    const forms = printedForms(fractionalValues(hidden.files));
    const settings = await buildSettings({ fixtures: hidden.dir, seed: DEFAULT_SEED });
    const { report } = await gradeSubmission({ name: 'student', dir: at('test', 'submissions', 'hostile', 'leak-hidden-inputs') }, settings);
    const results = toGradescopeResults(report, 1000);
    const tests = results.tests ?? [];

    const visible = [results.output ?? '', ...tests.filter((test) => test.visibility === 'visible').map((test) => `${test.name}\n${test.output ?? ''}`)].join('\n');
    expect(leakedValues(visible, forms)).toEqual([]);
    expect(visible).not.toMatch(/inputs seen/);

    const published = tests.filter((test) => test.visibility === 'after_published').map((test) => test.output ?? '').join('\n');
    expect(published).toMatch(/inputs seen/);
    expect(leakedValues(published, forms).length).toBeGreaterThan(0);
    // The points are all in the visible tests.
    const visiblePoints = tests.filter((test) => test.visibility === 'visible').reduce((sum, test) => sum + (test.max_score ?? 0), 0);
    expect(visiblePoints).toBe(report.maxScore);
  }, 120_000);
});
