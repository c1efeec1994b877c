/** Each part's pass rate over the class, as horizontal SVG bars. */
import { htmlText } from '../../i18n/html.ts';
import { PART_IDS } from '../../rubric.ts';
import type { Report } from '../schema.ts';
import { percent } from '../../format.ts';
import { escapeHtml } from './escape.ts';
import { fixed } from './svg-axes.ts';
import { RIGHT } from './style.ts';

const WIDTH = 640;
const ROW = 30;
const LABEL = 90;
const BAR = 340;

export function renderPassRates(reports: Report[]): string {
  const text = htmlText();
  const rows = PART_IDS.map((id, i) => {
    const passed = reports.filter((r) => r.parts.find((p) => p.id === id)?.status === 'passed').length;
    const fraction = reports.length > 0 ? passed / reports.length : 0;
    const y = 8 + i * ROW;
    return [
      `<g class="pass-rate" data-part="${escapeHtml(id)}" data-passed="${passed}">`,
      `<text x="${LABEL - 8}" y="${y + 11}" text-anchor="end" dominant-baseline="middle" font-size="13">${escapeHtml(id)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${BAR}" height="22" rx="3" fill="#e6eaef"/>`,
      `<rect x="${LABEL}" y="${y}" width="${fixed(BAR * fraction)}" height="22" rx="3" fill="${RIGHT}"/>`,
      `<text x="${LABEL + BAR + 10}" y="${y + 11}" dominant-baseline="middle" font-size="13">${escapeHtml(text.passRate(passed, reports.length, percent(fraction)))}</text>`,
      '</g>',
    ].join('');
  });
  const height = 16 + PART_IDS.length * ROW;
  return `<svg class="chart pass-rates" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(text.passRateHeading)}">\n${rows.join('\n')}\n</svg>`;
}
