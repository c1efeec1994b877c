/** The SVG charts of the pages: every bar and point inside the chart, whatever the counts. */
import { describe, expect, it } from 'vitest';
import { renderScoreHistogram } from '../../graders/report/html/histogram.ts';
import { niceTicks } from '../../graders/report/html/svg-axes.ts';

describe('the charts', () => {
  it('an axis reaches at least its largest value', () => {
    for (const [lo, hi] of [[0, 7], [0, 6], [0, 1], [0, 13], [0, 0.37], [1, 100], [-3, 9.5], [0, 7_654_321]]) {
      const ticks = niceTicks(lo, hi, 4, 0);
      expect(ticks[0], `${lo}..${hi}`).toBeLessThanOrEqual(lo);
      expect(ticks[ticks.length - 1], `${lo}..${hi}`).toBeGreaterThanOrEqual(hi);
    }
  });

  it("the histogram's tallest bar and its count stay inside the chart (7 students in one bin)", () => {
    const svg = renderScoreHistogram([92, 94, 95, 97, 99, 100, 100, 41], 100);
    const ys = [...svg.matchAll(/<(?:rect|text)[^>]* y="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys.length).toBeGreaterThan(0);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(svg).toMatch(/data-count="7"/);
  });
});
