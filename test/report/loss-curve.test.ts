/** The loss curve's chart and label never say "0" where that misleads: no 0 tick on a log axis, and a final loss shown as it is. */
import { describe, expect, it } from 'vitest';
import { renderLossCurve } from '../../graders/report/html/loss-curve.ts';

const tickLabels = (svg: string) => [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the loss curve', () => {
  it('a log-scale axis labels its powers of ten, and no "0" tick', () => {
    const html = renderLossCurve([2299.08, 63.15, 13.08, 2.5, 0.4, 0]);
    expect(html).toContain('log scale');
    expect(tickLabels(html)).toEqual(['1', '10', '100', '1000', '10000']);
  });

  it('says a final loss of exactly 0 is exactly 0, and shows a tiny one as it is rather than rounded to 0', () => {
    expect(renderLossCurve([2299.08, 63.15, 0])).toMatch(/from 2300 after epoch 1 to exactly 0 \(every training digit beyond the margin\) after epoch 3/);
    expect(renderLossCurve([10, 5, 0.000412])).toMatch(/to 4\.12e-4 after epoch 3/);
  });
});
