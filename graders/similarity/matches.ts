/**
 * Turns the fingerprints two submissions share into the stretches of code a reader compares:
 * consecutive shared fingerprints whose lines touch or overlap, on both sides, become one match.
 */
import type { Fingerprint } from './fingerprint.ts';
import type { Match } from './schema.ts';

/** What matching needs of a fingerprinted submission. */
export interface MatchableSubmission {
  files: Array<{ path: string }>;
  /** In file order, then position order within a file. */
  fingerprints: Fingerprint[];
  byHash: Map<number, Fingerprint[]>;
}

interface Region {
  aFile: number;
  bFile: number;
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/**
 * The matches between a and b, in a's order. When b holds a fingerprint in several places (code
 * repeated within b), the place that continues the current match is preferred, so a copied
 * function stays one match instead of scattering over b's repetitions.
 */
export function matchRegions(a: MatchableSubmission, b: MatchableSubmission): Match[] {
  const regions: Region[] = [];
  let current: Region | undefined;
  for (const fa of a.fingerprints) {
    const inB = b.byHash.get(fa.hash);
    if (!inB) continue;
    const continues = current && fa.file === current.aFile && fa.startLine <= current.aTo + 1 ? current : undefined;
    const fb = (continues && inB.find((f) => f.file === continues.bFile && f.startLine >= continues.bFrom && f.startLine <= continues.bTo + 1)) || undefined;
    if (continues && fb) {
      continues.aTo = Math.max(continues.aTo, fa.endLine);
      continues.bTo = Math.max(continues.bTo, fb.endLine);
      continue;
    }
    const first = inB[0];
    current = { aFile: fa.file, bFile: first.file, aFrom: fa.startLine, aTo: fa.endLine, bFrom: first.startLine, bTo: first.endLine };
    regions.push(current);
  }
  return regions.map((r) => ({
    aFile: a.files[r.aFile].path,
    aLines: [r.aFrom, r.aTo],
    bFile: b.files[r.bFile].path,
    bLines: [r.bFrom, r.bTo],
  }));
}
