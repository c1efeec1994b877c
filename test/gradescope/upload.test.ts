/** Finding the homework in what a student uploaded to Gradescope (files, a folder, or one zip), copied into a private snapshot. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateUpload } from '../../graders/gradescope/upload.ts';
import { tempDir } from '../helpers.ts';
import { patchName, zipBuffer } from '../intake/zips.ts';

/** An upload folder holding `files` (path -> content). */
function upload(files: Record<string, string | Buffer>): string {
  const dir = tempDir('nngrade-upload-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('locateUpload', () => {
  it('takes the files themselves when index.ts is at the top, into a snapshot', async () => {
    const dir = upload({ 'index.ts': 'export {};', 'helpers.ts': '' });
    const found = await locateUpload(dir);
    expect(found.dir).toMatch(/nngrade-snapshot-/);
    expect(readdirSync(found.dir!).sort()).toEqual(['helpers.ts', 'index.ts']);
  });

  it('takes the one folder holding index.ts, passing over what archivers add', async () => {
    const dir = upload({ 'homework/index.ts': 'export {};', '__MACOSX/homework/._index.ts': '', '.DS_Store': '' });
    const found = await locateUpload(dir);
    expect(readdirSync(found.dir!)).toEqual(['index.ts']);
    expect(found.notes).toEqual(['took the files inside homework/ (a folder uploaded whole)']);
  });

  it('says what the upload holds when several folders hold an index.ts', async () => {
    const found = await locateUpload(upload({ 'a/index.ts': '', 'b/index.ts': '' }));
    expect(found.dir).toBeUndefined();
    expect(found.problem).toMatch(/^No index\.ts in your upload: .*\(no index\.ts in the folder \(found: a\/, b\/\)/);
  });

  it('unpacks a single zip into the snapshot, and removes it afterwards', async () => {
    const found = await locateUpload(upload({ 'hw.zip': await zipBuffer([{ name: 'hw/index.ts', content: 'export {};' }]) }));
    expect(found.dir).toMatch(/nngrade-snapshot-/);
    expect(existsSync(join(found.dir!, 'index.ts'))).toBe(true);
    await found.cleanup();
    expect(existsSync(found.dir!)).toBe(false);
  });

  it('tells the student which entries of their zip it skipped', async () => {
    const zip = patchName(await zipBuffer([{ name: 'index.ts', content: '' }, { name: 'xx/x.ts', content: '' }]), 'xx/x.ts', '../x.ts');
    const found = await locateUpload(upload({ 'hw.zip': zip }));
    expect(found.dir).toBeDefined();
    expect(found.notes).toEqual(['skipped "../x.ts": its path climbs out of the folder (..)']);
    await found.cleanup();
  });

  it('explains a zip that is not one, and an upload without index.ts', async () => {
    expect((await locateUpload(upload({ 'hw.zip': 'not a zip' }))).problem).toMatch(/^Your upload hw\.zip is not a readable zip file/);
    const none = await locateUpload(upload({ 'main.js': '', 'notes/todo.txt': '' }));
    expect(none.problem).toMatch(/^No index\.ts in your upload: .*\(found: main\.js, notes\/\)/);
    const only = await locateUpload(upload({ 'main.ts': 'export {};' }));
    expect(only.notes).toEqual(['graded main.ts as index.ts: it is the only TypeScript file (name the entry file index.ts)']);
  });
});
