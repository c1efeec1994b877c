/** The HTML pages: a feedback page per student and a summary page per class. */
export { renderFeedbackPage } from './feedback.ts';
export { renderSummaryPage } from './summary.ts';
export { writeFeedbackPage, writeSummaryPage } from './write.ts';
