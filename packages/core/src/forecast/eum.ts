/**
 * Bueno de Mesquita's expected-utility ("challenge") model as specified by Scholz, Calbert & Smith (2011),
 * reference/forecast-models.md §4. One-dimensional: each issue is run on its own.
 *
 * Every ambiguity of §4.5 and every choice of §4.6 is an option (defaults reproduce the §7.4 test vectors):
 * - A1 `salienceOf`: 'responder' (default, s_j leads E^i(U_ij)) | 'challenger' (s_i);
 * - A2 `security`: 'adversaries' (default, Sec_i = Σ_{j≠i} E^j(U_ji), the prose) | 'row' (Σ_{j≠i} E^i(U_ij), the
 *   printed eq. 34 read as a row sum of the EU matrix);
 * - A3 `compromiseMinus`: 'figure' (default, a < 0, b > 0, |b| > |a|) | 'text' (the printed b < 0: a < 0, b < 0,
 *   |b| > |a| moves i part way; the figure's region then gives no move);
 * - A4 `offerSelection`: 'highestEu' (default: highest proposer EU, least movement on ties within 1e-12) |
 *   'leastMovement' (least movement first, highest EU on ties);
 * - `q` (Q, default 1), `risk` (two passes, default on), `range` ('dynamic' default | 'fixed' issue range),
 *   `conflict` ('full' default, figure 6 | 'none'), `medianTie` ('lower' default), stopping (`tolerance` 0.5 on the
 *   0–100 scale for `stableRounds` = 2 rounds, cap `maxRounds` = 20; or a fixed number `rounds` = τ).
 *
 * Parley conventions not in the paper: an actor with zero capability or zero salience on an issue (weight c·s = 0)
 * takes no part in that issue (it neither moves nor influences anyone); co-located dyads are skipped; offers that
 * would not move the mover are ignored; ties between equally good offers go to the lower target position.
 */
import { weightedMedianOf, type MedianTie } from './median.js';
import type { ForecastProblem, ForecastResult } from './problem.js';
import { checkProblem, outcomeRecord, positionsRecord } from './result.js';

export interface EumOptions {
  q: number;
  salienceOf: 'responder' | 'challenger';
  security: 'adversaries' | 'row';
  compromiseMinus: 'figure' | 'text';
  offerSelection: 'highestEu' | 'leastMovement';
  risk: boolean;
  range: 'dynamic' | 'fixed';
  conflict: 'full' | 'none';
  medianTie: MedianTie;
  /** Stop when the median moves less than this (0–100 scale) for `stableRounds` consecutive rounds. */
  tolerance: number;
  stableRounds: number;
  maxRounds: number;
  /** Scholz's τ: run exactly this many rounds (unless consensus or a fixed point comes first). */
  rounds?: number;
}

export const EUM_DEFAULTS: EumOptions = {
  q: 1,
  salienceOf: 'responder',
  security: 'adversaries',
  compromiseMinus: 'figure',
  offerSelection: 'highestEu',
  risk: true,
  range: 'dynamic',
  conflict: 'full',
  medianTie: 'lower',
  tolerance: 0.5,
  stableRounds: 2,
  maxRounds: 20,
};

/** One round's quantities for one issue over m active actors (matrices m×m row-major, row = challenger i). */
export interface EumRound {
  range: number;
  /** Median voter position μ of the round's starting positions. */
  mu: number;
  /** P[i*m+j]: probability that i prevails over j (eqs. 30–31); 0.5 on the diagonal and for co-located pairs. */
  p: Float64Array;
  /** First-pass E^i(U_ij) (all r = 1). */
  eu1: Float64Array;
  sec: Float64Array;
  bigR: Float64Array;
  r: Float64Array;
  /** Second-pass E^i(U_ij) (with r); equals eu1 when risk is off. */
  eu2: Float64Array;
  /** Positions after the round's simultaneous moves. */
  next: Float64Array;
  /** Number of actors that moved. */
  moved: number;
}

