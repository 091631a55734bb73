import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptable,
  analyseAgreement,
  blockingRedLines,
  outcomeSpace,
  type OutcomeSpace,
  type PartyPreference,
  dealQuality,
  decodeOutcome,
  meetsRedLines,
  scenarioProblem,
  utilityOf,
  valueAt,
} from '../../src/agreement/index.js';
import type { Position } from '../../src/scenario/schema.js';
import { ceasefire } from '../fixtures/agreement/ceasefire.js';

describe('value functions (README construction)', () => {
  const p: Position = { actor: 'a', issue: 'i', value: 3, salience: 50, accept: [2, 6] };
  it('linear: 1 at the position, 0 at the farthest end of the scale', () => {
    expect(valueAt('linear', 3, p, 0, 12)).toBe(1);
    expect(valueAt('linear', 12, p, 0, 12)).toBe(0);
    expect(valueAt('linear', 0, p, 0, 12)).toBeCloseTo(1 - 3 / 9, 12);
  });
  it('peaked: 0 at and beyond the accept bounds', () => {
    expect(valueAt('peaked', 6, p, 0, 12)).toBe(0);
    expect(valueAt('peaked', 4.5, p, 0, 12)).toBeCloseTo(0.5, 12);
    expect(valueAt('peaked', 2.5, p, 0, 12)).toBeCloseTo(0.5, 12);
    expect(valueAt('peaked', 1, p, 0, 12)).toBe(0);
  });
  it('step: 1 inside the accept range, 0 outside', () => {
    expect(valueAt('step', 6, p, 0, 12)).toBe(1);
    expect(valueAt('step', 7, p, 0, 12)).toBe(0);
  });
});

/** Every package of the space with its levels. */
function allPackages(space: OutcomeSpace): Int32Array[] {
  return Array.from({ length: space.size }, (_, i) =>
    decodeOutcome(space, i, new Int32Array(space.radix.length)),
  );
}

describe('scenario preferences', () => {
  const pr = scenarioProblem(ceasefire([1, 3]), { resolution: 5 });
  it('seats the parties, skips the mediator, normalises saliences to weights', () => {
    expect(pr.parties.map((p) => p.id)).toEqual(['gov', 'reb']);
    expect(Array.from(pr.parties[0]!.weights)).toEqual([0.3, 0.5, 0.2]);
    // 5-level grid plus the parties' positions and accept bounds
    expect(pr.space.issues[0]!.values).toEqual([0, 3, 6, 9, 12]);
    expect(pr.space.issues[2]!.values).toEqual([0, 3, 6, 12, 18, 24]);
  });
  it('reservation value = utility of the worst package meeting the red lines (oracle)', () => {
    for (const p of pr.parties) {
      const us = allPackages(pr.space)
        .filter((lv) => meetsRedLines(p, lv))
        .map((lv) => utilityOf(p, lv));
      expect(p.reservation).toBeCloseTo(Math.min(...us), 12);
    }
  });
});

