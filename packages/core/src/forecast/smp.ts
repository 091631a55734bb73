/**
 * KTAB's Spatial Model of Politics (SMP): repeated Bargain–Challenge–Negotiate turns over vector positions,
 * implemented from reference/forecast-models.md §3 (no KTAB code was used).
 *
 * Internally positions and saliences live on [0, 1]; results are mapped back to each issue's native scale.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { ForecastProblem, ForecastResult, ForecastRound } from './problem.js';
import type { BigRAdjust, BigRRange, SmpOptions } from './smp-options.js';
import { resolveSmpOptions } from './smp-options.js';
import type { PceConfig } from './smp-pce.js';
import { PceScratch, scalarPceT, vote as importedVote, votingRuleCode, Vr } from './smp-pce.js';

/** Local binding: hot loops then call the function directly instead of through a module namespace getter. */
const vote = importedVote;

export type { SmpOptions } from './smp-options.js';
export { SMP_DEFAULTS } from './smp-options.js';

/** Two positions closer than this (Euclidean, [0,1] scale) count as one option in the outcome distribution. */
const POS_TOL = 1e-3;
/** A challenge must promise at least this expected-utility gain. */
const MIN_DELTA_EU = 1e-5;
/** Floor of the challenge coalitions. */
const CHALLENGE_FLOOR = 1e-10;
/** Offset of the stopping ratio's denominator. */
const STOP_OFFSET = 1e-4;

/** Utility of normalised distance d for risk attitude r (§3.3). */
export function smpUtility(d: number, r: number): number {
  return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
}

/** Risk attitudes from the probabilities of the actors' positions (§3.7 step 1.4). */
export function riskFromProbabilities(range: BigRRange, p: Float64Array, out: Float64Array): boolean {
  let pMin = Infinity;
  let pMax = -Infinity;
  for (const x of p) {
    if (x < pMin) pMin = x;
    if (x > pMax) pMax = x;
  }
  const span = pMax - pMin;
  if (!(span >= 1e-12)) {
    out.fill(0);
    return false;
  }
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    out[i] =
      range === 'Min'
        ? (pi - pMin) / span
        : range === 'Mid'
          ? (3 * pi - (pMax + 2 * pMin)) / (2 * span)
          : (2 * pi - pMax - pMin) / span;
  }
  return true;
}

/**
 * Actor h's estimate of actor i's risk attitude (§3.7 step 1.5); exactly R_h when h = i. Every path returns a
 * number (no fall-through `undefined`), so optimised callers keep the result unboxed.
 */
export function adjustedRisk(rule: BigRAdjust, rh: number, ri: number, same: boolean): number {
  if (same || rule === 'None') return rh;
  if (rule === 'OneThird') return (2 * rh + ri) / 3;
  if (rule === 'Half') return (rh + ri) / 2;
  if (rule === 'TwoThirds') return (rh + 2 * ri) / 3;
  return ri; // 'Full'
}

export function round4(y: number): number {
  return Math.floor(0.5 + 10000 * y) / 10000;
}

/** Everything fixed for a run, on the internal [0,1] scale. */
interface Setup {
  n: number;
  k: number;
  cap: Float64Array;
  sal: Float64Array;
  /** Σ_k s_ik² per actor (distance normaliser). */
  salSq: Float64Array;
  /** Σ_k s_ik per actor: probability of resisting a challenge. */
  salTot: Float64Array;
  /** S_i·c_i: weight in challenge coalitions. */
  chWeight: Float64Array;
  /** Accommodation matrix (n×n) or null for the identity. */
  accommodation: Float64Array | null;
  opts: SmpOptions;
  pce: PceConfig;
  vr: Vr;
  /** ThirdPartyCommit as coefficients on (U[n][i], U[n][j], U[n][n]) of U_ik>j, U_j>ik, U_i>jk, U_jk>i. */
  tpc: Float64Array;
  /** TPC_SEMI for SemiCommit's coefficients, TPC_NONE when the two hypotheticals coincide, else TPC_GENERIC. */
  tpcMode: number;
}

const TPC_GENERIC = 0;
const TPC_SEMI = 1;
const TPC_NONE = 2;

function tpcMode(c: readonly number[]): number {
  if ([2, 0, 1, 0, 3, 0, 3, 0, 0, 0, 2, 1].every((x, q) => c[q] === x)) return TPC_SEMI;
  // (a1,b1,c1) = (a3,b3,c3) and (a2,b2,c2) = (a4,b4,c4): left and right are the same expression.
  for (let q = 0; q < 6; q++) if (c[q] !== c[q + 6]) return TPC_GENERIC;
  return TPC_NONE;
}

/** §3.7 step 2.4 table. Multiplying by 1 and adding 0 is exact, so these reproduce the table bit for bit. */
const THIRD_PARTY_COEFFICIENTS: Record<SmpOptions['thirdPartyCommit'], number[]> = {
  NoCommit: [2, 0, 1, 0, 2, 1, 2, 0, 1, 0, 2, 1],
  SemiCommit: [2, 0, 1, 0, 3, 0, 3, 0, 0, 0, 2, 1],
  FullCommit: [3, 0, 0, 0, 3, 0, 3, 0, 0, 0, 3, 0],
};

/** Per-state quantities (§3.7 step 1) that both the turn and the outcome distribution need. */
interface Assessment {
  /** d[i*n + j]: distance from i's ideal to j's position. */
  dist: Float64Array;
  /** Transpose of dist (distT[j*n + i] = d_ij), for column scans in hot loops. */
  distT: Float64Array;
  risk: Float64Array;
  /** uTrue[i*n + j] = u(d_ij, R_i). */
  uTrue: Float64Array;
  degenerate: boolean;
}

