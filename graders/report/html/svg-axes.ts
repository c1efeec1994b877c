/**
 * What the SVG charts share: round tick values and a plot frame with its axes, tick labels and
 * axis titles, so each chart only maps its data into the frame.
 */
import { shortNumber } from '../../format.ts';
import { escapeHtml } from './escape.ts';
import { MUTED } from './style.ts';

/** Ticks at 1, 2 or 5 times a power of ten, covering [lo, hi] with about `count` steps. */
export function niceTicks(lo: number, hi: number, count = 5, minStep = 0): number[] {
  if (!(hi > lo)) hi = lo + Math.max(1, minStep);
  const rough = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(minStep, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  // Up to the first tick at or above hi: the top of the axis holds the largest value (7 students
  // in a bin under ticks of 2 once drew a bar above the chart, clipped off).
  for (let v = first; ; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= hi - step * 1e-9) break;
  }
  return ticks;
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const plotWidth = (f: Frame) => f.width - f.left - f.right;

/** A linear map from [d0, d1] onto [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return d1 === d0 ? () => (r0 + r1) / 2 : (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

export const fixed = (v: number) => Number(v.toFixed(1)).toString();

interface Axes {
  xTicks: Array<{ at: number; label: string }>;
  yTicks: Array<{ at: number; label: string }>;
  xTitle: string;
  yTitle: string;
}

/** The axes lines, gridlines at the y ticks, tick labels and the two axis titles. */
export function drawAxes(f: Frame, axes: Axes): string {
  const [x0, x1, y0, y1] = [f.left, f.width - f.right, f.height - f.bottom, f.top];
  const parts = [
    ...axes.yTicks.map((t) => `<line x1="${x0}" x2="${x1}" y1="${fixed(t.at)}" y2="${fixed(t.at)}" stroke="#e6eaef"/><text x="${x0 - 6}" y="${fixed(t.at)}" text-anchor="end" dominant-baseline="middle" font-size="11">${escapeHtml(t.label)}</text>`),
    ...axes.xTicks.map((t) => `<line x1="${fixed(t.at)}" x2="${fixed(t.at)}" y1="${y0}" y2="${y0 + 4}" stroke="${MUTED}"/><text x="${fixed(t.at)}" y="${y0 + 16}" text-anchor="middle" font-size="11">${escapeHtml(t.label)}</text>`),
    `<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="${MUTED}"/>`,
    `<line x1="${x0}" x2="${x0}" y1="${y0}" y2="${y1}" stroke="${MUTED}"/>`,
    `<text class="axis-title" x="${(x0 + x1) / 2}" y="${f.height - 6}" text-anchor="middle" font-size="12">${escapeHtml(axes.xTitle)}</text>`,
    `<text class="axis-title" transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeHtml(axes.yTitle)}</text>`,
  ];
  return parts.join('\n');
}

export function svgChart(f: Frame, label: string, className: string, content: string): string {
  return `<svg class="chart ${className}" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${escapeHtml(label)}">\n${content}\n</svg>`;
}

export const tickLabel = (v: number) => shortNumber(v);
