/**
 * The feedback page's account of what failed: per part that lost points, its one-line message,
 * every failed test with its message, the hint naming the likely mistake (highlighted), then the
 * part's evidence (the numerical gradient check). Tests that share a hint are listed together
 * above it, so a mistake that fails six cases reads as one mistake, not six. Every text here
 * comes from the submission's report and is escaped.
 */
import { htmlText } from '../../i18n/html.ts';
import type { PartReport, TestResult } from '../schema.ts';
import { escapeHtml } from './escape.ts';

const failedTest = (test: TestResult) =>
  `<li class="failed-test"><span class="test-name">${escapeHtml(test.name)}</span>: <span class="message">${escapeHtml(test.message)}</span></li>`;

/** The failed tests grouped by their hint, in the order the hints first appear. */
function byHint(failed: TestResult[]): Array<{ hint: string | undefined; hintId: string | undefined; tests: TestResult[] }> {
  const groups = new Map<string, { hint: string | undefined; hintId: string | undefined; tests: TestResult[] }>();
  for (const test of failed) {
    const key = test.hint ?? '';
    const group = groups.get(key) ?? { hint: test.hint, hintId: test.hintId, tests: [] };
    group.tests.push(test);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function partFailures(part: PartReport): string {
  const text = htmlText();
  const groups = byHint(part.tests.filter((test) => !test.passed)).map(({ hint, hintId, tests }) => {
    const box = hint ? `<p class="hint" data-hint-id="${escapeHtml(hintId ?? '')}"><strong>${escapeHtml(text.hintLabel)}:</strong> ${escapeHtml(hint)}</p>` : '';
    return `<ul class="failed">\n${tests.map(failedTest).join('\n')}\n</ul>${box}`;
  });
  const evidence = part.evidence ? `<p class="evidence"><strong>${escapeHtml(text.evidenceLabel)}:</strong> ${escapeHtml(part.evidence)}</p>` : '';
  return [
    `<div class="part-failures" data-part="${escapeHtml(part.id)}">`,
    `<h3>${escapeHtml(part.id)} <span class="status-${escapeHtml(part.status)}">(${escapeHtml(text.statuses[part.status])})</span></h3>`,
    `<p class="part-message message">${escapeHtml(part.message)}</p>`,
    ...groups,
    evidence,
    '</div>',
  ].join('\n');
}

export function renderFailures(parts: PartReport[]): string {
  const lost = parts.filter((part) => part.status !== 'passed' || part.tests.some((test) => !test.passed));
  if (lost.length === 0) return `<p class="note">${escapeHtml(htmlText().noFailures)}</p>`;
  return lost.map(partFailures).join('\n');
}
