/**
 * The token stream the similarity report compares: a file's TypeScript tokens, as the
 * TypeScript scanner reads them, reduced to what survives a disguise. Names become one class,
 * numbers one, strings one; comments and whitespace are gone; keywords and punctuation stay.
 * Each token keeps the lines it spans, so a match can be shown where it is.
 */
import type TS from 'typescript';
import ts from '../typescript.ts';

const K = ts.SyntaxKind;

/** One token as scanned, before normalisation: its kind and where it sits in the text. */
export interface ScannedToken {
  kind: TS.SyntaxKind;
  start: number;
  end: number;
}

/** A file's normalised tokens, in parallel arrays (a class has hundreds of thousands of tokens). */
export interface TokenStream {
  kinds: number[];
  startLines: number[];
  endLines: number[];
}

/** The token classes that stand for everything of their kind. */
export const IDENTIFIER_CLASS = K.Identifier;
export const NUMBER_CLASS = K.NumericLiteral;
export const STRING_CLASS = K.StringLiteral;

const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/g;

/** A text's lines, split the way the scanner counts them (so line numbers agree everywhere). */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** The offset at which each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return starts;
}

/** After these a `/` divides; after anything else it opens a regular expression. */
const ENDS_AN_EXPRESSION = new Set<TS.SyntaxKind>([
  K.Identifier, K.NumericLiteral, K.BigIntLiteral, K.StringLiteral, K.NoSubstitutionTemplateLiteral,
  K.TemplateTail, K.RegularExpressionLiteral, K.CloseParenToken, K.CloseBracketToken,
  K.CloseBraceToken, K.ThisKeyword, K.SuperKeyword, K.TrueKeyword, K.FalseKeyword, K.NullKeyword,
  K.PlusPlusToken, K.MinusMinusToken,
]);

/**
 * Every token of a TypeScript text, in order. The scanner alone cannot tell a regular expression
 * from a division, nor where a template literal resumes after `${...}`: the parser normally says.
 * Here the previous token decides the first, and a stack of open braces the second, which is right
 * for everything but contrived code, and a wrong guess only shifts a few tokens of one file.
 */
export function scanTokens(text: string, keepTrivia = false): ScannedToken[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, !keepTrivia, ts.LanguageVariant.Standard, text);
  const tokens: ScannedToken[] = [];
  // true for a brace that a template's `${` opened, false for an ordinary one.
  const braces: boolean[] = [];
  let previous: TS.SyntaxKind = K.Unknown;
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && !ENDS_AN_EXPRESSION.has(previous) && !isContextualKeyword(previous)) {
      kind = scanner.reScanSlashToken();
    } else if (kind === K.OpenBraceToken) {
      braces.push(false);
    } else if (kind === K.CloseBraceToken && braces.pop() === true) {
      kind = scanner.reScanTemplateToken(false);
    }
    if (kind === K.TemplateHead || kind === K.TemplateMiddle) braces.push(true);
    tokens.push({ kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    if (!isTrivia(kind)) previous = kind;
  }
  return tokens;
}

export function isTrivia(kind: TS.SyntaxKind): boolean {
  return kind >= K.FirstTriviaToken && kind <= K.LastTriviaToken;
}

/**
 * Words like `type`, `of`, `number`, `set` or `out` are keywords only in some places, and
 * students use them as variable names (`out` is in the homework's own text). Treated as keywords,
 * renaming `out` to `result` would change the token stream; so they join the identifier class.
 * The reserved words (`for`, `const`, `return`, `let`, ...) can never be names and stay.
 */
export function isContextualKeyword(kind: TS.SyntaxKind): boolean {
  // The keywords come in order: reserved words, then future reserved words, then contextual ones.
  return kind > K.LastFutureReservedWord && kind <= K.LastKeyword;
}

/** The class a token counts as, or undefined for a token that carries nothing of the code's shape. */
export function tokenClass(kind: TS.SyntaxKind): number | undefined {
  if (isTrivia(kind)) return undefined;
  // Semicolons are optional in TypeScript and a formatter adds or drops them.
  if (kind === K.SemicolonToken) return undefined;
  if (kind === K.Identifier || kind === K.PrivateIdentifier || isContextualKeyword(kind)) return IDENTIFIER_CLASS;
  if (kind === K.NumericLiteral || kind === K.BigIntLiteral) return NUMBER_CLASS;
  if (kind === K.StringLiteral || kind === K.NoSubstitutionTemplateLiteral || kind === K.RegularExpressionLiteral) return STRING_CLASS;
  return kind;
}

const CLOSERS = new Set<number>([K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken]);

/**
 * A text's normalised tokens. Beyond the token classes, two things a formatter changes are undone:
 * a trailing comma before `)`, `]` or `}` is dropped, and the parentheses of a lone arrow-function
 * parameter, `(x) => ...`, are dropped so it reads as `x => ...`.
 */
export function normalisedTokens(text: string): TokenStream {
  const starts = lineStarts(text);
  let line = 0;
  const lineOf = (offset: number) => {
    // Offsets only grow, so the line only moves forward; a token's end may lie further on.
    let l = line;
    while (l + 1 < starts.length && starts[l + 1] <= offset) l++;
    return l;
  };
  const kept: Array<{ kind: number; startLine: number; endLine: number }> = [];
  for (const token of scanTokens(text)) {
    const kind = tokenClass(token.kind);
    if (kind === undefined) continue;
    line = lineOf(token.start);
    kept.push({ kind, startLine: line + 1, endLine: lineOf(Math.max(token.start, token.end - 1)) + 1 });
  }

  const stream: TokenStream = { kinds: [], startLines: [], endLines: [] };
  for (let i = 0; i < kept.length; i++) {
    const token = kept[i];
    if (token.kind === K.CommaToken && i + 1 < kept.length && CLOSERS.has(kept[i + 1].kind)) continue;
    const loneArrowParameter =
      token.kind === K.OpenParenToken && kept[i + 1]?.kind === IDENTIFIER_CLASS && kept[i + 2]?.kind === K.CloseParenToken && kept[i + 3]?.kind === K.EqualsGreaterThanToken;
    if (loneArrowParameter) {
      stream.kinds.push(IDENTIFIER_CLASS);
      stream.startLines.push(kept[i + 1].startLine);
      stream.endLines.push(kept[i + 1].endLine);
      i += 2;
      continue;
    }
    stream.kinds.push(token.kind);
    stream.startLines.push(token.startLine);
    stream.endLines.push(token.endLine);
  }
  return stream;
}
