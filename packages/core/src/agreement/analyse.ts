/**
 * Outcome-space analysis for the seated parties (agreement.md §2–§5): zone of possible agreement, blocking red lines,
 * rational Pareto frontier, bargaining solutions, package deal over a baseline and logrolling trades.
 *
 * Red lines are per-issue constraints, so the set of packages that meets every red line is a box: the product of the
 * levels every party allows on each issue. The analysis enumerates that box (or samples it, seeded, when it is larger
 * than `maxOutcomes`) and then keeps the packages with `u_i ≥ r_i` for every party.
 */
import { bargainingSolutions, optimum, type BargainingPoint } from './bargaining.js';
import { PARETO_EPS, paretoFront, realisers } from './pareto.js';
import { utilitiesOverBox, utilityOf, type PartyPreference } from './preference.js';
import { rng } from './rng.js';
import type { AgreementProblem } from './scenario.js';
import { packageOf, type OutcomeSpace } from './space.js';

export interface AgreementPoint {
  package: Record<string, string | number>;
  utilities: number[];
  /** How many evaluated packages realise this utility vector (frontier points only). */
  outcomes?: number;
}

export interface BlockingRedLines {
  /** The smallest set of this party's red lines (issue ids) whose relaxation opens the zone, or null if none does. */
  relax: string[] | null;
  /** Why `relax` is null. */
  reason?: string;
}

export interface LogrollTrade {
  /** Party that gets its best level on `gets`, conceding `gives` to the partner. */
  party: string;
  partner: string;
  gets: string;
  gives: string;
  package: Record<string, string | number>;
  /** Utility change from the baseline, per party in `parties` order. */
  gains: number[];
}

export interface AgreementAnalysis {
  parties: string[];
  issues: string[];
  /** Size of the whole package space. */
  outcomes: number;
  /** Packages meeting every red line (product of the allowed levels per issue). */
  redLineBox: number;
  /** Packages actually evaluated (all of the box, or a sample of it). */
  evaluated: number;
  sampled: boolean;
  reservation: number[];
  /** Packages every party accepts (exact when enumerated, an estimate scaled from the sample otherwise). */
  zopa: number;
  /** Per party, when the zone is empty: its red lines that block it. Empty object when the zone is non-empty. */
  blockingRedLines: Record<string, BlockingRedLines>;
  /** Fewest red lines to relax across all parties, per blocked issue: the level most parties allow and who must move. */
  jointRelaxation: Record<string, JointRelaxation>;
  pareto: AgreementPoint[];
  nash: AgreementPoint | null;
  kalaiSmorodinsky: AgreementPoint | null;
  egalitarian: AgreementPoint | null;
  utilitarian: AgreementPoint | null;
  relativeUtilitarian: AgreementPoint | null;
  /** Ties at each bargaining optimum (number of frontier points within ε). */
  ties: Record<string, number>;
  baseline: AgreementPoint | null;
  /** Rational package maximising the minimum gain over the baseline (Smartsettle-style improvement). */
  packageDeal: (AgreementPoint & { minGain: number }) | null;
  logrolls: LogrollTrade[];
  /** NegMAS opposition level over the evaluated packages: min_ω sqrt(Σ_i (1 − u_i(ω)/max_i)²) (§5). */
  opposition: number | null;
  /** Share of the evaluated packages that every party accepts. */
  rationalFraction: number;
  epsilon: number;
}

export interface DealQuality {
  /** Euclidean distance in utility space to the nearest Pareto point. */
  paretoDistance: number | null;
  /** Distance to each bargaining point. */
  distances: Record<'nash' | 'kalaiSmorodinsky' | 'egalitarian' | 'utilitarian', number | null>;
  /** Per party (u_i − r_i)/(max_i − r_i), max over the frontier. */
  advantage: number[];
  welfare: number;
}

