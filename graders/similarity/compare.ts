/**
 * Compares every pair of a class's submissions: fingerprints each one, leaves out what the starter
 * already holds, finds the pairs that share fingerprints through an index from fingerprint to
 * submissions (work in proportion to what is shared, not to the number of pairs), and scores them.
 */
import { type Fingerprint, fingerprintStream, type FingerprintSettings, kgramHashes } from './fingerprint.ts';
import { matchRegions } from './matches.ts';
import type { Pair, SimilarityReport } from './schema.ts';
import type { SourceFile, SourceFolder } from './submissions.ts';
import { normalisedTokens } from './tokens.ts';

export const SCORE_DEFINITION =
  'shared / min(aFingerprints, bFingerprints): the distinct fingerprints found in both, over those of the submission with fewer, ' +
  "fingerprints of the starter left out of all three; 1 when one submission's own code is entirely found in the other";

export interface FingerprintedSubmission {
  name: string;
  files: SourceFile[];
  /** Winnowed fingerprints not in the starter, in file order, then position order. */
  fingerprints: Fingerprint[];
  byHash: Map<number, Fingerprint[]>;
}

/**
 * Every k-gram hash of the starter, not only its winnowed ones: winnowing a student's file picks
 * among the k-grams of the student's windows, which at the edges of the starter's code differ
 * from the starter's own picks, and any k-gram of the starter is code every student received.
 */
export function starterHashes(starter: SourceFolder, k: number): Set<number> {
  const hashes = new Set<number>();
  for (const file of starter.files) for (const hash of kgramHashes(normalisedTokens(file.text).kinds, k)) hashes.add(hash);
  return hashes;
}

export function fingerprintSubmission(folder: SourceFolder, settings: FingerprintSettings, starter: Set<number>): FingerprintedSubmission {
  const fingerprints = folder.files.flatMap((file, index) => fingerprintStream(normalisedTokens(file.text), index, settings)).filter((f) => !starter.has(f.hash));
  const byHash = new Map<number, Fingerprint[]>();
  for (const f of fingerprints) {
    const same = byHash.get(f.hash);
    if (same) same.push(f);
    else byHash.set(f.hash, [f]);
  }
  return { name: folder.name, files: folder.files, fingerprints, byHash };
}

/**
 * For each pair of submissions sharing any fingerprint, how many distinct ones: [a, b, count] with
 * a < b. An index from fingerprint to the submissions holding it drives the counting, so the work
 * follows the fingerprints actually shared rather than the n^2 / 2 pairs.
 */
export function sharedCounts(submissions: FingerprintedSubmission[]): Array<[number, number, number]> {
  const holders = new Map<number, number[]>();
  submissions.forEach((s, index) => {
    for (const hash of s.byHash.keys()) {
      const list = holders.get(hash);
      if (list) list.push(index);
      else holders.set(hash, [index]);
    }
  });
  const found: Array<[number, number, number]> = [];
  // One row of counts at a time, against the submissions after `a`: memory in n, not n^2.
  const row = new Uint32Array(submissions.length);
  const touched: number[] = [];
  submissions.forEach((s, a) => {
    for (const hash of s.byHash.keys()) {
      const list = holders.get(hash)!;
      if (list.length < 2) continue;
      // The lists are in submission order: the holders after `a` are the tail.
      for (let i = list.length - 1; i >= 0 && list[i] > a; i--) {
        if (row[list[i]]++ === 0) touched.push(list[i]);
      }
    }
    for (const b of touched.sort((x, y) => x - y)) {
      found.push([a, b, row[b]]);
      row[b] = 0;
    }
    touched.length = 0;
  });
  return found;
}

export function scoreOf(shared: number, aFingerprints: number, bFingerprints: number): number {
  const smaller = Math.min(aFingerprints, bFingerprints);
  // Four decimals: finer differences mean nothing, and the file stays readable.
  return smaller === 0 ? 0 : Math.round(Math.min(1, shared / smaller) * 1e4) / 1e4;
}

/** The whole comparison: the content of similarity.json. */
export function compareSubmissions(folders: SourceFolder[], starter: SourceFolder, settings: FingerprintSettings): { report: SimilarityReport; fingerprinted: FingerprintedSubmission[] } {
  const subtract = starterHashes(starter, settings.k);
  const fingerprinted = folders.map((folder) => fingerprintSubmission(folder, settings, subtract));
  const pairs: Pair[] = [];
  for (const [aIndex, bIndex, shared] of sharedCounts(fingerprinted)) {
    const a = fingerprinted[aIndex];
    const b = fingerprinted[bIndex];
    const aFingerprints = a.byHash.size;
    const bFingerprints = b.byHash.size;
    pairs.push({ a: a.name, b: b.name, score: scoreOf(shared, aFingerprints, bFingerprints), shared, aFingerprints, bFingerprints, matches: matchRegions(a, b) });
  }
  pairs.sort((p, q) => q.score - p.score || q.shared - p.shared || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
  return {
    report: { k: settings.k, window: settings.window, score: SCORE_DEFINITION, submissions: fingerprinted.map((s) => s.name), pairs },
    fingerprinted,
  };
}