/** Rows of a fixed width appended per state into one growing buffer (fewer small typed arrays per turn). */
class History {
  buf: Float64Array;
  rows = 0;
  constructor(
    readonly width: number,
    capacity: number,
  ) {
    this.buf = new Float64Array(width * Math.max(1, capacity));
  }
  push(src: Float64Array): void {
    const off = this.rows * this.width;
    if (off + this.width > this.buf.length) {
      const grown = new Float64Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf.set(src, off); // src.length === width
    this.rows++;
  }
}

/** Buffers allocated once per run and reused every turn, so the turn loop allocates (almost) nothing. */
class Workspace {
  readonly scratch = new PceScratch();
  readonly u0: Float64Array;
  readonly p: Float64Array;
  readonly riskI: Float64Array;
  readonly uToI: Float64Array;
  readonly uOwn: Float64Array;
  readonly riskJ: Float64Array;
  readonly uToIJ: Float64Array;
  readonly uOwnJ: Float64Array;
  /** Per-third-party terms of the SemiCommit challenge loop, for perspectives i and j (see perspective()). */
  readonly packI: Float64Array;
  readonly packJ: Float64Array;
  readonly bound: Float64Array;
  readonly out = new Float64Array(2);
  readonly risk: Float64Array;
  readonly pRep: Float64Array;
  readonly perActor: Float64Array;
  /** Current and next state (they swap every turn). */
  posA: Float64Array;
  posB: Float64Array;
  /** Per-turn assessment matrices (n×n). */
  readonly dist: Float64Array;
  readonly distT: Float64Array;
  readonly uTrue: Float64Array;
  /** Transpose of uTrue (uTrueT[j*n + i] = uTrue[i*n + j]). */
  readonly uTrueT: Float64Array;
  /** Distinct positions of the current state (indices of their first actor). */
  readonly reps: Int32Array;
  /** The turn's bargains (at most 2 per initiator): bargainers and 2k coordinates each (initiator's first). */
  nb = 0;
  readonly bInit: Int32Array;
  readonly bRecv: Int32Array;
  readonly bPos: Float64Array;
  readonly own: Float64Array;
  readonly rcv: Float64Array;
  /** resolveBargains buffers. */
  readonly uB: Float64Array;
  readonly value: Float64Array;
  readonly qLen: Int32Array;
  readonly qItem: Int32Array;
  readonly q: Float64Array;
  readonly probs: Float64Array;
  readonly chosen: Int32Array;
  readonly prefix: Float64Array;
  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    const maxB = 2 * n;
    this.u0 = new Float64Array(n * n);
    this.p = new Float64Array(n);
    this.riskI = new Float64Array(n);
    this.uToI = new Float64Array(n);
    this.uOwn = new Float64Array(n);
    this.riskJ = new Float64Array(n);
    this.uToIJ = new Float64Array(n);
    this.uOwnJ = new Float64Array(n);
    this.bound = new Float64Array(n);
    this.risk = new Float64Array(n);
    this.pRep = new Float64Array(n);
    this.perActor = new Float64Array(n);
    this.posA = new Float64Array(n * k);
    this.posB = new Float64Array(n * k);
    this.packI = new Float64Array(PACK * n);
    this.packJ = new Float64Array(PACK * n);
    this.dist = new Float64Array(n * n);
    this.distT = new Float64Array(n * n);
    this.uTrue = new Float64Array(n * n);
    this.uTrueT = new Float64Array(n * n);
    this.reps = new Int32Array(n);
    this.bInit = new Int32Array(maxB);
    this.bRecv = new Int32Array(maxB);
    this.bPos = new Float64Array(maxB * 2 * k);
    this.own = new Float64Array(2 * k);
    this.rcv = new Float64Array(2 * k);
    this.uB = new Float64Array(n * maxB * 2);
    this.value = new Float64Array(n * (maxB + 1));
    this.qLen = new Int32Array(n);
    this.qItem = new Int32Array(n * (maxB + 1));
    this.q = new Float64Array(maxB + 1);
    this.probs = new Float64Array(n * (maxB + 1));
    this.chosen = new Int32Array(n);
    this.prefix = new Float64Array(n * (n + 1));
  }
}

/**
 * The last run's workspace, reused when the next run has the same size (a Monte Carlo sweep runs thousands of
 * same-sized problems). Every buffer is fully written before it is read in each turn, so reuse cannot leak
 * state between runs; smp() is synchronous, so runs never interleave.
 */
let cachedWorkspace: Workspace | null = null;

function workspace(n: number, k: number): Workspace {
  const c = cachedWorkspace;
  if (c !== null && c.n === n && c.k === k) return c;
  const ws = new Workspace(n, k);
  cachedWorkspace = ws;
  return ws;
}

function assess(s: Setup, pos: Float64Array, ideal: Float64Array, ws: Workspace): Assessment {
  const n = s.n;
  const k = s.k;
  const sal = s.sal;
  const dist = ws.dist;
  const distT = ws.distT;
  const u0 = ws.u0;
  for (let i = 0; i < n; i++) {
    const io = i * k;
    const ss = s.salSq[i]!;
    for (let j = 0; j < n; j++) {
      // Salience-weighted normalised distance from i's ideal to j's position (§3.3).
      const jo = j * k;
      let acc = 0;
      for (let d = 0; d < k; d++) {
        const t = sal[io + d]! * (ideal[io + d]! - pos[jo + d]!);
        acc += t * t;
      }
      const d = Math.sqrt(acc / ss);
      dist[i * n + j] = d;
      distT[j * n + i] = d;
      // Options × voters, as scalarPceT reads it.
      u0[j * n + i] = smpUtility(d, 0);
    }
  }
  const p = ws.p;
  scalarPceT(s.pce, s.cap, n, u0, n, p, ws.scratch);
  const risk = ws.risk;
  const ok = riskFromProbabilities(s.opts.bigRRange, p, risk); // p has length n
  const uTrue = ws.uTrue;
  const uTrueT = ws.uTrueT;
  for (let i = 0; i < n; i++) {
    const r = risk[i]!;
    for (let j = 0; j < n; j++) {
      const u = smpUtility(dist[i * n + j]!, r);
      uTrue[i * n + j] = u;
      uTrueT[j * n + i] = u;
    }
  }
  return { dist, distT, risk, uTrue, degenerate: !ok };
}

/**
 * Per-state outcome distribution (§3.8): each actor's probability of its position becoming the outcome, into
 * ws.perActor; the m distinct positions (returned) are ws.reps[0..m) with probabilities ws.pRep[0..m).
 */
