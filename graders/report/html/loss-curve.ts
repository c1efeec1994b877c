/**
 * The training loss curve: the mean loss train reported per epoch through onEpoch, as an SVG line
 * chart. A loss that starts in the thousands and ends near 0 would flatten into an L on a linear
 * axis, so such a curve gets a log(1 + loss) axis (which still places a loss of 0, unlabelled). Epochs whose
 * loss was not finite break the line and are counted in a note.
 */
import { htmlText } from '../../i18n/html.ts';
import { shortNumber } from '../../format.ts';
import { escapeHtml } from './escape.ts';
import { drawAxes, fixed, type Frame, niceTicks, scale, svgChart, tickLabel } from './svg-axes.ts';
import { ACCENT } from './style.ts';

const FRAME: Frame = { width: 640, height: 280, left: 64, right: 20, top: 16, bottom: 46 };

/**
 * The loss axis: a linear one, or log(1 + loss) when the losses span orders of magnitude. The log
 * axis starts at a loss of 0 but labels only its powers of ten: a "0" among them reads as a
 * mistake on a log scale.
 */
function lossAxis(finite: number[]): { min: number; ticks: number[]; map: (v: number) => number; logarithmic: boolean } {
  const sorted = [...finite].sort((a, b) => a - b);
  const [lo, hi, median] = [sorted[0], sorted[sorted.length - 1], sorted[Math.floor(sorted.length / 2)]];
  if (lo < 0 || hi < 10 || hi < 20 * median) {
    const ticks = niceTicks(Math.min(0, lo), hi);
    return { min: ticks[0], ticks, map: (v) => v, logarithmic: false };
  }
  const ticks = [1];
  while (ticks[ticks.length - 1] < hi) ticks.push(ticks[ticks.length - 1] * 10);
  return { min: 0, ticks, map: Math.log1p, logarithmic: true };
}

/** A loss for the label under the chart: a loss of exactly 0 says so, a tiny one is never shown as 0. */
function lossLabel(value: number): string {
  if (value === 0) return htmlText().lossExactlyZero;
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential(2) : shortNumber(value);
}

export function renderLossCurve(losses: Array<number | null>): string {
  const text = htmlText();
  const finite = losses.filter((v): v is number => v !== null);
  const missing = losses.length - finite.length;
  const missingNote = missing > 0 ? `<p class="note">${escapeHtml(text.nonFiniteLosses(missing))}</p>` : '';
  if (finite.length === 0) return `<p class="note no-losses">${escapeHtml(text.noLosses)}</p>${missingNote}`;

  const axis = lossAxis(finite);
  const toY = scale(axis.map(axis.min), axis.map(axis.ticks[axis.ticks.length - 1]), FRAME.height - FRAME.bottom, FRAME.top);
  const y = (v: number) => toY(axis.map(v));
  const x = scale(1, losses.length, FRAME.left + 8, FRAME.width - FRAME.right - 8);
  const xTicks = niceTicks(1, losses.length, 8, 1).filter((e) => e >= 1 && e <= losses.length);
  if (xTicks[0] !== 1) xTicks.unshift(1);
  const firstEpoch = losses.findIndex((v) => v !== null) + 1;
  const lastEpoch = losses.length - [...losses].reverse().findIndex((v) => v !== null);

  // A gap (a non-finite loss) ends the line; the next finite loss starts a new piece with "M".
  let path = '';
  let pen = 'M';
  losses.forEach((loss, i) => {
    if (loss === null) {
      pen = 'M';
      return;
    }
    path += `${pen}${fixed(x(i + 1))} ${fixed(y(loss))} `;
    pen = 'L';
  });
  const single = finite.length === 1 ? `<circle cx="${fixed(x(firstEpoch))}" cy="${fixed(y(finite[0]))}" r="3" fill="${ACCENT}"/>` : '';
  const axes = drawAxes(FRAME, {
    xTicks: xTicks.map((e) => ({ at: x(e), label: String(e) })),
    yTicks: axis.ticks.map((v) => ({ at: y(v), label: tickLabel(v) })),
    xTitle: text.lossAxisEpoch,
    yTitle: axis.logarithmic ? `${text.lossAxisLoss} (${text.logScale})` : text.lossAxisLoss,
  });
  const line = `<path class="loss-line" d="${path.trim()}" fill="none" stroke="${ACCENT}" stroke-width="2" stroke-linejoin="round"/>`;
  const chart = svgChart(FRAME, text.lossHeading, 'loss-curve', [axes, line, single].join('\n'));
  const range = text.lossRange(lossLabel(finite[0]), firstEpoch, lossLabel(finite[finite.length - 1]), lastEpoch);
  return `${chart}\n<p class="sub">${escapeHtml(range)}</p>${missingNote}`;
}
