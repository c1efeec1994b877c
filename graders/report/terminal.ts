/**
 * The terminal view: a line per part with a check mark or a cross, points and reason; for a batch,
 * progress while it runs (done/total and who is being graded) and a table at the end. Colour only
 * on a terminal and never when NO_COLOR is set.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import cliProgress from 'cli-progress';
import { PART_IDS } from '../rubric.ts';
import { printable, printableLine, shortNumber } from '../format.ts';
import { t } from '../i18n/index.ts';
import type { PartReport, Report } from './schema.ts';

export function terminalChalk(stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return new Chalk({ level: stream.isTTY && !noColor ? 3 : 0 });
}

const points = (score: number, max: number) => `${score}/${max}`;
const SPARKS = '▁▂▃▄▅▆▇█';

/** The loss curve in one line of block characters, at most `width` wide. */
export function sparkline(values: number[], width = 40): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '';
  const step = Math.max(1, Math.ceil(values.length / width));
  const sampled = values.filter((_, i) => i % step === 0 || i === values.length - 1);
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  return sampled.map((v) => (Number.isFinite(v) ? SPARKS[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (SPARKS.length - 1))] : '?')).join('');
}


/** The first hint of a part's failed tests (they usually share one). */
export function partHint(part: PartReport): string | undefined {
  return part.tests.find((test) => !test.passed && test.hint)?.hint;
}

export function formatSubmission(report: Report, c: ChalkInstance, reportDir?: string): string {
  report = printableReport(report);
  const total = report.score === report.maxScore ? c.green : report.score === 0 ? c.red : c.yellow;
  const lines = [`${c.bold(report.student)}  ${total.bold(points(report.score, report.maxScore))}  ${c.dim(t().fixturesNote(report.fixtures))}`];
  // A compile error is said as one, as each part says it, not as a failure to load.
  const failedHow = report.outcome?.status === 'does-not-compile' ? `${t().outcomeLabel['does-not-compile']}:` : t().couldNotLoad;
  if (report.loadError) lines.push(`  ${c.red(failedHow)} ${report.loadError.split('\n').join('\n  ')}`);
  const width = Math.max(...report.parts.map((p) => p.id.length));
  const indent = ' '.repeat(width + 15);
  for (const part of report.parts) {
    const mark = part.status === 'passed' ? c.green('✔') : c.red('✘');
    const score = points(part.score, part.maxScore).padStart(8);
    lines.push(`  ${mark} ${part.id.padEnd(width)}  ${score}  ${part.status === 'passed' ? c.dim(part.message) : part.message}`);
    const hint = partHint(part);
    if (hint) lines.push(`${indent}${c.cyan(`${t().hintLabel}: ${hint}`)}`);
    if (part.evidence) lines.push(`${indent}${c.dim(part.evidence)}`);
    const losses = (part.details?.losses as number[] | undefined) ?? [];
    if (losses.length > 1) lines.push(`${indent}${c.dim(`${t().lossCurve}: ${shortNumber(losses[0])} ${sparkline(losses)} ${shortNumber(losses[losses.length - 1])}`)}`);
  }
  const typed = formatTypeWarnings(report, c);
  if (typed) lines.push(typed.trimEnd());
  if (reportDir) lines.push(c.dim(`  ${t().reportAt(reportDir)}`));
  return `${lines.join('\n')}\n`;
}

/** The report with every text a submission may control made printable (names, messages; formatTypeWarnings writes out the warnings). */
function printableReport(report: Report): Report {
  return {
    ...report,
    student: printableLine(report.student),
    ...(report.loadError !== undefined ? { loadError: printable(report.loadError) } : {}),
    parts: report.parts.map((part) => ({
      ...part,
      message: printableLine(part.message),
      ...(part.evidence !== undefined ? { evidence: printable(part.evidence) } : {}),
      tests: part.tests.map((test) => ({ ...test, message: printableLine(test.message) })),
    })),
  };
}

/** The type warnings' lines: in a submission's view, or on their own when they arrive after it. */
export function formatTypeWarnings({ typeWarnings: warnings = [], typeCheckGivenUp: givenUp }: Pick<Report, 'typeWarnings' | 'typeCheckGivenUp'>, c: ChalkInstance): string {
  const lines = warnings.length > 0 ? [c.yellow(`  ${t().typeWarnings(warnings.length)}`), ...warnings.slice(0, 5).map((warning) => c.dim(`    ${printableLine(warning)}`))] : [];
  if (givenUp) lines.push(c.yellow(`  ${t().typeCheckGivenUp(givenUp)}`));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function formatTable(reports: Report[], c: ChalkInstance): string {
  const header = [t().tableStudent, t().tableTotal, ...PART_IDS];
  const rows = reports.map((r) => [printableLine(r.student), String(r.score), ...PART_IDS.map((id) => String(r.parts.find((p) => p.id === id)?.score ?? 0))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return `${c.bold(line(header))}\n${rows.map(line).join('\n')}\n`;
}

/** Batch progress: a live bar on a terminal, a line per finished submission elsewhere. */
export class BatchProgress {
  private readonly running = new Set<string>();
  private done = 0;
  private readonly bar: cliProgress.SingleBar | undefined;

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr) {
    if (stream.isTTY) {
      this.bar = new cliProgress.SingleBar(
        { format: 'grading {bar} {value}/{total}  {running}', stream, hideCursor: true, clearOnComplete: true, barsize: 20 },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { running: '' });
    }
  }

  start(name: string): void {
    this.running.add(printableLine(name));
    this.bar?.update(this.done, { running: [...this.running].join(', ') });
  }

  finish(name: string, summary: string): void {
    name = printableLine(name);
    this.running.delete(name);
    this.done++;
    if (this.bar) this.bar.update(this.done, { running: [...this.running].join(', ') });
    else this.stream.write(`[${this.done}/${this.total}] ${name}: ${summary}\n`);
  }

  stop(): void {
    this.bar?.stop();
  }
}