function stateProbabilities(s: Setup, pos: Float64Array, a: Assessment, ws: Workspace): number {
  const n = s.n;
  const k = s.k;
  // Distinct positions: ws.reps[0..m) (first actor of each), in index order.
  const reps = ws.reps;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let isNew = true;
    for (let c = 0; c < m; c++) {
      if (samePosition(pos, i * k, reps[c]! * k, k)) {
        isNew = false;
        break;
      }
    }
    if (isNew) reps[m++] = i;
  }
  const pRep = ws.pRep;
  // Option c's utilities are column reps[c] of uTrue, i.e. row reps[c] of its transpose.
  scalarPceT(s.pce, s.cap, n, ws.uTrueT, m, pRep, ws.scratch, reps, 0);
  const perActor = ws.perActor;
  for (let i = 0; i < n; i++) {
    let last = -1;
    for (let c = 0; c < m; c++) if (samePosition(pos, i * k, reps[c]! * k, k)) last = c;
    perActor[i] = pRep[last]!;
  }
  return m;
}

/**
 * Whether the Euclidean distance between x[a..a+k) and x[b..b+k) is below POS_TOL, i.e. sqrt(acc) < POS_TOL for
 * the sum of squares acc, skipping the square root when acc settles it (sqrt is monotone and correctly rounded, so
 * acc ≤ 2.5e-7 gives sqrt(acc) ≤ ~5e-4 and acc ≥ 4e-6 gives sqrt(acc) ≥ ~2e-3).
 */
function samePosition(x: Float64Array, a: number, b: number, k: number): boolean {
  // One coordinate apart by ≥ 2e-3 already makes acc ≥ ~4e-6.
  const t0 = x[a]! - x[b]!;
  if (t0 >= 2e-3 || t0 <= -2e-3) return false;
  let acc = 0;
  for (let d = 0; d < k; d++) {
    const t = x[a + d]! - x[b + d]!;
    acc += t * t;
  }
  if (acc <= 2.5e-7) return true;
  if (acc >= 4e-6) return false;
  return Math.sqrt(acc) < POS_TOL;
}

/**
 * Actor h's evaluation of i challenging j (§3.7 step 2): returns φ (probability that i wins) and writes the
 * expected-utility change for h into out[1]. uToI[n] = U[n][i], uOwn[n] = U[n][n], riskH[n] = R^h_n.
 */
function challenge(
  s: Setup,
  a: Assessment,
  i: number,
  j: number,
  h: number,
  riskH: Float64Array,
  uToI: Float64Array,
  uOwn: Float64Array,
  pack: Float64Array,
  out: Float64Array,
): void {
  const n = s.n;
  const vr = s.vr;
  const dist = a.dist;
  const colJ = j * n;
  const distT = a.distT;
  const w = s.chWeight;
  const ci = vote(vr, w[i]!, uOwn[i]!, smpUtility(dist[i * n + j]!, riskH[i]!));
  const cj = vote(vr, w[j]!, uToI[j]!, uOwn[j]!);
  let chij = CHALLENGE_FLOOR + Math.max(0, ci) + Math.max(0, cj);
  let chji = CHALLENGE_FLOOR + Math.max(0, -ci) + Math.max(0, -cj);
  const chij0 = chij;
  const chji0 = chji;
  // Hypothetical three-position utilities as coefficients on (U[n][i], U[n][j], U[n][n]) (ThirdPartyCommit).
  const c = s.tpc;
  const a1 = c[0]!,
    b1 = c[1]!,
    c1 = c[2]!,
    a2 = c[3]!,
    b2 = c[4]!,
    c2 = c[5]!;
  const a3 = c[6]!,
    b3 = c[7]!,
    c3 = c[8]!,
    a4 = c[9]!,
    b4 = c[10]!,
    c4 = c[11]!;
  if (s.tpcMode === TPC_NONE) {
    // Both hypothetical utilities are the same expression, so every third-party vote is vote(w, x, x) = ±0 (or
    // NaN), which the loops below would never add: chij = chij0, chji = chji0 exactly.
  } else if (vr === Vr.Prop && s.tpcMode === TPC_SEMI) {
    // Default voting rule and SemiCommit, inlined and branch-free. With (a1,b1,c1) = (2,0,1), (a2,b2,c2) =
    // (0,3,0), (a3,b3,c3) = (3,0,0), (a4,b4,c4) = (0,2,1) the generic terms equal 2·U[m][i] + U[m][m] (packed),
    // 3·U[m][j], 3·U[m][i] (packed) and 2·U[m][j] + U[m][m] up to the sign of a zero, which cannot change left −
    // right unless both are zero, and a ±0 vote is never added. Positive/negative parts, branch-free: for finite
    // x, x + |x| is exactly 2·max(x, 0) and |x| − x exactly 2·max(−x, 0) (Math.max compiles to data-dependent
    // branches that mispredict on random signs), and adding +0 to a positive strength leaves it unchanged. The
    // strengths are carried doubled (…2 = 2·…): scaling by 2 commutes with rounding, so every doubled sum is
    // exactly twice the plain one, aa2/(aa2 + bb2) = aa/(aa + bb) exactly, and halving at the end is exact.
    const chij02 = 2 * chij0;
    const chji02 = 2 * chji0;
    let chij2 = chij02;
    let chji2 = chji02;
    const pk = pack;
    for (let m = 0; m < n; m++) {
      if (m === i || m === j) continue;
      const o = m * PACK;
      const wm = pk[o]!;
      const rm = pk[o + 1]!;
      const dd = distT[colJ + m]!;
      const unj = dd <= 1 ? (1 - dd) * (1 + dd * rm) : (1 - dd) * (1 + rm);
      const cn = wm * (pk[o + 2]! - unj);
      const acn = Math.abs(cn);
      const aa2 = chij02 + (cn + acn);
      const bb2 = chji02 + (acn - cn);
      const pin = aa2 / (aa2 + bb2);
      const qin = 1 - pin;
      const left = pin * pk[o + 4]! + qin * (3 * unj);
      const right = pin * pk[o + 5]! + qin * (2 * unj + pk[o + 3]!);
      const vn = wm * (left - right);
      const avn = Math.abs(vn);
      chij2 += vn + avn;
      chji2 += avn - vn;
    }
    chij = chij2 * 0.5;
    chji = chji2 * 0.5;
  } else if (vr === Vr.Prop) {
    // Default voting rule, inlined: vote = w·(u_a − u_b).
    for (let m = 0; m < n; m++) {
      if (m === i || m === j) continue;
      const wm = w[m]!;
      const uni = uToI[m]!;
      const dd = distT[colJ + m]!;
      const unj = dd <= 1 ? (1 - dd) * (1 + dd * riskH[m]!) : (1 - dd) * (1 + riskH[m]!);
      const unn = uOwn[m]!;
      const cn = wm * (uni - unj);
      const aa = chij0 + (cn > 0 ? cn : 0);
      const bb = chji0 + (cn < 0 ? -cn : 0);
      const pin = aa / (aa + bb);
      const left = pin * (a1 * uni + b1 * unj + c1 * unn) + (1 - pin) * (a2 * uni + b2 * unj + c2 * unn);
      const right = pin * (a3 * uni + b3 * unj + c3 * unn) + (1 - pin) * (a4 * uni + b4 * unj + c4 * unn);
      const vn = wm * (left - right);
      if (vn > 0) chij += vn;
      else if (vn < 0) chji -= vn;
    }
  } else {
    for (let m = 0; m < n; m++) {
      if (m === i || m === j) continue;
      const wm = w[m]!;
      const uni = uToI[m]!;
      const unj = smpUtility(distT[colJ + m]!, riskH[m]!);
      const unn = uOwn[m]!;
      const cn = vote(vr, wm, uni, unj);
      const aa = chij0 + (cn > 0 ? cn : 0);
      const bb = chji0 + (cn < 0 ? -cn : 0);
      const pin = aa / (aa + bb);
      const left = pin * (a1 * uni + b1 * unj + c1 * unn) + (1 - pin) * (a2 * uni + b2 * unj + c2 * unn);
      const right = pin * (a3 * uni + b3 * unj + c3 * unn) + (1 - pin) * (a4 * uni + b4 * unj + c4 * unn);
      const vn = vote(vr, wm, left, right);
      if (vn > 0) chij += vn;
      else if (vn < 0) chji -= vn;
    }
  }
  const phi = chij / (chij + chji);
  // Expected utilities for k = h.
  const uhi = h === i ? uOwn[i]! : uToI[h]!;
  const uhj = smpUtility(dist[h * n + j]!, riskH[h]!);
  const euSQ = uhi + uhj;
  const euVict = 2 * uhi;
  const euCntst = phi * 2 * uhi + (1 - phi) * 2 * uhj;
  const sj = s.salTot[j]!;
  const euChlg = (1 - sj) * euVict + sj * euCntst;
  out[0] = phi;
  out[1] = euChlg - euSQ;
}

