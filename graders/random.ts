/**
 * Seeded randomness for everything the project makes reproducibly: golden fixtures, fresh test
 * inputs, and the Math.random a student's train() sees. Backed by pure-rand's xoroshiro128+.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A function with Math.random's contract (uniform in [0, 1)) whose sequence is fixed by the seed. */
export function seededRandom(seed: number): () => number {
  const rng = xoroshiro128plus(seed | 0);
  // xoroshiro's first outputs from a small seed are poorly mixed (seed 1 starts at 0.99999998):
  // a jump moves 2^64 steps away, past any such correlation.
  rng.jump?.();
  return () => uniformFloat64(rng);
}

/** A standard normal sample: the sine-cosine transform of two uniform samples. */
export function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
