/**
 * A party's preferences over an outcome space: a linear-additive utility (agreement.md §2.1) with an optional cap,
 * a reservation value (§2.3), a discount factor (§2.4) and red lines (hard per-issue constraints).
 */
import { expandAdditive, expandMask, type OutcomeSpace } from './space.js';

export interface PartyPreference {
  /** Party id (scenario actor id, or the Genius profile's name). */
  id: string;
  /** Issue weights `w_k`, one per issue of the space (used exactly as given; never renormalised here). */
  weights: Float64Array;
  /** Per-issue evaluations `v_k(level)` in [0, 1]. */
  evals: Float64Array[];
  /** Utilities are `min(cap, Σ w·v)`: 1 under Genius semantics, Infinity otherwise. */
  cap: number;
  /** Reservation value r: utility of no agreement. */
  reservation: number;
  /** Discount factor d in (0, 1]; 1 means no discount. */
  discount: number;
  /**
   * Red lines: per issue, a mask over levels where 1 marks a level the party rejects (outside its accept range),
   * or null when the party has no red line on that issue.
   */
  redLines: (Uint8Array | null)[];
  /**
   * Non-additive utility (Genius hyper-rectangle profiles, §6.5): when present it replaces the additive part, and
   * `u = min(cap, ufun(ω) / maxUtility)`.
   */
  nonlinear?: { maxUtility: number; ufun: RectUfun };
}

/** A hyper-rectangle over level indices: bound b holds when lo[b] ≤ level of issue[b] ≤ hi[b]. */
export interface HyperRectangle {
  issue: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  /** true: contributes when every bound holds (INCLUDES); false: when any bound fails (EXCLUDES). */
  inclusive: boolean;
  /** utility × weight. */
  value: number;
}

export interface RectUfun {
  aggregation: 'sum' | 'min' | 'max';
  weight: number;
  rects: HyperRectangle[];
  children: RectUfun[];
}

const GENIUS_INT_MAX = 2147483647;

function rectContributes(r: HyperRectangle, levels: ArrayLike<number>): boolean {
  const nb = r.issue.length;
  if (nb === 0) return true;
  if (r.inclusive) {
    for (let b = 0; b < nb; b++) {
      const x = levels[r.issue[b]!]!;
      if (x < r.lo[b]! || x > r.hi[b]!) return false;
    }
    return true;
  }
  for (let b = 0; b < nb; b++) {
    const x = levels[r.issue[b]!]!;
    if (x < r.lo[b]! || x > r.hi[b]!) return true;
  }
  return false;
}

/** Value of a hyper-rectangle utility function (sum, min or max over its rectangles and weighted children). */
export function ufunValue(f: RectUfun, levels: ArrayLike<number>): number {
  let acc = f.aggregation === 'min' ? GENIUS_INT_MAX : f.aggregation === 'max' ? -GENIUS_INT_MAX : 0;
  const add = (x: number): void => {
    if (f.aggregation === 'sum') acc += x;
    else if (f.aggregation === 'min') acc = Math.min(acc, x);
    else acc = Math.max(acc, x);
  };
  for (const r of f.rects) add(rectContributes(r, levels) ? r.value : 0);
  for (const c of f.children) add(c.weight * ufunValue(c, levels));
  return acc;
}

/** Utility of one package (levels per issue). */
export function utilityOf(p: PartyPreference, levels: ArrayLike<number>): number {
  if (p.nonlinear) {
    const v = ufunValue(p.nonlinear.ufun, levels) / p.nonlinear.maxUtility;
    return v < p.cap ? v : p.cap;
  }
  let s = 0;
  for (let k = 0; k < p.weights.length; k++) s += p.weights[k]! * p.evals[k]![levels[k]!]!;
  return s < p.cap ? s : p.cap;
}

/** Discounted utility at normalised time t ∈ [0,1] (Genius style: u·d^t). */
export function discounted(p: PartyPreference, u: number, t: number): number {
  const tt = t < 0 ? 0 : t > 1 ? 1 : t;
  return p.discount > 0 && p.discount < 1 ? u * Math.pow(p.discount, tt) : u;
}

/** Whether the package respects every red line of the party. */
export function meetsRedLines(p: PartyPreference, levels: ArrayLike<number>): boolean {
  for (let k = 0; k < p.redLines.length; k++) {
    const m = p.redLines[k];
    if (m && m[levels[k]!] === 1) return false;
  }
  return true;
}

/** A package is acceptable (individually rational) iff it meets every red line and `u ≥ r`. */
export function acceptable(p: PartyPreference, levels: ArrayLike<number>, eps = 1e-12): boolean {
  return meetsRedLines(p, levels) && utilityOf(p, levels) >= p.reservation - eps;
}

/** Utilities of every outcome of the space, in canonical order. */
export function utilitiesOverSpace(space: OutcomeSpace, p: PartyPreference): Float64Array {
  return utilitiesOverBox(
    space,
    p,
    space.issues.map((_, k) => Array.from({ length: space.radix[k]! }, (_, v) => v)),
  );
}

/**
 * Utilities over the box `Π_k allowed[k]` (level indices per issue), in canonical order of the box: additive
 * utilities by per-issue expansion, non-additive ones package by package.
 */
export function utilitiesOverBox(space: OutcomeSpace, p: PartyPreference, allowed: number[][]): Float64Array {
  const radix = Int32Array.from(allowed, (a) => a.length);
  const size = allowed.reduce((x, a) => x * a.length, 1);
  const box: OutcomeSpace = { issues: space.issues, radix, size };
  if (p.nonlinear) {
    const m = radix.length;
    const u = new Float64Array(size);
    const digit = new Int32Array(m);
    const lv = Int32Array.from(allowed, (a) => a[0] ?? 0);
    for (let j = 0; j < size; j++) {
      u[j] = utilityOf(p, lv);
      for (let k = m - 1; k >= 0; k--) {
        if (++digit[k]! < radix[k]!) {
          lv[k] = allowed[k]![digit[k]!]!;
          break;
        }
        digit[k] = 0;
        lv[k] = allowed[k]![0]!;
      }
    }
    return u;
  }
  const u = expandAdditive(
    box,
    allowed.map((a, k) => a.map((v) => p.weights[k]! * p.evals[k]![v]!)),
  );
  if (Number.isFinite(p.cap)) for (let i = 0; i < u.length; i++) if (u[i]! > p.cap) u[i] = p.cap;
  return u;
}

/** Red-line violation bit masks of every outcome (bit k set when issue k breaks a red line). */
export function violationsOverSpace(space: OutcomeSpace, p: PartyPreference): Uint32Array {
  return expandMask(space, p.redLines);
}

/** Whether the party has any red line. */
export function hasRedLines(p: PartyPreference): boolean {
  return p.redLines.some((m) => m !== null && m.includes(1));
}
