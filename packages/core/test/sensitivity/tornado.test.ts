/**
 * One-at-a-time tornado: the normal quantile against high-precision reference values, every distribution's quantile
 * against the share of real draws below it, a weighted-mean tornado worked by hand, a property of the mean model, and
 * the worked Ukraine case on every engine.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  drawFrom,
  evaluate,
  loadScenarioFile,
  normalQuantile,
  parseScenario,
  runStream,
  sweepColumns,
  tornado,
  uncertainInputs,
  uncertaintyQuantile,
  type Scenario,
  type SweepSpec,
  type Uncertainty,
} from '@parley/core';
import { repoRoot } from '../helpers/shared.js';

function load(file: string): Scenario {
  const r = loadScenarioFile(path.join(repoRoot, file));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

function parse(yaml: string): Scenario {
  const r = parseScenario(yaml, 'inline.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/** |a − b| ≤ tol·max(1, |b|). */
function close(a: number, b: number, tol = 1e-12): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

describe('normalQuantile (AS 241)', () => {
  // Reference values: Φ⁻¹(p) solved to 60 significant digits with mpmath (findroot on erfc), rounded to doubles.
  const known: [number, number][] = [
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.05, -1.6448536269514722],
    [1e-10, -6.361340902404056],
    [0.75, 0.6744897501960817], // central region, |p − ½| ≤ 0.425
    [0.3, -0.5244005127080408],
    [0.9, 1.2815515655446004],
    [0.99, 2.326347874040841],
    [1e-15, -7.941345326170997], // far tail: √(−ln p) > 5
    [1e-20, -9.262340089798407],
    [1e-300, -37.0470962993612],
  ];

  it('matches reference values to 1e-12 relative', () => {
    for (const [p, x] of known) {
      const got = normalQuantile(p);
      if (x === 0) expect(got).toBe(0);
      else expect(Math.abs(got - x) / Math.abs(x)).toBeLessThan(1e-12);
    }
  });

  it('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)', () => {
    for (const p of [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.075, 0.001, 1e-6]) {
      const a = normalQuantile(1 - p);
      const b = -normalQuantile(p);
      // 1 − p is rounded, so compare to the derivative's scale: dΦ⁻¹/dp = 1/φ(x) ≤ 1e6 here.
      expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(b)));
    }
    // Exactly representable complements agree to the last bits.
    close(normalQuantile(0.75), -normalQuantile(0.25), 1e-15);
    close(normalQuantile(0.875), -normalQuantile(0.125), 1e-15);
  });

  it('is monotone and infinite at the ends', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    let prev = -Infinity;
    for (let i = 1; i < 1000; i++) {
      const x = normalQuantile(i / 1000);
      expect(x).toBeGreaterThan(prev);
      prev = x;
    }
  });
});

describe('uncertaintyQuantile', () => {
  /** Share of 200 000 drawFrom draws (seeded) below the quantile, for each p. */
  function roundTrip(d: Uncertainty, coded: number, lo = -Infinity, hi = Infinity): void {
    const rng = runStream(1, 0);
    const n = 200_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = drawFrom(d, coded, lo, hi, rng);
    for (const p of [0.05, 0.25, 0.5, 0.95]) {
      const x = uncertaintyQuantile(d, coded, lo, hi, p);
      let below = 0;
      for (const v of xs) if (v < x) below++;
      expect(Math.abs(below / n - p)).toBeLessThan(0.005);
    }
  }

  it('normal: the share of draws below the p-quantile is p', () => {
    roundTrip({ distribution: 'normal', mean: 3, sd: 2 }, 0);
    roundTrip({ distribution: 'normal', sd: 15 }, 50); // mean defaults to the coded value
  });

  it('triangular: the share of draws below the p-quantile is p', () => {
    roundTrip({ distribution: 'triangular', min: 1, mode: 2, max: 6 }, 0);
    roundTrip({ distribution: 'triangular', min: 6, max: 10 }, 7); // mode defaults to the coded value
    roundTrip({ distribution: 'triangular', min: 0, max: 4 }, -3); // coded below min: mode clamped to 0
  });

  it('uniform and [low, high] ranges: the share of draws below the p-quantile is p', () => {
    roundTrip([2, 5], 3);
    roundTrip([5, 2], 3);
    roundTrip({ distribution: 'uniform', min: -1, max: 1 }, 0);
  });

  it('hand values, and clamping to [lo, hi]', () => {
    // Uniform on [40, 80]: 40 + 0.05·40 = 42.
    close(uncertaintyQuantile([40, 80], 60, 0, Infinity, 0.05), 42);
    // Triangular (0, 2, 10): F(2) = 2/10 = 0.2. Below: F(x) = x²/(10·2), so F(x) = 0.1 at x = √2.
    const tri: Uncertainty = { distribution: 'triangular', min: 0, mode: 2, max: 10 };
    close(uncertaintyQuantile(tri, 5, 0, 10, 0.1), Math.SQRT2);
    // Above: F(x) = 1 − (10 − x)²/(10·8) = 0.6 at x = 10 − √32.
    close(uncertaintyQuantile(tri, 5, 0, 10, 0.6), 10 - Math.sqrt(32));
    // Normal(9, 5) at 0.95: 9 + 5·1.6448… > 10, clamped to the scale's top.
    expect(uncertaintyQuantile({ distribution: 'normal', mean: 9, sd: 5 }, 0, 0, 10, 0.95)).toBe(10);
    close(
      uncertaintyQuantile({ distribution: 'normal', mean: 9, sd: 5 }, 0, 0, 10, 0.05),
      9 - 5 * 1.6448536269514722,
    );
    expect(() => uncertaintyQuantile([0, 1], 0, 0, 1, 0)).toThrow(/between 0 and 1/);
  });
});

