/**
 * A hidden fixture set made for a test (never the real fixtures/hidden), and the ways its values
 * could show up in text: as the fixture files store them, and as the grader's messages print
 * them (compare.ts: 5 to 17 significant digits).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFixtures } from '../../graders/fixtures/generate.ts';
import { tempDir } from '../helpers.ts';

/** Writes the fixture set of `seed` into a fresh temporary folder. */
export function hiddenFixtureSet(seed: number): { dir: string; files: Record<string, string> } {
  const dir = tempDir('nngrade-hidden-');
  const files = generateFixtures(seed);
  for (const [part, text] of Object.entries(files)) writeFileSync(join(dir, `${part}.json`), text);
  return { dir, files };
}

/** Every number in the fixture files that is not a whole number (whole ones also count things in messages). */
export function fractionalValues(files: Record<string, string>): number[] {
  const values: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) values.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const text of Object.values(files)) walk(JSON.parse(text));
  return values;
}

const significantDigits = (token: string) => token.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').length;

/** How the grader prints a number with `digits` significant digits (graders/compare.ts). */
function printed(v: number, digits: number): string {
  const abs = Math.abs(v);
  return abs >= 1e-3 && abs < 1e6 ? Number(v.toPrecision(digits)).toString() : v.toExponential(digits - 1);
}

/** The printed forms of the values that are distinctive enough (4+ significant digits) to mean a leak. */
export function printedForms(values: number[]): Set<string> {
  const forms = new Set<string>();
  for (const v of values) {
    for (let digits = 5; digits <= 17; digits++) forms.add(printed(v, digits));
    forms.add(String(v));
  }
  for (const form of forms) if (significantDigits(form) < 4) forms.delete(form);
  return forms;
}

/** The numbers in `text` that are one of `forms`. */
export function leakedValues(text: string, forms: Set<string>): string[] {
  return (text.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? []).filter((token) => forms.has(token));
}
