/**
 * The operating-system jail on its own, in each mode: what a child that had broken out of Node
 * (a plain Node script, no permission model, no vm context) can still reach. Where a mode is not
 * available the test says so and skips, except on CI, which installs everything and runs as root.
 */
import { createServer as createNetServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJail, JAIL_MODES, type Jail, type JailMode, permissionFlag } from '../../graders/sandbox/jail.ts';
import { tempDir } from '../helpers.ts';

/** A script for the escaped child: each probe prints "name: outcome". */
const ESCAPED_CHILD = String.raw`
import fs from 'node:fs';
import net from 'node:net';
const [marker, socketPath, port] = process.argv.slice(-3);
const out = [];
const probe = async (name, run) => { try { out.push(name + ': ' + await run()); } catch (e) { out.push(name + ': denied ' + (e.code ?? e.message)); } };
await probe('host file', () => fs.existsSync(marker) ? 'seen' : 'absent');
await probe('passwd', () => fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0]);
await probe('unix socket', () => new Promise((ok, no) => { const s = net.connect(socketPath, () => { s.end(); ok('connected'); }); s.on('error', no); }));
await probe('tcp', () => new Promise((ok, no) => { const s = net.connect(Number(port), '127.0.0.1', () => { s.end(); ok('connected'); }); s.on('error', no); }));
await probe('parent', () => String(process.ppid));
await probe('proc', () => fs.readdirSync('/proc').length > 0 ? 'listed' : 'empty');
console.log(out.join('\n'));
`;

const available = new Map<JailMode, Jail | undefined>();
function jail(mode: JailMode): Jail | undefined {
  if (!available.has(mode)) {
    try {
      available.set(mode, findJail(mode));
    } catch {
      available.set(mode, undefined);
    }
  }
  return available.get(mode);
}

let marker: string;
let socketPath: string;
let unixServer: Server;
let tcpServer: Server;
let port: number;
let unixConnections = 0;
let tcpConnections = 0;

beforeAll(async () => {
  const dir = tempDir();
  marker = join(dir, 'host-marker');
  writeFileSync(marker, 'a file of the host');
  socketPath = join(dir, 'host.sock');
  unixServer = createNetServer((s) => {
    unixConnections++;
    s.destroy();
  });
  tcpServer = createNetServer((s) => {
    tcpConnections++;
    s.destroy();
  });
  await new Promise<void>((resolve) => unixServer.listen(socketPath, resolve));
  await new Promise<void>((resolve) => tcpServer.listen(0, '127.0.0.1', resolve));
  port = (tcpServer.address() as { port: number }).port;
});
afterAll(() => {
  unixServer.close();
  tcpServer.close();
});

async function escaped(j: Jail): Promise<Record<string, string>> {
  const command = [...j.prefix(256), '--input-type=module', '--eval', ESCAPED_CHILD, marker, socketPath, String(port)];
  const result = await execa(command[0], command.slice(1), { reject: false, env: {}, extendEnv: false, timeout: 60_000 });
  return Object.fromEntries(result.stdout.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
}

const mustHave = (mode: JailMode) => Boolean(process.env.CI) && process.platform === 'linux' && process.getuid?.() === 0 && mode !== 'none';

describe.each(JAIL_MODES)('the %s jail', (mode) => {
  it('starts here, or says why not (CI must have it)', () => {
    if (mustHave(mode)) expect(jail(mode), `${mode} must work on CI`).toBeDefined();
    if (mode === 'none') expect(jail(mode)).toBeDefined();
  });

  it.runIf(mode === 'bubblewrap')('an escaped child sees no host file, socket, network, process or /etc', async () => {
    const j = jail(mode);
    if (!j) return;
    const got = await escaped(j);
    expect(got['host file']).toBe('absent');
    expect(got.passwd).toMatch(/^denied ENOENT/);
    expect(got['unix socket']).toMatch(/^denied/);
    expect(got.tcp).toMatch(/^denied/);
    // Inside its own PID namespace: its parent is the namespace's first process, never the grader.
    expect(Number(got.parent)).toBeLessThanOrEqual(1);
    expect(got.proc).toMatch(/^denied ENOENT/);
    expect(unixConnections + tcpConnections).toBe(0);
  });

  it.runIf(mode === 'unshare')('an escaped child has no network and cannot see the grader, though it sees host files', async () => {
    const j = jail(mode);
    if (!j) return;
    const got = await escaped(j);
    expect(got.tcp).toMatch(/^denied/);
    expect(Number(got.parent)).toBeLessThanOrEqual(1);
    // What this mode does not cover, and SECURITY.md says so.
    expect(got['host file']).toBe('seen');
    expect(tcpConnections).toBe(0);
  });

  it.runIf(mode !== 'unshare' && mode !== 'bubblewrap')('without a jail, the limits still hold: no file can be written', async () => {
    const j = jail(mode)!;
    const target = join(tempDir(), 'written');
    const script = `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(target)}, 'x'.repeat(4096));`;
    const command = [...j.prefix(256), '--input-type=module', '--eval', script];
    const result = await execa(command[0], command.slice(1), { reject: false, env: {}, extendEnv: false });
    if (j.active.some((line) => line.startsWith('limits on address space'))) {
      // Node ignores SIGXFSZ, so the write fails with EFBIG instead of killing the child.
      expect(result.stderr).toMatch(/EFBIG/);
      expect(result.exitCode).not.toBe(0);
    }
  });
});

describe("Node's permission flag", () => {
  it.each([
    ['20.20.2', '--experimental-permission'],
    ['22.12.0', '--experimental-permission'],
    ['22.13.0', '--permission'],
    ['23.5.0', '--permission'],
    ['24.21.0', '--permission'],
    ['26.0.0', '--permission'],
  ])('Node %s takes %s', (version, flag) => {
    expect(permissionFlag(version)).toBe(flag);
  });
});
