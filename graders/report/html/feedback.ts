/**
 * feedback.html: one student's report as a page: the score by part, what failed with its hints
 * and evidence, the training loss curve, and what the trained model does on the test digits (the
 * confusion matrix and the first 25 digits with their predicted labels).
 */
import type { Digits } from '../../data/digits.ts';
import { htmlText } from '../../i18n/html.ts';
import { t } from '../../i18n/index.ts';
import type { Report } from '../schema.ts';
import { renderConfusionMatrix } from './confusion.ts';
import { renderDigitGrid } from './digit-grid.ts';
import { escapeHtml, points } from './escape.ts';
import { renderFailures } from './failures.ts';
import { renderLossCurve } from './loss-curve.ts';
import { htmlPage, section } from './page.ts';
import { renderPartScores } from './part-scores.ts';
import { trainPictures } from './train-details.ts';

function header(report: Report): string {
  const text = htmlText();
  const level = report.score >= report.maxScore ? 'full' : report.score <= 0 ? 'none' : 'some';
  return [
    '<header class="summary">',
    `<div><h1>${escapeHtml(text.feedbackTitle(report.student))}</h1><p class="sub">${escapeHtml(text.gradedWith(report.fixtures, report.seed))}</p></div>`,
    `<div class="total ${level}" id="total-score"><small>${escapeHtml(text.totalScore)}</small>${points(report.score)} / ${points(report.maxScore)}</div>`,
    '</header>',
  ].join('\n');
}

export function renderFeedbackPage(report: Report, digits: Digits): string {
  const text = htmlText();
  const { losses, predictions } = trainPictures(report, digits.test.y.length);
  const noPredictions = `<p class="note no-predictions">${escapeHtml(text.noPredictions)}</p>`;
  const sections = [
    header(report),
    report.intake?.notes.length
      ? section('intake-notes', text.intakeNotesHeading, `<ul class="warnings message">${report.intake.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`)
      : '',
    report.loadError ? section('load-error', text.couldNotLoad, `<pre class="load-error">${escapeHtml(report.loadError)}</pre>`) : '',
    section('parts', text.partsHeading, renderPartScores(report.parts)),
    section('failures', text.failuresHeading, renderFailures(report.parts)),
    section('loss', text.lossHeading, renderLossCurve(losses)),
    ...(predictions
      ? [
          section('confusion', text.confusionHeading, renderConfusionMatrix(predictions, digits.test.y)),
          section('digits', text.digitsHeading, renderDigitGrid(digits.test.x, digits.test.y, predictions)),
        ]
      : [section('no-predictions', text.noPredictionsHeading, noPredictions)]),
    report.typeWarnings?.length
      ? section('type-warnings', text.typeWarningsHeading, `<ul class="warnings message">${report.typeWarnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`)
      : '',
    report.typeCheckGivenUp ? section('type-check-given-up', text.typeWarningsHeading, `<p class="message">${escapeHtml(t().typeCheckGivenUp(report.typeCheckGivenUp))}</p>`) : '',
  ];
  return htmlPage(text.feedbackTitle(report.student), sections.filter(Boolean).join('\n'));
}
