/** The sandbox's own parts: the harness passed on the command line, and the protections in force. */
import { describe, expect, it } from 'vitest';
import { harnessCode } from '../../graders/sandbox/bundle.ts';
import { detectProtections } from '../../graders/sandbox/protections.ts';

describe('the sandbox', () => {
  it('the harness fits in one command-line argument (Linux allows 128 KiB), with room to spare', async () => {
    // It is passed with --eval so the child needs no file at all; a harness that pulled in a
    // large module (zod, say) would no longer start.
    expect((await harnessCode()).length).toBeLessThan(32 * 1024);
  });

  it('says which protections are active, and on this machine (root, Linux) has them all', () => {
    const protections = detectProtections();
    expect(protections.active.join('\n')).toMatch(/permission model/);
    if (process.getuid?.() === 0 && process.platform === 'linux') {
      expect(protections.missing).toEqual([]);
      expect(protections.prefix(512)).toEqual(['prlimit', `--as=${(512 + 1024) * 1024 * 1024}`, '--', 'unshare', '--net', '--pid', '--fork', '--kill-child', '--']);
    }
  });
});
