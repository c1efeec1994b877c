/**
 * The shell every page shares: one self-contained document with its styles inline, and a content
 * security policy that forbids scripts and every request, so a page opened from disk needs no
 * network and markup that slipped into a student's text could not run.
 */
import { language } from '../../i18n/index.ts';
import { escapeHtml } from './escape.ts';
import { PAGE_CSS } from './style.ts';

const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A whole page. Pages in the run's language by default; a page written in one language says so. */
export function htmlPage(title: string, body: string, options: { css?: string; lang?: string } = {}): string {
  return `<!doctype html>
<html lang="${options.lang ?? language()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${options.css ?? PAGE_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A titled section of a page; `id` lets the tests and a reader's bookmarks find it. */
export function section(id: string, heading: string, content: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${content}\n</section>`;
}
