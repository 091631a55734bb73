import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyInputs,
  drawFrom,
  loadScenarioFile,
  quantileSorted,
  ranks,
  runChunk,
  runStream,
  spearman,
  summarise,
  sweep,
  sweepColumns,
  uncertainInputs,
  type ChunkResult,
  type Scenario,
  type SweepSpec,
} from '@parley/core';
import { repoRoot } from '../helpers/shared.js';

function load(file: string): Scenario {
  const r = loadScenarioFile(path.join(repoRoot, file));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

const delta = load('packages/core/test/fixtures/seats/delta.yaml');

/** Delta with one uncertain input of each kind and distribution. */
const uncertain: Scenario = {
  ...delta,
  actors: delta.actors.map((a) =>
    a.id === 'A' ? { ...a, capabilityUncertainty: [40, 80] as [number, number] } : a,
  ),
  positions: delta.positions.map((p) => {
    if (p.actor === 'B' && p.issue === 'x')
      return { ...p, uncertainty: { distribution: 'triangular' as const, min: 6, max: 10 } };
    if (p.actor === 'B' && p.issue === 'y')
      return { ...p, salienceUncertainty: { distribution: 'normal' as const, sd: 15 } };
    if (p.actor === 'A' && p.issue === 'y')
      return { ...p, uncertainty: { distribution: 'uniform' as const, min: 3, max: 5 } };
    return p;
  }),
};

/** Only A's capability is uncertain: x = (2c + 160) / (c + 20) by hand (A at 2 with salience 1, B 40·0.5 at 8). */
const capOnly: Scenario = {
  ...delta,
  actors: delta.actors.map((a) =>
    a.id === 'A' ? { ...a, capabilityUncertainty: [40, 80] as [number, number] } : a,
  ),
};

describe('draws', () => {
  it('lists every uncertain input with its clamp range', () => {
    expect(uncertainInputs(uncertain).map((i) => [i.id, i.lo, i.hi])).toEqual([
      ['capability:A', 0, Infinity],
      ['value:B:x', 0, 10],
      ['value:A:y', 0, 10],
      ['salience:B:y', 0, 100],
    ]);
  });

  it('property: every draw lies in its range, and in the clamp range', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat({ max: 1_000_000 }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (seed, r, a, w) => {
          const rng = runStream(seed, r);
          const u = drawFrom([a, a + w], 0, -Infinity, Infinity, rng);
          expect(u).toBeGreaterThanOrEqual(a);
          expect(u).toBeLessThanOrEqual(a + w);
          const t = drawFrom(
            { distribution: 'triangular', min: a, max: a + w },
            a + w / 3,
            -Infinity,
            Infinity,
            rng,
          );
          expect(t).toBeGreaterThanOrEqual(a);
          expect(t).toBeLessThanOrEqual(a + w);
          const n = drawFrom({ distribution: 'normal', sd: 1000 }, 0, -1, 1, rng);
          expect(Math.abs(n)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('moments over 20,000 draws match the distributions (uniform, triangular, normal)', () => {
    const N = 20_000;
    let su = 0;
    let st = 0;
    let sn = 0;
    let sn2 = 0;
    for (let r = 0; r < N; r++) {
      const rng = runStream(42, r);
      su += drawFrom([2, 6], 0, -Infinity, Infinity, rng);
      st += drawFrom({ distribution: 'triangular', min: 0, mode: 3, max: 9 }, 0, -Infinity, Infinity, rng);
      const n = drawFrom({ distribution: 'normal', sd: 2 }, 10, -Infinity, Infinity, rng);
      sn += n;
      sn2 += n * n;
    }
    // Uniform [2,6]: mean 4, sd 4/√12 → standard error 0.008. Triangular (0,3,9): mean 4, sd √(63/18)≈1.87 → se 0.013.
    expect(su / N).toBeCloseTo(4, 1);
    expect(st / N).toBeCloseTo(4, 1);
    // Normal(10, 2): mean 10 (se 0.014), variance 4.
    expect(sn / N).toBeCloseTo(10, 1);
    expect(Math.abs(sn2 / N - (sn / N) ** 2 - 4)).toBeLessThan(0.15);
  });

  it('run r draws the same numbers whichever batch it is in', () => {
    const spec: SweepSpec = { scenario: uncertain, engine: 'forecast', model: 'mean', seed: 9 };
    const all = runChunk({ ...spec, from: 0, to: 12 });
    const m = uncertainInputs(uncertain).length;
    const q = sweepColumns(spec).length;
    for (const r of [0, 5, 11]) {
      const one = runChunk({ ...spec, from: r, to: r + 1 });
      expect(Array.from(one.inputs)).toEqual(Array.from(all.inputs.subarray(r * m, (r + 1) * m)));
      expect(Array.from(one.outputs)).toEqual(Array.from(all.outputs.subarray(r * q, (r + 1) * q)));
    }
    // A different seed gives different draws.
    expect(Array.from(runChunk({ ...spec, seed: 10, from: 0, to: 1 }).inputs)).not.toEqual(
      Array.from(all.inputs.subarray(0, m)),
    );
  });
});

describe('forecast sweep', () => {
  const spec: SweepSpec = { scenario: capOnly, engine: 'forecast', model: 'mean', seed: 3 };
  const N = 400;
  const c = runChunk({ ...spec, from: 0, to: N });

  it('each run’s outcome is the hand formula of its drawn capability', () => {
    for (let r = 0; r < N; r++) {
      const cap = c.inputs[r]!;
      expect(cap).toBeGreaterThanOrEqual(40);
      expect(cap).toBeLessThanOrEqual(80);
      expect(c.outputs[r * 3]!).toBeCloseTo((2 * cap + 160) / (cap + 20), 12);
      expect(c.outputs[r * 3 + 1]!).toBeCloseTo((cap * 0.5 * 4 + 120) / (cap * 0.5 + 20), 12);
      expect(Number.isNaN(c.outputs[r * 3 + 2]!)).toBe(true); // z: nobody seated holds it
    }
  });

  it('quantiles, accept probabilities and drivers agree with brute force on the rows', () => {
    const s = summarise(spec, [c], N);
    const xs = Float64Array.from({ length: N }, (_, r) => c.outputs[r * 3]!).sort();
    const x = s.outputs.find((o) => o.id === 'outcome:x')!;
    expect(x.n).toBe(N);
    // Type-7 quantile by hand: position (N − 1)·p between sorted neighbours.
    const h = (N - 1) * 0.05;
    expect(x.quantiles!.p05).toBeCloseTo(
      xs[Math.floor(h)]! + (h - Math.floor(h)) * (xs[Math.floor(h) + 1]! - xs[Math.floor(h)]!),
      12,
    );
    expect(x.min).toBe(xs[0]);
    expect(x.max).toBe(xs[N - 1]);
    // x falls in [(2·80 + 160)/100, (2·40 + 160)/60] = [3.2, 4]: inside A's [0,5] always, inside B's [4,10] never
    // (except at c = 40 exactly).
    expect(s.accept.find((a) => a.actor === 'A' && a.issue === 'x')!.probability).toBe(1);
    expect(s.accept.find((a) => a.actor === 'B' && a.issue === 'x')!.probability).toBe(0);
    const insideC = xs.filter((v) => v >= 6).length / N;
    expect(s.accept.find((a) => a.actor === 'C' && a.issue === 'x')!.probability).toBe(insideC);
    // x decreases strictly with c, so the rank correlation is exactly −1 and the swing negative.
    const d = s.drivers.find((v) => v.output === 'outcome:x')!;
    expect(d.inputs[0]!.input).toBe('capability:A');
    expect(d.inputs[0]!.rho).toBeCloseTo(-1, 12);
    expect(d.inputs[0]!.swing).toBeLessThan(0);
    expect(d.inputs[0]!.significant).toBe(true);
    // The swing by hand: mean x over the 80 runs with the largest c minus the mean over the 80 with the smallest.
    const byCap = Array.from({ length: N }, (_, r) => [c.inputs[r]!, c.outputs[r * 3]!] as const).sort(
      (a, b) => a[0] - b[0],
    );
    const meanX = (rows: (readonly [number, number])[]): number =>
      rows.reduce((t, [, v]) => t + v, 0) / rows.length;
    expect(d.inputs[0]!.swing).toBeCloseTo(meanX(byCap.slice(N - 80)) - meanX(byCap.slice(0, 80)), 12);
    // z has no forecast in any run.
    expect(s.outputs.find((o) => o.id === 'outcome:z')).toMatchObject({ n: 0, quantiles: null });
  });

  it('property: the summary is the same however the runs are batched and in whatever order the batches arrive', () => {
    const base = JSON.stringify(
      sweep({ scenario: uncertain, engine: 'forecast', model: 'mean', seed: 5 }, 60, 60),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 59 }), { maxLength: 8 }),
        fc.boolean(),
        (cuts, reverse) => {
          const edges = [0, ...[...cuts].sort((a, b) => a - b), 60];
          const chunks: ChunkResult[] = [];
          for (let i = 0; i + 1 < edges.length; i++)
            chunks.push(
              runChunk({
                scenario: uncertain,
                engine: 'forecast',
                model: 'mean',
                seed: 5,
                from: edges[i]!,
                to: edges[i + 1]!,
              }),
            );
          if (reverse) chunks.reverse();
          expect(
            JSON.stringify(
              summarise({ scenario: uncertain, engine: 'forecast', model: 'mean', seed: 5 }, chunks, 60),
            ),
          ).toBe(base);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses batches that miss or repeat runs', () => {
    const a = runChunk({ ...spec, from: 0, to: 5 });
    const b = runChunk({ ...spec, from: 4, to: 10 });
    expect(() => summarise(spec, [a, b], 10)).toThrow(/twice/);
    expect(() => summarise(spec, [a], 10)).toThrow(/missing/);
  });
});

describe('agreement and seats sweeps', () => {
  it('agreement: the zone always exists in delta (accept ranges are not uncertain) and the Nash package respects every red line', () => {
    const s = sweep({ scenario: uncertain, engine: 'agreement', seed: 2 }, 30, 10);
    expect(s.zone).toBe(1);
    expect(s.model).toBeNull();
    // Nash x ∈ {4, 5}, y ∈ {5, 6}: the red-line box.
    const nx = s.outputs.find((o) => o.id === 'nash:x')!;
    expect(nx.min).toBeGreaterThanOrEqual(4);
    expect(nx.max).toBeLessThanOrEqual(5);
    for (const a of s.accept.filter((x) => x.actor !== 'C')) expect(a.probability).toBe(1);
  });

  it('seats: seating C always raises x (its position 10 is above every drawn mean) and always closes the zone', () => {
    const spec: SweepSpec = { scenario: uncertain, engine: 'seats', model: 'mean', seed: 4, actors: ['C'] };
    const c = runChunk({ ...spec, from: 0, to: 25 });
    const cols = sweepColumns(spec).map((x) => x.id);
    expect(cols).toEqual([
      'zone',
      'change:C:x',
      'change:C:y',
      'change:C:z',
      'outcome:C:x',
      'outcome:C:y',
      'outcome:C:z',
      'zone:C',
    ]);
    const q = cols.length;
    const ids = uncertainInputs(uncertain).map((i) => i.id);
    const m = ids.length;
    const input = (r: number, id: string): number => c.inputs[r * m + ids.indexOf(id)]!;
    for (let r = 0; r < 25; r++) {
      const out = (id: string): number => c.outputs[r * q + cols.indexOf(id)]!;
      expect(out('zone')).toBe(1);
      expect(out('change:C:x')).toBeGreaterThan(0);
      expect(out('change:C:y')).toBe(0);
      // z is held by nobody at the table as coded, so it has no change …
      expect(Number.isNaN(out('change:C:z'))).toBe(true);
      // … but with C seated it joins the agenda, and C alone holds it at 2.
      expect(out('outcome:C:z')).toBe(2);
      // With C seated, by hand: x = (cA·1·2 + 40·0.5·xB + 50·0.4·10) / (cA + 20 + 20).
      const cA = input(r, 'capability:A');
      const xB = input(r, 'value:B:x');
      expect(out('outcome:C:x')).toBeCloseTo((2 * cA + 20 * xB + 200) / (cA + 40), 12);
      // y (C holds no position on it): cA·0.5 at the drawn yA against 40·sB at 6.
      const yA = input(r, 'value:A:y');
      const sB = input(r, 'salience:B:y') / 100;
      expect(out('outcome:C:y')).toBeCloseTo((cA * 0.5 * yA + 40 * sB * 6) / (cA * 0.5 + 40 * sB), 12);
      expect(out('zone:C')).toBe(0);
    }
  });
});

/**
 * Red lines with uncertainty: A (at 2) accepts [0, 5] with its high end uniform on [3, 7]; B (at 9) accepts [6, 10]
 * with its low end uniform on [4, 8]. The zone of agreement exists exactly when B's drawn low end is at most A's drawn
 * high end (both are levels of the package grid), so P(zone) = P(L ≤ H) for H ~ U[3, 7], L ~ U[4, 8]: H − L is
 * triangular on [−5, 3] with its peak at −1, and P(H − L ≥ 0) = (3 · 3/16) / 2 = 9/32.
 */
const redLines: Scenario = {
  parley: 1,
  title: 'Uncertain red lines',
  sources: [],
  actors: [
    { id: 'A', name: 'A', capability: 50, seat: 'party' },
    { id: 'B', name: 'B', capability: 50, seat: 'party' },
  ],
  issues: [{ id: 'x', title: 'X', scale: { min: 0, max: 10 } }],
  positions: [
    { actor: 'A', issue: 'x', value: 2, salience: 80, accept: [0, 5], acceptUncertainty: { high: [3, 7] } },
    { actor: 'B', issue: 'x', value: 9, salience: 80, accept: [6, 10], acceptUncertainty: { low: [4, 8] } },
  ],
  initiatives: [],
};

describe('uncertain red lines (acceptUncertainty)', () => {
  it('each uncertain end of an accept range is an input, clamped to the issue scale', () => {
    expect(uncertainInputs(redLines).map((i) => [i.id, i.kind, i.coded, i.lo, i.hi])).toEqual([
      ['accept-high:A:x', 'acceptHigh', 5, 0, 10],
      ['accept-low:B:x', 'acceptLow', 6, 0, 10],
    ]);
  });

  it("a drawn end past the actor's own position is held at that position; the other end stays coded", () => {
    const inputs = uncertainInputs(redLines);
    const at = (hA: number, lB: number) =>
      applyInputs(redLines, inputs, [hA, lB]).positions.map((p) => p.accept);
    expect(at(6.5, 4.5)).toEqual([
      [0, 6.5],
      [4.5, 10],
    ]);
    // A's high end drawn below A's own position 2, B's low end above B's 9: both held at the position.
    expect(at(1, 9.5)).toEqual([
      [0, 2],
      [9, 10],
    ]);
    // The input scenario is not changed.
    expect(redLines.positions.map((p) => p.accept)).toEqual([
      [0, 5],
      [6, 10],
    ]);
  });

  it('P(zone) over 2,000 runs: every run agrees with the drawn red lines, and the share is near 9/32', () => {
    const spec: SweepSpec = { scenario: redLines, engine: 'agreement', seed: 8 };
    const N = 2000;
    const c = runChunk({ ...spec, from: 0, to: N });
    const q = sweepColumns(spec).length;
    let open = 0;
    for (let r = 0; r < N; r++) {
      const hA = c.inputs[r * 2]!;
      const lB = c.inputs[r * 2 + 1]!;
      const exists = lB <= hA ? 1 : 0;
      expect(c.outputs[r * q]).toBe(exists);
      open += exists;
    }
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(N);
    const s = summarise(spec, [c], N);
    expect(s.zone).toBe(open / N);
    // Binomial standard error √(p(1 − p)/N) ≈ 0.010: within 3 of them.
    expect(Math.abs(s.zone! - 9 / 32)).toBeLessThan(0.03);
  });
});

describe('statistics helpers', () => {
  it('quantiles and ranks by hand', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(Array.from(ranks([10, 30, 20, 30]))).toEqual([1, 3.5, 2, 3.5]);
  });

  it('Spearman by hand: 1 − 6Σd²/(n(n²−1)) without ties', () => {
    // d = (0, 1, −1, 0): 1 − 6·2/(4·15) = 0.8.
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3], [9, 5, 1])).toBeCloseTo(-1, 12);
  });
});
