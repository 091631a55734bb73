import { describe, expect, it } from 'vitest';
import {
  analyzeStability,
  individualUnits,
  inverseGmcr,
  withRankings,
  type ConflictConcept,
} from '../../src/conflict/index.js';
import { loadShared } from './helpers.js';

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, k) => permutations([...xs.slice(0, k), ...xs.slice(k + 1)]).map((r) => [x, ...r]));
}

describe('inverse GMCR by enumeration (§10.1, §13.2)', () => {
  it("prisoner's dilemma, full ranges: counts equal the forward engine's over all 576 profiles", () => {
    const m = loadShared('prisoners_dilemma');
    const all = permutations([0, 1, 2, 3]);
    for (const concept of ['nash', 'gmr', 'smr', 'seq'] as ConflictConcept[]) {
      for (const target of [0, 3]) {
        const res = inverseGmcr(m, {
          target,
          concept,
          vary: [
            { dm: 0, from: 0, to: 3 },
            { dm: 1, from: 0, to: 3 },
          ],
          limit: 1000,
        });
        expect(res.total).toBe(576);
        let brute = 0;
        const accepted = new Set(res.profiles.map((p) => JSON.stringify(p)));
        for (const a of all)
          for (const b of all) {
            const m2 = withRankings(m, [a, b]);
            const t = analyzeStability(m2, individualUnits(m2), [concept]);
            const ok = t.equilibria[concept]![target] === 1;
            if (ok) brute++;
            // Every listed profile passes the forward engine; every other profile fails it.
            expect(accepted.has(JSON.stringify([a, b]))).toBe(ok);
          }
        expect(res.count).toBe(brute);
        expect(res.profiles).toHaveLength(Math.min(brute, 1000));
      }
    }
  });

  it('Elmira, SEQ couples the decision makers: counts equal the forward engine’s, for one DM and for equilibria', () => {
    const m = loadShared('elmira_9');
    const vary = [
      { dm: 1, from: 0, to: 3 },
      { dm: 2, from: 2, to: 5 },
    ];
    for (const dms of [[2], undefined]) {
      const res = inverseGmcr(m, { target: 4, concept: 'seq', vary, ...(dms ? { dms } : {}), limit: 0 });
      expect(res.total).toBe(576);
      let brute = 0;
      const base = [0, 1, 2].map((k) =>
        [...Array(9).keys()].sort((a, b) => m.score[k]![b]! - m.score[k]![a]! || a - b),
      );
      for (const a of permutations(base[1]!.slice(0, 4)))
        for (const b of permutations(base[2]!.slice(2, 6))) {
          const r1 = [...a, ...base[1]!.slice(4)];
          const r2 = [...base[2]!.slice(0, 2), ...b, ...base[2]!.slice(6)];
          const m2 = withRankings(m, [base[0]!, r1, r2]);
          const t = analyzeStability(m2, individualUnits(m2), ['seq']);
          const ok = dms ? t.stable[2]!.seq![4] === 1 : t.equilibria.seq![4] === 1;
          if (ok) brute++;
        }
      expect(res.count).toBe(brute);
      expect(brute).toBeGreaterThan(0);
      expect(brute).toBeLessThan(576);
    }
  });

  it('refuses vary ranges outside the ranking', () => {
    const m = loadShared('chicken');
    expect(() => inverseGmcr(m, { target: 0, concept: 'gmr', vary: [{ dm: 0, from: 2, to: 4 }] })).toThrow(
      /outside/,
    );
  });
});
