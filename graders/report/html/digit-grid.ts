/**
 * The homework's own picture: the first 25 test digits drawn from their 8x8 pixels, each under
 * the label the student's model predicted and the true one, framed green when right and red when
 * wrong.
 */
import { htmlText } from '../../i18n/html.ts';
import { escapeHtml } from './escape.ts';

const SHOWN = 25;
const SIDE = 8;
/** The data set's pixels run from 0 (paper) to 16 (ink). */
const INK_LEVELS = 16;

/** A digit as SVG squares: white paper, darker grey for more ink. */
export function digitSvg(pixels: number[], title: string): string {
  const squares = pixels.flatMap((value, i) => {
    const ink = Math.min(INK_LEVELS, Math.max(0, value)) / INK_LEVELS;
    if (ink === 0) return [];
    const grey = Math.round(255 * (1 - ink));
    return [`<rect x="${i % SIDE}" y="${Math.floor(i / SIDE)}" width="1" height="1" fill="rgb(${grey},${grey},${grey})"/>`];
  });
  return `<svg viewBox="0 0 ${SIDE} ${SIDE}" role="img" aria-label="${escapeHtml(title)}" shape-rendering="crispEdges"><title>${escapeHtml(title)}</title><rect width="${SIDE}" height="${SIDE}" fill="#fff"/>${squares.join('')}</svg>`;
}

export function renderDigitGrid(x: number[][], truth: number[], predictions: number[]): string {
  const text = htmlText();
  const figures = x.slice(0, SHOWN).map((pixels, i) => {
    const caption = text.digitCaption(predictions[i], truth[i]);
    const verdict = predictions[i] === truth[i] ? 'right' : 'wrong';
    return `<figure class="digit ${verdict}" data-predicted="${predictions[i]}" data-true="${truth[i]}">${digitSvg(pixels, caption)}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  });
  return `<p class="sub">${escapeHtml(text.digitsNote)}</p>\n<div class="digits">\n${figures.join('\n')}\n</div>`;
}
