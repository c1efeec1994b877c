/**
 * How a sandboxed child is started: which Node runs it with which flags, and which operating-system
 * jail wraps it. The jail is a list of named steps, each active or missing, found once per grader
 * process by starting a real child under each candidate:
 *
 *   bubblewrap  every namespace it can unshare, a read-only root of the system's libraries and the
 *               Node binary only (no /etc, /home, /tmp, /run or /proc of the host), a private tmpfs,
 *               a new session, and death with the grader;
 *   unshare     PID, network and IPC namespaces, where bubblewrap is missing;
 *   prlimit     address space, CPU seconds, no file writes, no core dumps;
 *   setpriv     outside bubblewrap, death with the grader (DIE_WITH_GRADER);
 *   Node        its permission model (no file system, child processes or workers) and no code
 *               generation from strings, around the vm context the harness builds.
 *
 * NNGRADE_JAIL=bubblewrap|unshare|none asks for one jail (tests use it to check each fallback);
 * NNGRADE_CHILD_NODE names another Node binary for the children.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { cachedProbe } from '../cache/probes.ts';
import { t } from '../i18n/index.ts';

export type JailMode = 'bubblewrap' | 'unshare' | 'none';
export const JAIL_MODES: readonly JailMode[] = ['bubblewrap', 'unshare', 'none'];

export class SandboxError extends Error {}

/** Room for Node itself beside the heap: Node 24 reserves more address space than 20 and 22, and with
 * less than about 1.5 GiB it fails to grow a heap far below its limit. */
export const ADDRESS_SPACE_HEADROOM_MB = 2048;

/** CPU seconds a child may use in all: far above any part's time limit, a backstop for the wall clock. */
const CPU_SECONDS = 600;

export interface Jail {
  mode: JailMode;
  /** The Node binary of the children and its major.minor version. */
  node: string;
  nodeVersion: string;
  /** One line each, in the vocabulary of SECURITY.md. */
  active: string[];
  missing: string[];
  /** The jail NNGRADE_JAIL asked for, where it named one. */
  asked?: JailMode;
  /** The whole command that starts a child running `harness`. */
  command(harness: string, memoryMb: number): string[];
  /** The jail and the Node binary alone, without Node's own flags (for tests of the jail itself). */
  prefix(memoryMb: number): string[];
}

/** Node's permission flag: `--permission` from 22.13 and 23.5 on (and the only one Node 24 knows). */
export function permissionFlag(version: string): string {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? '--permission' : '--experimental-permission';
}

/**
 * Every function the child runs is compiled by V8's baseline compiler at its first call instead of
 * being interpreted until it is warm: a child runs little code many times (the training) and much
 * code once or twice (the harness, the other parts' cases), and both start sooner. On Node 20, in
 * three sets of 8 to 10 interleaved one-student gradings, the training took 13 to 23 ms less
 * (medians: 679 against 692 ms, 675 against 698, 687 against 705) and the parts after it 2 to
 * 4 ms less.
 */
const BASELINE_FIRST = '--always-sparkplug';

function nodeFlags(version: string, memoryMb: number): string[] {
  return [permissionFlag(version), '--disallow-code-generation-from-strings', '--no-warnings', `--max-old-space-size=${memoryMb}`, BASELINE_FIRST];
}

const run = (command: string[]) => {
  try {
    const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000, env: {}, cwd: '/' });
    return { ok: result.status === 0, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '').trim() };
  } catch (error) {
    return { ok: false, stdout: '', stderr: (error as Error).message };
  }
};

function childNode(): { node: string; version: string } {
  const wanted = process.env.NNGRADE_CHILD_NODE;
  if (!wanted) return { node: process.execPath, version: process.versions.node };
  const probe = run([wanted, '--version']);
  if (!probe.ok) throw new SandboxError(`NNGRADE_CHILD_NODE=${wanted} does not run (${probe.stderr.split('\n')[0] || 'no answer'}): unset it or name a Node binary`);
  return { node: wanted, version: probe.stdout.trim().replace(/^v/, '') };
}

