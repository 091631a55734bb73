/** Seeded random draws for the agreement engine (xoroshiro128+ from pure-rand). */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function rng(seed: number): Rng {
  const g: RandomGenerator = xoroshiro128plus(seed | 0);
  return {
    float: () => uniformFloat64(g),
    int: (n: number) => (n <= 1 ? 0 : uniformInt(g, 0, n - 1)),
  };
}
