/**
 * Scores a user would act on: a disguised copy scores near 1, independent solutions score low,
 * the starter counts for nothing, and the matches point at the copied lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareSubmissions } from '../../graders/similarity/compare.ts';
import { disguise, renameTo } from '../../graders/similarity/disguise.ts';
import { DEFAULT_FINGERPRINT_SETTINGS } from '../../graders/similarity/fingerprint.ts';
import { readSourceFolder, readStarter, type SourceFolder } from '../../graders/similarity/submissions.ts';
import { at } from '../helpers.ts';

const STARTER = readStarter(at('starter'));
const correct = (name: string) => readSourceFolder(name, at('test', 'submissions', 'correct', name));
const LOOPS = readFileSync(at('test', 'submissions', 'correct', 'loops', 'index.ts'), 'utf8');
const STARTER_TEXT = readFileSync(at('starter', 'index.ts'), 'utf8');

const folder = (name: string, text: string): SourceFolder => ({ name, dir: name, files: [{ path: 'index.ts', text }], skipped: [] });

/** The score of a and b compared as a class of two; 0 when they share nothing. */
function scoreOf(a: SourceFolder, b: SourceFolder): number {
  const { report } = compareSubmissions([a, b], STARTER, DEFAULT_FINGERPRINT_SETTINGS);
  return report.pairs[0]?.score ?? 0;
}

describe('similarity scores', () => {
  it('a copy with every identifier renamed and the comments removed scores at least 0.9', () => {
    const renamed = disguise(LOOPS, { rename: renameTo('v'), alsoRename: ['out'], dropComments: true });
    expect(renamed).not.toMatch(/\b(rows|inputs|classes|out|linearForward)\b|Plain for loops/);
    expect(scoreOf(correct('loops'), folder('copy', renamed))).toBeGreaterThanOrEqual(0.9); // measured: 1
  });

  it('reformatting and changing every number and string does not hide a copy', () => {
    const reformatted = disguise(LOOPS, { changeLiterals: true, reflow: true });
    expect(reformatted).not.toContain('5e-3');
    expect(scoreOf(correct('loops'), folder('copy', reformatted))).toBeGreaterThanOrEqual(0.9); // measured: 1
  });

  it('a copied solution inside more code of the copier still scores near 1', () => {
    const padded = `${readFileSync(at('test', 'submissions', 'correct', 'map-reduce', 'index.ts'), 'utf8').replace(/export /g, '')}\n${disguise(LOOPS, { rename: renameTo('w') })}`;
    expect(scoreOf(correct('loops'), folder('padded', padded))).toBeGreaterThanOrEqual(0.9);
  });

  // loops (index loops) and map-reduce (map and reduce) solve the same homework independently:
  // measured 0.03 with the defaults (k 15, window 8): 4 shared fingerprints, all of them what the
  // contract dictates (`return [out, [x, w, b]]` running into linearBackward's first line, and
  // train's options type). The corpus's most alike pair of independent solutions, which share a
  // near-identical train loop, scores 0.43; disguised copies score 1.
  it('two independent solutions written differently score below 0.1', () => {
    expect(scoreOf(correct('loops'), correct('map-reduce'))).toBeLessThan(0.1);
  });

  it('the unchanged starter scores 0 against itself: code every student received is not shared', () => {
    expect(scoreOf(folder('one', STARTER_TEXT), folder('two', STARTER_TEXT))).toBe(0);
    const { report } = compareSubmissions([folder('one', STARTER_TEXT), folder('two', STARTER_TEXT)], STARTER, DEFAULT_FINGERPRINT_SETTINGS);
    expect(report.pairs).toEqual([]);
  });

  it('the starter left in two different solutions does not make them alike', () => {
    // Both keep the starter's train and standardNormal and fill in the rest differently.
    const withStarter = (name: string) => {
      const solution = readFileSync(at('test', 'submissions', 'correct', name, 'index.ts'), 'utf8');
      return folder(name, `${STARTER_TEXT}\n${solution.replace(/export function train[\s\S]*$/, '').replace(/export /g, '')}`);
    };
    const alike = scoreOf(withStarter('loops'), withStarter('map-reduce'));
    expect(alike).toBeLessThan(0.1);
  });

  it('a match gives the copied lines on both sides', () => {
    const svmLoss = LOOPS.slice(LOOPS.indexOf('export function svmLoss'), LOOPS.indexOf('function randn'));
    // A statement before it that loops does not have, so the shared run starts with the function.
    const host = `${readFileSync(at('test', 'submissions', 'correct', 'map-reduce', 'index.ts'), 'utf8').replace(/export function svmLoss[\s\S]*?\n}\n/, '')}\nconsole.log('svm');\n${svmLoss}`;
    const { report } = compareSubmissions([correct('loops'), folder('host', host)], STARTER, DEFAULT_FINGERPRINT_SETTINGS);
    const firstSvmLine = LOOPS.slice(0, LOOPS.indexOf('export function svmLoss')).split('\n').length;
    const lastSvmLine = firstSvmLine + svmLoss.trimEnd().split('\n').length - 1;
    const hostFirst = host.slice(0, host.lastIndexOf('export function svmLoss')).split('\n').length;
    const longest = report.pairs[0].matches.reduce((m, x) => (x.aLines[1] - x.aLines[0] > m.aLines[1] - m.aLines[0] ? x : m));
    expect(longest.aFile).toBe('index.ts');
    expect(longest.aLines[0]).toBeGreaterThanOrEqual(firstSvmLine);
    expect(longest.aLines[1]).toBeLessThanOrEqual(lastSvmLine);
    expect(longest.aLines[1] - longest.aLines[0]).toBeGreaterThan(15);
    expect(longest.bLines[0] - hostFirst).toBe(longest.aLines[0] - firstSvmLine);
  });

  it('every file of a submission counts, and a match names the file', () => {
    const several = correct('several-files');
    const copy: SourceFolder = { ...several, name: 'copy', files: several.files.map((f) => ({ ...f, text: disguise(f.text, { rename: renameTo('z'), dropComments: true }) })) };
    const { report } = compareSubmissions([several, copy], STARTER, DEFAULT_FINGERPRINT_SETTINGS);
    expect(report.pairs[0].score).toBeGreaterThanOrEqual(0.9);
    expect(new Set(report.pairs[0].matches.map((m) => m.aFile))).toEqual(new Set(several.files.map((f) => f.path)));
    expect(several.files.length).toBe(6);
  });
});
