/** A class export zip taken in: every way a zip can attack the unpacking is refused, entry by entry or as a whole, in one line. */
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeError, takeIn } from '../../graders/intake/index.ts';
import type { ZipLimits } from '../../graders/intake/zip.ts';
import { tempDir } from '../helpers.ts';
import { listFiles, patchDeclaredSize, patchName, zipFile } from './zips.ts';

const SMALL: ZipLimits = { maxEntries: 50, maxEntryBytes: 1000, maxTotalBytes: 3000 };
const code = (name: string) => `export const who = '${name}';\n`;

/** The zip taken in: each student's snapshot files as `student/path`, the warnings and notes. */
async function intakeOf(zip: string, zipLimits?: ZipLimits) {
  const intake = await takeIn([zip], { zipLimits, allowNothing: true });
  const files = intake.submissions.flatMap((s) => listFiles(s.dir).map((f) => `${s.name}/${f}`));
  return { files, warnings: intake.warnings, notes: intake.submissions.flatMap((s) => s.notes ?? []), intake };
}

const oneLine = (lines: string[]) => lines.every((l) => !l.includes('\n'));

describe('a class export zip refuses what could escape or exhaust, entry by entry', () => {
  it('refuses names that climb out, are absolute, name a drive or hide backslashes, and writes nothing outside', async () => {
    const zip = await zipFile(
      [
        { name: 'alice/index.ts', content: code('alice') },
        { name: 'aa/evil1.ts', content: 'climb' },
        { name: 'xtmp/evil2.ts', content: 'absolute' },
        { name: 'Cx/evil3.ts', content: 'drive' },
        { name: 'bob/aa/bb/evil4.ts', content: 'backslash' },
        { name: 'carol/qq/qq/qq/evil5.ts', content: 'deep climb' },
      ],
      (z) => patchName(patchName(patchName(patchName(patchName(z, 'aa/evil1', '../evil1'), 'xtmp/evil2', '/tmp/evil2'), 'Cx/evil3', 'C:/evil3'), 'bob/aa/bb/evil4', 'bob\\..\\..\\evil4'), 'carol/qq/qq/qq/', 'carol/../../../'),
    );
    const { files, warnings, intake } = await intakeOf(zip);
    expect(files).toEqual(['alice/index.ts']);
    expect(warnings).toEqual([
      'skipped "../evil1.ts": its path climbs out of the folder (..)',
      'skipped "/tmp/evil2.ts": its path is absolute',
      'skipped "C:/evil3.ts": its path names a drive',
      'skipped "bob\\\\..\\\\..\\\\evil4.ts": its name holds a backslash, which some tools read as a folder separator',
      'skipped "carol/../../../evil5.ts": its path climbs out of the folder (..)',
    ]);
    for (const evil of ['evil1.ts', 'evil5.ts']) expect(existsSync(join(dirname(intake.submissions[0].dir), evil))).toBe(false);
    expect(existsSync('/tmp/evil2.ts')).toBe(false);
  });

  it('refuses symbolic links instead of creating them', async () => {
    const zip = await zipFile([
      { name: 'alice/index.ts', content: code('alice') },
      { name: 'alice/secret.ts', content: '/etc/passwd', mode: 0o120777 },
    ]);
    const { warnings, intake } = await intakeOf(zip);
    expect(warnings).toEqual(['skipped "alice/secret.ts": it is a symbolic link, and links are not unpacked']);
    expect(() => lstatSync(join(intake.submissions[0].dir, 'secret.ts'))).toThrow();
  });

  it('refuses an entry larger than the per-entry limit, and one whose header lies about its size', async () => {
    const zip = await zipFile(
      [
        { name: 'alice/index.ts', content: code('alice') },
        { name: 'alice/data.ts', content: 'x'.repeat(5000) },
        { name: 'bob/index.ts', content: 'y'.repeat(50_000) },
      ],
      (z) => patchDeclaredSize(z, 'bob/index.ts', 10),
    );
    const { files, warnings, intake } = await intakeOf(zip, SMALL);
    expect(warnings).toEqual(['skipped "alice/data.ts": it is 4.9 KiB, more than the 1000 bytes allowed per file']);
    const bob = intake.submissions.find((s) => s.name === 'bob')!;
    expect(bob.problem).toMatch(/^index\.ts left out: (its size differs from the 10 bytes its header claims|it unpacks to more than)/);
    expect(oneLine([...warnings, bob.problem!])).toBe(true);
    expect(files).toEqual(['alice/index.ts']);
  });

  it('stops entries whose headers understate their sizes, so the total limit holds whatever the headers say', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((s) => ({ name: `${s}/index.ts`, content: 'z'.repeat(900) }));
    const { files, intake } = await intakeOf(await zipFile(items, (z) => items.reduce((acc, i) => patchDeclaredSize(acc, i.name, 10), z)), SMALL);
    expect(intake.submissions.map((s) => s.problem?.startsWith('index.ts left out: '))).toEqual([true, true, true, true, true]);
    expect(files).toEqual([]);
  });

  it('refuses a second entry of the same name rather than overwrite the first', async () => {
    const zip = await zipFile([
      { name: 'alice/index.ts', content: code('alice') },
      { name: 'alice/index.ts', content: code('mallory') },
    ]);
    const { notes, intake } = await intakeOf(zip);
    expect(notes).toEqual(['index.ts left out: an entry of the same name was unpacked before it']);
    expect(readFileSync(join(intake.submissions[0].dir, 'index.ts'), 'utf8')).toBe(code('alice'));
  });
});

describe('a zip that cannot be used at all is one line', () => {
  const rejects = async (zip: string, pattern: RegExp, zipLimits?: ZipLimits) => {
    const error = await takeIn([zip], { zipLimits }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).not.toContain('\n');
  };

  it('a file that is not a zip', async () => {
    const path = join(tempDir(), 'export.zip');
    writeFileSync(path, 'this is not a zip file at all');
    await rejects(path, /export\.zip is not a readable zip file/);
  });

  it('a zip whose headers add up to more than the total limit', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((s) => ({ name: `${s}/index.ts`, content: 'z'.repeat(900) }));
    await rejects(await zipFile(items), /export\.zip unpacks to more than 2\.9 KiB \(at least 4\.4 KiB\)/, SMALL);
  });

  it('a zip of too many entries', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ name: `s${i}/index.ts`, content: '' }));
    await rejects(await zipFile(items), /holds 60 entries, more than the 50 allowed/, SMALL);
  });

  it('a zip with no submission in it', async () => {
    await rejects(await zipFile([{ name: 'notes.txt', content: 'hello' }]), /export\.zip holds no submission to grade/);
  });
});
