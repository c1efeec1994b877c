/**
 * A batch's gradebook: `<out>/summary.csv` (a row per student: total, each part, and the status
 * and reason of a score below full) and `<out>/summary.json`. The CSV starts with a UTF-8 byte
 * order mark, so that spreadsheets show Cyrillic names as they are.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import writeFileAtomic from 'write-file-atomic';
import type { IntakeDecision, LmsIds } from '../intake/schema.ts';
import { PART_IDS } from '../rubric.ts';
import { json } from './files.ts';
import { outcomeOf } from './outcome.ts';
import type { Report } from './schema.ts';

export const BOM = '\uFEFF';

export interface SummaryStudent {
  student: string;
  score: number;
  maxScore: number;
  status: string;
  reason: string;
  parts: Record<string, number>;
  statuses: Record<string, string>;
  source?: string;
  ids?: LmsIds;
}

export interface Summary {
  /** The sandbox protections that were in force. */
  protections: string[];
  fixtures: string;
  seed: number;
  maxScore: number;
  students: SummaryStudent[];
}

export function summarise(reports: Report[], protections: string[], decisions: IntakeDecision[] = []): Summary {
  const sorted = [...reports].sort((a, b) => a.student.localeCompare(b.student));
  const byStudent = new Map(decisions.map((d) => [d.student, d]));
  return {
    protections,
    fixtures: sorted[0]?.fixtures ?? '',
    seed: sorted[0]?.seed ?? 0,
    maxScore: sorted[0]?.maxScore ?? 0,
    students: sorted.map((r) => {
      const outcome = r.outcome ?? outcomeOf(r);
      const decision = byStudent.get(r.student);
      return {
        student: r.student,
        score: r.score,
        maxScore: r.maxScore,
        status: outcome.status,
        reason: outcome.reason,
        parts: Object.fromEntries(r.parts.map((p) => [p.id, p.score])),
        statuses: Object.fromEntries(r.parts.map((p) => [p.id, p.status])),
        ...(decision ? { source: decision.source, ids: decision.ids } : {}),
      };
    }),
  };
}

/** A spreadsheet would run a cell that starts like a formula; a leading quote keeps it text. */
export const asText = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

export async function writeGradebook(out: string, summary: Summary): Promise<void> {
  const header = ['student', 'score', 'max_score', ...PART_IDS, 'status', 'reason'];
  const rows = summary.students.map((s) => [asText(s.student), s.score, s.maxScore, ...PART_IDS.map((p) => s.parts[p] ?? 0), s.status, asText(s.reason)]);
  await writeFileAtomic(join(out, 'summary.csv'), BOM + stringify([header, ...rows]));
  await writeFileAtomic(join(out, 'summary.json'), json(summary));
}