describe('agreement analysis on the invented scenario', () => {
  it('finds the zone of agreement when red lines overlap, and its count matches brute force', () => {
    const pr = scenarioProblem(ceasefire([1, 3]), { resolution: 5 });
    const a = analyseAgreement(pr);
    const oracle = allPackages(pr.space).filter((lv) => pr.parties.every((p) => acceptable(p, lv)));
    expect(a.zopa).toBe(oracle.length);
    expect(a.zopa).toBeGreaterThan(0);
    expect(a.blockingRedLines).toEqual({});
    // every frontier point is acceptable to both, and the package deal maximises the minimum gain over the baseline
    for (const pt of a.pareto) expect(pt.package.autonomy).toBe(1);
    const bu = a.baseline!.utilities;
    const best = Math.max(
      ...oracle.map((lv) => Math.min(...pr.parties.map((p, i) => utilityOf(p, lv) - bu[i]!))),
    );
    expect(a.packageDeal!.minGain).toBeCloseTo(best, 12);
    for (const t of a.logrolls) {
      const i = a.parties.indexOf(t.party);
      const j = a.parties.indexOf(t.partner);
      expect(t.gains[i]).toBeGreaterThan(0);
      expect(t.gains[j]).toBeGreaterThan(0);
    }
    expect(a.egalitarian).not.toBeNull();
  });

  it('reports the red lines that block an empty zone (brute-force oracle over subsets)', () => {
    const pr = scenarioProblem(ceasefire([2, 3], [0, 6]), { resolution: 5 });
    const a = analyseAgreement(pr);
    expect(a.zopa).toBe(0);
    expect(a.nash).toBeNull();
    const pkgs = allPackages(pr.space);
    pr.parties.forEach((p, i) => {
      const lines = p.redLines.map((m, k) => (m ? k : -1)).filter((k) => k >= 0);
      let smallest: string[] | null = null;
      // Enumerate subsets by size; the first size with an opening subset gives the answer.
      outer: for (let size = 0; size <= lines.length; size++) {
        const subsets = (from: number, left: number): number[][] =>
          left === 0
            ? [[]]
            : lines.slice(from).flatMap((k, j) => subsets(from + j + 1, left - 1).map((s) => [k, ...s]));
        for (const S of subsets(0, size)) {
          const relaxed = { ...p, redLines: p.redLines.map((m, k) => (S.includes(k) ? null : m)) };
          const opens = pkgs.some(
            (lv) => meetsRedLines(relaxed, lv) && pr.parties.every((q, j) => j === i || acceptable(q, lv)),
          );
          if (opens) {
            smallest = S.map((k) => pr.space.issues[k]!.id);
            break outer;
          }
        }
      }
      expect(a.blockingRedLines[p.id]!.relax).toEqual(smallest);
    });
    expect(a.blockingRedLines.gov!.relax).toEqual(['autonomy', 'elections']);
    expect(Object.keys(a.jointRelaxation).sort()).toEqual(['autonomy', 'elections']);
    const el = a.jointRelaxation.elections!;
    expect(el.minimumRelaxations).toBe(1);
    expect(el.accepts.gov).toEqual([12, 18, 24]);
    expect(el.accepts.reb).toEqual([0, 3, 6]);
    // relaxing one party's line leaves exactly the levels the other one accepts
    expect(el.options).toEqual([
      { relax: ['gov'], levels: [0, 3, 6] },
      { relax: ['reb'], levels: [12, 18, 24] },
    ]);
  });

  it('samples the red-line box when it is too large to enumerate, seeded', () => {
    const pr = scenarioProblem(ceasefire([0, 3], [0, 24]), { resolution: 41 });
    const a = analyseAgreement(pr, { maxOutcomes: 100, samples: 2000, seed: 3 });
    const b = analyseAgreement(pr, { maxOutcomes: 100, samples: 2000, seed: 3 });
    expect(a.redLineBox).toBeGreaterThan(100);
    expect(a.sampled).toBe(true);
    expect(a.evaluated).toBe(2000);
    expect(a.pareto).toEqual(b.pareto);
    const exact = analyseAgreement(pr);
    expect(exact.sampled).toBe(false);
    // Sampled frontier points are feasible, so none beats the exact utilitarian optimum.
    const best = exact.utilitarian!.utilities.reduce((x, y) => x + y, 0);
    for (const pt of a.pareto)
      expect(pt.utilities.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(best + 1e-12);
    expect(a.zopa / exact.zopa).toBeGreaterThan(0.8);
    expect(a.zopa / exact.zopa).toBeLessThan(1.2);
  });

  it('honours --parties and rejects fewer than two', () => {
    const pr = scenarioProblem(ceasefire([1, 3]), { parties: ['gov', 'un'] });
    expect(pr.parties.map((p) => p.id)).toEqual(['gov', 'un']);
    expect(() => scenarioProblem(ceasefire([1, 3]), { parties: ['gov'] })).toThrow(/two parties/);
    expect(() => scenarioProblem(ceasefire([1, 3]), { parties: ['gov', 'nobody'] })).toThrow(/unknown party/);
  });
});

describe('scenario statistics (agreement.md §5)', () => {
  it('opposition is 0 when the parties want the same, positive when they differ; a frontier deal has distance 0', () => {
    const s = ceasefire([1, 3]);
    const same = {
      ...s,
      positions: s.positions.filter((p) => p.actor === 'gov').flatMap((p) => [p, { ...p, actor: 'reb' }]),
    };
    expect(analyseAgreement(scenarioProblem(same, { resolution: 5 })).opposition).toBe(0);
    const a = analyseAgreement(scenarioProblem(s, { resolution: 5 }));
    expect(a.opposition).toBeGreaterThan(0);
    expect(a.rationalFraction).toBeCloseTo(a.zopa / a.evaluated, 12);
    const q = dealQuality(a, a.nash!.utilities);
    expect(q.paretoDistance).toBe(0);
    expect(q.distances.nash).toBe(0);
    expect(q.welfare).toBeCloseTo(a.nash!.utilities[0]! + a.nash!.utilities[1]!, 12);
    const below = dealQuality(a, a.reservation);
    expect(below.advantage).toEqual([0, 0]);
    expect(below.paretoDistance!).toBeGreaterThan(0);
  });
});

describe('blocking red lines on random three-party problems (subset oracle)', () => {
  it("each party's reported set is the smallest subset of its red lines whose relaxation opens the zone", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 4 })
          .chain((radix) =>
            fc.tuple(
              fc.constant(radix),
              fc.array(
                fc.array(fc.option(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { nil: null }), {
                  minLength: radix.length,
                  maxLength: radix.length,
                }),
                { minLength: 3, maxLength: 3 },
              ),
            ),
          ),
        ([radix, masks]) => {
          const space = outcomeSpace(
            radix.map((r, k) => ({
              id: `i${k}`,
              kind: 'ordinal' as const,
              values: Array.from({ length: r }, (_, v) => v),
            })),
          );
          const parties: PartyPreference[] = masks.map((ms, i) => ({
            id: `p${i}`,
            weights: Float64Array.from(radix, () => 1 / radix.length),
            evals: radix.map((r) => Float64Array.from({ length: r }, (_, v) => v / (r - 1))),
            cap: Infinity,
            reservation: -1,
            discount: 1,
            redLines: ms.map((m, k) =>
              m ? Uint8Array.from({ length: radix[k]! }, (_, v) => (m[v] ? 1 : 0)) : null,
            ),
          }));
          const pkgs = allPackages(space);
          const zone = pkgs.some((lv) => parties.every((p) => meetsRedLines(p, lv)));
          const got = blockingRedLines(space, parties);
          if (zone) return;
          parties.forEach((p, i) => {
            const lines = p.redLines.map((m, k) => (m ? k : -1)).filter((k) => k >= 0);
            const othersOk = (lv: Int32Array): boolean =>
              parties.every((q, j) => j === i || meetsRedLines(q, lv));
            if (!pkgs.some(othersOk)) {
              expect(got[p.id]!.relax).toBeNull();
              return;
            }
            let best: number[] | null = null;
            for (let mask = 0; mask < 1 << lines.length; mask++) {
              const S = lines.filter((_, b) => (mask >> b) & 1);
              if (best && S.length >= best.length) continue;
              const relaxed = { ...p, redLines: p.redLines.map((m, k) => (S.includes(k) ? null : m)) };
              if (pkgs.some((lv) => othersOk(lv) && meetsRedLines(relaxed, lv))) best = S;
            }
            expect(got[p.id]!.relax).toEqual(best!.map((k) => `i${k}`));
          });
        },
      ),
      { numRuns: 150, seed: 21 },
    );
  });
});