/** How good a deal is, measured against an analysis of the same problem (§5). */
export function dealQuality(a: AgreementAnalysis, utilities: number[]): DealQuality {
  const dist = (u: number[]): number => Math.sqrt(u.reduce((s, x, i) => s + (x - utilities[i]!) ** 2, 0));
  const pt = (p: AgreementPoint | null): number | null => (p ? dist(p.utilities) : null);
  const best = a.parties.map((_, i) => a.pareto.reduce((m, p) => Math.max(m, p.utilities[i]!), -Infinity));
  return {
    paretoDistance: a.pareto.length > 0 ? Math.min(...a.pareto.map((p) => dist(p.utilities))) : null,
    distances: {
      nash: pt(a.nash),
      kalaiSmorodinsky: pt(a.kalaiSmorodinsky),
      egalitarian: pt(a.egalitarian),
      utilitarian: pt(a.utilitarian),
    },
    advantage: utilities.map((u, i) => {
      const span = best[i]! - a.reservation[i]!;
      return span > 0 ? (u - a.reservation[i]!) / span : 0;
    }),
    welfare: utilities.reduce((x, y) => x + y, 0),
  };
}

export interface AnalysisOptions {
  /** Enumerate up to this many packages of the red-line box (default 2,000,000); sample above. */
  maxOutcomes?: number;
  /** Sample size when sampling (default 200,000). */
  samples?: number;
  seed?: number;
  /** Baseline package (levels per issue) for the package deal and logrolls. */
  baseline?: ArrayLike<number>;
  eps?: number;
  /** Maximum number of logroll trades reported (default 10). */
  maxLogrolls?: number;
}

/** Per issue, the levels every party's red lines allow. */
export function allowedLevels(space: OutcomeSpace, parties: PartyPreference[], skip = -1): number[][] {
  return space.issues.map((_, k) => {
    const out: number[] = [];
    for (let v = 0; v < space.radix[k]!; v++) {
      if (parties.every((p, j) => j === skip || !p.redLines[k] || p.redLines[k]![v] === 0)) out.push(v);
    }
    return out;
  });
}

/** Blocking red lines per party (exact, from the box structure): the issues where only this party's line closes the box. */
export function blockingRedLines(
  space: OutcomeSpace,
  parties: PartyPreference[],
): Record<string, BlockingRedLines> {
  const out: Record<string, BlockingRedLines> = {};
  parties.forEach((p, i) => {
    const others = allowedLevels(space, parties, i);
    const conflict = others.findIndex((a) => a.length === 0);
    if (conflict >= 0) {
      out[p.id] = {
        relax: null,
        reason: `the other parties' red lines already conflict on "${space.issues[conflict]!.id}"`,
      };
      return;
    }
    const relax: string[] = [];
    others.forEach((a, k) => {
      const m = p.redLines[k];
      if (m && a.every((v) => m[v] === 1)) relax.push(space.issues[k]!.id);
    });
    out[p.id] =
      relax.length > 0 ? { relax } : { relax, reason: 'none of its red lines closes the zone on its own' };
  });
  return out;
}

export interface JointRelaxation {
  /** Fewest parties that must relax their red line on this issue. */
  minimumRelaxations: number;
  /** Each way to reach that minimum: who relaxes, and the levels that then meet every remaining red line. */
  options: { relax: string[]; levels: (string | number)[] }[];
  /** Levels each party's red line allows on this issue. */
  accepts: Record<string, (string | number)[]>;
}

/** For each issue whose red lines leave no common level: the fewest parties that must relax, and the ways to do it. */
export function jointRelaxation(
  space: OutcomeSpace,
  parties: PartyPreference[],
): Record<string, JointRelaxation> {
  const out: Record<string, JointRelaxation> = {};
  const all = allowedLevels(space, parties);
  all.forEach((a, k) => {
    if (a.length > 0) return;
    const iss = space.issues[k]!;
    const blockers: string[][] = [];
    for (let v = 0; v < space.radix[k]!; v++)
      blockers.push(parties.filter((p) => p.redLines[k]?.[v] === 1).map((p) => p.id));
    const min = Math.min(...blockers.map((b) => b.length));
    const options = new Map<string, { relax: string[]; levels: (string | number)[] }>();
    blockers.forEach((b, v) => {
      if (b.length !== min) return;
      const key = b.join(',');
      if (!options.has(key)) options.set(key, { relax: b, levels: [] });
      options.get(key)!.levels.push(iss.values[v]!);
    });
    const accepts: Record<string, (string | number)[]> = {};
    for (const p of parties)
      if (p.redLines[k]) accepts[p.id] = iss.values.filter((_, v) => p.redLines[k]![v] === 0);
    out[iss.id] = { minimumRelaxations: min, options: [...options.values()], accepts };
  });
  return out;
}

