/**
 * The class's most frequent mistakes: how often each hint was given over all failed tests, and to
 * how many students, with the hint's text as the reports gave it.
 */
import { htmlText } from '../../i18n/html.ts';
import type { Report } from '../schema.ts';
import { escapeHtml } from './escape.ts';

export interface MistakeCount {
  hintId: string;
  hint: string;
  times: number;
  students: number;
}

export function countMistakes(reports: Report[]): MistakeCount[] {
  const counts = new Map<string, MistakeCount & { who: Set<string> }>();
  for (const report of reports) {
    for (const test of report.parts.flatMap((p) => p.tests)) {
      if (test.passed || !test.hintId) continue;
      const entry = counts.get(test.hintId) ?? { hintId: test.hintId, hint: test.hint ?? '', times: 0, students: 0, who: new Set<string>() };
      entry.times++;
      entry.who.add(report.student);
      entry.hint ||= test.hint ?? '';
      counts.set(test.hintId, entry);
    }
  }
  return [...counts.values()]
    .map(({ who, ...entry }) => ({ ...entry, students: who.size }))
    .sort((a, b) => b.times - a.times || b.students - a.students || a.hintId.localeCompare(b.hintId));
}

export function renderMistakes(reports: Report[]): string {
  const text = htmlText();
  const mistakes = countMistakes(reports);
  if (mistakes.length === 0) return `<p class="note">${escapeHtml(text.noMistakes)}</p>`;
  const head = `<tr><th class="num">${escapeHtml(text.mistakesTimes)}</th><th class="num">${escapeHtml(text.mistakesStudents)}</th><th>${escapeHtml(text.mistakesId)}</th><th>${escapeHtml(text.mistakesHint)}</th></tr>`;
  const rows = mistakes.map(
    (m) =>
      `<tr class="mistake" data-hint-id="${escapeHtml(m.hintId)}"><td class="num times">${m.times}</td><td class="num">${m.students}</td>` +
      `<td><code>${escapeHtml(m.hintId)}</code></td><td class="hint-text">${escapeHtml(m.hint)}</td></tr>`,
  );
  return `<table class="mistakes">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}
