import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedWinner, Division, divisionInput, divisionProblems } from '../../src/agreement/index.js';

describe('Adjusted Winner: worked example (agreement.md §8.2)', () => {
  const issues = ['monitoring', 'prisoners', 'checkpoints', 'fund', 'elections', 'symbols'];
  const r = adjustedWinner({
    parties: ['A', 'B'],
    issues,
    points: {
      A: { monitoring: 35, prisoners: 5, checkpoints: 6, fund: 10, elections: 24, symbols: 20 },
      B: { monitoring: 10, prisoners: 30, checkpoints: 5, fund: 35, elections: 12, symbols: 8 },
    },
  });
  it('reproduces the hand-worked steps', () => {
    expect(r.audit.initialTotals).toEqual({ A: 85, B: 65 });
    expect(r.audit.winner).toBe('A');
    expect(r.audit.ratioOrder.map((x) => x.issue)).toEqual([
      'checkpoints',
      'elections',
      'symbols',
      'monitoring',
    ]);
    expect(r.audit.steps[0]).toMatchObject({
      issue: 'checkpoints',
      action: 'transfer',
      totals: { A: 79, B: 70 },
    });
    expect(r.audit.steps[1]).toMatchObject({ issue: 'elections', action: 'split' });
    expect(r.audit.steps[1]!.keep).toBeCloseTo(0.75, 12);
  });
  it('ends at 73 points each with one split and a 27-point envy check', () => {
    expect(r.split).toBe('elections');
    expect(r.points.A).toBeCloseTo(73, 12);
    expect(r.points.B).toBeCloseTo(73, 12);
    expect(r.allocation.elections!.A).toBeCloseTo(0.75, 12);
    expect(r.allocation.checkpoints).toEqual({ A: 0, B: 1 });
    expect(r.allocation.monitoring).toEqual({ A: 1, B: 0 });
    expect(r.audit.valuation.A!.B).toBeCloseTo(27, 12);
    expect(r.audit.valuation.B!.A).toBeCloseTo(27, 12);
  });
});

/** Random 100-point allocations over k issues (integers, so ties and zeros occur). */
const pointsArb = (k: number) =>
  fc
    .array(fc.nat(20), { minLength: k, maxLength: k })
    .filter((xs) => xs.some((x) => x > 0))
    .map((xs) => {
      const s = xs.reduce((a, b) => a + b, 0);
      const out = xs.map((x) => Math.floor((x * 100) / s));
      out[out.findIndex((x) => x > 0)]! += 100 - out.reduce((a, b) => a + b, 0);
      return out;
    });

describe('Adjusted Winner properties on random instances', () => {
  it('is equitable, envy-free, splits at most one issue and gives each party at least 50', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((k) => fc.tuple(pointsArb(k), pointsArb(k))),
        ([a, b]) => {
          const issues = a.map((_, i) => `i${i}`);
          const pts = (xs: number[]) => Object.fromEntries(xs.map((x, i) => [`i${i}`, x]));
          const r = adjustedWinner({ parties: ['A', 'B'], issues, points: { A: pts(a), B: pts(b) } });
          // Totals recomputed independently from the allocation.
          const own = (p: 'A' | 'B', xs: number[]) =>
            issues.reduce((s, k, i) => s + xs[i]! * r.allocation[k]![p]!, 0);
          const other = (p: 'A' | 'B', q: 'A' | 'B', xs: number[]) =>
            issues.reduce((s, k, i) => s + xs[i]! * r.allocation[k]![q]!, 0);
          const ta = own('A', a);
          const tb = own('B', b);
          expect(Math.abs(ta - tb)).toBeLessThan(1e-9);
          expect(ta).toBeGreaterThanOrEqual(50 - 1e-9);
          expect(ta).toBeGreaterThanOrEqual(other('A', 'B', a) - 1e-9);
          expect(tb).toBeGreaterThanOrEqual(other('B', 'A', b) - 1e-9);
          const fractional = issues.filter(
            (k) => r.allocation[k]!.A! > 1e-12 && r.allocation[k]!.A! < 1 - 1e-12,
          );
          expect(fractional.length).toBeLessThanOrEqual(1);
          for (const k of issues) expect(r.allocation[k]!.A! + r.allocation[k]!.B!).toBeCloseTo(1, 12);
          if (fractional.length === 1) expect(r.split).toBe(fractional[0]);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('is Pareto-optimal: no allocation on a fine grid gives both parties more (2 issues)', () => {
    fc.assert(
      fc.property(pointsArb(2), pointsArb(2), (a, b) => {
        const r = adjustedWinner({
          parties: ['A', 'B'],
          issues: ['x', 'y'],
          points: { A: { x: a[0]!, y: a[1]! }, B: { x: b[0]!, y: b[1]! } },
        });
        let improved = false;
        for (let p = 0; p <= 20; p++)
          for (let q = 0; q <= 20; q++) {
            const fa = [p / 20, q / 20];
            const va = a[0]! * fa[0]! + a[1]! * fa[1]!;
            const vb = b[0]! * (1 - fa[0]!) + b[1]! * (1 - fa[1]!);
            if (va > r.points.A! + 1e-9 && vb > r.points.B! + 1e-9) improved = true;
          }
        expect(improved).toBe(false);
      }),
      { numRuns: 100, seed: 12 },
    );
  });
});

describe('Division schema', () => {
  it('accepts 100-point allocations and rejects other sums', () => {
    expect(
      Division.safeParse({ parties: ['a', 'b'], points: { a: { x: 60, y: 40 }, b: { x: 10, y: 90 } } })
        .success,
    ).toBe(true);
    const bad = Division.safeParse({
      parties: ['a', 'b'],
      points: { a: { x: 60, y: 30 }, b: { x: 10, y: 90 } },
    });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/sum to 90/);
    expect(Division.safeParse({ parties: ['a', 'b'], points: { a: { x: 100 } } }).success).toBe(false);
  });
});

describe('division section', () => {
  const division = {
    parties: ['a', 'b'] as [string, string],
    points: { a: { y: 60, x: 40 }, b: { x: 10, z: 90 } },
  };
  it('orders issues by the scenario, then by the points', () => {
    expect(divisionInput(division, ['x', 'w', 'z']).issues).toEqual(['x', 'z', 'y']);
    expect(divisionInput({ ...division, issues: ['z', 'y', 'x'] }).issues).toEqual(['z', 'y', 'x']);
  });
  it('reports parties that are not actors and points on unlisted issues', () => {
    expect(divisionProblems(division, ['a', 'b'])).toEqual([]);
    expect(divisionProblems(division, ['a'])).toEqual([
      'division.parties: "b" is not an actor of the scenario',
    ]);
    expect(divisionProblems({ ...division, issues: ['x', 'y'] }, ['a', 'b'])).toEqual([
      'division.points.b.z: issue not listed in division.issues',
    ]);
  });
});
