/**
 * The uncertain inputs of a scenario and their draws. Every estimate with an uncertainty is an input: an actor's
 * capability (`capabilityUncertainty`), a position's value (`uncertainty`), its salience (`salienceUncertainty`) and
 * the ends of its accept range (`acceptUncertainty.low` / `.high`, its red lines).
 *
 * Run r of a sweep draws its inputs from a xoroshiro128+ stream whose state is a hash of (seed, r) alone, so a run
 * gives the same numbers whichever worker, batch or machine computes it.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { scaleMax, scaleMin } from '../scenario/scale.js';
import type { Scenario, Uncertainty } from '../scenario/schema.js';

export type InputKind = 'capability' | 'value' | 'salience' | 'acceptLow' | 'acceptHigh';

export interface UncertainInput {
  /** "capability:ru", "value:ru:territory", "salience:ru:territory", "accept-low:ru:territory", "accept-high:…". */
  id: string;
  kind: InputKind;
  actor: string;
  issue?: string;
  /** The coded (point) estimate. */
  coded: number;
  distribution: Uncertainty;
  /**
   * Draws are clamped to [lo, hi]: the issue's scale for values and accept bounds, [0, 100] for saliences, [0, ∞) for
   * capabilities.
   */
  lo: number;
  hi: number;
}

/** Every uncertain input of the scenario, in file order: capabilities (actors), then values and saliences (positions). */
export function uncertainInputs(scenario: Scenario): UncertainInput[] {
  const out: UncertainInput[] = [];
  for (const a of scenario.actors)
    if (a.capabilityUncertainty)
      out.push({
        id: `capability:${a.id}`,
        kind: 'capability',
        actor: a.id,
        coded: a.capability,
        distribution: a.capabilityUncertainty,
        lo: 0,
        hi: Infinity,
      });
  const issues = new Map(scenario.issues.map((i) => [i.id, i]));
  for (const p of scenario.positions) {
    const iss = issues.get(p.issue);
    if (p.uncertainty && iss)
      out.push({
        id: `value:${p.actor}:${p.issue}`,
        kind: 'value',
        actor: p.actor,
        issue: p.issue,
        coded: p.value,
        distribution: p.uncertainty,
        lo: scaleMin(iss.scale),
        hi: scaleMax(iss.scale),
      });
    if (p.salienceUncertainty)
      out.push({
        id: `salience:${p.actor}:${p.issue}`,
        kind: 'salience',
        actor: p.actor,
        issue: p.issue,
        coded: p.salience,
        distribution: p.salienceUncertainty,
        lo: 0,
        hi: 100,
      });
    const au = p.acceptUncertainty;
    if (au && p.accept && iss) {
      const bounds: [InputKind, string, number, Uncertainty | undefined][] = [
        ['acceptLow', 'accept-low', Math.min(p.accept[0], p.accept[1]), au.low],
        ['acceptHigh', 'accept-high', Math.max(p.accept[0], p.accept[1]), au.high],
      ];
      for (const [kind, name, coded, distribution] of bounds)
        if (distribution)
          out.push({
            id: `${name}:${p.actor}:${p.issue}`,
            kind,
            actor: p.actor,
            issue: p.issue,
            coded,
            distribution,
            lo: scaleMin(iss.scale),
            hi: scaleMax(iss.scale),
          });
    }
  }
  return out;
}

/** murmur3's 32-bit finaliser: a bijective mix of a 32-bit word. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The random stream of run r under `seed` (a non-negative integer below 2^53): depends on (seed, r) alone. */
export function runStream(seed: number, r: number): RandomGenerator {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const words: number[] = [0, 1, 2, 3].map(
    (j) =>
      mix32(mix32(mix32(lo ^ Math.imul(j + 1, 0x9e3779b9)) ^ hi) ^ mix32(r + Math.imul(j, 0x7f4a7c15))) | 0,
  );
  if (!words.some((w) => w !== 0)) words[0] = 1;
  return xoroshiro128plusFromState(words);
}

/** A 32-bit seed for model-internal draws of run r (stochastic forecast models). */
export function runSeed(seed: number, r: number): number {
  return mix32(mix32(seed >>> 0) ^ mix32(r ^ 0x5bd1e995));
}

