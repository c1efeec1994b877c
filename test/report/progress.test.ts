/** Live progress while one submission is graded: what a student watching the terminal sees. */
import { describe, expect, it } from 'vitest';
import { LiveProgress } from '../../graders/report/progress.ts';

const terminal = () => {
  const written: string[] = [];
  return { written, stream: { isTTY: true, write: (text: string) => (written.push(text), true) } };
};

describe('live progress', () => {
  it('says how long grading has run, then the epoch of train as it happens, and clears its line', () => {
    const { written, stream } = terminal();
    const progress = new LiveProgress(100, stream as never);
    expect(progress.line()).toMatch(/^grading… \d+\.\d s$/);
    progress.onEpoch(3, 1234.5);
    expect(written.at(-1)).toMatch(/^\r\x1b\[2K {2}training: epoch 3 of 100, loss 1230 \(\d+\.\d s\)$/);
    progress.stop();
    expect(written.at(-1)).toBe('\r\x1b[2K');
    progress.onEpoch(4, 1000);
    expect(written).toHaveLength(2);
  });

  it('writes nothing where the output is not a terminal', () => {
    const written: string[] = [];
    const progress = new LiveProgress(100, { isTTY: false, write: (text: string) => (written.push(text), true) } as never);
    progress.onEpoch(1, 10);
    progress.stop();
    expect(written).toEqual([]);
  });
});
