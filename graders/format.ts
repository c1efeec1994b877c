/** Numbers as every report shows them: the terminal, the pages and the messages of the parts. */

/** A short number for labels: at most 3 significant digits, no trailing zeros. */
export function shortNumber(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : String(value);
}

/** A share as a percentage with one decimal: 0.9057 -> "90.6%". */
export function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

/**
 * Text a submission controls (a thrown message, its output), made safe for a terminal: control
 * characters (escape sequences included) and the bidirectional overrides that reorder a line are
 * shown as \x1b-style codes instead of acting on the screen. Newlines and tabs stay.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** printable, on one line: a newline is written out too, so the text cannot start a row of its own. */
export function printableLine(text: string): string {
  return printable(text).replace(/\n/g, '\\n');
}
