/** The class's score histogram: students per bin of 10 points, as SVG bars. */
import { htmlText } from '../../i18n/html.ts';
import { drawAxes, fixed, type Frame, niceTicks, plotWidth, scale, svgChart } from './svg-axes.ts';
import { ACCENT } from './style.ts';

const FRAME: Frame = { width: 640, height: 260, left: 56, right: 16, top: 20, bottom: 46 };
const BIN_POINTS = 10;

/** Students per bin [0, 10), [10, 20), ...; a full score falls in the last bin. */
export function scoreBins(scores: number[], maxScore: number): number[] {
  const bins = new Array<number>(Math.max(1, Math.ceil(maxScore / BIN_POINTS))).fill(0);
  for (const score of scores) bins[Math.min(bins.length - 1, Math.max(0, Math.floor(score / BIN_POINTS)))]++;
  return bins;
}

export function renderScoreHistogram(scores: number[], maxScore: number): string {
  const text = htmlText();
  const bins = scoreBins(scores, maxScore);
  const yTicks = niceTicks(0, Math.max(...bins), 4, 1);
  const y = scale(0, yTicks[yTicks.length - 1], FRAME.height - FRAME.bottom, FRAME.top);
  const band = plotWidth(FRAME) / bins.length;
  const bars = bins.map((count, i) => {
    const x = FRAME.left + i * band + 3;
    const top = y(count);
    const from = i * BIN_POINTS;
    const to = Math.min(maxScore, from + BIN_POINTS);
    const label = count > 0 ? `<text x="${fixed(x + (band - 6) / 2)}" y="${fixed(top - 4)}" text-anchor="middle" font-size="11">${count}</text>` : '';
    return `<rect class="bin" data-from="${from}" data-to="${to}" data-count="${count}" x="${fixed(x)}" y="${fixed(top)}" width="${fixed(band - 6)}" height="${fixed(y(0) - top)}" fill="${ACCENT}"><title>${from}–${to}: ${count}</title></rect>${label}`;
  });
  const xTicks = bins.map((_, i) => ({ at: FRAME.left + (i + 0.5) * band, label: `${i * BIN_POINTS}–${Math.min(maxScore, (i + 1) * BIN_POINTS)}` }));
  const axes = drawAxes(FRAME, { xTicks, yTicks: yTicks.map((v) => ({ at: y(v), label: String(v) })), xTitle: text.histogramAxisScore, yTitle: text.histogramAxisStudents });
  return svgChart(FRAME, text.histogramHeading, 'histogram', `${axes}\n${bars.join('\n')}`);
}
