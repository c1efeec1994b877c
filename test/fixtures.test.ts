/** Golden fixtures: byte-for-byte reproducible, validated on read, and the data set's checksum. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIGITS_PATH, DigitsError, loadDigits } from '../graders/data/digits.ts';
import { generateFixtures } from '../graders/fixtures/generate.ts';
import { FixtureError, loadFixtureSet } from '../graders/fixtures/load.ts';
import { PUBLIC_SEED } from '../graders/fixtures/schema.ts';
import { at, tempDir } from './helpers.ts';

describe('golden fixtures', () => {
  const generated = generateFixtures(PUBLIC_SEED);

  it.each(Object.keys(generated))('%s.json is what the public seed generates, byte for byte', (part) => {
    expect(generated[part as keyof typeof generated]).toBe(readFileSync(at('fixtures', 'public', `${part}.json`), 'utf8'));
  });

  it('another seed gives other inputs', () => {
    expect(generateFixtures(PUBLIC_SEED + 1).forward).not.toBe(generated.forward);
  });

  it('covers the shapes, magnitudes and SVM cases the homework needs', () => {
    const set = loadFixtureSet('public');
    const names = [...set.forward, ...set.svm].map((c) => c.name).join('|');
    for (const name of ['1x1x1', '1x64x10', '3x5x2', '256x64x10', 'digits batch', '1e-3', '1e3', 'batch of 1', 'two classes', 'all-zero', 'integer-valued']) {
      expect(names).toContain(name);
    }
  });

  it('a damaged fixture file is refused with one line naming the file and the fix', () => {
    const dir = tempDir();
    for (const part of ['forward', 'backward', 'svm']) copyFileSync(at('fixtures', 'public', `${part}.json`), join(dir, `${part}.json`));
    const svm = JSON.parse(readFileSync(join(dir, 'svm.json'), 'utf8'));
    svm.cases[0].loss = 'twelve';
    writeFileSync(join(dir, 'svm.json'), JSON.stringify(svm));
    expect(() => loadFixtureSet(dir)).toThrow(FixtureError);
    expect(() => loadFixtureSet(dir)).toThrow(/svm\.json is malformed at cases\.0\.loss.*npm run fixtures/);
  });

  it('a missing fixture folder says how to generate it', () => {
    expect(() => loadFixtureSet(join(tempDir(), 'nothing'))).toThrow(/forward\.json is missing: generate it with/);
  });
});

describe('the digits data set', () => {
  it('loads the homework split: 1500 training and 297 test digits of 64 pixels', () => {
    const { train, test } = loadDigits();
    expect([train.x.length, train.y.length, test.x.length, test.y.length]).toEqual([1500, 1500, 297, 297]);
    expect(train.x.every((row) => row.length === 64 && row.every((v) => v >= 0 && v <= 16))).toBe(true);
    expect(new Set([...train.y, ...test.y])).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('refuses a file whose sha256 differs', () => {
    const copy = join(tempDir(), 'digits.csv.gz');
    const bytes = readFileSync(DIGITS_PATH);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(copy, bytes);
    expect(() => loadDigits(copy)).toThrow(DigitsError);
    expect(() => loadDigits(copy)).toThrow(/sha256 [0-9a-f]{64}, expected 46abec6b/);
  });
});