/**
 * P and Q sit at the table, R is absent (the mean model reads seated parties only). Issue x: P at 2 (salience 100),
 * Q at 8 (salience 50, value uncertain in [6, 10], salience normal with sd 10), R at 5 (value in [0, 10]). Issue y:
 * P at 4 (salience 50, value in [3, 5]), Q at 6 (salience 50). P's capability 60 in [40, 80], Q's 40.
 * Inputs in file order: capability:P, value:Q:x, salience:Q:x, value:R:x, value:P:y.
 */
const toy = parse(`
parley: 1
title: Toy tornado
actors:
  - { id: P, name: P, capability: 60, seat: party, capabilityUncertainty: [40, 80] }
  - { id: Q, name: Q, capability: 40, seat: party }
  - { id: R, name: R, capability: 50, seat: absent }
issues:
  - { id: x, title: X, scale: { min: 0, max: 10 } }
  - { id: y, title: Y, scale: { min: 0, max: 10 } }
positions:
  - { actor: P, issue: x, value: 2, salience: 100 }
  - { actor: Q, issue: x, value: 8, salience: 50, uncertainty: [6, 10], salienceUncertainty: { distribution: normal, sd: 10 } }
  - { actor: R, issue: x, value: 5, salience: 80, uncertainty: [0, 10] }
  - { actor: P, issue: y, value: 4, salience: 50, uncertainty: [3, 5] }
  - { actor: Q, issue: y, value: 6, salience: 50 }
`);

