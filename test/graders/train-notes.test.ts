/** onEpoch's arguments never cost train points; what was wrong with them is a note in the message. */
import { describe, expect, it } from 'vitest';
import { trainCases } from '../../graders/parts/train.ts';
import type { SingleCallCase } from '../../graders/parts/types.ts';
import { gradingSettings } from '../helpers.ts';

async function accuracyCase(): Promise<SingleCallCase> {
  const settings = await gradingSettings();
  return trainCases({ rubric: settings.rubric, fixtures: settings.fixtures, digits: settings.digits, seed: settings.seed })[0] as SingleCallCase;
}

const zeros: [number[][], number[]] = [Array.from({ length: 64 }, () => new Array<number>(10).fill(0)), new Array<number>(10).fill(0)];
const epochs = (f: (i: number) => [number, number]) => Array.from({ length: 100 }, (_, i) => f(i));

describe('notes on onEpoch', () => {
  it('no loss, one argument, a NaN loss, a wrong count: each its note, the same score', async () => {
    const c = await accuracyCase();
    const plain = c.judge(zeros, epochs((i) => [i + 1, 1 / (i + 1)]));
    const cases: Array<[Array<[number, number]>, RegExp]> = [
      [epochs((i) => [i + 1, NaN]), /note: onEpoch got no loss, or NaN/],
      [epochs((i) => [1 / (i + 1), NaN]), /note: onEpoch seems to get one argument/],
      [epochs((i) => [i + 1, i === 7 ? NaN : 1]), /note: onEpoch's loss for epoch 8 was NaN/],
      [epochs((i) => [i + 1, 1]).slice(1), /note: onEpoch was called 99 times for 100 epochs/],
    ];
    for (const [calls, note] of cases) {
      const verdict = c.judge(zeros, calls);
      expect(verdict.message).toMatch(note);
      expect(verdict.fraction).toBe(plain.fraction);
    }
    expect(plain.message).not.toMatch(/note/);
  });

  it('a NaN in the returned W is named', async () => {
    const c = await accuracyCase();
    const w = zeros[0].map((row) => [...row]);
    w[3][2] = NaN;
    expect(c.judge([w, zeros[1]], []).message).toBe('W[3][2] is NaN: training diverged or never set it');
  });
});