/** Workspace for one issue of m actors, reused across rounds (no allocation in the round loop). */
class Workspace {
  readonly p: Float64Array;
  readonly eu1: Float64Array;
  readonly eu2: Float64Array;
  readonly sec: Float64Array;
  readonly bigR: Float64Array;
  readonly r: Float64Array;
  readonly next: Float64Array;
  readonly order: Uint32Array;
  readonly sx: Float64Array;
  readonly cw: Float64Array;
  readonly cwx: Float64Array;
  readonly bestTarget: Float64Array;
  readonly bestEu: Float64Array;
  readonly runStart: Uint32Array;
  readonly runEnd: Uint32Array;
  constructor(readonly m: number) {
    this.runStart = new Uint32Array(m);
    this.runEnd = new Uint32Array(m);
    this.p = new Float64Array(m * m);
    this.eu1 = new Float64Array(m * m);
    this.eu2 = new Float64Array(m * m);
    this.sec = new Float64Array(m);
    this.bigR = new Float64Array(m);
    this.r = new Float64Array(m);
    this.next = new Float64Array(m);
    this.order = new Uint32Array(m);
    this.sx = new Float64Array(m);
    this.cw = new Float64Array(m + 1);
    this.cwx = new Float64Array(m + 1);
    this.bestTarget = new Float64Array(m);
    this.bestEu = new Float64Array(m);
  }
}

/**
 * P^i over j for all pairs (eqs. 30–31) in O(m²) after one sort: with positions sorted and prefix sums of w and
 * w·x, an actor k at or beyond the nearer end backs that end by the full distance D, and an actor between the two
 * backs the nearer one by |x_i + x_j − 2x_k|. For a fixed lower end the midpoint only grows with the upper end, so
 * the split points advance monotonically (two pointers).
 */
function computeP(ws: Workspace, x: Float64Array, w: Float64Array): void {
  const m = ws.m;
  const { order, sx, cw, cwx, p, runEnd, runStart } = ws;
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => x[a]! - x[b]!);
  cw[0] = 0;
  cwx[0] = 0;
  for (let t = 0; t < m; t++) {
    const k = order[t]!;
    sx[t] = x[k]!;
    cw[t + 1] = cw[t]! + w[k]!;
    cwx[t + 1] = cwx[t]! + w[k]! * x[k]!;
  }
  // runStart[t]: first sorted index with value sx[t]; runEnd[t]: one past the last
  for (let t = 0; t < m; t++) runStart[t] = t > 0 && sx[t - 1] === sx[t] ? runStart[t - 1]! : t;
  for (let t = m - 1; t >= 0; t--) runEnd[t] = t < m - 1 && sx[t + 1] === sx[t] ? runEnd[t + 1]! : t + 1;
  for (let i = 0; i < m; i++) p[i * m + i] = 0.5;
  for (let a = 0; a < m; a++) {
    const lo = sx[a]!;
    const ia = order[a]!;
    const A = runEnd[a]!; // count of values ≤ lo
    let c1 = A; // count of values < mid
    let c2 = A; // count of values ≤ mid
    for (let b = a + 1; b < m; b++) {
      const hi = sx[b]!;
      const ib = order[b]!;
      if (hi === lo) {
        p[ia * m + ib] = 0.5;
        p[ib * m + ia] = 0.5;
        continue;
      }
      const mid = (lo + hi) / 2;
      while (c1 < m && sx[c1]! < mid) c1++;
      if (c2 < c1) c2 = c1;
      while (c2 < m && sx[c2]! <= mid) c2++;
      const B = runStart[b]!; // count of values < hi
      const dd = hi - lo;
      const sLo = cw[A]! * dd + (cw[c1]! - cw[A]!) * (lo + hi) - 2 * (cwx[c1]! - cwx[A]!);
      const sHi = (cw[m]! - cw[B]!) * dd + 2 * (cwx[B]! - cwx[c2]!) - (cw[B]! - cw[c2]!) * (lo + hi);
      const tot = sLo + sHi;
      const pLo = tot > 0 ? Math.max(0, Math.min(1, sLo / tot)) : 0.5;
      p[ia * m + ib] = pLo;
      p[ib * m + ia] = 1 - pLo;
    }
  }
}

/** Brute-force P^i over j straight from eqs. 30–31 (O(m³)); the oracle for computeP in tests. */
export function eumProbabilityBrute(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  i: number,
  j: number,
): number {
  if (x[i] === x[j]) return 0.5;
  let num = 0;
  let den = 0;
  for (let k = 0; k < x.length; k++) {
    const delta = Math.abs(x[k]! - x[j]!) - Math.abs(x[k]! - x[i]!);
    if (delta > 0) num += w[k]! * delta;
    den += w[k]! * Math.abs(delta);
  }
  return den > 0 ? num / den : 0.5;
}

