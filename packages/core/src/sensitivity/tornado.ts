/**
 * One-at-a-time (OAT) tornado: every uncertain input, alone, moved from a low to a high quantile of its distribution
 * (default the 5th and 95th percentiles) while every other input stays at its coded value; the bar of an input is
 * the change in each output. The sweep's Monte Carlo drivers (summary.ts) measure how an input co-varies with an
 * output while everything else varies too; this tornado isolates each input's own effect around the coded case.
 *
 * Common random numbers: every run (the base run and both runs of every input) calls `evaluate` with run index 0,
 * so a stochastic model draws from the same model seed, `runSeed(seed, 0)`, in all of them. A bar then shows the
 * input's effect, not the model's sampling noise, and an input the engine does not read gets a swing of exactly 0.
 */
import type { Uncertainty } from '../scenario/schema.js';
import { evaluate, sweepColumns, type SweepEngine, type SweepSpec } from './chunk.js';
import { applyInputs, inverseCdf, uncertainInputs } from './inputs.js';

// Wichura, M. J. (1988), "Algorithm AS 241: The percentage points of the normal distribution", Applied Statistics
// 37(3), 477–484: PPND16, rational approximations accurate to about 1e-16. Coefficients in ascending powers, written
// as the doubles nearest to the published 20-digit values.

/** |p − ½| ≤ 0.425: Φ⁻¹(p) = q·A(r)/B(r) with r = 0.180625 − q². */
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
/** Tails with r = √(−ln min(p, 1 − p)) ≤ 5: C(r − 1.6)/D(r − 1.6). */
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
/** Far tails, r > 5: E(r − 5)/F(r − 5). */
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Horner evaluation of c[0] + c[1]·x + … + c[7]·x⁷. */
function poly(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i]!;
  return s;
}

/** Φ⁻¹(p), the standard normal quantile (Wichura's AS 241, PPND16): −∞ at 0, +∞ at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

/**
 * The p-quantile (0 < p < 1) of an input's distribution, clamped to [lo, hi] as `drawFrom` clamps its draws. Uniform
 * and [low, high] ranges: a + p(b − a); triangular: the inverse CDF that `drawFrom` applies to its uniform variate
 * (mode, default the coded value, clamped into [min, max]); normal: mean + sd·Φ⁻¹(p), the mean defaulting to the
 * coded value.
 */
export function uncertaintyQuantile(
  d: Uncertainty,
  coded: number,
  lo: number,
  hi: number,
  p: number,
): number {
  if (!(p > 0 && p < 1))
    throw new RangeError(`uncertaintyQuantile: p must lie strictly between 0 and 1, got ${p}`);
  const x =
    !Array.isArray(d) && d.distribution === 'normal'
      ? (d.mean ?? coded) + d.sd * normalQuantile(p)
      : inverseCdf(d, coded, p);
  return Math.min(hi, Math.max(lo, x));
}

export interface TornadoBar {
  /** Input id, e.g. "value:ru:territory". */
  input: string;
  /** The input's low and high quantiles (the values it is set to). */
  lowValue: number;
  highValue: number;
  /** The output with the input at its low / high value and every other input coded (null: no value). */
  atLow: number | null;
  atHigh: number | null;
  /** atHigh − atLow (null when either is null). */
  swing: number | null;
}

export interface TornadoResult {
  engine: SweepEngine;
  /** Forecast model (forecast and seats engines); null for the agreement engine. */
  model: string | null;
  seed: number;
  /** The quantile levels the inputs were moved between. */
  low: number;
  high: number;
  /** Number of uncertain inputs. */
  inputs: number;
  /** Every output with every input at its coded value. */
  base: { output: string; value: number | null }[];
  /** Per output, in column order: one bar per input, by decreasing |swing| (ties: input order; null swings last). */
  bars: { output: string; bars: TornadoBar[] }[];
}

const clean = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The one-at-a-time tornado of a sweep spec: a base run with every input coded, then for each uncertain input a run
 * at its `low` quantile and one at its `high` quantile (defaults 0.05 and 0.95), the others coded. All runs use run
 * index 0 of `spec.seed` (common random numbers). Pure: the spec is not changed.
 */
export function tornado(spec: SweepSpec, options: { low?: number; high?: number } = {}): TornadoResult {
  const low = options.low ?? 0.05;
  const high = options.high ?? 0.95;
  if (!(low > 0 && low < high && high < 1))
    throw new RangeError(`tornado: quantile levels need 0 < low < high < 1, got low ${low}, high ${high}`);
  const inputs = uncertainInputs(spec.scenario);
  const columns = sweepColumns(spec);
  const q = columns.length;
  const coded = inputs.map((i) => i.coded);
  const run = (values: number[]): Float64Array => {
    const row = new Float64Array(q);
    evaluate(spec, applyInputs(spec.scenario, inputs, values), 0, row);
    return row;
  };
  const baseRow = run(coded);
  const runs = inputs.map((inp, j) => {
    const lowValue = uncertaintyQuantile(inp.distribution, inp.coded, inp.lo, inp.hi, low);
    const highValue = uncertaintyQuantile(inp.distribution, inp.coded, inp.lo, inp.hi, high);
    const at = (v: number): Float64Array => run(coded.map((c, k) => (k === j ? v : c)));
    const atLow = at(lowValue);
    // Equal ends give the same run; reusing it makes the swing exactly 0.
    const atHigh = highValue === lowValue ? atLow : at(highValue);
    return { input: inp.id, lowValue, highValue, atLow, atHigh };
  });
  const bars = columns.map((c, k) => {
    const bs = runs.map((r): TornadoBar => {
      const atLow = clean(r.atLow[k]!);
      const atHigh = clean(r.atHigh[k]!);
      return {
        input: r.input,
        lowValue: r.lowValue,
        highValue: r.highValue,
        atLow,
        atHigh,
        swing: atLow === null || atHigh === null ? null : clean(atHigh - atLow),
      };
    });
    // Array.prototype.sort is stable, so equal |swing| keeps input order.
    bs.sort((a, b) =>
      a.swing === null
        ? b.swing === null
          ? 0
          : 1
        : b.swing === null
          ? -1
          : Math.abs(b.swing) - Math.abs(a.swing),
    );
    return { output: c.id, bars: bs };
  });
  return {
    engine: spec.engine,
    model: spec.engine === 'agreement' ? null : (spec.model ?? 'mean'),
    seed: spec.seed,
    low,
    high,
    inputs: inputs.length,
    base: columns.map((c, k) => ({ output: c.id, value: clean(baseRow[k]!) })),
    bars,
  };
}
