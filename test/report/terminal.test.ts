/** The terminal view never lets a submission's text act on the screen. */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../graders/data/digits.ts';
import { renderFeedbackPage } from '../../graders/report/html/feedback.ts';
import { formatSubmission } from '../../graders/report/terminal.ts';
import { at, grade, gradeOnce, submissionOf } from '../helpers.ts';

describe('the terminal view', () => {
  it('shows escape codes, direction overrides and newlines of a thrown message as text, never sends them', async () => {
    const dir = submissionOf({
      'index.ts': String.raw`export function linearForward(): never {
  throw new Error('\x1b[2J\x1b]0;owned\x07cleared \u202Eevil\r\n  ✔ forward 20/20 all 7 cases match');
}
const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
`,
    });
    const report = await grade(dir);
    const text = formatSubmission(report, new Chalk({ level: 0 }));
    expect(text).toContain(String.raw`\x1b[2J\x1b]0;owned\x07cleared \x202eevil\x0d\n  ✔ forward 20/20`);
    expect(text).not.toMatch(/[\u001b\u0007\u202e\r]/);
    // The forged row never starts a line of its own.
    expect(text).not.toMatch(/^ {2}✔ forward 20\/20 all 7 cases match/m);
  }, 60_000);

  it('says when the type check gave the files up, so that no warnings is not read as none found', async () => {
    const report = await gradeOnce(at('submissions', 'alice'));
    const plain = new Chalk({ level: 0 });
    expect(formatSubmission(report, plain)).not.toMatch(/type check gave up/);
    for (const [reason, why] of [['time', 'the compiler took too long over them'], ['crash', "they made the compiler's process crash"]] as const) {
      const givenUp = { ...report, typeCheckGivenUp: reason };
      expect(formatSubmission(givenUp, plain)).toContain(`The type check gave up on these files (${why}`);
      expect(renderFeedbackPage(givenUp, loadDigits())).toContain(`The type check gave up on these files (${why.replace("'", '&#39;')}`);
    }
  });

  it('a syntax error is said to not compile, as each part says, not that the module could not load', async () => {
    const report = await grade(submissionOf({ 'index.ts': 'export const broken = (1 + ;\n' }));
    const text = formatSubmission(report, new Chalk({ level: 0 }));
    expect(text).toMatch(/^ {2}does not compile: index\.ts:1:\d+: /m);
    expect(text).not.toMatch(/could not load/);
  });
});