/** Top-level folders of the system that the jail shows read-only, as they are on the host. */
const SYSTEM_FOLDERS = ['/usr', '/lib', '/lib64', '/lib32', '/libx32', '/bin', '/sbin'];

/** bubblewrap's arguments: the system's libraries and the Node binary, read-only, and nothing else of the host. */
function bubblewrapPrefix(node: string): string[] {
  const args = ['bwrap', '--unshare-all', '--die-with-parent', '--new-session', '--clearenv'];
  for (const folder of SYSTEM_FOLDERS) {
    let stat;
    try {
      stat = lstatSync(folder);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(folder), folder);
    else if (stat.isDirectory()) args.push('--ro-bind', folder, folder);
  }
  args.push('--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache', '--dev', '/dev', '--tmpfs', '/tmp');
  // A Node outside the system folders (a version manager's, a registry package's) is bound alone,
  // after the tmpfs, which would hide one under /tmp.
  const real = realpathSync(node);
  if (!SYSTEM_FOLDERS.some((folder) => real.startsWith(`${folder}/`))) args.push('--ro-bind', real, real);
  args.push('--chdir', '/', '--');
  return [...args, real];
}

const UNSHARE_FLAGS = ['--net', '--pid', '--ipc', '--fork', '--kill-child'];

function prlimitPrefix(memoryMb: number): string[] {
  return ['prlimit', `--as=${(memoryMb + ADDRESS_SPACE_HEADROOM_MB) * 1024 * 1024}`, `--cpu=${CPU_SECONDS}`, '--fsize=0', '--core=0', '--'];
}

interface Candidate {
  mode: JailMode;
  /** Everything before Node's own flags, Node's path included. */
  prefix: (memoryMb: number) => string[];
}

const hasCommand = (name: string) => run(['sh', '-c', `command -v ${name}`]).ok;

/**
 * Outside bubblewrap (whose --die-with-parent does it), the child is killed by the kernel when the
 * grader dies, however it dies: a grader killed outright (SIGKILL, the out-of-memory killer) would
 * otherwise leave a looping submission running until its CPU limit. The signal survives prlimit's
 * exec, and unshare's --kill-child passes it on to the node it forks. Where setpriv is missing
 * (util-linux before 2.33), the child still ends with the grader's pipes, once it reads them.
 */
const DIE_WITH_GRADER = ['setpriv', '--pdeathsig', 'KILL', '--'];

/** The candidates in order of strength, each with and without prlimit where it is there. */
function candidates(node: string, wanted: JailMode | undefined): { list: Candidate[]; prlimit: boolean } {
  const prlimit = existsSync('/usr/bin/prlimit') || hasCommand('prlimit');
  const limit = (memoryMb: number) => (prlimit ? prlimitPrefix(memoryMb) : []);
  const dies = cachedProbe('setpriv', DIE_WITH_GRADER, () => run([...DIE_WITH_GRADER, 'true']).ok) ? DIE_WITH_GRADER : [];
  const all: Candidate[] = [
    { mode: 'bubblewrap', prefix: (mb) => [...limit(mb), ...bubblewrapPrefix(node)] },
    { mode: 'unshare', prefix: (mb) => [...dies, ...limit(mb), 'unshare', ...UNSHARE_FLAGS, '--', node] },
    // As a user, namespaces come only inside a user namespace of one's own.
    { mode: 'unshare', prefix: (mb) => [...dies, ...limit(mb), 'unshare', '--user', '--map-root-user', ...UNSHARE_FLAGS, '--', node] },
    { mode: 'none', prefix: (mb) => [...dies, ...limit(mb), node] },
  ];
  return { list: wanted ? all.filter((c) => c.mode === wanted) : all, prlimit };
}

