/**
 * The pages' stylesheet, inlined into each page so a page is one file that opens anywhere.
 * System fonts only: a page must not fetch anything. The two verdict colours are shared with the
 * SVG charts, which colour their shapes themselves.
 */
export const RIGHT = '#1a7f37';
export const WRONG = '#cf222e';
export const INK = '#1f2328';
export const MUTED = '#59636e';
export const ACCENT = '#0969da';

export const PAGE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: ${INK}; font: 15px/1.5 system-ui, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
section, header.summary { background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
header.summary { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; }
.sub { color: ${MUTED}; margin: 0; }
.total { font-size: 34px; font-weight: 700; white-space: nowrap; }
.total small { font-size: 15px; font-weight: 400; color: ${MUTED}; display: block; text-align: right; }
.total.full { color: ${RIGHT}; } .total.none { color: ${WRONG}; } .total.some { color: #9a6700; }
table { border-collapse: collapse; }
th, td { padding: 4px 10px; text-align: left; border-bottom: 1px solid #e6eaef; }
th { font-weight: 600; color: ${MUTED}; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-passed { color: ${RIGHT}; } .status-failed, .status-error, .status-timeout { color: ${WRONG}; }
.bar { width: 160px; height: 10px; background: #e6eaef; border-radius: 5px; overflow: hidden; }
.bar span { display: block; height: 100%; background: ${ACCENT}; }
.bar.full span { background: ${RIGHT}; }
.part-failures { border-top: 1px solid #e6eaef; padding-top: 4px; }
.part-failures:first-of-type { border-top: 0; }
.part-message { margin: 0 0 8px; }
ul.failed { list-style: none; padding: 0; margin: 0; }
ul.failed li { margin: 6px 0; }
.test-name { font-weight: 600; }
.message, pre.load-error { font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.load-error { background: #fff1f0; border-left: 4px solid ${WRONG}; padding: 8px 12px; margin: 0; }
.hint { background: #fff8c5; border-left: 4px solid #d4a72c; padding: 6px 10px; margin: 6px 0; border-radius: 0 4px 4px 0; }
.evidence { background: #ddf4ff; border-left: 4px solid ${ACCENT}; padding: 6px 10px; margin: 6px 0; border-radius: 0 4px 4px 0; }
.note { color: ${MUTED}; font-style: italic; }
svg text { font-family: inherit; fill: ${INK}; }
.chart { display: block; max-width: 100%; height: auto; }
table.confusion td, table.confusion th { text-align: center; width: 40px; padding: 4px; border: 1px solid #e6eaef; font-variant-numeric: tabular-nums; }
table.confusion td.zero { color: #c4ccd4; }
table.confusion td.diag { font-weight: 700; }
table.confusion th.axis { color: ${MUTED}; font-weight: 400; width: auto; white-space: nowrap; }
.digits { display: grid; grid-template-columns: repeat(5, 120px); gap: 10px; }
figure.digit { margin: 0; padding: 8px; border: 3px solid; border-radius: 6px; text-align: center; background: #fff; }
figure.digit.right { border-color: ${RIGHT}; } figure.digit.wrong { border-color: ${WRONG}; }
figure.digit svg { display: block; margin: 0 auto 4px; width: 80px; height: 80px; }
figure.digit figcaption { font-size: 12px; line-height: 1.3; }
figure.digit.right figcaption { color: ${RIGHT}; } figure.digit.wrong figcaption { color: ${WRONG}; font-weight: 600; }
a { color: ${ACCENT}; }
ul.warnings { margin: 0; padding-left: 18px; }
table.mistakes code { white-space: nowrap; }
`;
