/**
 * A report in Gradescope's autograder results format (results.json): one test per part, with the
 * part's failing cases in its output.
 */
import type { Report } from './schema.ts';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: 'visible' | 'hidden' | 'after_due_date' | 'after_published';
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: 'text';
  stdout_visibility: 'hidden' | 'visible';
  tests: GradescopeTest[];
}

export function toGradescopeResults(report: Report, durationMs: number): GradescopeResults {
  return {
    score: report.score,
    execution_time: Math.round(durationMs) / 1000,
    output: report.loadError ? `Your submission could not be loaded: ${report.loadError}` : `Graded with the ${report.fixtures} fixtures.`,
    output_format: 'text',
    stdout_visibility: 'hidden',
    tests: report.parts.map((part, i) => ({
      name: `${part.id} (${part.function})`,
      number: String(i + 1),
      score: part.score,
      max_score: part.maxScore,
      status: part.status === 'passed' ? 'passed' : 'failed',
      output: [part.message, ...part.tests.filter((t) => !t.passed).map((t) => `- ${t.name}: ${t.message}`)].join('\n'),
      output_format: 'text',
      visibility: 'visible',
    })),
  };
}