const pw = (b: number, r: number): number => (r === 1 ? b : Math.pow(b, r));

/**
 * Fill out with E^i(U_ij) for all ordered pairs, using risk exponents r. Each unordered pair is visited once: the
 * logarithms of 0.5 ∓ 0.5·d are shared by both directions, so a pair costs two logs and up to four exps.
 */
function computeEu(
  out: Float64Array,
  x: Float64Array,
  s: Float64Array,
  p: Float64Array,
  r: Float64Array,
  m: number,
  range: number,
  mu: number,
  o: EumOptions,
): void {
  const q = o.q;
  const responder = o.salienceOf === 'responder';
  const one = (i: number, j: number, us: number, uf: number, dist: number, d: number): number => {
    const pij = p[i * m + j]!;
    const sal = responder ? s[j]! : s[i]!;
    const ri = r[i]!;
    let e = sal * (pij * us + (1 - pij) * uf) + (1 - sal) * us - q * (2 - 4 * pw(0.5, ri));
    if (q !== 1) {
      const dmu = Math.abs(x[i]! - mu) / range;
      const better = Math.abs(x[i]! - mu) < dist;
      const u = better ? 2 - 4 * pw(0.5 - 0.25 * (dmu + d), ri) : 2 - 4 * pw(0.5 + 0.25 * (dmu + d), ri);
      e -= (1 - q) * u;
    }
    return e;
  };
  for (let i = 0; i < m; i++) {
    out[i * m + i] = 0;
    const xi = x[i]!;
    const ri = r[i]!;
    for (let j = i + 1; j < m; j++) {
      const xj = x[j]!;
      if (xi === xj) {
        out[i * m + j] = 0;
        out[j * m + i] = 0;
        continue;
      }
      const rj = r[j]!;
      const dist = Math.abs(xi - xj);
      const d = dist / range;
      const bs = 0.5 - 0.5 * d; // base of U_s
      const bf = 0.5 + 0.5 * d; // base of U_f
      let lbs = 0;
      let lbf = 0;
      if (ri !== 1 || rj !== 1) {
        lbs = Math.log(bs);
        lbf = Math.log(bf);
      }
      const usi = 2 - 4 * (ri === 1 ? bs : Math.exp(ri * lbs));
      const ufi = 2 - 4 * (ri === 1 ? bf : Math.exp(ri * lbf));
      const usj = 2 - 4 * (rj === 1 ? bs : Math.exp(rj * lbs));
      const ufj = 2 - 4 * (rj === 1 ? bf : Math.exp(rj * lbf));
      out[i * m + j] = one(i, j, usi, ufi, dist, d);
      out[j * m + i] = one(j, i, usj, ufj, dist, d);
    }
  }
}

/**
 * One round of the model on one issue: x, c·s weights w and saliences s of m active actors (w > 0).
 * `lo`/`hi` give the issue's fixed range (used when options.range = 'fixed').
 */
