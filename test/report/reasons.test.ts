/** A reason for every score below full: in summary.csv (with a BOM, so Cyrillic names open right), summary.json and summary.html. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarise, writeGradebook } from '../../graders/report/gradebook.ts';
import { renderSummaryPage } from '../../graders/report/html/summary.ts';
import { outcomeOf } from '../../graders/report/outcome.ts';
import type { OutcomeStatus, PartReport, Report } from '../../graders/report/schema.ts';
import { tempDir } from '../helpers.ts';

const partOf = (id: PartReport['id'], score: number, maxScore: number, status: PartReport['status'], message: string): PartReport => ({ id, function: id, score, maxScore, status, message, tests: [] });

function reportOf(student: string, parts: PartReport[], load?: { kind: Exclude<OutcomeStatus, 'full' | 'wrong' | 'not-implemented' | 'crashed'>; message: string }): Report {
  const score = parts.reduce((s, p) => s + p.score, 0);
  const maxScore = parts.reduce((s, p) => s + p.maxScore, 0);
  return { student, score, maxScore, fixtures: 'public', seed: 1, parts, fingerprint: 'x', output: { stdoutBytes: 0, stderrBytes: 0 }, outcome: outcomeOf({ score, maxScore, parts }, load) };
}

const all = (status: PartReport['status'], message: string) => [partOf('forward', 0, 20, status, message), partOf('backward', 0, 25, status, message), partOf('svm', 0, 25, status, message), partOf('train', 0, 30, status, message)];

const CLASS = [
  reportOf('Алиса', [partOf('forward', 20, 20, 'passed', 'ok'), partOf('backward', 25, 25, 'passed', 'ok'), partOf('svm', 25, 25, 'passed', 'ok'), partOf('train', 30, 30, 'passed', 'ok')]),
  reportOf('empty', all('error', 'the folder is empty'), { kind: 'no-submission', message: 'the folder is empty: nothing was submitted' }),
  reportOf('js-only', all('error', 'no index.ts'), { kind: 'no-submission', message: 'no index.ts in the folder (found: index.js)' }),
  reportOf('syntax', all('error', 'x'), { kind: 'does-not-compile', message: 'index.ts:1:14: Expected identifier but found "="\n   1 | ...' }),
  reportOf('starter', all('failed', 'linearForward threw Error: not implemented')),
  reportOf('slow', [partOf('forward', 20, 20, 'passed', 'ok'), partOf('backward', 25, 25, 'passed', 'ok'), partOf('svm', 25, 25, 'passed', 'ok'), partOf('train', 0, 30, 'timeout', 'timed out after 60 s in train (an endless loop, or far too slow?)')]),
];

describe('a reason for every score below full', () => {
  it('each outcome names its cause: nothing submitted, the first compile error line, what is not implemented, the part that timed out', () => {
    expect(CLASS.map((r) => [r.student, r.outcome?.status, r.outcome?.reason])).toEqual([
      ['Алиса', 'full', ''],
      ['empty', 'no-submission', 'no submission: the folder is empty: nothing was submitted'],
      ['js-only', 'no-submission', 'no submission: no index.ts in the folder (found: index.js)'],
      ['syntax', 'does-not-compile', 'does not compile: index.ts:1:14: Expected identifier but found "="'],
      ['starter', 'not-implemented', 'not implemented: forward, backward, svm, train'],
      ['slow', 'timed-out', 'timed out: train: timed out after 60 s in train (an endless loop, or far too slow?)'],
    ]);
  });

  it('summary.csv starts with a BOM and has status and reason columns; summary.json has them too', async () => {
    const out = tempDir();
    await writeGradebook(out, summarise(CLASS, []));
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect([...Buffer.from(csv).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.slice(1).trim().split('\n');
    expect(lines[0]).toBe('student,score,max_score,forward,backward,svm,train,status,reason');
    expect(lines).toContain('Алиса,100,100,20,25,25,30,full,');
    expect(lines).toContain('syntax,0,100,0,0,0,0,does-not-compile,"does not compile: index.ts:1:14: Expected identifier but found ""="""');
    const json = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(json.students.find((s: { student: string }) => s.student === 'slow')).toMatchObject({ status: 'timed-out', score: 70 });
  });

  it('summary.html shows each reason and groups the zeros by it, the largest group first', () => {
    const html = renderSummaryPage(CLASS);
    const zeros = html.slice(html.indexOf('id="zeros"'), html.indexOf('id="students"'));
    const groups = [...zeros.matchAll(/data-status="([^"]+)"><strong>([^<]+)<\/strong>/g)].map((m) => [m[1], m[2]]);
    expect(groups).toEqual([
      ['no-submission', 'no submission: 2'],
      ['does-not-compile', 'does not compile: 1'],
      ['not-implemented', 'not implemented: 1'],
    ]);
    expect(zeros).not.toContain('slow');
    expect(html).toContain('<td class="reason">timed out: train: timed out after 60 s in train (an endless loop, or far too slow?)</td>');
  });
});

describe('the feedback page', () => {
  it("says how the student's upload was taken (a file graded as index.ts, an entry left out)", async () => {
    const { renderFeedbackPage } = await import('../../graders/report/html/feedback.ts');
    const { loadDigits } = await import('../../graders/data/digits.ts');
    const report = { ...CLASS[4], intake: { source: 'class/starter', notes: ['graded main.ts as index.ts: it is the only TypeScript file (name the entry file index.ts)', 'helper.ts left out: it is not a regular file (a pipe, a device or a socket)'] } };
    const html = renderFeedbackPage(report, loadDigits());
    const notes = html.slice(html.indexOf('id="intake-notes"'));
    expect(notes).toContain('How your upload was taken');
    expect(notes).toContain('<li>graded main.ts as index.ts: it is the only TypeScript file (name the entry file index.ts)</li>');
    expect(renderFeedbackPage(CLASS[0], loadDigits())).not.toContain('intake-notes');
  });
});
