/**
 * Escaping for the HTML pages. Names, messages and hints come from student submissions and may
 * hold markup such as `<script>`: every string that reaches a page goes through `escapeHtml`,
 * whether it sits between tags or in an attribute.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A score as the reports hold it (two decimals at most), without trailing zeros. */
export function points(value: number): string {
  return Number(value.toFixed(2)).toString();
}