/** Levels per issue of the package nearest the mean of the parties' ideal levels (default baseline for scenarios). */
export function midpointPackage(space: OutcomeSpace, parties: PartyPreference[]): Int32Array {
  const lv = new Int32Array(space.radix.length);
  space.issues.forEach((iss, k) => {
    const ideals = parties
      .filter((p) => p.weights[k]! > 0)
      .map((p) => {
        const e = p.evals[k]!;
        let b = 0;
        for (let v = 1; v < e.length; v++) if (e[v]! > e[b]!) b = v;
        return b;
      });
    if (ideals.length === 0) return;
    const numeric = iss.values.every((x) => typeof x === 'number');
    if (numeric) {
      const vals = iss.values as number[];
      const mean = ideals.reduce((s, b) => s + vals[b]!, 0) / ideals.length;
      let best = 0;
      for (let v = 1; v < vals.length; v++)
        if (Math.abs(vals[v]! - mean) < Math.abs(vals[best]! - mean) - 1e-12) best = v;
      lv[k] = best;
    } else {
      lv[k] = Math.round(ideals.reduce((s, b) => s + b, 0) / ideals.length);
    }
  });
  return lv;
}

export function analyseAgreement(problem: AgreementProblem, opts: AnalysisOptions = {}): AgreementAnalysis {
  const { space, parties } = problem;
  const eps = opts.eps ?? PARETO_EPS;
  const n = parties.length;
  const m = space.radix.length;
  const ids = parties.map((p) => p.id);
  const allowed = allowedLevels(space, parties);
  const boxSize = allowed.reduce((s, a) => s * a.length, 1);
  const maxOutcomes = opts.maxOutcomes ?? 2_000_000;
  const sampled = boxSize > maxOutcomes;

  // Evaluate the box: levels[j*m + k] are the full-space levels of evaluated package j.
  let count = 0;
  let us: Float64Array[] = parties.map(() => new Float64Array(0));
  let levelsOf: (j: number, out: Int32Array) => Int32Array = (_j, out) => out;
  if (boxSize > 0 && !sampled) {
    us = parties.map((p) => utilitiesOverBox(space, p, allowed));
    count = boxSize;
    levelsOf = (j, out) => {
      let rest = j;
      for (let k = m - 1; k >= 0; k--) {
        const a = allowed[k]!;
        out[k] = a[rest % a.length]!;
        rest = Math.floor(rest / a.length);
      }
      return out;
    };
  } else if (boxSize > 0) {
    const S = opts.samples ?? 200_000;
    const r = rng(opts.seed ?? 1);
    const lv = new Int32Array(S * m);
    for (let j = 0; j < S; j++)
      for (let k = 0; k < m; k++) lv[j * m + k] = allowed[k]![r.int(allowed[k]!.length)]!;
    us = parties.map((p) => {
      const u = new Float64Array(S);
      for (let j = 0; j < S; j++) u[j] = utilityOf(p, lv.subarray(j * m, j * m + m));
      return u;
    });
    count = S;
    levelsOf = (j, out) => {
      out.set(lv.subarray(j * m, j * m + m));
      return out;
    };
  }
  const rationalList: number[] = [];
  for (let j = 0; j < count; j++) {
    let ok = true;
    for (let p = 0; p < n && ok; p++) if (us[p]![j]! < parties[p]!.reservation - eps) ok = false;
    if (ok) rationalList.push(j);
  }
  const rational = Int32Array.from(rationalList);
  const zopa = sampled ? Math.round((rational.length / Math.max(1, count)) * boxSize) : rational.length;

  const buf = new Int32Array(m);
  const point = (j: number): AgreementPoint => ({
    package: packageOf(space, levelsOf(j, buf)),
    utilities: us.map((u) => u[j]!),
  });
  const front = paretoFront(us, rational, eps);
  const real = sampled ? null : realisers(us, front, rational, eps, 1_000_000);
  const pareto = Array.from(front, (j, k) => ({
    ...point(j),
    ...(real ? { outcomes: real[k]!.length } : {}),
  }));
  const minimum = us.map((u) => {
    let lo = Infinity;
    for (let j = 0; j < count; j++) if (u[j]! < lo) lo = u[j]!;
    return lo;
  });
  const sol = bargainingSolutions(us, front, {
    disagreement: parties.map((p) => p.reservation),
    minimum,
    eps,
  });
  const asPoint = (b: BargainingPoint | null): AgreementPoint | null => (b ? point(b.outcome) : null);

  // Baseline, package deal and logrolls.
  const baseLv = opts.baseline
    ? Int32Array.from(opts.baseline)
    : problem.source === 'scenario'
      ? midpointPackage(space, parties)
      : null;
  let baseline: AgreementPoint | null = null;
  let packageDeal: AgreementAnalysis['packageDeal'] = null;
  const logrolls: LogrollTrade[] = [];
  if (baseLv) {
    const bu = parties.map((p) => utilityOf(p, baseLv));
    baseline = { package: packageOf(space, baseLv), utilities: bu };
    const deal = optimum(
      us,
      front,
      (j) => {
        let g = Infinity;
        for (let p = 0; p < n; p++) g = Math.min(g, us[p]![j]! - bu[p]!);
        return g;
      },
      eps,
      (j) => us.reduce((s, u) => s + u[j]!, 0),
    );
    if (deal) packageDeal = { ...point(deal.outcome), minGain: deal.value };
    const best = parties.map((p) => p.evals.map((e) => e.reduce((b, x, v) => (x > e[b]! ? v : b), 0)));
    const trial = new Int32Array(m);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const pi = parties[i]!;
        const pj = parties[j]!;
        for (let k = 0; k < m; k++)
          for (let l = 0; l < m; l++) {
            if (k === l) continue;
            // i cares relatively more about k than j does (compare w_ik·w_jl with w_il·w_jk); each trade once.
            if (!(pi.weights[k]! * pj.weights[l]! > pi.weights[l]! * pj.weights[k]! + eps)) continue;
            trial.set(baseLv);
            trial[k] = best[i]![k]!;
            trial[l] = best[j]![l]!;
            if (trial[k] === baseLv[k] || trial[l] === baseLv[l]) continue;
            const gains = parties.map((p, q) => utilityOf(p, trial) - bu[q]!);
            if (gains[i]! > eps && gains[j]! > eps)
              logrolls.push({
                party: pi.id,
                partner: pj.id,
                gets: space.issues[k]!.id,
                gives: space.issues[l]!.id,
                package: packageOf(space, trial),
                gains,
              });
          }
      }
    const minG = (t: LogrollTrade): number => Math.min(...t.gains);
    logrolls.sort((a, b) => minG(b) - minG(a));
    logrolls.splice(opts.maxLogrolls ?? 10);
  }
  const zopaEmpty = zopa === 0;
  let opposition: number | null = null;
  if (count > 0) {
    const mx = us.map((u) => u.reduce((x, y) => (y > x ? y : x), -Infinity));
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      let s2 = 0;
      for (let p = 0; p < n; p++) {
        const d = mx[p]! > 0 ? 1 - us[p]![j]! / mx[p]! : 0;
        s2 += d * d;
      }
      if (s2 < best) best = s2;
    }
    opposition = Math.sqrt(best);
  }
  return {
    parties: ids,
    issues: space.issues.map((i) => i.id),
    outcomes: space.size,
    redLineBox: boxSize,
    evaluated: count,
    sampled,
    reservation: parties.map((p) => p.reservation),
    zopa,
    blockingRedLines: zopaEmpty ? blockingRedLines(space, parties) : {},
    jointRelaxation: zopaEmpty ? jointRelaxation(space, parties) : {},
    pareto,
    nash: asPoint(sol.nash),
    kalaiSmorodinsky: asPoint(sol.kalaiSmorodinsky),
    egalitarian: asPoint(sol.egalitarian),
    utilitarian: asPoint(sol.utilitarian),
    relativeUtilitarian: asPoint(sol.relativeUtilitarian),
    ties: Object.fromEntries(
      Object.entries(sol).map(([k, v]) => [k, (v as BargainingPoint | null)?.ties.length ?? 0]),
    ),
    baseline,
    packageDeal,
    logrolls,
    opposition,
    rationalFraction: count > 0 ? rational.length / count : 0,
    epsilon: eps,
  };
}
