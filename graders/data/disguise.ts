/**
 * The accuracy case trains on a disguised copy of the digits: the 64 pixels in a secret order and
 * the ten labels under secret names, the test digits disguised the same way, predictions turned
 * back before scoring. A linear classifier trained on the data it is given cannot tell; weights
 * computed elsewhere on the plain digits score chance. The secret comes from the fixture set (the
 * hidden one is the course's secret) and the grading seed.
 */
import { createHash } from 'node:crypto';
import { seededRandom } from '../random.ts';
import { fixtureSetText, type FixtureSet } from '../fixtures/schema.ts';
import { CLASSES, PIXELS, type Digits, type DigitsSplit } from './digits.ts';

export interface Disguise {
  /** pixels[k]: the original pixel shown at position k. */
  pixels: number[];
  /** labels[c]: the name class c goes by. */
  labels: number[];
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The disguise for a fixture set's contents and a seed: the same inputs always give the same one. */
export function disguiseFor(secret: string, seed: number): Disguise {
  const hash = createHash('sha256').update(secret).update('\0').update(String(seed)).digest();
  const random = seededRandom(hash.readInt32LE(0));
  return { pixels: shuffled(PIXELS, random), labels: shuffled(CLASSES, random) };
}

function disguiseSplit(split: DigitsSplit, { pixels, labels }: Disguise): DigitsSplit {
  return { x: split.x.map((row) => pixels.map((k) => row[k])), y: split.y.map((c) => labels[c]) };
}

export function disguiseDigits(digits: Digits, disguise: Disguise): Digits {
  return { train: disguiseSplit(digits.train, disguise), test: disguiseSplit(digits.test, disguise) };
}

/** A prediction under the disguise's names turned back into the digit it names. */
export function plainLabels(predicted: number[], { labels }: Disguise): number[] {
  const back = new Array<number>(CLASSES);
  labels.forEach((name, c) => (back[name] = c));
  return predicted.map((p) => back[p]);
}

export interface DisguisedDigits {
  digits: Digits;
  /** Predictions under the disguise's names turned back into digits. */
  plain: (predicted: number[]) => number[];
}

/** One disguised copy of the digits per fixture set and seed, as the train part and calibrate use it. */
const made = new WeakMap<FixtureSet, Map<number, DisguisedDigits>>();

export function disguisedForGrading(fixtures: FixtureSet, digits: Digits, seed: number): DisguisedDigits {
  let bySeed = made.get(fixtures);
  if (!bySeed) made.set(fixtures, (bySeed = new Map()));
  let found = bySeed.get(seed);
  if (!found) {
    const disguise = disguiseFor(fixtureSetText(fixtures), seed);
    found = { digits: disguiseDigits(digits, disguise), plain: (p) => plainLabels(p, disguise) };
    bySeed.set(seed, found);
  }
  return found;
}
