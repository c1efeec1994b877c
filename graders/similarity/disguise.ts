/**
 * Disguises a copy the way a student might: renamed variables, no comments, other numbers and
 * strings, another layout. The similarity report must see through all of it; the tests and the
 * bench build their copies with this, from the scanner's tokens, so the result still parses.
 */
import type TS from 'typescript';
import ts from '../typescript.ts';
import { isContextualKeyword, scanTokens } from './tokens.ts';

const K = ts.SyntaxKind;

export interface DisguiseOptions {
  /** New names for the identifiers: every occurrence of a name gets the same new name. */
  rename?: (name: string, index: number) => string;
  /** Words that are keywords only in places (`out`, `type`) and that the file uses as names: renamed too. */
  alsoRename?: string[];
  dropComments?: boolean;
  /** Every number becomes another number, every string another string. */
  changeLiterals?: boolean;
  /** Throws the layout away: one space between tokens, a line break and indent after `{` and `}`
   * and in place of a statement's `;`, so that no line is laid out as in the original. */
  reflow?: boolean;
}

/** Names of the language and the platform: renaming them would change what the code means. */
const GLOBALS = new Set(['Math', 'Array', 'Number', 'Float64Array', 'Object', 'Error', 'JSON', 'String', 'Boolean', 'Map', 'Set', 'Infinity', 'NaN', 'console']);

export const renameTo = (prefix: string) => (_name: string, index: number) => `${prefix}${index}`;

export function disguise(text: string, options: DisguiseOptions): string {
  const names = new Map<string, string>();
  const alsoRename = new Set(options.alsoRename ?? []);
  const newName = (name: string) => {
    let renamed = names.get(name);
    if (renamed === undefined) names.set(name, (renamed = options.rename!(name, names.size)));
    return renamed;
  };
  const out: string[] = [];
  let depth = 0;
  let parens = 0;
  let previous: TS.SyntaxKind = K.Unknown;
  const newline = () => out.push(`\n${'  '.repeat(Math.max(0, depth))}`);
  for (const token of scanTokens(text, true)) {
    const source = text.slice(token.start, token.end);
    const isComment = token.kind === K.SingleLineCommentTrivia || token.kind === K.MultiLineCommentTrivia;
    if (isComment && options.dropComments) continue;
    if (options.reflow && (token.kind === K.WhitespaceTrivia || token.kind === K.NewLineTrivia)) continue;

    let piece = source;
    const isName = token.kind === K.Identifier || (isContextualKeyword(token.kind) && alsoRename.has(source));
    const isProperty = previous === K.DotToken || previous === K.QuestionDotToken;
    if (options.rename && isName && !isProperty && !GLOBALS.has(source)) piece = newName(source);
    if (options.changeLiterals && token.kind === K.NumericLiteral) piece = String(Number.isFinite(Number(source)) ? Number(source) * 3 + 1 : 7);
    if (options.changeLiterals && token.kind === K.StringLiteral) piece = `'${source.length}x'`;

    if (options.reflow) {
      if (token.kind === K.CloseBraceToken) {
        depth--;
        // The line break before it was indented for the block it closes: indent it one less.
        if (out.at(-1)?.startsWith('\n')) {
          out.pop();
          newline();
        }
      }
      if (token.kind === K.OpenParenToken) parens++;
      if (token.kind === K.CloseParenToken) parens--;
      // The semicolons of `for (;;)` are not statement ends: they stay.
      if (token.kind === K.SemicolonToken && parens === 0) {
        newline();
      } else {
        out.push(piece, ' ');
        if (token.kind === K.OpenBraceToken) depth++;
        if (token.kind === K.OpenBraceToken || token.kind === K.CloseBraceToken || token.kind === K.SingleLineCommentTrivia) newline();
      }
    } else {
      out.push(piece);
    }
    if (!isComment && token.kind !== K.WhitespaceTrivia && token.kind !== K.NewLineTrivia) previous = token.kind;
  }
  return out.join('');
}
