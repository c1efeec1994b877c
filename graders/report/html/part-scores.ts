/** The feedback page's score table: a row per part with its status, points and a bar of them. */
import { htmlText } from '../../i18n/html.ts';
import type { PartReport } from '../schema.ts';
import { escapeHtml, points } from './escape.ts';

function scoreBar(score: number, max: number): string {
  const fraction = max > 0 ? Math.min(1, Math.max(0, score / max)) : 0;
  return `<div class="bar${fraction === 1 ? ' full' : ''}"><span style="width: ${(100 * fraction).toFixed(1)}%"></span></div>`;
}

export function renderPartScores(parts: PartReport[]): string {
  const text = htmlText();
  const rows = parts.map(
    (part) =>
      `<tr data-part="${escapeHtml(part.id)}"><td>${escapeHtml(part.id)}</td><td><code>${escapeHtml(part.function)}</code></td>` +
      `<td class="status-${escapeHtml(part.status)}">${escapeHtml(text.statuses[part.status])}</td>` +
      `<td class="num part-score">${points(part.score)} / ${points(part.maxScore)}</td><td>${scoreBar(part.score, part.maxScore)}</td></tr>`,
  );
  const head = `<tr><th>${escapeHtml(text.partColumn)}</th><th>${escapeHtml(text.functionColumn)}</th><th>${escapeHtml(text.statusColumn)}</th><th class="num">${escapeHtml(text.pointsColumn)}</th><th></th></tr>`;
  return `<table class="parts">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}