/** Stride of the packed per-third-party terms of the SemiCommit challenge loop. */
const PACK = 8;

/**
 * Fill riskH, uToI and uOwn for perspective h and challenger i, and (SemiCommit) pack[m·PACK + 0..5] = the
 * challenge loop's target-independent terms [w_m, R^h_m, U[m][i], U[m][m], 2·U[m][i] + U[m][m], 3·U[m][i]] (one
 * array instead of six keeps the loop's array bases in registers).
 */
function perspective(
  s: Setup,
  a: Assessment,
  h: number,
  i: number,
  riskH: Float64Array,
  uToI: Float64Array,
  uOwn: Float64Array,
  pack: Float64Array,
): void {
  const n = s.n;
  const risk = a.risk;
  const dist = a.dist;
  const rh = risk[h]!;
  const rule = s.opts.bigRAdjust;
  for (let m = 0; m < n; m++) {
    const r = adjustedRisk(rule, rh, risk[m]!, m === h);
    riskH[m] = r;
    uToI[m] = smpUtility(dist[m * n + i]!, r);
    uOwn[m] = smpUtility(dist[m * n + m]!, r);
  }
  if (s.tpcMode === TPC_SEMI) {
    const w = s.chWeight;
    for (let m = 0; m < n; m++) {
      const uni = uToI[m]!;
      const o = m * PACK;
      pack[o] = w[m]!;
      pack[o + 1] = riskH[m]!;
      pack[o + 2] = uni;
      pack[o + 3] = uOwn[m]!;
      pack[o + 4] = 2 * uni + uOwn[m]!;
      pack[o + 5] = 3 * uni;
    }
  }
}

/** Bargain positions for i and j (§3.7 step 4), written to out[o..o+k) (i) and out[o+k..o+2k) (j). */
function interpolate(
  s: Setup,
  pos: Float64Array,
  i: number,
  j: number,
  pi: number,
  pj: number,
  out: Float64Array,
  o: number,
): void {
  const k = s.k;
  const rule = s.opts.interVecBrgn;
  for (let d = 0; d < k; d++) {
    const xi = pos[i * k + d]!;
    const xj = pos[j * k + d]!;
    const si = s.sal[i * k + d]!;
    const sj = s.sal[j * k + d]!;
    if (rule === 'S2PMax') {
      const di = Math.max(0, pj - pi);
      const dj = Math.max(0, pi - pj);
      const deltaI = (di * sj * sj) / (di * sj * sj + 1e-6 + (1 - di) * si * si);
      const deltaJ = (dj * si * si) / (dj * si * si + 1e-6 + (1 - dj) * sj * sj);
      out[o + d] = xi + deltaI * (xj - xi);
      out[o + k + d] = xj + deltaJ * (xi - xj);
    } else {
      let wi: number, wj: number;
      if (rule === 'S2P2') {
        wi = si * pi * (si * pi);
        wj = sj * pj * (sj * pj);
      } else {
        wi = si * pi;
        wj = sj * pj;
      }
      out[o + d] = round4(((wi + 1e-6) * xi + wj * xj) / (wi + 1e-6 + wj));
      out[o + k + d] = round4((wi * xi + (wj + 1e-6) * xj) / (wi + wj + 1e-6));
    }
  }
}

export interface SmpChallenge {
  initiator: string;
  target: string;
  /** Initiator's estimate of the probability that it wins the challenge. */
  probability: number;
  /** Initiator's expected-utility gain from the challenge. */
  deltaEU: number;
}

