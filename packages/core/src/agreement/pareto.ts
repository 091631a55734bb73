/**
 * Pareto frontier (agreement.md §3) under the strict convention: weakly dominated points are removed and duplicate
 * utility vectors (equal within ε in every coordinate) collapse to one representative, the smallest outcome index.
 *
 * Two parties: bucket pre-filter + O(n log n) sort-and-sweep (§3.2). More parties: sort-filter skyline (§3.3) after
 * a pivot pre-filter. Results are outcome indices ordered by decreasing first utility.
 */

export const PARETO_EPS = 1e-12;

/** Indices 0..n-1, or the given subset. */
function subset(n: number, idx?: ArrayLike<number>): Int32Array {
  if (idx) return Int32Array.from(idx);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

/**
 * Two-party frontier. `u1`, `u2` hold utilities per outcome; `idx` restricts to a subset (e.g. the rational set).
 * Returns representatives ordered by decreasing u1 (hence increasing u2).
 */
export function paretoFront2(
  u1: Float64Array,
  u2: Float64Array,
  idx?: ArrayLike<number>,
  eps = PARETO_EPS,
): Int32Array {
  const all = idx ? Int32Array.from(idx) : null;
  const n = all ? all.length : u1.length;
  if (n === 0) return new Int32Array(0);
  // Pre-filter: bucket by u1; a point whose u2 does not exceed the best u2 of a strictly higher bucket is dropped by
  // the sweep anyway (a point there has strictly larger u1 and at least as large u2), so it never needs sorting.
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++) {
    const x = u1[all ? all[j]! : j]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  let cand: ArrayLike<number>;
  if (n > 64 && hi > lo) {
    const B = Math.min(1 << 16, n >> 3);
    const scale = B / (hi - lo);
    const bmax = new Float64Array(B + 1).fill(-Infinity);
    for (let j = 0; j < n; j++) {
      const i = all ? all[j]! : j;
      let b = Math.floor((u1[i]! - lo) * scale);
      if (b >= B) b = B - 1;
      if (u2[i]! > bmax[b]!) bmax[b] = u2[i]!;
    }
    // suffix[b] = max u2 over buckets > b
    const suffix = new Float64Array(B + 1).fill(-Infinity);
    for (let b = B - 1; b >= 0; b--) suffix[b] = Math.max(suffix[b + 1]!, bmax[b + 1]!);
    const keep: number[] = [];
    for (let j = 0; j < n; j++) {
      const i = all ? all[j]! : j;
      const y = u2[i]!;
      let b = Math.floor((u1[i]! - lo) * scale);
      if (b >= B) b = B - 1;
      if (y > suffix[b]!) keep.push(i);
    }
    cand = keep;
  } else {
    cand = all ?? Int32Array.from({ length: n }, (_, i) => i);
  }
  const order = Array.from(cand);
  order.sort((a, b) => u1[b]! - u1[a]! || u2[b]! - u2[a]! || a - b);
  const out: number[] = [];
  let best2 = -Infinity;
  let last1 = NaN;
  let last2 = NaN;
  for (const i of order) {
    const a = u1[i]!;
    const b = u2[i]!;
    if (b > best2 + eps) {
      // A near-duplicate of the previous frontier point (within ε in both) collapses onto it.
      if (Math.abs(a - last1) <= eps && Math.abs(b - last2) <= eps) continue;
      out.push(i);
      best2 = b;
      last1 = a;
      last2 = b;
    }
  }
  return Int32Array.from(out);
}

/** Does vector p (at offset) weakly dominate q under tolerance ε? */
function dominates(us: Float64Array[], p: number, q: number, eps: number): boolean {
  let strict = false;
  for (let d = 0; d < us.length; d++) {
    const a = us[d]![p]!;
    const b = us[d]![q]!;
    if (a < b - eps) return false;
    if (a > b + eps) strict = true;
  }
  return strict;
}

function sameVector(us: Float64Array[], p: number, q: number, eps: number): boolean {
  for (let d = 0; d < us.length; d++) if (Math.abs(us[d]![p]! - us[d]![q]!) > eps) return false;
  return true;
}

/** n-party frontier by sort-filter skyline. Returns representatives ordered by decreasing u_1, then u_2, … */
export function skyline(us: Float64Array[], idx?: ArrayLike<number>, eps = PARETO_EPS): Int32Array {
  const dim = us.length;
  if (dim === 0) throw new Error('skyline needs at least one party');
  const all = subset(us[0]!.length, idx);
  const n = all.length;
  if (n === 0) return new Int32Array(0);
  const sum = new Float64Array(us[0]!.length);
  for (let j = 0; j < n; j++) {
    const i = all[j]!;
    let s = 0;
    for (let d = 0; d < dim; d++) s += us[d]![i]!;
    sum[i] = s;
  }
  // Pivot pre-filter: the max-sum point and each party's best point drop whatever they dominate.
  const pivots: number[] = [];
  let bestS = all[0]!;
  for (let j = 1; j < n; j++) if (sum[all[j]!]! > sum[bestS]!) bestS = all[j]!;
  pivots.push(bestS);
  for (let d = 0; d < dim; d++) {
    let b = all[0]!;
    for (let j = 1; j < n; j++) {
      const i = all[j]!;
      if (us[d]![i]! > us[d]![b]! || (us[d]![i]! === us[d]![b]! && sum[i]! > sum[b]!)) b = i;
    }
    pivots.push(b);
  }
  const cand: number[] = [];
  for (let j = 0; j < n; j++) {
    const i = all[j]!;
    let dropped = false;
    for (const p of pivots)
      if (p !== i && dominates(us, p, i, eps)) {
        dropped = true;
        break;
      }
    if (!dropped) cand.push(i);
  }
  cand.sort((a, b) => sum[b]! - sum[a]! || a - b);
  const window: number[] = [];
  for (const c of cand) {
    let out = false;
    for (const w of window) {
      if (dominates(us, w, c, eps) || sameVector(us, w, c, eps)) {
        out = true;
        break;
      }
    }
    if (out) continue;
    // A later point with a lower sum can still dominate under ε only by ε-sized margins; check both ways.
    for (let k = window.length - 1; k >= 0; k--) if (dominates(us, c, window[k]!, eps)) window.splice(k, 1);
    window.push(c);
  }
  window.sort((a, b) => {
    for (let d = 0; d < dim; d++) {
      const x = us[d]![b]! - us[d]![a]!;
      if (x !== 0) return x;
    }
    return a - b;
  });
  return Int32Array.from(window);
}

/** Frontier for any number of parties: the sweep for two, the skyline otherwise. */
export function paretoFront(us: Float64Array[], idx?: ArrayLike<number>, eps = PARETO_EPS): Int32Array {
  return us.length === 2 ? paretoFront2(us[0]!, us[1]!, idx, eps) : skyline(us, idx, eps);
}

/**
 * For each frontier representative, the outcomes (from `idx`, or all) whose utility vector equals it within ε.
 * Lists are capped at `cap` entries each.
 */
export function realisers(
  us: Float64Array[],
  front: Int32Array,
  idx?: ArrayLike<number>,
  eps = PARETO_EPS,
  cap = 100,
): number[][] {
  const out: number[][] = Array.from(front, () => []);
  const u1 = us[0]!;
  // front is sorted by decreasing u1
  const f1 = Float64Array.from(front, (i) => u1[i]!);
  const all = subset(u1.length, idx);
  for (let j = 0; j < all.length; j++) {
    const i = all[j]!;
    const x = u1[i]!;
    // first position with f1 <= x + eps
    let a = 0;
    let b = f1.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (f1[mid]! > x + eps) a = mid + 1;
      else b = mid;
    }
    for (let k = a; k < f1.length && f1[k]! >= x - eps; k++) {
      if (sameVector(us, front[k]!, i, eps)) {
        if (out[k]!.length < cap) out[k]!.push(i);
        break;
      }
    }
  }
  return out;
}
