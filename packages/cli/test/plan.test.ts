/**
 * Sweep planning: batches cover every run not yet done exactly once, in order; guided batches shrink towards the end
 * so the last batches are short; stored batches are trimmed so each run is kept once. Checked against a per-run
 * coverage count on random plans (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChunkResult } from '@parley/core';
import { planBatches, sweepKey, usableChunks } from '../src/sweep/plan.js';

/** How many times each run 0..runs−1 is covered by the ranges. */
function coverage(runs: number, ranges: { from: number; to: number }[]): number[] {
  const n = new Array<number>(runs).fill(0);
  for (const b of ranges) for (let r = b.from; r < b.to; r++) if (r < runs) n[r]!++;
  return n;
}

const doneRanges = (runs: number) =>
  fc.array(
    fc.tuple(fc.nat({ max: runs + 5 }), fc.nat({ max: 30 })).map(([from, len]) => ({ from, to: from + len })),
    { maxLength: 6 },
  );

describe('planBatches', () => {
  it('fixed batches: consecutive runs of `size`, the last one shorter', () => {
    expect(planBatches(23, 7)).toEqual([
      { index: 0, from: 0, to: 7 },
      { index: 1, from: 7, to: 14 },
      { index: 2, from: 14, to: 21 },
      { index: 3, from: 21, to: 23 },
    ]);
    expect(planBatches(0, 7)).toEqual([]);
  });

  it('skips the runs already done and never joins runs across a done gap', () => {
    expect(planBatches(20, 10, [{ from: 3, to: 8 }])).toEqual([
      { index: 0, from: 0, to: 3 },
      { index: 1, from: 8, to: 18 },
      { index: 2, from: 18, to: 20 },
    ]);
  });

  it('guided batches for 2 workers: full size while much is left, then each at most 1/4 of what is left', () => {
    const b = planBatches(1000, 50, [], 2);
    const sizes = b.map((x) => x.to - x.from);
    // 1,000 runs: 16 full batches leave 200, and ⌈200/4⌉ = 50 is still full; then 150 → 38, 112 → 28, …
    expect(sizes.slice(0, 17)).toEqual(new Array(17).fill(50));
    expect(sizes.slice(17, 21)).toEqual([38, 28, 21, 16]);
    expect(sizes.at(-1)).toBe(1);
    expect(sizes.reduce((s, x) => s + x, 0)).toBe(1000);
    // The tail is short: once the plan leaves full batches, every batch is at most a quarter of the runs after it
    // plus itself, so a worker never waits on more than a quarter of the remaining work.
    let after = 1000;
    for (const s of sizes) {
      expect(s).toBeLessThanOrEqual(Math.max(1, Math.ceil(after / 4)));
      after -= s;
    }
  });

  it('property: every run not done is planned exactly once, in order, no batch above `size`, at any slots', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat({ max: 300 }).chain((runs) => doneRanges(runs)),
        (runs, size, slots, done) => {
          const plan = planBatches(runs, size, done, slots);
          const isDone = coverage(runs, done).map((c) => c > 0);
          const planned = coverage(runs, plan);
          for (let r = 0; r < runs; r++) expect(planned[r]).toBe(isDone[r] ? 0 : 1);
          plan.forEach((b, i) => {
            expect(b.index).toBe(i);
            expect(b.to - b.from).toBeGreaterThanOrEqual(1);
            expect(b.to - b.from).toBeLessThanOrEqual(size);
            if (i > 0) expect(b.from).toBeGreaterThanOrEqual(plan[i - 1]!.to);
          });
          if (slots === 1 && done.length === 0) expect(plan.length).toBe(Math.ceil(runs / size));
        },
      ),
      { seed: 6, numRuns: 300 },
    );
  });
});

describe('usableChunks', () => {
  const chunk = (from: number, to: number, m: number, q: number): ChunkResult => ({
    from,
    to,
    // Each row holds its run number, so trimming can be checked row by row.
    inputs: Float64Array.from({ length: (to - from) * m }, (_, i) => from + Math.floor(i / m)),
    outputs: Float64Array.from({ length: (to - from) * q }, (_, i) => from + Math.floor(i / q)),
  });

  it('property: overlapping stored batches give each run below `runs` once, with its own rows, earlier wins', () => {
    fc.assert(
      fc.property(fc.nat({ max: 80 }), doneRanges(80), (runs, ranges) => {
        const stored = ranges.map((r) => chunk(r.from, r.to, 2, 3));
        const kept = usableChunks(stored, runs, 2, 3);
        const n = coverage(runs, kept);
        const wanted = coverage(runs, ranges);
        for (let r = 0; r < runs; r++) expect(n[r]).toBe(wanted[r]! > 0 ? 1 : 0);
        for (const c of kept) {
          expect(c.to).toBeLessThanOrEqual(runs);
          expect(c.inputs.length).toBe((c.to - c.from) * 2);
          expect(c.outputs.length).toBe((c.to - c.from) * 3);
          for (let j = 0; j < c.to - c.from; j++) {
            expect(c.inputs[j * 2]).toBe(c.from + j);
            expect(c.outputs[j * 3 + 2]).toBe(c.from + j);
          }
        }
      }),
      { seed: 6, numRuns: 200 },
    );
  });
});

describe('sweepKey', () => {
  const scenario = {
    parley: 1 as const,
    title: 't',
    sources: [],
    actors: [{ id: 'a', name: 'A', capability: 1, seat: 'party' as const }],
    issues: [{ id: 'x', title: 'X', scale: { min: 0, max: 1 } }],
    positions: [],
    initiatives: [],
  };
  it('changes with anything the results depend on, and not with the model of the agreement engine', () => {
    const k = sweepKey({ scenario, engine: 'forecast', model: 'mean', seed: 1 });
    expect(k).toMatch(/^[0-9a-f]{24}$/);
    expect(sweepKey({ scenario, engine: 'forecast', seed: 1 })).toBe(k); // 'mean' is the default
    expect(sweepKey({ scenario, engine: 'forecast', model: 'smp', seed: 1 })).not.toBe(k);
    expect(sweepKey({ scenario, engine: 'forecast', model: 'mean', seed: 2 })).not.toBe(k);
    expect(sweepKey({ scenario: { ...scenario, title: 'u' }, engine: 'forecast', seed: 1 })).not.toBe(k);
    expect(sweepKey({ scenario, engine: 'agreement', model: 'smp', seed: 1 })).toBe(
      sweepKey({ scenario, engine: 'agreement', seed: 1 }),
    );
  });
});