/** Build the bargains of one turn (§3.7 steps 2–4), in canonical order (increasing initiator index). */
function makeBargains(
  s: Setup,
  pos: Float64Array,
  a: Assessment,
  ws: Workspace,
  challenges: SmpChallenge[] | null,
  ids: string[],
): void {
  const n = s.n;
  const k = s.k;
  const out = ws.out;
  const k2 = 2 * k;
  const bInit = ws.bInit;
  const bRecv = ws.bRecv;
  const bPos = ws.bPos;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    perspective(s, a, i, i, ws.riskI, ws.uToI, ws.uOwn, ws.packI);
    // i's gain from challenging j is ΔEU = D·(1 − 2·S_j·(1 − φ)) with D = U[i][i] − U[i][j] and φ ∈ [0, 1], so
    // ΔEU ≤ max(D, D·(1 − 2·S_j)) (padded against round-off). Skipping a target whose bound is below the best ΔEU
    // found so far (it cannot reach, let alone tie, that best) or cannot exceed MIN_DELTA_EU gives, in any
    // evaluation order, the same result as scanning every j in index order and keeping the first maximum. The
    // target with the largest bound (ties: lowest index) goes first, as it usually sets a high bar, then the
    // others in index order.
    const bound = ws.bound;
    const uii = ws.uOwn[i]!;
    const dRow = i * n;
    const rii = ws.riskI[i]!;
    let top = -1;
    let topBound = MIN_DELTA_EU;
    for (let j = 0; j < n; j++) {
      if (j === i) {
        bound[j] = -Infinity;
        continue;
      }
      const dGain = uii - smpUtility(a.dist[dRow + j]!, rii);
      const b0 = Math.max(dGain, dGain * (1 - 2 * s.salTot[j]!));
      const b = b0 + 1e-9 * Math.abs(b0) + 1e-12;
      bound[j] = b;
      if (b > topBound) {
        topBound = b;
        top = j;
      }
    }
    let best = -1;
    let bestEU = -Infinity;
    let bestPhi = 0;
    if (top >= 0) {
      challenge(s, a, i, top, i, ws.riskI, ws.uToI, ws.uOwn, ws.packI, out);
      best = top;
      bestEU = out[1]!;
      bestPhi = out[0]!;
      for (let j = 0; j < n; j++) {
        const b = bound[j]!;
        if (j === top || b <= MIN_DELTA_EU || b < bestEU) continue;
        challenge(s, a, i, j, i, ws.riskI, ws.uToI, ws.uOwn, ws.packI, out);
        const eu = out[1]!;
        if (eu > bestEU || (eu === bestEU && j < best)) {
          bestEU = eu;
          best = j;
          bestPhi = out[0]!;
        }
      }
    }
    if (best < 0 || !(bestEU > MIN_DELTA_EU)) continue;
    const j = best;
    challenges?.push({ initiator: ids[i]!, target: ids[j]!, probability: bestPhi, deltaEU: bestEU });
    const model = s.opts.bargnModel;
    if (model === 'InitOnlyInterp') {
      interpolate(s, pos, i, j, bestPhi, 1 - bestPhi, bPos, nb * k2);
      bInit[nb] = i;
      bRecv[nb] = j;
      nb++;
      continue;
    }
    const own = ws.own;
    const rcv = ws.rcv;
    interpolate(s, pos, i, j, bestPhi, 1 - bestPhi, own, 0);
    // j's view of i challenging j.
    perspective(s, a, j, i, ws.riskJ, ws.uToIJ, ws.uOwnJ, ws.packJ);
    challenge(s, a, i, j, j, ws.riskJ, ws.uToIJ, ws.uOwnJ, ws.packJ, out);
    const phiJ = s.opts.ktabCompat ? out[1]! : out[0]!;
    interpolate(s, pos, i, j, phiJ, 1 - phiJ, rcv, 0);
    if (model === 'InitRcvrInterp') {
      for (let d = 0; d < k2; d++) {
        bPos[nb * k2 + d] = own[d]!;
        bPos[(nb + 1) * k2 + d] = rcv[d]!;
      }
      bInit[nb] = i;
      bRecv[nb] = j;
      bInit[nb + 1] = i;
      bRecv[nb + 1] = j;
      nb += 2;
    } else {
      const wi = s.cap[i]! * s.salTot[i]!;
      const wj = (s.opts.ktabCompat ? s.cap[i]! : s.cap[j]!) * s.salTot[j]!;
      for (let d = 0; d < k2; d++) bPos[nb * k2 + d] = (wi * own[d]! + wj * rcv[d]!) / (wi + wj);
      bInit[nb] = i;
      bRecv[nb] = j;
      nb++;
    }
  }
  ws.nb = nb;
}

/** Seeded xoroshiro128+ from a 64-bit seed, expanded with splitmix64. */
function makeRng(seed: bigint): RandomGenerator {
  const mask = (1n << 64n) - 1n;
  let x = seed & mask;
  const words: number[] = [];
  for (let r = 0; r < 2; r++) {
    x = (x + 0x9e3779b97f4a7c15n) & mask;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z = z ^ (z >> 31n);
    words.push(Number((z >> 32n) & 0xffffffffn) | 0, Number(z & 0xffffffffn) | 0);
  }
  if (!words.some((w) => w !== 0)) words[0] = 1;
  return xoroshiro128plusFromState(words);
}

/**
 * Resolve every actor's bargain queue (§3.7 step 5) over the turn's bargains in ws; returns ws.chosen with the
 * index of each actor's chosen bargain (-1 = status quo).
 */
