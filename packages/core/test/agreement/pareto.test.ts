import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argsortDesc,
  bargainingSolutions,
  paretoFront,
  paretoFront2,
  realisers,
  skyline,
} from '../../src/agreement/index.js';

const EPS = 1e-12;

/** O(n²) oracle straight from the definitions (agreement.md §3.1): strict frontier, duplicates collapsed to the first index. */
function bruteFront(us: Float64Array[], idx: number[]): number[] {
  const dom = (a: number, b: number): boolean => {
    let strict = false;
    for (const u of us) {
      if (u[a]! < u[b]! - EPS) return false;
      if (u[a]! > u[b]! + EPS) strict = true;
    }
    return strict;
  };
  const same = (a: number, b: number): boolean => us.every((u) => Math.abs(u[a]! - u[b]!) <= EPS);
  return idx.filter((b) => !idx.some((a) => dom(a, b)) && !idx.some((a) => a < b && same(a, b)));
}

/** Random utility spaces: coarse grids (many ties and duplicates) or continuous values. */
const spaceArb = (d: number) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 300 }),
      grid: fc.constantFrom(0, 3, 10),
      seed: fc.integer(),
      anti: fc.boolean(),
    })
    .map(({ n, grid, seed, anti }) => {
      let s = seed >>> 0 || 1;
      const rnd = (): number => {
        s ^= s << 13;
        s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5;
        s >>>= 0;
        return s / 4294967296;
      };
      const us = Array.from({ length: d }, () => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        let rest = 1;
        for (let k = 0; k < d; k++) {
          let x = anti ? (k === d - 1 ? rest : rest * rnd()) + 0.01 * rnd() : rnd();
          if (anti && k < d - 1) rest -= x - 0;
          if (grid > 0) x = Math.round(x * grid) / grid;
          us[k]![i] = x;
        }
      }
      return us;
    });

describe('Pareto frontier equals the O(n²) oracle', () => {
  for (const d of [2, 3, 4]) {
    it(`${d} parties, random spaces (with ties, duplicates, anti-correlation)`, () => {
      fc.assert(
        fc.property(spaceArb(d), fc.boolean(), (us, useSubset) => {
          const n = us[0]!.length;
          const idx = Array.from({ length: n }, (_, i) => i).filter((i) => !useSubset || i % 3 !== 1);
          const expected = bruteFront(us, idx).sort((a, b) => a - b);
          const got = Array.from(paretoFront(us, useSubset ? idx : undefined)).sort((a, b) => a - b);
          expect(got).toEqual(expected);
          const sky = Array.from(skyline(us, useSubset ? idx : undefined)).sort((a, b) => a - b);
          expect(sky).toEqual(expected);
        }),
        { numRuns: 60, seed: 42 + d },
      );
    });
  }

  it('two-party output is ordered by decreasing u1 and increasing u2', () => {
    fc.assert(
      fc.property(spaceArb(2), (us) => {
        const f = paretoFront2(us[0]!, us[1]!);
        for (let k = 1; k < f.length; k++) {
          expect(us[0]![f[k]!]!).toBeLessThan(us[0]![f[k - 1]!]!);
          expect(us[1]![f[k]!]!).toBeGreaterThan(us[1]![f[k - 1]!]!);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('realisers list every outcome sharing a frontier vector', () => {
    const u1 = Float64Array.from([1, 0.5, 1, 0, 0.5]);
    const u2 = Float64Array.from([0, 0.5, 0, 1, 0.5]);
    const f = paretoFront([u1, u2]);
    expect(Array.from(f)).toEqual([0, 1, 3]);
    expect(realisers([u1, u2], f)).toEqual([[0, 2], [1, 4], [3]]);
  });

  it('frontier of a large anti-correlated two-party set matches the oracle', () => {
    const n = 3000;
    const u1 = new Float64Array(n);
    const u2 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      u1[i] = ((i * 7919) % n) / n;
      u2[i] = 1 - u1[i]! + (((i * 104729) % 97) / 97) * 0.01;
    }
    const all = Array.from({ length: n }, (_, i) => i);
    expect(Array.from(paretoFront2(u1, u2)).sort((a, b) => a - b)).toEqual(bruteFront([u1, u2], all));
  });
});

describe('bargaining points are the optima of their criteria over the whole rational set', () => {
  for (const d of [2, 3]) {
    it(`${d} parties`, () => {
      fc.assert(
        fc.property(
          spaceArb(d),
          fc.array(fc.double({ min: 0, max: 0.6, noNaN: true }), { minLength: d, maxLength: d }),
          (us, dis) => {
            const n = us[0]!.length;
            const all = Array.from({ length: n }, (_, i) => i);
            const rational = all.filter((i) => us.every((u, p) => u[i]! >= dis[p]! - EPS));
            const front = paretoFront(us, rational);
            const s = bargainingSolutions(us, front, { disagreement: dis });
            if (rational.length === 0) {
              expect(s.nash).toBeNull();
              return;
            }
            const g = (i: number, p: number): number => us[p]![i]! - dis[p]!;
            const best = (f: (i: number) => number): number => Math.max(...rational.map(f));
            const prod = (i: number): number => us.reduce((a, _, p) => a * Math.max(0, g(i, p)), 1);
            const minGain = (i: number): number => Math.min(...us.map((_, p) => g(i, p)));
            const sum = (i: number): number => us.reduce((a, u) => a + u[i]!, 0);
            expect(prod(s.nash!.outcome)).toBeGreaterThanOrEqual(best(prod) - 1e-12);
            expect(minGain(s.egalitarian!.outcome)).toBeGreaterThanOrEqual(best(minGain) - 1e-12);
            expect(sum(s.utilitarian!.outcome)).toBeGreaterThanOrEqual(best(sum) - 1e-12);
            // KS is defined on the frontier: compare with the oracle frontier.
            const oracleFront = bruteFront(us, rational);
            const U = us.map((u) => Math.max(...rational.map((i) => u[i]!)));
            const a = (i: number, p: number): number =>
              U[p]! - dis[p]! > EPS ? g(i, p) / (U[p]! - dis[p]!) : 1;
            const spread = (i: number): number => {
              const xs = us.map((_, p) => a(i, p));
              return Math.max(...xs) - Math.min(...xs);
            };
            expect(spread(s.kalaiSmorodinsky!.outcome)).toBeLessThanOrEqual(
              Math.min(...oracleFront.map(spread)) + 1e-12,
            );
            // Deterministic pick: the smallest index among the ties.
            expect(s.nash!.outcome).toBe(Math.min(...s.nash!.ties));
          },
        ),
        { numRuns: 60, seed: 99 + d },
      );
    });
  }
});

describe('radix argsort', () => {
  it('orders by decreasing key, ties by position, including negatives and zeros', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, -0, 1, 0.5)), {
          maxLength: 500,
        }),
        (xs) => {
          const keys = Float64Array.from(xs);
          const got = Array.from(argsortDesc(keys));
          const want = xs.map((_, i) => i).sort((a, b) => keys[b]! - keys[a]! || a - b);
          expect(got.map((i) => keys[i])).toEqual(want.map((i) => keys[i]));
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });
});
