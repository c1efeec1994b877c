/**
 * The terminal view of a comparison: the top pairs as a small table, and where the reports are.
 */
import type { Pair, SimilarityReport } from './schema.ts';

/** Rows of the terminal table: the rest is one line saying how many more there are. */
export const TERMINAL_ROWS = 20;
const NAME_WIDTH = 24;

const fit = (name: string) => (name.length > NAME_WIDTH ? `${name.slice(0, NAME_WIDTH - 1)}…` : name.padEnd(NAME_WIDTH));

function row(pair: Pair, rank: number): string {
  const shared = `${pair.shared} of ${Math.min(pair.aFingerprints, pair.bFingerprints)}`;
  return `${String(rank).padStart(4)}  ${pair.score.toFixed(2).padStart(5)}  ${fit(pair.a)}  ${fit(pair.b)}  ${shared.padStart(10)}  ${String(pair.matches.length).padStart(7)}`;
}

/** The table of the pairs scoring at least `minScore`, best first. */
export function formatSimilarityTable(report: SimilarityReport, minScore: number): string {
  const listed = report.pairs.filter((p) => p.score >= minScore);
  const above = minScore > 0 ? ` scoring at least ${minScore}` : '';
  const sharing = listed.length === 1 ? '1 pair shares' : `${listed.length} pairs share`;
  const lines = [`${report.submissions.length} submissions compared; ${sharing} code beyond the starter${above}.`];
  if (listed.length > 0) {
    lines.push('');
    lines.push(`${'#'.padStart(4)}  score  ${'a'.padEnd(NAME_WIDTH)}  ${'b'.padEnd(NAME_WIDTH)}  ${'shared'.padStart(10)}  matches`);
    listed.slice(0, TERMINAL_ROWS).forEach((pair, i) => lines.push(row(pair, i + 1)));
    if (listed.length > TERMINAL_ROWS) lines.push(`   … and ${listed.length - TERMINAL_ROWS} more${above}`);
  }
  return `${lines.join('\n')}\n`;
}