function resolveBargains(
  s: Setup,
  ideal: Float64Array,
  a: Assessment,
  ws: Workspace,
  rng: RandomGenerator | null,
): Int32Array {
  const n = s.n;
  const k = s.k;
  const k2 = 2 * k;
  const nb = ws.nb;
  const bInit = ws.bInit;
  const bRecv = ws.bRecv;
  const bPos = ws.bPos;
  const sal = s.sal;
  const salSq = s.salSq;
  const risk = a.risk;
  // Utility to each actor v of each bargain's two positions.
  const uB = ws.uB;
  for (let m = 0; m < nb; m++) {
    const po = m * k2;
    for (let v = 0; v < n; v++) {
      const r = risk[v]!;
      const vo = v * k;
      // Salience-weighted normalised distances from v's ideal to the two positions (§3.3).
      let acc0 = 0;
      let acc1 = 0;
      for (let d = 0; d < k; d++) {
        const sv = sal[vo + d]!;
        const x = ideal[vo + d]!;
        const t0 = sv * (x - bPos[po + d]!);
        acc0 += t0 * t0;
        const t1 = sv * (x - bPos[po + k + d]!);
        acc1 += t1 * t1;
      }
      const ss = salSq[v]!;
      uB[(v * nb + m) * 2] = smpUtility(Math.sqrt(acc0 / ss), r);
      uB[(v * nb + m) * 2 + 1] = smpUtility(Math.sqrt(acc1 / ss), r);
    }
  }
  // Value to each actor v of the state each bargain m would produce, stored option-major for scalarPceT:
  // value[(m + 1)*n + v], with the status quo in row 0.
  const value = ws.value;
  const cols = nb + 1;
  const uTrue = a.uTrue;
  // prefix[v*(n+1) + l] = Σ_{l' < l} uTrue[v][l'] summed from 0 in index order: exactly the partial sums the
  // value loop below would compute first.
  const prefix = ws.prefix;
  const n1 = n + 1;
  for (let v = 0; v < n; v++) {
    const row = v * n;
    let sq = 0;
    prefix[v * n1] = 0;
    for (let l = 0; l < n; l++) {
      sq += uTrue[row + l]!;
      prefix[v * n1 + l + 1] = sq;
    }
    value[v] = sq / n;
  }
  for (let m = 0; m < nb; m++) {
    const init = bInit[m]!;
    const recv = bRecv[m]!;
    // Σ_l in index order with the two bargainers' positions substituted (same order as the status quo, so an
    // unchanged state gets exactly the status-quo value). Four actors v at a time: four independent sums, each
    // in the same order as alone.
    const first = init < recv ? init : recv;
    const second = init < recv ? recv : init;
    const sFirst = first === init ? 0 : 1;
    const sSecond = second === init ? 0 : 1;
    const out = (m + 1) * n;
    let v = 0;
    for (; v + 3 < n; v += 4) {
      const r0 = v * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      const e = (v * nb + m) * 2;
      const e1 = e + 2 * nb;
      const e2 = e1 + 2 * nb;
      const e3 = e2 + 2 * nb;
      let acc0 = prefix[v * n1 + first]! + uB[e + sFirst]!;
      let acc1 = prefix[(v + 1) * n1 + first]! + uB[e1 + sFirst]!;
      let acc2 = prefix[(v + 2) * n1 + first]! + uB[e2 + sFirst]!;
      let acc3 = prefix[(v + 3) * n1 + first]! + uB[e3 + sFirst]!;
      for (let l = first + 1; l < second; l++) {
        acc0 += uTrue[r0 + l]!;
        acc1 += uTrue[r1 + l]!;
        acc2 += uTrue[r2 + l]!;
        acc3 += uTrue[r3 + l]!;
      }
      acc0 += uB[e + sSecond]!;
      acc1 += uB[e1 + sSecond]!;
      acc2 += uB[e2 + sSecond]!;
      acc3 += uB[e3 + sSecond]!;
      for (let l = second + 1; l < n; l++) {
        acc0 += uTrue[r0 + l]!;
        acc1 += uTrue[r1 + l]!;
        acc2 += uTrue[r2 + l]!;
        acc3 += uTrue[r3 + l]!;
      }
      value[out + v] = acc0 / n;
      value[out + v + 1] = acc1 / n;
      value[out + v + 2] = acc2 / n;
      value[out + v + 3] = acc3 / n;
    }
    for (; v < n; v++) {
      const row = v * n;
      const e = (v * nb + m) * 2;
      let acc = prefix[v * n1 + first]! + uB[e + sFirst]!;
      for (let l = first + 1; l < second; l++) acc += uTrue[row + l]!;
      acc += uB[e + sSecond]!;
      for (let l = second + 1; l < n; l++) acc += uTrue[row + l]!;
      value[out + v] = acc / n;
    }
  }
  // Queues: status quo, then the bargains involving each actor in canonical order, as rows of value (bargain
  // m + 1, status quo 0); row stride cols.
  const qLen = ws.qLen;
  const qItem = ws.qItem;
  for (let kk = 0; kk < n; kk++) {
    qItem[kk * cols] = 0;
    qLen[kk] = 1;
  }
  for (let m = 0; m < nb; m++) {
    const ii = bInit[m]!;
    const jj = bRecv[m]!;
    qItem[ii * cols + qLen[ii]!] = m + 1;
    qLen[ii] = qLen[ii]! + 1;
    qItem[jj * cols + qLen[jj]!] = m + 1;
    qLen[jj] = qLen[jj]! + 1;
  }
  const q = ws.q;
  const probs = ws.probs;
  const chosen = ws.chosen;
  chosen.fill(-1);
  for (let kk = 0; kk < n; kk++) {
    const mq = qLen[kk]!;
    const qo = kk * cols;
    if (mq === 1 && rng === null) continue;
    scalarPceT(s.pce, s.cap, n, value, mq, q, ws.scratch, qItem, qo);
    if (rng === null) {
      let best = 0;
      for (let c = 1; c < mq; c++) if (q[c]! > q[best]!) best = c;
      chosen[kk] = qItem[qo + best]! - 1;
    } else {
      for (let c = 0; c < mq; c++) probs[qo + c] = q[c]!;
    }
  }
  if (rng !== null) {
    // Draw sequentially in actor order after all queues are evaluated (P1).
    for (let kk = 0; kk < n; kk++) {
      const mq = qLen[kk]!;
      const qo = kk * cols;
      const r = uniformFloat64(rng);
      let acc = 0;
      let pick = mq - 1;
      for (let c = 0; c < mq; c++) {
        acc += probs[qo + c]!;
        if (r < acc) {
          pick = c;
          break;
        }
      }
      chosen[kk] = qItem[qo + pick]! - 1;
    }
  }
  return chosen;
}

