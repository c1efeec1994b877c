/** The normalised token stream: what a disguise changes must not change it, what code is must. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { disguise, renameTo } from '../../graders/similarity/disguise.ts';
import { normalisedTokens, scanTokens } from '../../graders/similarity/tokens.ts';
import ts from 'typescript';
import { at } from '../helpers.ts';

const LOOPS = readFileSync(at('test', 'submissions', 'correct', 'loops', 'index.ts'), 'utf8');
const kinds = (text: string) => normalisedTokens(text).kinds;

describe('normalised tokens', () => {
  it('are the same after renaming every identifier (and `out`), dropping comments, changing literals and relaying out', () => {
    const disguised = disguise(LOOPS, { rename: renameTo('q'), alsoRename: ['out'], dropComments: true, changeLiterals: true, reflow: true });
    expect(disguised).not.toMatch(/\bout\b|classes|Plain for loops/);
    expect(disguised.split('\n').length).not.toBe(LOOPS.split('\n').length);
    expect(kinds(disguised)).toEqual(kinds(LOOPS));
  });

  it('ignore semicolons, trailing commas and the parentheses of a lone arrow parameter', () => {
    expect(kinds('const f = (a) => [a, 1,];\nf(2);')).toEqual(kinds('const f = a => [a, 1]\nf(2)'));
  });

  it('tell code apart that differs in more than names and literals', () => {
    expect(kinds('for (let i = 0; i < n; i++) s += x[i];')).not.toEqual(kinds('for (let i = n - 1; i >= 0; i--) s += x[i];'));
    expect(kinds('const a = b * c;')).not.toEqual(kinds('const a = b + c;'));
  });

  it('read a regular expression as one literal and a division as division', () => {
    const regex = scanTokens('const r = /a\\/b[/]c/g.test(s) ? 1 : 2;').map((t) => t.kind);
    expect(regex).toContain(ts.SyntaxKind.RegularExpressionLiteral);
    const division = scanTokens('const q = a / b / c;').map((t) => t.kind);
    expect(division).not.toContain(ts.SyntaxKind.RegularExpressionLiteral);
    expect(division.filter((k) => k === ts.SyntaxKind.SlashToken)).toHaveLength(2);
  });

  it('follow a template literal through its ${...} parts, nested braces included', () => {
    const scanned = scanTokens('const t = `a${ {x: 1}.x }b${ y }c`; z();').map((t) => t.kind);
    expect(scanned).toContain(ts.SyntaxKind.TemplateMiddle);
    expect(scanned).toContain(ts.SyntaxKind.TemplateTail);
    // The code after the template is read as code again, not as template text.
    expect(scanned.slice(-4)).toEqual([ts.SyntaxKind.Identifier, ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.SemicolonToken]);
  });

  it('keep the lines each token spans', () => {
    const stream = normalisedTokens('// one\nconst a =\n  `x\ny`;\n');
    expect(stream.startLines).toEqual([2, 2, 2, 3]);
    expect(stream.endLines).toEqual([2, 2, 2, 4]);
  });
});
