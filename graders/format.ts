/** Numbers as every report shows them: the terminal, the pages and the messages of the parts. */

/** A short number for labels: at most 3 significant digits, no trailing zeros. */
export function shortNumber(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : String(value);
}

/** A share as a percentage with one decimal: 0.9057 -> "90.6%". */
export function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
