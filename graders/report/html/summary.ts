/**
 * summary.html: the class at a glance: the score histogram, each part's pass rate, the most
 * frequent mistakes, and a table of students whose names link to their own feedback.html.
 */
import { htmlText } from '../../i18n/html.ts';
import { PART_IDS } from '../../rubric.ts';
import type { Report } from '../schema.ts';
import { escapeHtml, points } from './escape.ts';
import { renderScoreHistogram } from './histogram.ts';
import { renderMistakes } from './mistakes.ts';
import { htmlPage, section } from './page.ts';
import { renderPassRates } from './pass-rate.ts';

/** Where a student's feedback page lies, relative to summary.html. */
export const feedbackHref = (student: string) => `${encodeURIComponent(student)}/feedback.html`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function studentsTable(reports: Report[]): string {
  const text = htmlText();
  const head = `<tr><th>${escapeHtml(text.studentColumn)}</th><th class="num">${escapeHtml(text.totalColumn)}</th>${PART_IDS.map((id) => `<th class="num">${escapeHtml(id)}</th>`).join('')}</tr>`;
  const rows = reports.map((r) => {
    const parts = PART_IDS.map((id) => {
      const part = r.parts.find((p) => p.id === id);
      return part ? `<td class="num status-${escapeHtml(part.status)}">${points(part.score)}</td>` : '<td class="num">–</td>';
    });
    return `<tr class="student"><td><a href="${escapeHtml(feedbackHref(r.student))}">${escapeHtml(r.student)}</a></td><td class="num total-cell">${points(r.score)} / ${points(r.maxScore)}</td>${parts.join('')}</tr>`;
  });
  return `<table class="students">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function renderSummaryPage(reports: Report[]): string {
  const text = htmlText();
  const sorted = [...reports].sort((a, b) => a.student.localeCompare(b.student));
  if (sorted.length === 0) return htmlPage(text.summaryTitle, `<header class="summary"><h1>${escapeHtml(text.summaryTitle)}</h1></header>\n<p class="note">${escapeHtml(text.noReports)}</p>`);
  const scores = sorted.map((r) => r.score);
  const maxScore = Math.max(...sorted.map((r) => r.maxScore));
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const body = [
    `<header class="summary"><div><h1>${escapeHtml(text.summaryTitle)}</h1><p class="sub">${escapeHtml(text.classLine(sorted.length, points(mean), points(median(scores))))}</p></div></header>`,
    section('histogram', text.histogramHeading, renderScoreHistogram(scores, maxScore)),
    section('pass-rates', text.passRateHeading, renderPassRates(sorted)),
    section('mistakes', text.mistakesHeading, renderMistakes(sorted)),
    section('students', text.studentsHeading, studentsTable(sorted)),
  ];
  return htmlPage(text.summaryTitle, body.join('\n'));
}
