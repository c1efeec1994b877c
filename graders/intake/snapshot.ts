/**
 * The private snapshot: before anything reads a submission, its files are copied into a
 * temporary folder only this user can enter (mode 0700), and the bundler, the type check, the
 * similarity report and every report read that copy alone. So a student's folder that changes
 * during grading, or holds something that is not a plain file, cannot reach the grader.
 *
 * Each file is checked with lstat before it is opened: a pipe, a device or a socket is refused
 * unopened (opening a pipe would block), and a symbolic link is refused whatever it points to
 * (a link that stays inside the submission is refused too: one rule, nothing to resolve). The
 * file is then opened with O_NOFOLLOW | O_NONBLOCK and must still be the same regular file.
 * Sizes are capped per file, per student and in number of files; every refusal is one note.
 *
 * Each run's snapshots live under `<tmp>/nngrade-snapshot-<pid>-*`, removed when the process
 * exits; a run that was killed leaves its folder, which the next run removes.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { t } from '../i18n/index.ts';
import { formatBytes } from './zip.ts';

export interface SnapshotLimits {
  maxFileBytes: number;
  maxStudentBytes: number;
  maxStudentFiles: number;
}

/** A homework is a few small source files: generous for that, small for anything else. */
export const SNAPSHOT_LIMITS: SnapshotLimits = { maxFileBytes: 2 ** 20, maxStudentBytes: 16 * 2 ** 20, maxStudentFiles: 500 };

const PREFIX = 'nngrade-snapshot-';

const roots: string[] = [];
let exitHook = false;

/** A fresh private folder for this run's snapshots, removed when the process exits. */
export function createSnapshotRoot(): string {
  removeStaleSnapshots();
  const root = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  roots.push(root);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', removeSnapshots);
    // Ctrl-C ends a process without 'exit' unless someone handles it: remove the snapshots, and end
    // the process ourselves only when no command handles the signal (grade does, and exits).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        removeSnapshots();
        if (process.listenerCount(signal) === 1) process.exit(130);
      });
    }
  }
  return root;
}

/** Removes every snapshot this process made (also run on exit). */
export function removeSnapshots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Snapshots left by a run that was killed before it could remove them: its process is gone. */
export function removeStaleSnapshots(dir = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!match || alive(Number(match[1]))) continue;
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** What one student's copy may still take. */
export class SnapshotBudget {
  private bytes = 0;
  private files = 0;
  constructor(private readonly limits: SnapshotLimits = SNAPSHOT_LIMITS) {}

  /** Why a file of `bytes` cannot be taken, or undefined (and it is counted). */
  take(bytes: number): string | undefined {
    if (bytes > this.limits.maxFileBytes) return t().intakeTooLarge(formatBytes(bytes), formatBytes(this.limits.maxFileBytes));
    if (this.files + 1 > this.limits.maxStudentFiles) return t().intakeTooManyFiles(this.limits.maxStudentFiles);
    if (this.bytes + bytes > this.limits.maxStudentBytes) return t().intakeTooMuch(formatBytes(this.limits.maxStudentBytes));
    this.bytes += bytes;
    this.files++;
    return undefined;
  }

  get maxFileBytes(): number {
    return this.limits.maxFileBytes;
  }
}

/** Reads at most `max + 1` bytes: one more than allowed is enough to know it is too large. */
function readCapped(fd: number, max: number): Buffer {
  const buffer = Buffer.alloc(max + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
    if (length === buffer.length) break;
  }
  return buffer.subarray(0, length);
}

/**
 * Copies the regular file at `from` to `to` (a new file): undefined when copied, else the reason
 * it was refused. Never opens anything but a regular file, and never follows a link.
 */
export function copyRegularFile(from: string, to: string, budget: SnapshotBudget): string | undefined {
  let before;
  try {
    before = lstatSync(from);
  } catch (error) {
    return t().intakeUnreadable((error as NodeJS.ErrnoException).code ?? 'error');
  }
  if (before.isSymbolicLink()) return t().intakeRefusedLink;
  if (!before.isFile()) return t().intakeRefusedSpecial;
  if (before.size > budget.maxFileBytes) return t().intakeTooLarge(formatBytes(before.size), formatBytes(budget.maxFileBytes));
  let data: Buffer;
  let fd: number;
  try {
    fd = openSync(from, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return t().intakeUnreadable((error as NodeJS.ErrnoException).code ?? 'error');
  }
  try {
    const after = fstatSync(fd);
    if (!after.isFile() || after.ino !== before.ino || after.dev !== before.dev) return t().intakeChanged;
    data = readCapped(fd, budget.maxFileBytes);
  } catch (error) {
    return t().intakeUnreadable((error as NodeJS.ErrnoException).code ?? 'error');
  } finally {
    closeSync(fd);
  }
  const refused = budget.take(data.length);
  if (refused) return refused;
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  writeFileSync(to, data, { flag: 'wx', mode: 0o600 });
  return undefined;
}
