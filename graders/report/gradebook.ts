/** A batch's gradebook: `<out>/summary.csv` (a row per student) and `<out>/summary.json`. */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import writeFileAtomic from 'write-file-atomic';
import { PART_IDS } from '../rubric.ts';
import { json } from './files.ts';
import type { Report } from './schema.ts';

export interface Summary {
  /** The sandbox protections that were in force. */
  protections: string[];
  fixtures: string;
  seed: number;
  maxScore: number;
  students: Array<{ student: string; score: number; maxScore: number; parts: Record<string, number>; statuses: Record<string, string> }>;
}

export function summarise(reports: Report[], protections: string[]): Summary {
  const sorted = [...reports].sort((a, b) => a.student.localeCompare(b.student));
  return {
    protections,
    fixtures: sorted[0]?.fixtures ?? '',
    seed: sorted[0]?.seed ?? 0,
    maxScore: sorted[0]?.maxScore ?? 0,
    students: sorted.map((r) => ({
      student: r.student,
      score: r.score,
      maxScore: r.maxScore,
      parts: Object.fromEntries(r.parts.map((p) => [p.id, p.score])),
      statuses: Object.fromEntries(r.parts.map((p) => [p.id, p.status])),
    })),
  };
}

/** A spreadsheet would run a cell that starts like a formula; a leading quote keeps it text. */
const asText = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

export async function writeGradebook(out: string, summary: Summary): Promise<void> {
  const header = ['student', 'score', 'max_score', ...PART_IDS];
  const rows = summary.students.map((s) => [asText(s.student), s.score, s.maxScore, ...PART_IDS.map((p) => s.parts[p] ?? 0)]);
  await writeFileAtomic(join(out, 'summary.csv'), stringify([header, ...rows]));
  await writeFileAtomic(join(out, 'summary.json'), json(summary));
}