function validateAndScale(problem: ForecastProblem): {
  issues: number[];
  excluded: { issue: string; reason: string }[];
  pos: Float64Array;
  sal: Float64Array;
  salienceScale: Record<string, number>;
} {
  const n = problem.actors.length;
  const d = problem.issues.length;
  const issues: number[] = [];
  const excluded: { issue: string; reason: string }[] = [];
  for (let k = 0; k < d; k++) {
    const iss = problem.issues[k]!;
    if (!(iss.hi > iss.lo)) {
      excluded.push({ issue: iss.id, reason: `scale has hi (${iss.hi}) ≤ lo (${iss.lo})` });
      continue;
    }
    const missing = problem.actors.filter((_, i) => !Number.isFinite(problem.position[i * d + k]!));
    if (missing.length > 0) {
      excluded.push({
        issue: iss.id,
        reason: `not coded for ${missing.join(', ')} (SMP needs every actor on every issue)`,
      });
      continue;
    }
    issues.push(k);
  }
  if (issues.length === 0) throw new Error('SMP: no issue on which every actor is coded');
  const kk = issues.length;
  const pos = new Float64Array(n * kk);
  const sal = new Float64Array(n * kk);
  const salienceScale: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const c = problem.capability[i]!;
    if (!(c >= 0 && Number.isFinite(c)))
      throw new Error(`SMP: capability of actor ${problem.actors[i]} must be finite and ≥ 0; got ${c}`);
    let total = 0;
    issues.forEach((k, q) => {
      const iss = problem.issues[k]!;
      const x = (problem.position[i * d + k]! - iss.lo) / (iss.hi - iss.lo);
      if (x < -1e-12 || x > 1 + 1e-12) {
        throw new Error(
          `SMP: position of actor ${problem.actors[i]} on issue ${iss.id} lies outside [${iss.lo}, ${iss.hi}]`,
        );
      }
      pos[i * kk + q] = x;
      const sv = problem.salience[i * d + k]!;
      if (!(sv >= 0 && sv <= 1))
        throw new Error(
          `SMP: salience of actor ${problem.actors[i]} on issue ${iss.id} must lie in [0, 1]; got ${sv}`,
        );
      sal[i * kk + q] = sv;
      total += sv;
    });
    if (!(total > 0))
      throw new Error(
        `SMP: actor ${problem.actors[i]} has zero salience on every modelled issue (KTAB cannot model it)`,
      );
    if (total > 1 + 1e-12) {
      for (let q = 0; q < kk; q++) sal[i * kk + q] = sal[i * kk + q]! / total;
      salienceScale[problem.actors[i]!] = 1 / total;
    }
  }
  let capSum = 0;
  for (const c of problem.capability) capSum += c;
  if (!(capSum > 0)) throw new Error('SMP: every actor has zero capability');
  if (n < 2) throw new Error('SMP: needs at least two actors');
  return { issues, excluded, pos, sal, salienceScale };
}

function accommodationMatrix(problem: ForecastProblem, opts: SmpOptions): Float64Array | null {
  if (opts.idealAdjustment.length === 0) return null;
  const n = problem.actors.length;
  const index = new Map(problem.actors.map((a, i) => [a, i]));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = 1;
  for (const pair of opts.idealAdjustment) {
    const i = index.get(pair.actor);
    const j = index.get(pair.reference);
    if (i === undefined) throw new Error(`SMP ideal adjustment: unknown actor "${pair.actor}"`);
    if (j === undefined) throw new Error(`SMP ideal adjustment: unknown reference actor "${pair.reference}"`);
    if (!(pair.adjust >= 0 && pair.adjust <= 1)) {
      throw new Error(
        `SMP ideal adjustment ${pair.actor} → ${pair.reference}: adjust must lie in [0, 1]; got ${pair.adjust}`,
      );
    }
    a[i * n + j] = pair.adjust;
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += a[i * n + j]!;
    if (sum > 1 + 1e-12) {
      throw new Error(
        `SMP ideal adjustment: the row of actor "${problem.actors[i]}" sums to ${sum} > 1 (lower its own entry so the row sums to at most 1)`,
      );
    }
  }
  return a;
}

/**
 * Run KTAB's Spatial Model of Politics on a problem. rounds[0] holds the initial positions and the last round
 * the final ones (so rounds.length is KTAB's number of states); each round's `probabilities` gives, per actor,
 * the probability that its position becomes the outcome (§3.8). `outcome` is the probability-weighted mean of the
 * final distinct positions (`details.mostLikely` is the single likeliest one).
 *
 * Only issues on which every actor is coded are modelled (others get a null outcome and are listed in
 * `details.excludedIssues`); saliences summing above 1 are rescaled (`details.salienceScale`). An actor with zero
 * capability casts no votes but, as in KTAB, still challenges and is an option. Also in `details`: the options
 * used, `fractionalChange` per step (KTAB's stopping ratio), `riskAttitudes` per state, and per turn the
 * challenges issued and the actors that moved.
 *
 * With `trace` false (Monte Carlo sweeps) the trajectory is not kept: `rounds` is empty and `details` holds only the
 * options, states, mostLikely(Probability), excludedIssues and salienceScale. The outcome and stop are the same bits.
 */
