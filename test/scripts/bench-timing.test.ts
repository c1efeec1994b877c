/** The bench's processor-time reading: the machine's counter holds what this process worked. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { machineCpuMs, withCpu } from '../../scripts/bench-timing.ts';

describe.runIf(existsSync('/proc/stat'))("the machine's processor time", () => {
  it('grows by at least the processor time this process spends, however busy the machine', async () => {
    const spin = async () => {
      // 200 ms of this process's own processor time, however long that takes on the wall clock.
      const start = process.cpuUsage();
      let x = 0;
      while (process.cpuUsage(start).user < 200_000) for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
      return x;
    };
    const { result, cpuMs } = await withCpu(spin);
    expect(result).toBeGreaterThan(0);
    // /proc/stat counts in 10 ms ticks: allow one tick each side.
    expect(cpuMs).toBeGreaterThanOrEqual(180);
    expect(machineCpuMs()).toBeGreaterThan(0);
  });
});
