/**
 * Escaping for the HTML pages. Names, messages and hints come from student submissions and may
 * hold markup such as `<script>`: every string that reaches a page goes through `escapeHtml`,
 * whether it sits between tags or in an attribute.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A short number for labels: at most 3 significant digits, no trailing zeros. */
export function shortNumber(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : String(value);
}

/** A score as the reports hold it (two decimals at most), without trailing zeros. */
export function points(value: number): string {
  return Number(value.toFixed(2)).toString();
}

export function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