/** A [low, high] range, uniform or triangular uncertainty: the ones with a closed-form inverse CDF. */
export type BoundedUncertainty = Exclude<Uncertainty, { distribution: 'normal' }>;

/**
 * The inverse CDF of a range, uniform or triangular uncertainty at u ∈ [0, 1], unclamped: draws apply it to a uniform
 * variate, the tornado to its quantile levels. The triangular mode defaults to the coded value, clamped into range.
 */
export function inverseCdf(d: BoundedUncertainty, coded: number, u: number): number {
  if (Array.isArray(d)) {
    const a = Math.min(d[0], d[1]);
    const b = Math.max(d[0], d[1]);
    return a + u * (b - a);
  }
  const a = Math.min(d.min, d.max);
  const b = Math.max(d.min, d.max);
  if (d.distribution === 'uniform') return a + u * (b - a);
  const c = Math.min(b, Math.max(a, d.mode ?? coded));
  const f = b > a ? (c - a) / (b - a) : 0;
  return b <= a
    ? a
    : u < f
      ? a + Math.sqrt(u * (b - a) * (c - a))
      : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

/** One draw from an uncertainty, clamped to [lo, hi]. Uniform and triangular use one variate, normal two. */
export function drawFrom(
  d: Uncertainty,
  coded: number,
  lo: number,
  hi: number,
  rng: RandomGenerator,
): number {
  const u = uniformFloat64(rng);
  let x: number;
  if (!Array.isArray(d) && d.distribution === 'normal') {
    const v = uniformFloat64(rng);
    x = (d.mean ?? coded) + d.sd * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  } else x = inverseCdf(d, coded, u);
  return Math.min(hi, Math.max(lo, x));
}

/** Draw every input of run r into `out` (length = inputs.length). */
export function drawRun(inputs: UncertainInput[], seed: number, r: number, out: Float64Array): Float64Array {
  const rng = runStream(seed, r);
  for (let j = 0; j < inputs.length; j++) {
    const inp = inputs[j]!;
    out[j] = drawFrom(inp.distribution, inp.coded, inp.lo, inp.hi, rng);
  }
  return out;
}

/**
 * The scenario with the inputs set to `values` (plain copies; the original is not changed). An accept bound drawn
 * past the actor's own position in the run (its drawn value, or the coded one) is held at that position: an actor
 * accepts at least its own position, as the validator requires of coded ranges, so a drawn range is never empty.
 */
export function applyInputs(
  scenario: Scenario,
  inputs: UncertainInput[],
  values: ArrayLike<number>,
): Scenario {
  const cap = new Map<string, number>();
  const byPosition = new Map<InputKind, Map<string, number>>();
  inputs.forEach((inp, j) => {
    const v = values[j]!;
    if (inp.kind === 'capability') cap.set(inp.actor, v);
    else {
      let m = byPosition.get(inp.kind);
      if (!m) byPosition.set(inp.kind, (m = new Map()));
      m.set(`${inp.actor}\u0000${inp.issue}`, v);
    }
  });
  const val = byPosition.get('value');
  const sal = byPosition.get('salience');
  const accLo = byPosition.get('acceptLow');
  const accHi = byPosition.get('acceptHigh');
  return {
    ...scenario,
    actors: scenario.actors.map((a) => (cap.has(a.id) ? { ...a, capability: cap.get(a.id)! } : a)),
    positions: scenario.positions.map((p) => {
      const k = `${p.actor}\u0000${p.issue}`;
      const v = val?.get(k);
      const s = sal?.get(k);
      const lo = accLo?.get(k);
      const hi = accHi?.get(k);
      if (v === undefined && s === undefined && lo === undefined && hi === undefined) return p;
      const value = v ?? p.value;
      const out = { ...p, value, salience: s ?? p.salience };
      if (p.accept && (lo !== undefined || hi !== undefined)) {
        const a = Math.min(p.accept[0], p.accept[1]);
        const b = Math.max(p.accept[0], p.accept[1]);
        out.accept = [Math.min(lo ?? a, value), Math.max(hi ?? b, value)];
      }
      return out;
    }),
  };
}