describe('tornado, hand-worked weighted mean', () => {
  const spec: SweepSpec = { scenario: toy, engine: 'forecast', model: 'mean', seed: 7 };
  const t = tornado(spec);
  const bar = (output: string, input: string) =>
    t.bars.find((b) => b.output === output)!.bars.find((b) => b.input === input)!;
  const z95 = 1.6448536269514722; // Φ⁻¹(0.95), reference value

  it('lists the inputs and the base case', () => {
    expect(uncertainInputs(toy).map((i) => i.id)).toEqual([
      'capability:P',
      'value:Q:x',
      'salience:Q:x',
      'value:R:x',
      'value:P:y',
    ]);
    expect(t).toMatchObject({ engine: 'forecast', model: 'mean', seed: 7, low: 0.05, high: 0.95, inputs: 5 });
    // x = Σ c·s·x / Σ c·s with s in [0, 1]: (60·1·2 + 40·0.5·8) / (60 + 20) = 280/80 = 3.5.
    // y = (60·0.5·4 + 40·0.5·6) / (30 + 20) = 240/50 = 4.8.
    expect(t.base.map((b) => b.output)).toEqual(['outcome:x', 'outcome:y']);
    close(t.base[0]!.value!, 3.5);
    close(t.base[1]!.value!, 4.8);
  });

  it('a value input: Q on x moved from 6.2 to 9.8', () => {
    // Uniform [6, 10]: 6 + 0.05·4 = 6.2 and 6 + 0.95·4 = 9.8. x = (120 + 20·v) / 80.
    // v = 6.2: (120 + 124)/80 = 3.05; v = 9.8: (120 + 196)/80 = 3.95; swing 0.9.
    const b = bar('outcome:x', 'value:Q:x');
    close(b.lowValue, 6.2);
    close(b.highValue, 9.8);
    close(b.atLow!, 3.05);
    close(b.atHigh!, 3.95);
    close(b.swing!, 0.9);
    // P's value on y, uniform [3, 5]: 3.1 and 4.9. y = (30·v + 120)/50: 213/50 = 4.26 and 267/50 = 5.34.
    const y = bar('outcome:y', 'value:P:y');
    close(y.atLow!, 4.26);
    close(y.atHigh!, 5.34);
    close(y.swing!, 1.08);
  });

  it('a capability input: P from 42 to 78', () => {
    // Uniform [40, 80]: 42 and 78. x = (2c + 160)/(c + 20): 244/62 and 316/98.
    const b = bar('outcome:x', 'capability:P');
    close(b.lowValue, 42);
    close(b.highValue, 78);
    close(b.atLow!, 244 / 62);
    close(b.atHigh!, 316 / 98);
    close(b.swing!, 316 / 98 - 244 / 62); // −0.71099…: more weight on P (at 2) pulls x down
    // y = (0.5·c·4 + 120)/(0.5·c + 20): (84 + 120)/41 = 204/41 and (156 + 120)/59 = 276/59.
    const y = bar('outcome:y', 'capability:P');
    close(y.atLow!, 204 / 41);
    close(y.atHigh!, 276 / 59);
    close(y.swing!, 276 / 59 - 204 / 41);
  });

  it('a salience input (normal, mean = coded 50, sd 10)', () => {
    // s = 50 ∓ 10·z95; Q's weight w = 40·s/100 = 20 ∓ 4·z95; x = (120 + 8w)/(60 + w).
    const wLo = 20 - 4 * z95;
    const wHi = 20 + 4 * z95;
    const b = bar('outcome:x', 'salience:Q:x');
    close(b.lowValue, 50 - 10 * z95);
    close(b.highValue, 50 + 10 * z95);
    close(b.atLow!, (120 + 8 * wLo) / (60 + wLo));
    close(b.atHigh!, (120 + 8 * wHi) / (60 + wHi));
    close(b.swing!, (120 + 8 * wHi) / (60 + wHi) - (120 + 8 * wLo) / (60 + wLo)); // ≈ 0.7452
  });

  it('orders by |swing|; inputs the engine ignores get a zero bar, in input order', () => {
    // x: value:Q:x 0.9 > salience:Q:x 0.745 > capability:P |−0.711| > the zeros (R is absent; P's y value).
    expect(t.bars[0]!.bars.map((b) => b.input)).toEqual([
      'value:Q:x',
      'salience:Q:x',
      'capability:P',
      'value:R:x',
      'value:P:y',
    ]);
    expect(bar('outcome:x', 'value:R:x').swing).toBe(0);
    expect(bar('outcome:x', 'value:R:x').atLow).toBe(3.5);
    expect(bar('outcome:x', 'value:P:y').swing).toBe(0);
    // y: value:P:y 1.08 > capability:P |−0.298| > zeros in input order.
    expect(t.bars[1]!.bars.map((b) => b.input)).toEqual([
      'value:P:y',
      'capability:P',
      'value:Q:x',
      'salience:Q:x',
      'value:R:x',
    ]);
  });

  it('other quantile levels; coinciding ends give a zero bar; the spec is not changed', () => {
    const before = JSON.stringify(toy);
    const u = tornado(spec, { low: 0.25, high: 0.75 });
    // Q's value: 7 and 9; x = (120 + 140)/80 = 3.25 and (120 + 180)/80 = 3.75.
    const b = u.bars[0]!.bars.find((x) => x.input === 'value:Q:x')!;
    close(b.atLow!, 3.25);
    close(b.atHigh!, 3.75);
    expect(JSON.stringify(toy)).toBe(before);
    const flat = parse(`
parley: 1
title: Flat
actors:
  - { id: P, name: P, capability: 60, seat: party, capabilityUncertainty: [60, 60] }
  - { id: Q, name: Q, capability: 40, seat: party }
issues:
  - { id: x, title: X, scale: { min: 0, max: 10 } }
positions:
  - { actor: P, issue: x, value: 2, salience: 100 }
  - { actor: Q, issue: x, value: 8, salience: 50 }
`);
    const f = tornado({ scenario: flat, engine: 'forecast', model: 'mean', seed: 1 });
    expect(f.bars[0]!.bars).toEqual([
      { input: 'capability:P', lowValue: 60, highValue: 60, atLow: 3.5, atHigh: 3.5, swing: 0 },
    ]);
    expect(() => tornado(spec, { low: 0.9, high: 0.1 })).toThrow(/0 < low < high < 1/);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });
});

