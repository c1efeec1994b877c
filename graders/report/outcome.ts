/**
 * A reason for every score below full: one status a gradebook can sort and group by, and one line
 * saying why, taken from the first thing that went wrong (nothing submitted, the first compile
 * error, the parts left unimplemented, the part that timed out, the first failing part).
 */
import { t } from '../i18n/index.ts';
import type { Outcome, OutcomeStatus, PartReport, Report } from './schema.ts';

/** Why a submission could not be run at all, as grade.ts knows it. */
export type LoadFailure = { kind: 'no-submission' | 'does-not-compile' | 'could-not-load' | 'timed-out'; message: string };

const firstLine = (text: string) => text.split('\n')[0];

/** The starter's functions throw "not implemented"; a function never exported is not implemented either. */
const NOT_IMPLEMENTED = /not implemented|не реализ|is not exported|не экспортир/i;

function partStatus(part: PartReport): OutcomeStatus {
  if (part.status === 'timeout') return 'timed-out';
  if (part.score === 0 && NOT_IMPLEMENTED.test(part.message)) return 'not-implemented';
  return part.status === 'error' ? 'crashed' : 'wrong';
}

export function outcomeOf(report: Pick<Report, 'score' | 'maxScore' | 'parts'>, load?: LoadFailure): Outcome {
  if (load) return { status: load.kind, reason: `${t().outcomeLabel[load.kind]}: ${firstLine(load.message)}` };
  if (report.score >= report.maxScore) return { status: 'full', reason: '' };
  const failing = report.parts.filter((p) => p.score < p.maxScore);
  const unimplemented = failing.filter((p) => partStatus(p) === 'not-implemented');
  if (unimplemented.length > 0 && unimplemented.length === failing.length) {
    return { status: 'not-implemented', reason: `${t().outcomeLabel['not-implemented']}: ${unimplemented.map((p) => p.id).join(', ')}` };
  }
  const first = failing.find((p) => partStatus(p) !== 'not-implemented') ?? failing[0];
  const status = partStatus(first);
  return { status, reason: `${t().outcomeLabel[status]}: ${first.id}: ${firstLine(first.message)}` };
}
