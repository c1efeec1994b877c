/** A class's submissions as an LMS exports them, unpacked for grading; and every way a zip can attack the unpacking. */
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSubmissions } from '../../graders/batch.ts';
import { ExportError, unpackClassExport } from '../../graders/intake/unpack.ts';
import type { ZipLimits } from '../../graders/intake/zip.ts';
import { tempDir } from '../helpers.ts';
import { patchDeclaredSize, patchName, zipFile } from './zips.ts';

const SMALL: ZipLimits = { maxEntries: 50, maxEntryBytes: 1000, maxTotalBytes: 3000 };
const code = (name: string) => `export const who = '${name}';\n`;
const fresh = () => join(tempDir('nngrade-unpack-'), 'class');

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const oneLine = (lines: string[]) => lines.every((l) => !l.includes('\n'));

describe('unpackClassExport lays an export out as submission folders', () => {
  it('keeps folders, names LMS folders after the student, turns carol.ts into carol/index.ts and lifts a folder uploaded whole', async () => {
    const zip = await zipFile([
      { name: 'Homework 3/alice/index.ts', content: code('alice') },
      { name: 'Homework 3/alice/helpers.ts', content: code('helpers') },
      { name: 'Homework 3/Bob Smith_12345_assignsubmission_file_/index.ts', content: code('bob') },
      { name: 'Homework 3/carol.ts', content: code('carol') },
      { name: 'Homework 3/dave/hw3/index.ts', content: code('dave') },
      { name: 'Homework 3/dave/hw3/lib/math.ts', content: code('math') },
      { name: 'Homework 3/erin/', folder: true },
      { name: 'Homework 3/grades.csv', content: 'student,score\n' },
      { name: 'Homework 3/__MACOSX/._carol.ts', content: 'clutter' },
      { name: 'Homework 3/alice/.DS_Store', content: 'clutter' },
    ]);
    const into = fresh();
    const { dir, warnings } = await unpackClassExport(zip, into);
    expect(dir).toBe(into);
    expect(listFiles(dir)).toEqual(['Bob Smith_12345/index.ts', 'alice/helpers.ts', 'alice/index.ts', 'carol/index.ts', 'dave/index.ts', 'dave/lib/math.ts']);
    expect(readFileSync(join(dir, 'carol', 'index.ts'), 'utf8')).toBe(code('carol'));
    expect(warnings).toEqual(['skipped "Homework 3/grades.csv": a submission is a folder or a single .ts file']);

    const found = discoverSubmissions([dir]);
    expect(found.map((s) => s.name)).toEqual(['alice', 'Bob Smith_12345', 'carol', 'dave', 'erin']);
    expect(found.find((s) => s.name === 'erin')?.problem).toMatch(/empty/);
  });

  it('takes a zip with index.ts at its top as one submission, named after the zip', async () => {
    const zip = await zipFile([{ name: 'index.ts', content: code('frank') }, { name: 'util.ts', content: code('util') }], undefined, 'frank.zip');
    const { dir, warnings } = await unpackClassExport(zip, fresh());
    expect(listFiles(dir)).toEqual(['frank/index.ts', 'frank/util.ts']);
    expect(warnings).toEqual([]);
  });
});

describe('unpackClassExport refuses what could escape or exhaust, entry by entry', () => {
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
    const into = fresh();
    const { dir, warnings } = await unpackClassExport(zip, into);
    expect(listFiles(dir)).toEqual(['alice/index.ts']);
    expect(warnings).toEqual([
      'skipped "../evil1.ts": its path climbs out of the folder (..)',
      'skipped "/tmp/evil2.ts": its path is absolute',
      'skipped "C:/evil3.ts": its path names a drive',
      'skipped "bob\\\\..\\\\..\\\\evil4.ts": its name holds a backslash, which some tools read as a folder separator',
      'skipped "carol/../../../evil5.ts": its path climbs out of the folder (..)',
    ]);
    for (const evil of ['evil1.ts', 'evil5.ts']) expect(existsSync(join(dirname(into), evil))).toBe(false);
    expect(existsSync('/tmp/evil2.ts')).toBe(false);
  });

  it('refuses symbolic links instead of creating them', async () => {
    const zip = await zipFile([
      { name: 'alice/index.ts', content: code('alice') },
      { name: 'alice/secret.ts', content: '/etc/passwd', mode: 0o120777 },
    ]);
    const { dir, warnings } = await unpackClassExport(zip, fresh());
    expect(warnings).toEqual(['skipped "alice/secret.ts": it is a symbolic link, and links are not unpacked']);
    expect(() => lstatSync(join(dir, 'alice', 'secret.ts'))).toThrow();
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
    const { dir, warnings } = await unpackClassExport(zip, fresh(), SMALL);
    expect(warnings[0]).toBe('skipped "alice/data.ts": it is 4.9 KiB, more than the 1000 bytes allowed per file');
    expect(warnings[1]).toMatch(/^skipped "bob\/index\.ts": (its size differs from the 10 bytes its header claims|it unpacks to more than)/);
    expect(warnings).toHaveLength(2);
    expect(oneLine(warnings)).toBe(true);
    expect(listFiles(dir)).toEqual(['alice/index.ts']);
  });

  it('stops entries whose headers understate their sizes, so the total limit holds whatever the headers say', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((s) => ({ name: `${s}/index.ts`, content: 'z'.repeat(900) }));
    const { dir, warnings } = await unpackClassExport(await zipFile(items, (z) => items.reduce((acc, i) => patchDeclaredSize(acc, i.name, 10), z)), fresh(), SMALL);
    expect(warnings).toHaveLength(5);
    expect(warnings.every((w, i) => w.startsWith(`skipped "${items[i].name}": `))).toBe(true);
    expect(listFiles(dir)).toEqual([]);
  });

  it('refuses a second entry of the same name rather than overwrite the first', async () => {
    const zip = await zipFile([
      { name: 'alice/index.ts', content: code('alice') },
      { name: 'alice/index.ts', content: code('mallory') },
    ]);
    const { dir, warnings } = await unpackClassExport(zip, fresh());
    expect(warnings).toEqual(['skipped "alice/index.ts": an entry of the same name was unpacked before it']);
    expect(readFileSync(join(dir, 'alice', 'index.ts'), 'utf8')).toBe(code('alice'));
  });
});

describe('unpackClassExport refuses a zip that cannot be used at all, in one line', () => {
  const rejects = async (zip: string, pattern: RegExp, limits?: ZipLimits) => {
    const into = fresh();
    const error = await unpackClassExport(zip, into, limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).not.toContain('\n');
    expect(existsSync(into)).toBe(false);
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
    await rejects(await zipFile([{ name: 'notes.txt', content: 'hello' }]), /holds no submissions: expected a folder or a \.ts file per student/);
  });

  it('a destination that is not empty', async () => {
    const into = tempDir();
    writeFileSync(join(into, 'keep.txt'), 'mine');
    const error = await unpackClassExport(await zipFile([{ name: 'a/index.ts', content: '' }]), into).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(/is not empty; choose a new folder/);
    expect(readdirSync(into)).toEqual(['keep.txt']);
  });
});
