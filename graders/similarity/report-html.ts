/**
 * Writes similarity.html: one self-contained page (inline CSS, no script, no network) with the
 * ranked pairs and, for the top ones, both submissions side by side with the matching lines
 * highlighted, one colour per match. Everything from a submission (names, paths, code) is
 * untrusted and escaped; a Content-Security-Policy forbidding scripts backs the escaping up.
 */
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { escapeHtml } from '../report/html/escape.ts';
import { htmlPage } from '../report/html/page.ts';
import type { Match, Pair, SimilarityReport } from './schema.ts';
import type { SourceFile } from './submissions.ts';
import { splitLines } from './tokens.ts';

export const SIMILARITY_HTML = 'similarity.html';

/** Pairs in the ranking table, and pairs shown side by side: beyond them the page would weigh
 * megabytes per pair and nobody reads that far; similarity.json holds every pair. */
export const RANKED_PAIRS_SHOWN = 500;
export const PAIRS_SHOWN_SIDE_BY_SIDE = 100;

const MATCH_COLOURS = ['#ffe08a', '#a8e6cf', '#ffb3ba', '#bae1ff', '#e0c3fc', '#ffd3a5'];

const score = (value: number) => value.toFixed(2);
const lines = ([from, to]: [number, number]) => (from === to ? `line ${from}` : `lines ${from}-${to}`);

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
table.ranking { border-collapse: collapse; margin: 1rem 0; }
table.ranking td, table.ranking th { padding: 0.2rem 0.7rem; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
section.pair { margin-top: 2.5rem; border-top: 2px solid #333; }
ol.matches li { margin: 0.1rem 0; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; vertical-align: middle; margin-right: 0.4em; border: 1px solid #999; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side > div { min-width: 0; }
pre { background: #fafafa; border: 1px solid #ddd; padding: 0.4rem 0; overflow-x: auto; font: 12px/1.4 ui-monospace, monospace; }
pre .line { display: block; padding-right: 0.5rem; white-space: pre; }
pre .no { display: inline-block; width: 3.5em; padding-right: 0.8em; text-align: right; color: #999; user-select: none; }
${MATCH_COLOURS.map((colour, i) => `.m${i} { background: ${colour}; }`).join('\n')}
`;

/** For each line of a file, the index of the first match covering it on this side. */
function matchOfLine(file: string, lineCount: number, matches: Match[], side: 'a' | 'b'): Array<number | undefined> {
  const byLine = new Array<number | undefined>(lineCount + 1);
  matches.forEach((m, index) => {
    if ((side === 'a' ? m.aFile : m.bFile) !== file) return;
    const [from, to] = side === 'a' ? m.aLines : m.bLines;
    for (let line = from; line <= Math.min(to, lineCount); line++) byLine[line] ??= index;
  });
  return byLine;
}

function renderFile(file: SourceFile, matches: Match[], side: 'a' | 'b'): string {
  const textLines = splitLines(file.text);
  const byLine = matchOfLine(file.path, textLines.length, matches, side);
  const body = textLines
    .map((text, i) => {
      const match = byLine[i + 1];
      const marked = match === undefined ? '' : ` m${match % MATCH_COLOURS.length}" title="match ${match + 1}`;
      return `<span class="line${marked}"><span class="no">${i + 1}</span>${escapeHtml(text)}</span>`;
    })
    .join('');
  const heading = `<h4>${escapeHtml(file.path)}</h4>`;
  if (byLine.some((m) => m !== undefined)) return `${heading}<pre>${body}</pre>`;
  // Files without a match stay folded: they are there for context, not for reading first.
  return `<details><summary>${escapeHtml(file.path)} (no match in this file)</summary><pre>${body}</pre></details>`;
}

function renderSide(name: string, files: SourceFile[], matches: Match[], side: 'a' | 'b'): string {
  return `<div><h3>${escapeHtml(name)}</h3>${files.map((f) => renderFile(f, matches, side)).join('\n')}</div>`;
}

function renderPair(pair: Pair, rank: number, sources: Map<string, SourceFile[]>): string {
  const matchList = pair.matches
    .map(
      (m, i) =>
        `<li><span class="swatch m${i % MATCH_COLOURS.length}"></span>${escapeHtml(pair.a)}: ${escapeHtml(m.aFile)} ${lines(m.aLines)} &harr; ${escapeHtml(pair.b)}: ${escapeHtml(m.bFile)} ${lines(m.bLines)}</li>`,
    )
    .join('\n');
  return `<section class="pair" id="pair-${rank}">
<h2>${rank}. ${escapeHtml(pair.a)} &amp; ${escapeHtml(pair.b)}: ${score(pair.score)}</h2>
<p>${pair.shared} shared fingerprints; ${escapeHtml(pair.a)} has ${pair.aFingerprints} of its own, ${escapeHtml(pair.b)} ${pair.bFingerprints}. <a href="#top">back to the ranking</a></p>
<ol class="matches">${matchList}</ol>
<div class="side">${renderSide(pair.a, sources.get(pair.a) ?? [], pair.matches, 'a')}
${renderSide(pair.b, sources.get(pair.b) ?? [], pair.matches, 'b')}</div>
</section>`;
}

function renderRanking(pairs: Pair[]): string {
  const rows = pairs.slice(0, RANKED_PAIRS_SHOWN).map((p, i) => {
    const rank = i + 1;
    const label = rank <= PAIRS_SHOWN_SIDE_BY_SIDE ? `<a href="#pair-${rank}">${rank}</a>` : String(rank);
    return `<tr><td class="num">${label}</td><td class="num">${score(p.score)}</td><td>${escapeHtml(p.a)}</td><td>${escapeHtml(p.b)}</td><td class="num">${p.shared} of ${Math.min(p.aFingerprints, p.bFingerprints)}</td><td class="num">${p.matches.length}</td></tr>`;
  });
  return `<table class="ranking"><thead><tr><th>#</th><th>score</th><th>a</th><th>b</th><th>shared fingerprints</th><th>matches</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

export interface HtmlContext {
  /** The class folder and the starter, as the user gave them. */
  classFolder: string;
  starter: string;
}

export function renderSimilarityHtml(report: SimilarityReport, sources: Map<string, SourceFile[]>, context: HtmlContext): string {
  const { pairs } = report;
  const beyond = pairs.length > RANKED_PAIRS_SHOWN ? `<p>${pairs.length - RANKED_PAIRS_SHOWN} more pairs with a lower score are in similarity.json.</p>` : '';
  const none = pairs.length === 0 ? '<p>No two submissions share any code beyond the starter.</p>' : '';
  // The instructor's page, in English: the shared shell with this page's own styles.
  const body = `<h1 id="top">Similarity report: ${escapeHtml(context.classFolder)}</h1>
<p>${report.submissions.length} submissions, ${pairs.length} pairs sharing code beyond the starter (${escapeHtml(context.starter)}).
Fingerprints of ${report.k} tokens, winnowing window ${report.window}. Names, numbers, strings, comments and layout are ignored.</p>
<p>Score: ${escapeHtml(report.score)}. A high score is a reason to read both submissions, not a verdict.</p>
${none}${renderRanking(pairs)}${beyond}
${pairs.slice(0, PAIRS_SHOWN_SIDE_BY_SIDE).map((p, i) => renderPair(p, i + 1, sources)).join('\n')}`;
  return htmlPage(`Similarity report: ${context.classFolder}`, body, { css: STYLE, lang: 'en' });
}

export async function writeSimilarityHtml(out: string, report: SimilarityReport, sources: Map<string, SourceFile[]>, context: HtmlContext): Promise<string> {
  const path = join(out, SIMILARITY_HTML);
  await writeFileAtomic(path, renderSimilarityHtml(report, sources, context));
  return path;
}