export function eumRound(
  x: Float64Array,
  w: Float64Array,
  s: Float64Array,
  options: Partial<EumOptions> = {},
  lo = 0,
  hi = 100,
  workspace?: Workspace,
): EumRound {
  const o: EumOptions = { ...EUM_DEFAULTS, ...options };
  const m = x.length;
  const ws = workspace ?? new Workspace(m);
  let xmin = Infinity;
  let xmax = -Infinity;
  for (let i = 0; i < m; i++) {
    if (x[i]! < xmin) xmin = x[i]!;
    if (x[i]! > xmax) xmax = x[i]!;
  }
  const range = o.range === 'dynamic' ? xmax - xmin : hi - lo;
  const mu = weightedMedianOf(x, w, m, o.medianTie, ws.order);
  const { p, eu1, eu2, sec, bigR, r, next } = ws;
  computeP(ws, x, w);
  r.fill(1);
  computeEu(eu1, x, s, p, r, m, range, mu, o);
  // security (A2), risk basis and exponent (eqs. 32–34)
  for (let i = 0; i < m; i++) {
    let acc = 0;
    for (let j = 0; j < m; j++)
      if (j !== i) acc += o.security === 'adversaries' ? eu1[j * m + i]! : eu1[i * m + j]!;
    sec[i] = acc;
  }
  let smax = -Infinity;
  let smin = Infinity;
  for (let i = 0; i < m; i++) {
    if (sec[i]! > smax) smax = sec[i]!;
    if (sec[i]! < smin) smin = sec[i]!;
  }
  const spread = smax - smin;
  for (let i = 0; i < m; i++) {
    bigR[i] = o.risk && spread > 1e-12 ? (2 * sec[i]! - smax - smin) / spread : 0;
    r[i] = (1 - bigR[i]! / 3) / (1 + bigR[i]! / 3);
  }
  if (o.risk) computeEu(eu2, x, s, p, r, m, range, mu, o);
  else eu2.set(eu1);

  // octants (§4.3 item 7) → offers; keep each mover's best offer (A4)
  const { bestTarget, bestEu } = ws;
  bestTarget.fill(NaN);
  bestEu.fill(-Infinity);
  const offer = (mover: number, target: number, eu: number): void => {
    const cur = x[mover]!;
    if (target === cur) return;
    const bt = bestTarget[mover]!;
    if (Number.isNaN(bt)) {
      bestTarget[mover] = target;
      bestEu[mover] = eu;
      return;
    }
    const be = bestEu[mover]!;
    const dNew = Math.abs(target - cur);
    const dOld = Math.abs(bt - cur);
    const euTie = Math.abs(eu - be) <= 1e-12;
    let better: boolean;
    if (o.offerSelection === 'highestEu')
      better = euTie ? dNew < dOld || (dNew === dOld && target < bt) : eu > be;
    else better = dNew === dOld ? (euTie ? target < bt : eu > be) : dNew < dOld;
    if (better) {
      bestTarget[mover] = target;
      bestEu[mover] = eu;
    }
  };
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const xi = x[i]!;
      const xj = x[j]!;
      if (xi === xj) continue;
      const a = eu2[i * m + j]!;
      const b = eu2[j * m + i]!;
      if (a > 0 && b > 0) {
        if (o.conflict === 'none' || a === b) continue;
        if (a > b) offer(j, xi, a);
        else offer(i, xj, b);
      } else if (a > 0) {
        // b ≤ 0: compromise+ (|a| > |b|, eq. 35) or compel+
        if (a > -b) offer(j, xj + (xi - xj) * Math.abs(b / a), a);
        else offer(j, xi, a);
      } else if (b > 0) {
        // a ≤ 0: compromise− (figure reading, eq. 36) or compel−
        if (b > -a) {
          if (o.compromiseMinus === 'figure') offer(i, xi - (xi - xj) * Math.abs(a / b), b);
        } else offer(i, xj, b);
      } else if (o.compromiseMinus === 'text' && a < 0 && b < 0 && -b > -a) {
        offer(i, xi - (xi - xj) * Math.abs(a / b), b);
      }
    }
  }
  let moved = 0;
  for (let i = 0; i < m; i++) {
    const t = bestTarget[i]!;
    if (Number.isNaN(t)) next[i] = x[i]!;
    else {
      next[i] = t;
      moved++;
    }
  }
  return { range, mu, p, eu1, sec, bigR, r, eu2, next, moved };
}

/** The run of one issue: positions per round (index 0 = initial), medians and weighted means per round. */
export interface EumIssueRun {
  positions: Float64Array[];
  median: number[];
  mean: number[];
  stop: string;
}