const DESCRIPTIONS = {
  bubblewrap: 'bubblewrap: every namespace (no network, no host processes, no host files but the system libraries, read-only; no host sockets)',
  unshare: 'own PID, network and IPC namespaces (no network, cannot see or signal the grader)',
  prlimit: 'limits on address space, CPU time and file size (large Buffers and typed arrays included)',
  node: "Node's permission model and no code from strings, around a vm context that holds no Node API",
};

let found: Jail | undefined;

/** The strongest jail that starts a child here (found once), or a SandboxError saying why none does. */
export function detectJail(): Jail {
  if (found) return found;
  const wantedText = process.env.NNGRADE_JAIL;
  if (wantedText !== undefined && wantedText !== '' && !JAIL_MODES.includes(wantedText as JailMode)) {
    throw new SandboxError(`NNGRADE_JAIL=${wantedText} is not a jail: use one of ${JAIL_MODES.join(', ')}, or unset it for the strongest one here`);
  }
  found = findJail((wantedText || undefined) as JailMode | undefined);
  return found;
}

/** The strongest jail that starts a child here, or the one asked for; probed anew on every call. */
export function findJail(wanted?: JailMode): Jail {
  const { node, version } = childNode();
  const { list, prlimit } = candidates(node, wanted);
  const failures: string[] = [];
  for (const candidate of list) {
    // A real start with the real flags: a flag this Node does not know fails here, not in grading.
    // A success is remembered (keyed by the jail's program and the Node binary); a failure is
    // probed again, for its reason.
    const command = [...candidate.prefix(512), ...nodeFlags(version, 512), '-e', '0'];
    const program = candidate.mode === 'bubblewrap' ? 'bwrap' : candidate.mode === 'unshare' ? 'unshare' : 'prlimit';
    let probe: ReturnType<typeof run> | undefined;
    const works = cachedProbe(program, [node, version, ...command], () => (probe = run(command)).ok);
    if (!works) {
      probe ??= run(command);
      failures.push(`${candidate.mode}: ${probe.stderr.split('\n').find((line) => line.trim()) ?? 'failed'}`);
      continue;
    }
    const active = [DESCRIPTIONS.node, 'a time limit per part', 'a heap limit'];
    const missing: string[] = [];
    // A weaker jail asked for by name was not tried against the stronger ones: it says so, not
    // that the machine lacks them.
    const askedFor = wanted ? 'not used: a weaker jail was asked for' : undefined;
    if (candidate.mode === 'bubblewrap') active.push(DESCRIPTIONS.bubblewrap);
    else {
      const why = failures.find((line) => line.startsWith('bubblewrap:'));
      missing.push(`bubblewrap (${askedFor ?? (why ? `it did not start: ${why.slice('bubblewrap: '.length)}` : 'install the bubblewrap package')}): were it to escape Node, the child would see the host's files`);
    }
    if (candidate.mode === 'unshare') active.push(DESCRIPTIONS.unshare);
    else if (candidate.mode === 'none') missing.push(`PID and network namespaces (${askedFor ?? 'unshare is missing or not permitted'}): were it to escape Node, a submission could open network connections and see the grader`);
    if (prlimit) active.push(DESCRIPTIONS.prlimit);
    else missing.push('an address-space limit (prlimit is missing): Buffers outside the heap are not capped');
    return {
      mode: candidate.mode,
      node,
      nodeVersion: version,
      active,
      missing,
      ...(wanted ? { asked: wanted } : {}),
      command: (harness, memoryMb) => [...candidate.prefix(memoryMb), ...nodeFlags(version, memoryMb), '--eval', harness],
      prefix: candidate.prefix,
    };
  }
  const asked = wanted ? ` (NNGRADE_JAIL=${wanted})` : '';
  throw new SandboxError(t().sandboxCannotStart(version, `did not start in any jail${asked}: ${failures[failures.length - 1] ?? 'none to try'}`));
}

/** The command of one child (the jail found once per grader process). */
export async function childCommand(harness: string, memoryMb: number): Promise<string[]> {
  return detectJail().command(harness, memoryMb);
}