export function smp(
  problem: ForecastProblem,
  options: Partial<SmpOptions> = {},
  trace = true,
): ForecastResult {
  const opts = resolveSmpOptions(options);
  const { issues, excluded, pos: pos0, sal, salienceScale } = validateAndScale(problem);
  const n = problem.actors.length;
  const k = issues.length;
  const salSq = new Float64Array(n);
  const salTot = new Float64Array(n);
  const chWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < k; d++) {
      const v = sal[i * k + d]!;
      salSq[i] = salSq[i]! + v * v;
      salTot[i] = salTot[i]! + v;
    }
    chWeight[i] = salTot[i]! * problem.capability[i]!;
  }
  const vr = votingRuleCode(opts.votingRule);
  const s: Setup = {
    n,
    k,
    cap: Float64Array.from(problem.capability),
    sal,
    salSq,
    salTot,
    chWeight,
    accommodation: accommodationMatrix(problem, opts),
    opts,
    pce: { votingRule: vr, victoryProbModel: opts.victoryProbModel, pceModel: opts.pceModel },
    vr,
    tpc: Float64Array.from(THIRD_PARTY_COEFFICIENTS[opts.thirdPartyCommit]),
    tpcMode: tpcMode(THIRD_PARTY_COEFFICIENTS[opts.thirdPartyCommit]),
  };
  const ws = workspace(n, k);
  const rng = opts.stateTransitions === 'Stochastic' ? makeRng(opts.seed) : null;

  const ids = problem.actors;
  // Per-state histories (state t is row t): positions, outcome probabilities per actor, risk attitudes.
  const capacity = Math.min(opts.maxTurns + 1, 64);
  const states = new History(n * k, capacity);
  const probabilities = new History(n, capacity);
  const riskHistory = new History(n, capacity);
  states.push(pos0);
  const turns: { challenges: SmpChallenge[]; moved: string[] }[] = [];
  const fractionalChange: number[] = [];
  // The state lives in two workspace buffers that swap every turn; with the identity accommodation the ideals are
  // the current state itself (nextIdeals returns it), which is never written while it is current.
  let pos: Float64Array = ws.posA;
  let spare: Float64Array = ws.posB;
  pos.set(pos0);
  let ideal: Float64Array = Float64Array.from(pos0);
  let firstMove = 0;
  let stop = '';
  // Number of distinct positions of the latest state (ws.reps[0..nReps), probabilities ws.pRep[0..nReps)).
  let nReps: number;
  for (let t = 0; ; t++) {
    const a = assess(s, pos, ideal, ws);
    nReps = stateProbabilities(s, pos, a, ws);
    probabilities.push(ws.perActor);
    riskHistory.push(a.risk);
    if (stop !== '') break;
    if (a.degenerate) {
      stop = 'converged: all positions are equally likely to win, so risk attitudes are undefined (P7)';
      break;
    }
    const challenges: SmpChallenge[] | null = trace ? [] : null;
    makeBargains(s, pos, a, ws, challenges, ids);
    const chosen = resolveBargains(s, ideal, a, ws, rng);
    const next = spare;
    next.set(pos);
    const moved: string[] | null = trace ? [] : null;
    for (let i = 0; i < n; i++) {
      const m = chosen[i]!;
      if (m < 0) continue;
      const off = m * 2 * k + (ws.bInit[m] === i ? 0 : k);
      for (let d = 0; d < k; d++) next[i * k + d] = ws.bPos[off + d]!;
      moved?.push(ids[i]!);
    }
    if (challenges !== null && moved !== null) turns.push({ challenges, moved });
    ideal = nextIdeals(s, next, ideal);
    let change = 0;
    for (let i = 0; i < n; i++) change += euclidBetween(pos, next, i * k, k);
    if (t === 0) firstMove = change;
    const ratio = change / (firstMove + STOP_OFFSET);
    fractionalChange.push(ratio);
    spare = pos;
    pos = next;
    states.push(pos);
    const tt = t + 1;
    if (tt >= 2 && ratio < opts.tolerance) {
      stop = `converged: turn ${tt} moved the actors by ${ratio.toFixed(4)} of the first turn's movement (< ${opts.tolerance})`;
    } else if (tt >= opts.maxTurns) {
      stop = `maximum of ${opts.maxTurns} turns`;
    }
  }

  const issueIds: string[] = [];
  const issueLo = new Float64Array(k);
  const issueSpan = new Float64Array(k);
  for (let q = 0; q < k; q++) {
    const iss = problem.issues[issues[q]!]!;
    issueIds.push(iss.id);
    issueLo[q] = iss.lo;
    issueSpan[q] = iss.hi - iss.lo;
  }
  const rounds: ForecastRound[] = [];
  const nk = n * k;
  for (let t = 0; trace && t < states.rows; t++) {
    const state = states.buf;
    const so = t * nk;
    const pt = probabilities.buf;
    const po = t * n;
    const positions: Record<string, Record<string, number>> = {};
    const probs: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const rec: Record<string, number> = {};
      for (let q = 0; q < k; q++) rec[issueIds[q]!] = issueLo[q]! + state[so + i * k + q]! * issueSpan[q]!;
      positions[ids[i]!] = rec;
      probs[ids[i]!] = pt[po + i]!;
    }
    rounds.push({ positions, probabilities: probs });
  }
  const final = pos;
  const outcome: Record<string, number | null> = {};
  const mostLikely: Record<string, number> = {};
  const reps = ws.reps;
  const lastP = ws.pRep;
  let bestRep = 0;
  for (let c = 1; c < nReps; c++) if (lastP[c]! > lastP[bestRep]!) bestRep = c;
  for (let q = 0; q < k; q++) {
    let mean = 0;
    for (let c = 0; c < nReps; c++) mean += lastP[c]! * final[reps[c]! * k + q]!;
    outcome[issueIds[q]!] = issueLo[q]! + mean * issueSpan[q]!;
    mostLikely[issueIds[q]!] = issueLo[q]! + final[reps[bestRep]! * k + q]! * issueSpan[q]!;
  }
  for (const e of excluded) outcome[e.issue] = null;
  // Without the trace, the per-turn details (fractionalChange, riskAttitudes, turns) are left out; key order is kept.
  return {
    model: 'smp',
    rounds,
    outcome,
    stop,
    details: {
      options: { ...opts, seed: opts.seed.toString() },
      states: states.rows,
      ...(trace
        ? {
            fractionalChange,
            riskAttitudes: Array.from({ length: riskHistory.rows }, (_, t) =>
              recordOf(ids, riskHistory.buf, t * n),
            ),
          }
        : {}),
      mostLikely,
      mostLikelyProbability: lastP[bestRep] ?? null,
      excludedIssues: excluded,
      salienceScale,
      ...(trace ? { turns } : {}),
    },
  };
}

/** Object.fromEntries(ids.map((id, i) => [id, values[off + i]])), without the intermediate arrays. */
function recordOf(ids: string[], values: Float64Array, off: number): Record<string, number> {
  const rec: Record<string, number> = {};
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    // Assignment would set the prototype for this one key; fromEntries defines an own property.
    if (id === '__proto__')
      Object.defineProperty(rec, id, {
        value: values[off + i]!,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    else rec[id] = values[off + i]!;
  }
  return rec;
}

function euclidBetween(x: Float64Array, y: Float64Array, off: number, k: number): number {
  let acc = 0;
  for (let d = 0; d < k; d++) {
    const t = x[off + d]! - y[off + d]!;
    acc += t * t;
  }
  return Math.sqrt(acc);
}

/** ideal_i(t+1) = Σ_j A_ij·x_j(t+1) + (1 − Σ_j A_ij)·ideal_i(t) (§3.7 step 6). */
function nextIdeals(s: Setup, next: Float64Array, ideal: Float64Array): Float64Array {
  const acc = s.accommodation;
  // Identity accommodation: ideal = next. Neither array is ever written after this, so they can be shared.
  if (acc === null) return next;
  const n = s.n;
  const k = s.k;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) rowSum += acc[i * n + j]!;
    for (let d = 0; d < k; d++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += acc[i * n + j]! * next[j * k + d]!;
      out[i * k + d] = v + (1 - rowSum) * ideal[i * k + d]!;
    }
  }
  return out;
}