/** Run the model on one issue of m active actors (all with w = c·s > 0). */
export function eumIssue(
  x0: Float64Array,
  w: Float64Array,
  s: Float64Array,
  options: Partial<EumOptions> = {},
  lo = 0,
  hi = 100,
): EumIssueRun {
  const o: EumOptions = { ...EUM_DEFAULTS, ...options };
  const m = x0.length;
  const ws = new Workspace(m);
  const order = new Uint32Array(m);
  const meanOf = (x: Float64Array): number => {
    let a = 0;
    let b = 0;
    for (let i = 0; i < m; i++) {
      a += w[i]! * x[i]!;
      b += w[i]!;
    }
    return b > 0 ? a / b : NaN;
  };
  let x = Float64Array.from(x0);
  const positions = [x];
  const median = [weightedMedianOf(x, w, m, o.medianTie, order)];
  const mean = [meanOf(x)];
  const tol = (o.tolerance / 100) * (hi - lo);
  const cap = o.rounds ?? o.maxRounds;
  let stable = 0;
  let stop = `maximum of ${cap} rounds`;
  if (m === 0) return { positions, median, mean, stop: 'no actor with positive weight: no forecast' };
  for (let t = 1; t <= cap; t++) {
    let xmin = Infinity;
    let xmax = -Infinity;
    for (let i = 0; i < m; i++) {
      xmin = Math.min(xmin, x[i]!);
      xmax = Math.max(xmax, x[i]!);
    }
    if (xmax - xmin === 0) {
      stop = `consensus: all positions equal after ${t - 1} round${t === 2 ? '' : 's'}`;
      break;
    }
    const res = eumRound(x, w, s, o, lo, hi, ws);
    if (res.moved === 0) {
      stop = `fixed point: no actor moves after ${t - 1} round${t === 2 ? '' : 's'}`;
      break;
    }
    x = Float64Array.from(res.next);
    positions.push(x);
    const mu = weightedMedianOf(x, w, m, o.medianTie, order);
    median.push(mu);
    mean.push(meanOf(x));
    if (o.rounds !== undefined) {
      if (t === o.rounds) stop = `fixed number of rounds: ${t}`;
      continue;
    }
    stable = Math.abs(mu - median[t - 1]!) < tol ? stable + 1 : 0;
    if (stable >= o.stableRounds) {
      stop = `converged: median moved less than ${o.tolerance} (0–100 scale) for ${o.stableRounds} rounds after ${t} rounds`;
      break;
    }
  }
  return { positions, median, mean, stop };
}

/** The expected-utility model over every issue of a problem. Outcome = final median voter position per issue. */
export function eum(problem: ForecastProblem, options: Partial<EumOptions> = {}): ForecastResult {
  checkProblem(problem);
  const o: EumOptions = { ...EUM_DEFAULTS, ...options };
  const n = problem.actors.length;
  const d = problem.issues.length;
  const runs: { active: number[]; run: EumIssueRun }[] = [];
  for (let k = 0; k < d; k++) {
    const active: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = problem.position[i * d + k]!;
      if (!Number.isNaN(x) && problem.capability[i]! * problem.salience[i * d + k]! > 0) active.push(i);
    }
    const x0 = Float64Array.from(active, (i) => problem.position[i * d + k]!);
    const w = Float64Array.from(active, (i) => problem.capability[i]! * problem.salience[i * d + k]!);
    const s = Float64Array.from(active, (i) => problem.salience[i * d + k]!);
    const iss = problem.issues[k]!;
    runs.push({ active, run: eumIssue(x0, w, s, o, iss.lo, iss.hi) });
  }
  const nRounds = Math.max(1, ...runs.map((r) => r.run.positions.length));
  const rounds = [];
  const pos = Float64Array.from(problem.position);
  for (let t = 0; t < nRounds; t++) {
    runs.forEach(({ active, run }, k) => {
      const xt = run.positions[Math.min(t, run.positions.length - 1)]!;
      active.forEach((i, a) => (pos[i * d + k] = xt[a]!));
    });
    rounds.push({ positions: positionsRecord(problem, pos) });
  }
  const outcome = runs.map(({ run }) => run.median[run.median.length - 1]!);
  const stops = runs.map(({ run }) => run.stop);
  const stop =
    d === 1 || new Set(stops).size === 1
      ? (stops[0] ?? 'no issues')
      : problem.issues.map((iss, k) => `${iss.id}: ${stops[k]}`).join('; ');
  return {
    model: 'eum',
    rounds,
    outcome: outcomeRecord(problem, outcome),
    stop,
    details: {
      options: o,
      issues: Object.fromEntries(
        problem.issues.map((iss, k) => [
          iss.id,
          {
            median: runs[k]!.run.median,
            mean: runs[k]!.run.mean,
            stop: stops[k],
            rounds: runs[k]!.run.positions.length - 1,
          },
        ]),
      ),
    },
  };
}
