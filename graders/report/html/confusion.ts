/**
 * The confusion matrix of the student's model on the test digits: rows are the true labels,
 * columns the predicted ones, each cell a count shaded by its size (green on the diagonal, where
 * the model was right, red elsewhere), so the digits the model mixes up stand out.
 */
import { htmlText } from '../../i18n/html.ts';
import { CLASSES } from '../../data/digits.ts';
import { escapeHtml } from './escape.ts';

export function confusionCounts(predictions: number[], truth: number[]): number[][] {
  const counts = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  predictions.forEach((p, i) => counts[truth[i]][p]++);
  return counts;
}

function cell(count: number, truth: number, predicted: number, largest: number): string {
  const diagonal = truth === predicted;
  const alpha = count === 0 ? 0 : 0.12 + 0.78 * (count / largest);
  const shade = diagonal ? `rgba(26, 127, 55, ${alpha.toFixed(2)})` : `rgba(207, 34, 46, ${alpha.toFixed(2)})`;
  const ink = alpha > 0.55 ? '#fff' : 'inherit';
  const classes = [diagonal ? 'diag' : '', count === 0 ? 'zero' : ''].filter(Boolean).join(' ');
  return `<td class="${classes}" data-true="${truth}" data-predicted="${predicted}" style="background: ${shade}; color: ${ink}">${count}</td>`;
}

export function renderConfusionMatrix(predictions: number[], truth: number[]): string {
  const text = htmlText();
  const counts = confusionCounts(predictions, truth);
  const largest = Math.max(1, ...counts.flat());
  const correct = counts.reduce((sum, row, i) => sum + row[i], 0);
  const labels = Array.from({ length: CLASSES }, (_, c) => `<th scope="col">${c}</th>`).join('');
  const rows = counts.map((row, t) => `<tr><th scope="row">${t}</th>${row.map((n, p) => cell(n, t, p, largest)).join('')}</tr>`);
  return [
    `<p class="sub">${escapeHtml(text.confusionNote(correct, predictions.length))}</p>`,
    '<table class="confusion">',
    `<thead><tr><th class="axis" rowspan="2">${escapeHtml(text.confusionTrue)} ↓</th><th class="axis" colspan="${CLASSES}">${escapeHtml(text.confusionPredicted)} →</th></tr><tr>${labels}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}
