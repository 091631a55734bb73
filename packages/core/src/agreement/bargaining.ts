/**
 * Bargaining solutions on a finite frontier (agreement.md §4), with unambiguous names. NegMAS correspondence:
 * `nash` = NegMAS `nash_points`; `kalaiSmorodinsky` = NegMAS `ks_points` (`ks_utils`); `egalitarian` = NegMAS
 * `kalai_points` (`kalai_utils`, which NegMAS labels "Kalai" although it is Kalai's 1977 egalitarian solution);
 * `utilitarian` = NegMAS max welfare; `relativeUtilitarian` = NegMAS `max_relative_welfare`.
 */
import { PARETO_EPS } from './pareto.js';

export interface BargainingPoint {
  /** The chosen outcome: among ties, the first in canonical order (smallest index). */
  outcome: number;
  utilities: number[];
  /** Value of the criterion at the optimum. */
  value: number;
  /** All frontier outcomes within ε of the optimum (including `outcome`). */
  ties: number[];
}

export interface BargainingSolutions {
  nash: BargainingPoint | null;
  kalaiSmorodinsky: BargainingPoint | null;
  egalitarian: BargainingPoint | null;
  utilitarian: BargainingPoint | null;
  relativeUtilitarian: BargainingPoint | null;
}

export interface BargainingOptions {
  /** Disagreement point per party (Parley: the reservation values). */
  disagreement: number[];
  /** Utopia per party; default: the best utility on the given feasible set (classical convention). */
  utopia?: number[];
  /** min_ω u_i over the whole space, for the relative utilitarian; default: minimum over the feasible set. */
  minimum?: number[];
  eps?: number;
}

/**
 * Pick the optimum of `score` (larger is better) over `feasible`, with ties within ε broken first by `tiebreak`
 * (larger better, optional) and then by smallest outcome index.
 */
export function optimum(
  us: Float64Array[],
  feasible: ArrayLike<number>,
  score: (i: number) => number,
  eps = PARETO_EPS,
  tiebreak?: (i: number) => number,
): BargainingPoint | null {
  let best = -Infinity;
  const sc = new Float64Array(feasible.length);
  for (let j = 0; j < feasible.length; j++) {
    const s = score(feasible[j]!);
    sc[j] = s;
    if (s > best) best = s;
  }
  if (!(best > -Infinity)) return null;
  const ties: number[] = [];
  for (let j = 0; j < feasible.length; j++) if (sc[j]! >= best - eps) ties.push(feasible[j]!);
  let pool = ties;
  if (tiebreak) {
    let tb = -Infinity;
    for (const i of ties) tb = Math.max(tb, tiebreak(i));
    pool = ties.filter((i) => tiebreak(i) >= tb - eps);
  }
  const outcome = Math.min(...pool);
  ties.sort((a, b) => a - b);
  return { outcome, utilities: us.map((u) => u[outcome]!), value: score(outcome), ties };
}

export function bargainingSolutions(
  us: Float64Array[],
  feasible: ArrayLike<number>,
  opts: BargainingOptions,
): BargainingSolutions {
  const eps = opts.eps ?? PARETO_EPS;
  const n = us.length;
  const d = opts.disagreement;
  const rational = Array.from(feasible).filter((i) => us.every((u, p) => u[i]! >= d[p]! - eps));
  const empty = {
    nash: null,
    kalaiSmorodinsky: null,
    egalitarian: null,
    utilitarian: null,
    relativeUtilitarian: null,
  };
  if (rational.length === 0) return empty;
  const U = opts.utopia ?? us.map((u) => rational.reduce((m, i) => Math.max(m, u[i]!), -Infinity));
  const lo = opts.minimum ?? us.map((u) => rational.reduce((m, i) => Math.min(m, u[i]!), Infinity));
  const gain = (i: number, p: number): number => us[p]![i]! - d[p]!;
  const norm = (i: number, p: number): number => {
    const span = U[p]! - d[p]!;
    return span > eps ? gain(i, p) / span : 1;
  };
  const minNorm = (i: number): number => {
    let m = Infinity;
    for (let p = 0; p < n; p++) m = Math.min(m, norm(i, p));
    return m;
  };
  return {
    nash: optimum(
      us,
      rational,
      (i) => {
        let prod = 1;
        for (let p = 0; p < n; p++) prod *= Math.max(0, gain(i, p));
        return prod;
      },
      eps,
    ),
    kalaiSmorodinsky: optimum(
      us,
      rational,
      (i) => {
        let mx = -Infinity;
        let mn = Infinity;
        for (let p = 0; p < n; p++) {
          const a = norm(i, p);
          if (a > mx) mx = a;
          if (a < mn) mn = a;
        }
        return -(mx - mn);
      },
      eps,
      minNorm,
    ),
    egalitarian: optimum(
      us,
      rational,
      (i) => {
        let m = Infinity;
        for (let p = 0; p < n; p++) m = Math.min(m, gain(i, p));
        return m;
      },
      eps,
    ),
    utilitarian: optimum(
      us,
      rational,
      (i) => {
        let s = 0;
        for (let p = 0; p < n; p++) s += us[p]![i]!;
        return s;
      },
      eps,
    ),
    relativeUtilitarian: optimum(
      us,
      rational,
      (i) => {
        let s = 0;
        for (let p = 0; p < n; p++) {
          const span = U[p]! - Math.max(d[p]!, lo[p]!);
          s += span > eps ? gain(i, p) / span : 0;
        }
        return s;
      },
      eps,
    ),
  };
}