describe('tornado, property of the weighted mean', () => {
  const uncertainty = fc.oneof(
    fc
      .tuple(fc.double({ min: 0, max: 9, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }))
      .map(([a, w]): Uncertainty => [a, Math.min(10, a + w)]),
    fc
      .tuple(
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 6, max: 10, noNaN: true }),
      )
      .map(([a, m, b]): Uncertainty => ({
        distribution: 'triangular',
        min: a,
        mode: a + m * (b - a),
        max: b,
      })),
    fc.double({ min: 0.1, max: 3, noNaN: true }).map((sd): Uncertainty => ({ distribution: 'normal', sd })),
  );
  const actor = fc.record({
    capability: fc.double({ min: 0.1, max: 100, noNaN: true }),
    salience: fc.double({ min: 1, max: 100, noNaN: true }),
    value: fc.double({ min: 3, max: 7, noNaN: true }),
    uncertainty: fc.option(uncertainty, { nil: undefined }),
  });

  it('a value input moves the outcome its own way, by at most its own move', () => {
    fc.assert(
      fc.property(
        fc.array(actor, { minLength: 2, maxLength: 4 }),
        fc.double({ min: 0.01, max: 0.49, noNaN: true }),
        fc.double({ min: 0.51, max: 0.99, noNaN: true }),
        (actors, low, high) => {
          const scenario: Scenario = {
            ...toy,
            actors: actors.map((a, i) => ({
              id: `a${i}`,
              name: `A${i}`,
              capability: a.capability,
              seat: 'party',
            })),
            issues: [toy.issues[0]!],
            positions: actors.map((a, i) => ({
              actor: `a${i}`,
              issue: 'x',
              value: a.value,
              salience: a.salience,
              ...(a.uncertainty ? { uncertainty: a.uncertainty } : {}),
            })),
          };
          const t = tornado({ scenario, engine: 'forecast', model: 'mean', seed: 3 }, { low, high });
          for (const b of t.bars[0]!.bars) {
            const move = b.highValue - b.lowValue;
            expect(move).toBeGreaterThan(0);
            expect(Math.sign(b.swing!)).toBe(Math.sign(move));
            expect(Math.abs(b.swing!)).toBeLessThanOrEqual(Math.abs(move) * (1 + 1e-12));
          }
        },
      ),
      { seed: 20240611, numRuns: 50 },
    );
  });
});

describe('tornado, worked Ukraine case', () => {
  const ukraine = load('examples/ukraine-peace-initiatives.yaml');
  const m = uncertainInputs(ukraine).length;

  it('forecast (mean): the base is the coded evaluation', () => {
    const spec: SweepSpec = { scenario: ukraine, engine: 'forecast', model: 'mean', seed: 11 };
    const t = tornado(spec);
    const cols = sweepColumns(spec);
    const row = new Float64Array(cols.length);
    evaluate(spec, ukraine, 0, row);
    expect(t.base).toEqual(
      cols.map((c, k) => ({ output: c.id, value: Number.isNaN(row[k]!) ? null : row[k]! })),
    );
    expect(t.inputs).toBe(m);
    for (const o of t.bars) expect(o.bars).toHaveLength(m);
    // Every bar's value at the coded input reproduces the base: a zero-swing input's ends equal the base.
    for (const o of t.bars) {
      const base = t.base.find((b) => b.output === o.output)!.value;
      for (const b of o.bars) if (b.swing === 0) expect(b.atLow).toBe(base);
    }
  });

  it('agreement and seats (by) run and give one entry per output column', () => {
    for (const spec of [
      { scenario: ukraine, engine: 'agreement', seed: 11 },
      { scenario: ukraine, engine: 'seats', model: 'mean', seed: 11, actors: ['by'] },
    ] as SweepSpec[]) {
      const t = tornado(spec);
      expect(t.bars.map((b) => b.output)).toEqual(sweepColumns(spec).map((c) => c.id));
      expect(t.base.map((b) => b.output)).toEqual(sweepColumns(spec).map((c) => c.id));
      for (const o of t.bars) expect(o.bars).toHaveLength(m);
      expect(t.model).toBe(spec.engine === 'agreement' ? null : 'mean');
      expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    }
  }, 120_000);
});
