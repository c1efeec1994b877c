/**
 * summary.html: the class at a glance: the score histogram, each part's pass rate, the most
 * frequent mistakes, and a table of students whose names link to their own feedback.html.
 */
import { htmlText } from '../../i18n/html.ts';
import { t } from '../../i18n/index.ts';
import { outcomeOf } from '../outcome.ts';
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
  const head = `<tr><th>${escapeHtml(text.studentColumn)}</th><th class="num">${escapeHtml(text.totalColumn)}</th>${PART_IDS.map((id) => `<th class="num">${escapeHtml(id)}</th>`).join('')}<th>${escapeHtml(text.reasonColumn)}</th></tr>`;
  const rows = reports.map((r) => {
    const parts = PART_IDS.map((id) => {
      const part = r.parts.find((p) => p.id === id);
      return part ? `<td class="num status-${escapeHtml(part.status)}">${points(part.score)}</td>` : '<td class="num">–</td>';
    });
    return `<tr class="student"><td><a href="${escapeHtml(feedbackHref(r.student))}">${escapeHtml(r.student)}</a></td><td class="num total-cell">${points(r.score)} / ${points(r.maxScore)}</td>${parts.join('')}<td class="reason">${escapeHtml((r.outcome ?? outcomeOf(r)).reason)}</td></tr>`;
  });
  return `<table class="students">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** The students at 0, grouped by the status of their outcome: each group a reason to act on. */
function zerosByReason(reports: Report[]): string {
  const text = htmlText();
  const groups = new Map<string, Report[]>();
  for (const r of reports.filter((r) => r.score === 0)) {
    const status = (r.outcome ?? outcomeOf(r)).status;
    groups.set(status, [...(groups.get(status) ?? []), r]);
  }
  if (groups.size === 0) return `<p class="note">${escapeHtml(text.noZeros)}</p>`;
  const items = [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([status, rs]) => {
      const label = t().outcomeLabel[status as keyof ReturnType<typeof t>['outcomeLabel']] ?? status;
      const students = rs.map((r) => `<li><a href="${escapeHtml(feedbackHref(r.student))}">${escapeHtml(r.student)}</a>: ${escapeHtml((r.outcome ?? outcomeOf(r)).reason)}</li>`);
      return `<li class="zero-group" data-status="${escapeHtml(status)}"><strong>${escapeHtml(text.zeroGroup(label, rs.length))}</strong><ul>${students.join('')}</ul></li>`;
    });
  return `<ul class="zeros">${items.join('\n')}</ul>`;
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
    section('zeros', text.zerosHeading, zerosByReason(sorted)),
    section('students', text.studentsHeading, studentsTable(sorted)),
  ];
  return htmlPage(text.summaryTitle, body.join('\n'));
}
