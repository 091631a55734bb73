/** Common ground against a brute-force oracle, and invariants of the per-issue statistics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonWindow, distanceTo, gap, median, type StanceSet } from '../../src/framework/stance.js';

const setArb: fc.Arbitrary<StanceSet> = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((v) => ({ kind: 'point' as const, lo: v, hi: v, mid: v })),
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })).map(([a, b]) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return { kind: 'range' as const, lo, hi, mid: (lo + hi) / 2 };
  }),
  fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 3 }).map((vs) => {
    const values = [...vs].sort((a, b) => a - b);
    return { kind: 'alternatives' as const, lo: values[0]!, hi: values[values.length - 1]!, mid: median(values), values };
  }),
);

/** Oracle: try every combination of alternatives; with points and ranges only, a window of width tol holding one value
 * of each set exists iff (largest lower end) − (smallest upper end) ≤ tol. */
function oracle(sets: StanceSet[], tol: number): boolean {
  const choices = sets.map((s) => (s.kind === 'alternatives' ? s.values!.map((v) => [v, v] as const) : [[s.lo, s.hi] as const]));
  const rec = (i: number, maxLo: number, minHi: number): boolean => {
    if (i === choices.length) return maxLo - minHi <= tol + 1e-9;
    return choices[i]!.some(([lo, hi]) => rec(i + 1, Math.max(maxLo, lo), Math.min(minHi, hi)));
  };
  return rec(0, -Infinity, Infinity);
}

describe('stance sets', () => {
  it('commonWindow agrees with the brute-force oracle', () => {
    fc.assert(
      fc.property(fc.array(setArb, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 10 }), (sets, tol) => {
        const t = commonWindow(sets, tol);
        expect(t !== undefined).toBe(oracle(sets, tol));
        if (t !== undefined) for (const s of sets) expect(distanceTo(t + tol / 2, s)).toBeLessThanOrEqual(tol / 2 + 1e-9);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('gap is symmetric, zero iff the sets share a value, and bounded by the distance of their mids', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        expect(gap(a, b)).toBeCloseTo(gap(b, a), 12);
        expect(gap(a, b) === 0).toBe(oracle([a, b], 0));
        expect(gap(a, b)).toBeLessThanOrEqual(Math.abs(a.hi - b.lo) + Math.abs(b.hi - a.lo));
      }),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('median of an odd and an even list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
