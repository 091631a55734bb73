/**
 * An initiative's stance on an issue as a set of values: a point, a closed range (text between two levels), or
 * a finite set of alternatives offered in the same text.
 */
import type { Provision } from '../scenario/schema.js';

export type StanceKind = 'point' | 'range' | 'alternatives';

export interface StanceSet {
  kind: StanceKind;
  /** Lowest and highest value of the set. */
  lo: number;
  hi: number;
  /** Representative value: the point, the range's midpoint, the alternatives' median. */
  mid: number;
  /** The alternatives, ascending (kind "alternatives" only). */
  values?: number[];
}

/** The stance set of a provision, or undefined when it mentions the issue without a codeable position. */
export function stanceOf(p: Pick<Provision, 'stance' | 'alternatives'>): StanceSet | undefined {
  if (p.alternatives && p.alternatives.length > 0) {
    const values = [...p.alternatives].sort((a, b) => a - b);
    const lo = values[0]!;
    const hi = values[values.length - 1]!;
    const m = values.length;
    const mid = m % 2 === 1 ? values[(m - 1) / 2]! : (values[m / 2 - 1]! + values[m / 2]!) / 2;
    return { kind: 'alternatives', lo, hi, mid, values };
  }
  if (typeof p.stance === 'number') return { kind: 'point', lo: p.stance, hi: p.stance, mid: p.stance };
  if (Array.isArray(p.stance)) {
    const lo = Math.min(p.stance[0], p.stance[1]);
    const hi = Math.max(p.stance[0], p.stance[1]);
    return { kind: 'range', lo, hi, mid: (lo + hi) / 2 };
  }
  return undefined;
}

/** Distance from x to the nearest value of the set (0 inside a range or on an alternative). */
export function distanceTo(x: number, s: StanceSet): number {
  if (s.kind === 'alternatives') {
    let d = Infinity;
    for (const v of s.values!) d = Math.min(d, Math.abs(x - v));
    return d;
  }
  if (x < s.lo) return s.lo - x;
  if (x > s.hi) return x - s.hi;
  return 0;
}

/** The value of the set nearest to x. */
export function nearest(x: number, s: StanceSet): number {
  if (s.kind === 'alternatives') {
    let best = s.values![0]!;
    for (const v of s.values!) if (Math.abs(x - v) < Math.abs(x - best)) best = v;
    return best;
  }
  return Math.min(s.hi, Math.max(s.lo, x));
}

/** Smallest distance between a value of one set and a value of the other (0 when they share a value). */
export function gap(a: StanceSet, b: StanceSet): number {
  const pointsA = a.kind === 'alternatives' ? a.values! : null;
  const pointsB = b.kind === 'alternatives' ? b.values! : null;
  if (pointsA) return Math.min(...pointsA.map((x) => distanceTo(x, b)));
  if (pointsB) return Math.min(...pointsB.map((x) => distanceTo(x, a)));
  if (a.hi < b.lo) return b.lo - a.hi;
  if (b.hi < a.lo) return a.lo - b.hi;
  return 0;
}

/** Median of numbers (mean of the two middle values for an even count); NaN for none. */
export function median(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const a = Float64Array.from(xs).sort();
  return n % 2 === 1 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/**
 * Whether one value can be chosen from each set so that all chosen values lie within a window of width `tol`.
 * Returns the start of such a window, or undefined. Any feasible window can slide left until its right end meets
 * the lower end (or an alternative) of some set, so those points minus `tol` are the only starts to try.
 */
export function commonWindow(sets: readonly StanceSet[], tol: number): number | undefined {
  const eps = 1e-9 * Math.max(1, Math.abs(tol));
  const starts: number[] = [];
  for (const s of sets) {
    if (s.kind === 'alternatives') for (const v of s.values!) starts.push(v - tol);
    else starts.push(s.lo - tol);
  }
  starts.sort((a, b) => a - b);
  for (const t of starts) {
    let ok = true;
    for (const s of sets) {
      if (!intersects(s, t - eps, t + tol + eps)) {
        ok = false;
        break;
      }
    }
    if (ok) return t;
  }
  return undefined;
}

function intersects(s: StanceSet, a: number, b: number): boolean {
  if (s.kind === 'alternatives') return s.values!.some((v) => v >= a && v <= b);
  return s.hi >= a && s.lo <= b;
}
