/** The terminal view never lets a submission's text act on the screen. */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatSubmission } from '../../graders/report/terminal.ts';
import { grade, submissionOf } from '../helpers.ts';

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
});
