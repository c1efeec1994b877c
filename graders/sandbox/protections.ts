/**
 * The operating-system protections around each child, found once per grader process: its own
 * PID and network namespaces (unshare) and an address-space limit (prlimit). Where the machine
 * lacks one (a student's laptop), grading goes on with what is there and says so once.
 */
import { spawnSync } from 'node:child_process';
import { cachedProbe } from '../cache/probes.ts';

export interface Protections {
  /** Put before `node ...` to start a child inside the protections. */
  prefix(memoryMb: number): string[];
  /** One line each, for the terminal and SECURITY.md's vocabulary. */
  active: string[];
  missing: string[];
}

// The answer is cached across runs (graders/cache/probes.ts): a probe spawns node each time.
const works = (command: string, args: string[]) =>
  cachedProbe(command, args, () => {
    try {
      return spawnSync(command, [...args, process.execPath, '-e', '0'], { stdio: 'ignore', timeout: 5000 }).status === 0;
    } catch {
      return false;
    }
  });

/** Room for Node itself beside the heap: without it Node cannot even start under the limit. */
export const ADDRESS_SPACE_HEADROOM_MB = 1024;

let found: Protections | undefined;

export function detectProtections(): Protections {
  if (found) return found;
  const active = ["Node's permission model: no file reads or writes, no child processes, no workers", 'a time limit per part', 'a heap limit'];
  const missing: string[] = [];

  // As root, namespaces come directly; as a user, only inside a user namespace of one's own.
  const namespaceFlags = ['--net', '--pid', '--fork', '--kill-child'];
  let unshare: string[] | undefined;
  for (const candidate of [['unshare', ...namespaceFlags], ['unshare', '--user', '--map-root-user', ...namespaceFlags]]) {
    if (works(candidate[0], [...candidate.slice(1), '--'])) {
      unshare = [...candidate, '--'];
      break;
    }
  }
  if (unshare) active.push('own PID and network namespaces (no network, cannot see or signal the grader)');
  else missing.push('PID and network namespaces (unshare is missing or not permitted): a submission could open network connections');

  const prlimit = works('prlimit', ['--as=4294967296', '--']);
  if (prlimit) active.push('an address-space limit (large Buffers and typed arrays included)');
  else missing.push('an address-space limit (prlimit is missing): Buffers outside the heap are not capped');

  found = {
    active,
    missing,
    prefix: (memoryMb) => [...(prlimit ? ['prlimit', `--as=${(memoryMb + ADDRESS_SPACE_HEADROOM_MB) * 1024 * 1024}`, '--'] : []), ...(unshare ?? [])],
  };
  return found;
}
