/** What the command-line entries share, without running one. */
import { describe, expect, it } from 'vitest';
import { foldRuns } from '../../scripts/cli.ts';

describe('foldRuns (check --watch)', () => {
  it('runs once more after a run, however many triggers came during it, and never twice at once', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    let release: (() => void) | undefined;
    const trigger = foldRuns(async () => {
      started.push(started.length + 1);
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    });
    const first = trigger();
    for (let i = 0; i < 4; i++) void trigger();
    expect(started).toEqual([1]);
    release!();
    await new Promise((resolve) => setImmediate(resolve));
    // The four triggers during the first run: one run more, not four.
    expect(started).toEqual([1, 2]);
    release!();
    await first;
    expect(started).toEqual([1, 2]);
    expect(most).toBe(1);
    // Idle again: the next trigger runs at once.
    const next = trigger();
    expect(started).toEqual([1, 2, 3]);
    release!();
    await next;
  });
});
