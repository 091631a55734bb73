/**
 * Weighted median (reference/forecast-models.md §2.2): weights c_i·s_id, the lower weighted median by default,
 * with the upper and midpoint conventions for exact ties. Equals the Condorcet winner among the positions under
 * distance-based single-peaked preferences (the median voter of Scholz et al. eqs. 26–29).
 */
import type { ForecastProblem, ForecastResult } from './problem.js';
import { checkProblem, outcomeRecord, positionsRecord } from './result.js';

export type MedianTie = 'lower' | 'upper' | 'midpoint';

export interface MedianOptions {
  tie: MedianTie;
  /** `salience`: equal capability (weights s_id). */
  weighting: 'capability-salience' | 'salience';
  /** Per-issue capability c_id (n×d, row-major) used in place of c_i, e.g. Decide's per actor-issue power. */
  issueCapability?: Float64Array;
}

export const MEDIAN_DEFAULTS: MedianOptions = { tie: 'lower', weighting: 'capability-salience' };

/**
 * Weighted median of `m` values xs[0..m) with weights ws (≥ 0). Zero-weight entries are ignored. Returns NaN when
 * the total weight is 0. `order` is optional scratch space (length ≥ m) to avoid allocation in hot loops.
 * A tie is a cumulative weight equal to W/2 within 1e-12·W.
 */
export function weightedMedianOf(
  xs: ArrayLike<number>,
  ws: ArrayLike<number>,
  m: number,
  tie: MedianTie = 'lower',
  order?: Uint32Array,
): number {
  const idx = order ?? new Uint32Array(m);
  let cnt = 0;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const w = ws[i]!;
    if (w > 0 && !Number.isNaN(xs[i]!)) {
      idx[cnt++] = i;
      total += w;
    }
  }
  if (!(total > 0)) return NaN;
  const view = idx.subarray(0, cnt);
  view.sort((a, b) => xs[a]! - xs[b]!);
  const half = total / 2;
  const eps = 1e-12 * total;
  let cum = 0;
  let g = 0;
  while (g < cnt) {
    const x = xs[view[g]!]!;
    // take the whole group of equal positions
    while (g < cnt && xs[view[g]!]! === x) cum += ws[view[g++]!]!;
    if (cum >= half - eps) {
      if (tie === 'lower' || Math.abs(cum - half) > eps || g >= cnt) return x;
      const next = xs[view[g]!]!;
      return tie === 'upper' ? next : (x + next) / 2;
    }
  }
  return xs[view[cnt - 1]!]!;
}

/** Weighted median of issue k of a problem; NaN when no coded actor has positive weight. */
export function medianOfIssue(
  problem: ForecastProblem,
  k: number,
  options: MedianOptions = MEDIAN_DEFAULTS,
): number {
  const n = problem.actors.length;
  const d = problem.issues.length;
  const xs = new Float64Array(n);
  const ws = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = problem.position[i * d + k]!;
    const s = problem.salience[i * d + k]!;
    const c = options.issueCapability ? options.issueCapability[i * d + k]! : problem.capability[i]!;
    ws[i] = Number.isNaN(xs[i]!) ? 0 : options.weighting === 'salience' ? s : c * s;
  }
  return weightedMedianOf(xs, ws, n, options.tie);
}

export function weightedMedian(
  problem: ForecastProblem,
  options: Partial<MedianOptions> = {},
): ForecastResult {
  checkProblem(problem);
  const o: MedianOptions = { ...MEDIAN_DEFAULTS, ...options };
  const out = problem.issues.map((_, k) => medianOfIssue(problem, k, o));
  const none = problem.issues.filter((_, k) => Number.isNaN(out[k]!)).map((s) => s.id);
  return {
    model: 'median',
    rounds: [{ positions: positionsRecord(problem, problem.position) }],
    outcome: outcomeRecord(problem, out),
    stop:
      'closed form: one round' +
      (none.length ? `; no forecast (zero total weight) on ${none.join(', ')}` : ''),
    details: { tie: o.tie, weighting: o.weighting },
  };
}
