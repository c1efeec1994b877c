/**
 * Writes similarity.json: the whole comparison, validated against its schema first, so a file
 * on disk is always one the schema accepts. Written to a temporary file and renamed into place.
 */
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { type SimilarityReport, SimilarityReportSchema } from './schema.ts';

export const SIMILARITY_JSON = 'similarity.json';

/**
 * The file's text: indented, but one line per pair's summary and one per match. A class of
 * hundreds holds hundreds of thousands of matches, and fully indented they would take ten lines
 * each; this way the file stays a third of the size and still reads (and diffs) line by line.
 */
export function similarityJsonText(report: SimilarityReport): string {
  const { pairs, ...head } = SimilarityReportSchema.parse(report);
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  const pairTexts = pairs.map(({ matches, ...summary }) => {
    const matchLines = matches.map((m) => `      ${JSON.stringify(m)}`).join(',\n');
    return `    ${JSON.stringify(summary).slice(0, -1)},"matches":[${matches.length > 0 ? `\n${matchLines}\n    ` : ''}]}`;
  });
  return `${headText},\n  "pairs": [${pairs.length > 0 ? `\n${pairTexts.join(',\n')}\n  ` : ''}]\n}\n`;
}

export async function writeSimilarityJson(out: string, report: SimilarityReport): Promise<string> {
  const path = join(out, SIMILARITY_JSON);
  await writeFileAtomic(path, similarityJsonText(report));
  return path;
}

/** Reads a similarity.json back, for whoever builds on it. */
export function parseSimilarityJson(text: string): SimilarityReport {
  return SimilarityReportSchema.parse(JSON.parse(text));
}
