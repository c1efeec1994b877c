/**
 * The similarity report from start to end, for the command and the bench: read the class and the
 * starter, compare, then write similarity.json and similarity.html. Reading and comparing come
 * first and write nothing, so bad input leaves the output folder untouched.
 */
import { makeFolders } from '../folders.ts';
import { compareSubmissions } from './compare.ts';
import type { FingerprintSettings } from './fingerprint.ts';
import { writeSimilarityHtml } from './report-html.ts';
import { writeSimilarityJson } from './report-json.ts';
import type { SimilarityReport } from './schema.ts';
import { readClass, readStarter, type SourceFile } from './submissions.ts';

export class SimilarityOutputError extends Error {}

export interface Comparison {
  report: SimilarityReport;
  sources: Map<string, SourceFile[]>;
  /** Students with nothing to compare, and why. */
  notSubmissions: string[];
  /** What the intake did (a folder lifted, a file graded as index.ts, an entry refused). */
  notes: string[];
  /** Files left out, as `student/path (why)`. */
  skippedFiles: string[];
}

export interface ComparisonInput {
  /** A class folder or zip, in any layout the intake takes. */
  classDir: string;
  starterDir: string;
  settings: FingerprintSettings;
  /** The paths as the user wrote them, for messages. */
  classShown?: string;
  starterShown?: string;
}

export async function compareClass(input: ComparisonInput): Promise<Comparison> {
  const starter = readStarter(input.starterDir, input.starterShown);
  const { submissions, notSubmissions, notes } = await readClass(input.classDir, input.classShown);
  const { report } = compareSubmissions(submissions, starter, input.settings);
  return {
    report,
    sources: new Map(submissions.map((s) => [s.name, s.files])),
    notSubmissions,
    notes,
    skippedFiles: submissions.flatMap((s) => s.skipped.map((file) => `${s.name}/${file}`)),
  };
}

/** Writes both reports into `out` (created if need be); returns their paths. */
export async function writeSimilarityReports(out: string, comparison: Comparison, labels: { classFolder: string; starter: string }): Promise<string[]> {
  try {
    makeFolders(out);
    return [await writeSimilarityJson(out, comparison.report), await writeSimilarityHtml(out, comparison.report, comparison.sources, labels)];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new SimilarityOutputError(`cannot write the similarity report to ${out} (${code}): choose another --out`);
  }
}
