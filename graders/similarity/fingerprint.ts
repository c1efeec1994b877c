/**
 * Fingerprints of a token stream: a hash of every run of k tokens (a k-gram), thinned by
 * winnowing to the smallest hash of each window of `window` consecutive k-grams. Winnowing keeps
 * a few fingerprints per stretch of code yet guarantees that any shared run of at least
 * k + window - 1 tokens yields a shared fingerprint, and the same code always picks the same ones.
 */
import type { TokenStream } from './tokens.ts';

export interface FingerprintSettings {
  /** Tokens per k-gram: runs shorter than this are noise every solution shares. */
  k: number;
  /** k-grams per winnowing window. */
  window: number;
}

/**
 * The defaults, measured on test/submissions/correct: any shared run of 22 tokens (two or three
 * lines) is found, and two independent solutions (loops, map-reduce) score 0.03. k trades one
 * against the other: a copy of loops with a statement slipped in every third line scores 0.71,
 * 0.61, 0.50 with k 10, 15, 20, while k 10 also lifts the independent pairs of the corpus by up
 * to 0.14 through idioms they share.
 */
export const DEFAULT_FINGERPRINT_SETTINGS: FingerprintSettings = { k: 15, window: 8 };

/** One kept fingerprint: its hash and the lines of its file that its k tokens span. */
export interface Fingerprint {
  hash: number;
  /** Index of the file in its submission's file list. */
  file: number;
  /** Index of the k-gram's first token in the file's token stream. */
  position: number;
  startLine: number;
  endLine: number;
}

const BASE = 0x01000193;

/** A 32-bit finaliser (xor-shifts and multiplies): spreads the bits so that winnowing's "smallest hash" is a fair draw. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash of every k-gram, rolled along the stream in one pass (arithmetic modulo 2^32). */
export function kgramHashes(kinds: readonly number[], k: number): Uint32Array {
  const count = Math.max(0, kinds.length - k + 1);
  const hashes = new Uint32Array(count);
  if (count === 0) return hashes;
  let highest = 1; // BASE^(k-1)
  for (let i = 1; i < k; i++) highest = Math.imul(highest, BASE);
  let rolling = 0;
  for (let i = 0; i < k; i++) rolling = (Math.imul(rolling, BASE) + kinds[i] + 1) | 0;
  hashes[0] = mix(rolling);
  for (let i = 1; i < count; i++) {
    rolling = (rolling - Math.imul(kinds[i - 1] + 1, highest)) | 0;
    rolling = (Math.imul(rolling, BASE) + kinds[i + k - 1] + 1) | 0;
    hashes[i] = mix(rolling);
  }
  return hashes;
}

/**
 * The positions winnowing keeps: in each window the smallest hash, the rightmost one on a tie,
 * each position once. A stream shorter than a window still keeps its smallest hash.
 */
export function winnow(hashes: Uint32Array, window: number): number[] {
  const kept: number[] = [];
  if (hashes.length === 0) return kept;
  const last = Math.max(0, hashes.length - window);
  let chosen = -1;
  for (let start = 0; start <= last; start++) {
    const end = Math.min(hashes.length, start + window);
    if (chosen < start) {
      // The previous minimum left the window: search the whole window again.
      chosen = start;
      for (let i = start + 1; i < end; i++) if (hashes[i] <= hashes[chosen]) chosen = i;
      kept.push(chosen);
    } else if (hashes[end - 1] <= hashes[chosen]) {
      // Only the newcomer at the right edge can displace a minimum that is still inside.
      chosen = end - 1;
      kept.push(chosen);
    }
  }
  return kept;
}

/** The winnowed fingerprints of one file's token stream. */
export function fingerprintStream(stream: TokenStream, file: number, settings: FingerprintSettings): Fingerprint[] {
  const hashes = kgramHashes(stream.kinds, settings.k);
  return winnow(hashes, settings.window).map((position) => ({
    hash: hashes[position],
    file,
    position,
    startLine: stream.startLines[position],
    endLine: stream.endLines[position + settings.k - 1],
  }));
}
