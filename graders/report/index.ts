/** The report formats by name, for the code that writes them. */
export { writeSubmissionFiles } from './files.ts';
export { writeFeedbackPage, writeSummaryPage } from './html/write.ts';
export { summarise, writeGradebook, type Summary } from './gradebook.ts';
export { toGradescopeResults } from './gradescope.ts';
export { BatchProgress, formatSubmission, formatTable, formatTypeWarnings, terminalChalk } from './terminal.ts';
export { ReportSchema, type Report } from './schema.ts';
export { writeIntakeJson } from './intake-json.ts';
export { writeLmsExports, type LmsExport } from './lms.ts';
export { outcomeOf } from './outcome.ts';
