/** The sandbox's own parts: the harness passed on the command line, and the protections in force. */
import { describe, expect, it } from 'vitest';
import { harnessCode } from '../../graders/sandbox/bundle.ts';
import { detectJail } from '../../graders/sandbox/jail.ts';

describe('the sandbox', () => {
  it('the harness fits in one command-line argument (Linux allows 128 KiB), with room to spare', async () => {
    // It is passed with --eval so the child needs no file at all; a harness that pulled in a
    // large module (zod, say) would no longer start.
    expect((await harnessCode()).length).toBeLessThan(32 * 1024);
  });

  it('says which protections are active, and where bubblewrap is installed uses it', () => {
    const jail = detectJail();
    expect(jail.active.join('\n')).toMatch(/permission model/);
    if (process.env.CI && process.platform === 'linux' && !process.env.NNGRADE_JAIL) {
      // CI installs bubblewrap and prlimit: the full jail must be what grades there.
      expect(jail.mode).toBe('bubblewrap');
      expect(jail.missing).toEqual([]);
    }
  });
});
