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
import { PceScratch, scalarPce, vote as importedVote, votingRuleCode, Vr } from './smp-pce.js';

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

/** Actor h's estimate of actor i's risk attitude (§3.7 step 1.5); exactly R_h when h = i. */
export function adjustedRisk(rule: BigRAdjust, rh: number, ri: number, same: boolean): number {
  if (same) return rh;
  switch (rule) {
    case 'None':
      return rh;
    case 'OneThird':
      return (2 * rh + ri) / 3;
    case 'Half':
      return (rh + ri) / 2;
    case 'TwoThirds':
      return (rh + 2 * ri) / 3;
    case 'Full':
      return ri;
  }
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

class Workspace {
  readonly scratch = new PceScratch();
  readonly u0: Float64Array;
  readonly p: Float64Array;
  readonly uij: Float64Array;
  readonly riskI: Float64Array;
  readonly uToI: Float64Array;
  readonly uOwn: Float64Array;
  readonly bound: Float64Array;
  readonly order: Int32Array;
  constructor(n: number) {
    this.u0 = new Float64Array(n * n);
    this.p = new Float64Array(n);
    this.uij = new Float64Array(n * (n + 1));
    this.riskI = new Float64Array(n);
    this.uToI = new Float64Array(n);
    this.uOwn = new Float64Array(n);
    this.bound = new Float64Array(n);
    this.order = new Int32Array(n);
  }
}

/** Salience-weighted normalised distance from `ideal` (actor i's saliences) to the point `x` (§3.3). */
function distanceTo(s: Setup, i: number, ideal: Float64Array, x: Float64Array, xOff: number): number {
  const k = s.k;
  let acc = 0;
  for (let d = 0; d < k; d++) {
    const t = s.sal[i * k + d]! * (ideal[i * k + d]! - x[xOff + d]!);
    acc += t * t;
  }
  return Math.sqrt(acc / s.salSq[i]!);
}

function assess(s: Setup, pos: Float64Array, ideal: Float64Array, ws: Workspace): Assessment {
  const n = s.n;
  const dist = new Float64Array(n * n);
  const distT = new Float64Array(n * n);
  const u0 = ws.u0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = distanceTo(s, i, ideal, pos, j * s.k);
      dist[i * n + j] = d;
      distT[j * n + i] = d;
      u0[i * n + j] = smpUtility(d, 0);
    }
  }
  const p = ws.p;
  scalarPce(s.pce, s.cap, n, u0, n, n, p, ws.scratch);
  const risk = new Float64Array(n);
  const ok = riskFromProbabilities(s.opts.bigRRange, p.subarray(0, n), risk);
  const uTrue = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const r = risk[i]!;
    for (let j = 0; j < n; j++) uTrue[i * n + j] = smpUtility(dist[i * n + j]!, r);
  }
  return { dist, distT, risk, uTrue, degenerate: !ok };
}

/** Per-state outcome distribution (§3.8): each actor's probability of its position becoming the outcome. */
function stateProbabilities(
  s: Setup,
  pos: Float64Array,
  a: Assessment,
  ws: Workspace,
): { perActor: Float64Array; reps: number[]; pRep: Float64Array } {
  const n = s.n;
  const k = s.k;
  const reps: number[] = [];
  for (let i = 0; i < n; i++) {
    let isNew = true;
    for (const r of reps) {
      if (euclid(pos, i * k, r * k, k) < POS_TOL) {
        isNew = false;
        break;
      }
    }
    if (isNew) reps.push(i);
  }
  const m = reps.length;
  const u = ws.uij;
  for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) u[i * m + c] = a.uTrue[i * n + reps[c]!]!;
  const pRep = new Float64Array(m);
  scalarPce(s.pce, s.cap, n, u, m, m, pRep, ws.scratch);
  const perActor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let last = -1;
    for (let c = 0; c < m; c++) if (euclid(pos, i * k, reps[c]! * k, k) < POS_TOL) last = c;
    perActor[i] = pRep[last]!;
  }
  return { perActor, reps, pRep };
}

function euclid(x: Float64Array, a: number, b: number, k: number): number {
  let acc = 0;
  for (let d = 0; d < k; d++) {
    const t = x[a + d]! - x[b + d]!;
    acc += t * t;
  }
  return Math.sqrt(acc);
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
  if (vr === Vr.Prop) {
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

/** Fill riskH, uToI and uOwn for perspective h and challenger i. */
function perspective(
  s: Setup,
  a: Assessment,
  h: number,
  i: number,
  riskH: Float64Array,
  uToI: Float64Array,
  uOwn: Float64Array,
): void {
  const n = s.n;
  const rh = a.risk[h]!;
  const rule = s.opts.bigRAdjust;
  for (let m = 0; m < n; m++) {
    const r = adjustedRisk(rule, rh, a.risk[m]!, m === h);
    riskH[m] = r;
    uToI[m] = smpUtility(a.dist[m * n + i]!, r);
    uOwn[m] = smpUtility(a.dist[m * n + m]!, r);
  }
}

/** Bargain positions for i and j (§3.7 step 4), written to out[0..k) (i) and out[k..2k) (j). */
function interpolate(
  s: Setup,
  pos: Float64Array,
  i: number,
  j: number,
  pi: number,
  pj: number,
  out: Float64Array,
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
      out[d] = xi + deltaI * (xj - xi);
      out[k + d] = xj + deltaJ * (xi - xj);
    } else {
      let wi: number, wj: number;
      if (rule === 'S2P2') {
        wi = si * pi * (si * pi);
        wj = sj * pj * (sj * pj);
      } else {
        wi = si * pi;
        wj = sj * pj;
      }
      out[d] = round4(((wi + 1e-6) * xi + wj * xj) / (wi + 1e-6 + wj));
      out[k + d] = round4((wi * xi + (wj + 1e-6) * xj) / (wi + wj + 1e-6));
    }
  }
}

interface Bargain {
  init: number;
  recv: number;
  /** 2k coordinates: initiator's then receiver's. */
  pos: Float64Array;
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
  challenges: SmpChallenge[],
  ids: string[],
): Bargain[] {
  const n = s.n;
  const k = s.k;
  const out = new Float64Array(2);
  const bargains: Bargain[] = [];
  for (let i = 0; i < n; i++) {
    perspective(s, a, i, i, ws.riskI, ws.uToI, ws.uOwn);
    // i's gain from challenging j is ΔEU = D·(1 − 2·S_j·(1 − φ)) with D = U[i][i] − U[i][j] and φ ∈ [0, 1], so
    // ΔEU ≤ max(D, D·(1 − 2·S_j)). Targets are evaluated in decreasing order of that bound (padded against
    // round-off) until no remaining one can reach the best so far; the result is the same as scanning every j in
    // index order and keeping the first maximum.
    const bound = ws.bound;
    const order = ws.order;
    const uii = ws.uOwn[i]!;
    for (let j = 0; j < n; j++) {
      order[j] = j;
      if (j === i) {
        bound[j] = -Infinity;
        continue;
      }
      const dGain = uii - smpUtility(a.dist[i * n + j]!, ws.riskI[i]!);
      const b = Math.max(dGain, dGain * (1 - 2 * s.salTot[j]!));
      bound[j] = b + 1e-9 * Math.abs(b) + 1e-12;
    }
    order.sort((x, y) => bound[y]! - bound[x]! || x - y);
    let best = -1;
    let bestEU = -Infinity;
    let bestPhi = 0;
    for (let q = 0; q < n; q++) {
      const j = order[q]!;
      const b = bound[j]!;
      if (j === i || b <= MIN_DELTA_EU || b < bestEU) break;
      challenge(s, a, i, j, i, ws.riskI, ws.uToI, ws.uOwn, out);
      const eu = out[1]!;
      if (eu > bestEU || (eu === bestEU && j < best)) {
        bestEU = eu;
        best = j;
        bestPhi = out[0]!;
      }
    }
    if (best < 0 || !(bestEU > MIN_DELTA_EU)) continue;
    const j = best;
    challenges.push({ initiator: ids[i]!, target: ids[j]!, probability: bestPhi, deltaEU: bestEU });
    const own = new Float64Array(2 * k);
    interpolate(s, pos, i, j, bestPhi, 1 - bestPhi, own);
    const model = s.opts.bargnModel;
    if (model === 'InitOnlyInterp') {
      bargains.push({ init: i, recv: j, pos: own });
      continue;
    }
    // j's view of i challenging j.
    const riskJ = new Float64Array(n);
    const uToIJ = new Float64Array(n);
    const uOwnJ = new Float64Array(n);
    perspective(s, a, j, i, riskJ, uToIJ, uOwnJ);
    challenge(s, a, i, j, j, riskJ, uToIJ, uOwnJ, out);
    const phiJ = s.opts.ktabCompat ? out[1]! : out[0]!;
    const rcv = new Float64Array(2 * k);
    interpolate(s, pos, i, j, phiJ, 1 - phiJ, rcv);
    if (model === 'InitRcvrInterp') {
      bargains.push({ init: i, recv: j, pos: own }, { init: i, recv: j, pos: rcv });
    } else {
      const wi = s.cap[i]! * s.salTot[i]!;
      const wj = (s.opts.ktabCompat ? s.cap[i]! : s.cap[j]!) * s.salTot[j]!;
      const avg = new Float64Array(2 * k);
      for (let d = 0; d < 2 * k; d++) avg[d] = (wi * own[d]! + wj * rcv[d]!) / (wi + wj);
      bargains.push({ init: i, recv: j, pos: avg });
    }
  }
  return bargains;
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

/** Resolve every actor's bargain queue (§3.7 step 5); returns the index of the chosen bargain (-1 = status quo). */
function resolveBargains(
  s: Setup,
  ideal: Float64Array,
  a: Assessment,
  bargains: Bargain[],
  ws: Workspace,
  rng: RandomGenerator | null,
): Int32Array {
  const n = s.n;
  const k = s.k;
  const nb = bargains.length;
  // Utility to each actor n of each bargain's two positions.
  const uB = new Float64Array(n * nb * 2);
  for (let m = 0; m < nb; m++) {
    const b = bargains[m]!;
    for (let v = 0; v < n; v++) {
      const r = a.risk[v]!;
      uB[(v * nb + m) * 2] = smpUtility(distanceTo(s, v, ideal, b.pos, 0), r);
      uB[(v * nb + m) * 2 + 1] = smpUtility(distanceTo(s, v, ideal, b.pos, k), r);
    }
  }
  // Value to each actor of the state each bargain would produce (status quo in column 0).
  const value = new Float64Array(n * (nb + 1));
  const cols = nb + 1;
  for (let v = 0; v < n; v++) {
    const row = a.uTrue.subarray(v * n, v * n + n);
    let sq = 0;
    for (let l = 0; l < n; l++) sq += row[l]!;
    value[v * cols] = sq / n;
    for (let m = 0; m < nb; m++) {
      const b = bargains[m]!;
      // Σ_l in index order with the two bargainers' positions substituted (same order as the status quo, so an
      // unchanged state gets exactly the status-quo value).
      const first = Math.min(b.init, b.recv);
      const second = Math.max(b.init, b.recv);
      const uFirst = uB[(v * nb + m) * 2 + (first === b.init ? 0 : 1)]!;
      const uSecond = uB[(v * nb + m) * 2 + (second === b.init ? 0 : 1)]!;
      let acc = 0;
      for (let l = 0; l < first; l++) acc += row[l]!;
      acc += uFirst;
      for (let l = first + 1; l < second; l++) acc += row[l]!;
      acc += uSecond;
      for (let l = second + 1; l < n; l++) acc += row[l]!;
      value[v * cols + m + 1] = acc / n;
    }
  }
  // Queues: status quo, then the bargains involving k in canonical order.
  const queues: number[][] = Array.from({ length: n }, () => [-1]);
  for (let m = 0; m < nb; m++) {
    const b = bargains[m]!;
    queues[b.init]!.push(m);
    queues[b.recv]!.push(m);
  }
  const q = new Float64Array(nb + 1);
  const u = new Float64Array(n * (nb + 1));
  const probs: Float64Array[] = [];
  const chosen = new Int32Array(n).fill(-1);
  for (let kk = 0; kk < n; kk++) {
    const queue = queues[kk]!;
    const mq = queue.length;
    if (mq === 1 && rng === null) continue;
    for (let v = 0; v < n; v++) for (let c = 0; c < mq; c++) u[v * mq + c] = value[v * cols + queue[c]! + 1]!;
    scalarPce(s.pce, s.cap, n, u, mq, mq, q, ws.scratch);
    if (rng === null) {
      let best = 0;
      for (let c = 1; c < mq; c++) if (q[c]! > q[best]!) best = c;
      chosen[kk] = queue[best]!;
    } else {
      probs.push(q.slice(0, mq));
    }
  }
  if (rng !== null) {
    // Draw sequentially in actor order after all queues are evaluated (P1).
    for (let kk = 0; kk < n; kk++) {
      const pq = probs[kk]!;
      const r = uniformFloat64(rng);
      let acc = 0;
      let pick = pq.length - 1;
      for (let c = 0; c < pq.length; c++) {
        acc += pq[c]!;
        if (r < acc) {
          pick = c;
          break;
        }
      }
      chosen[kk] = queues[kk]![pick]!;
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
 */
export function smp(problem: ForecastProblem, options: Partial<SmpOptions> = {}): ForecastResult {
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
  };
  const ws = new Workspace(n);
  const rng = opts.stateTransitions === 'Stochastic' ? makeRng(opts.seed) : null;

  const ids = problem.actors;
  const states: Float64Array[] = [pos0];
  const probabilities: Float64Array[] = [];
  const riskHistory: Float64Array[] = [];
  const turns: { challenges: SmpChallenge[]; moved: string[] }[] = [];
  const fractionalChange: number[] = [];
  let pos: Float64Array = pos0;
  let ideal: Float64Array = Float64Array.from(pos0);
  let firstMove = 0;
  let stop = '';
  let last: { reps: number[]; pRep: Float64Array } = { reps: [], pRep: new Float64Array(0) };
  for (let t = 0; ; t++) {
    const a = assess(s, pos, ideal, ws);
    const sp = stateProbabilities(s, pos, a, ws);
    probabilities.push(sp.perActor);
    riskHistory.push(a.risk);
    last = sp;
    if (stop !== '') break;
    if (a.degenerate) {
      stop = 'converged: all positions are equally likely to win, so risk attitudes are undefined (P7)';
      break;
    }
    const challenges: SmpChallenge[] = [];
    const bargains = makeBargains(s, pos, a, ws, challenges, ids);
    const chosen = resolveBargains(s, ideal, a, bargains, ws, rng);
    const next = Float64Array.from(pos);
    const moved: string[] = [];
    for (let i = 0; i < n; i++) {
      const m = chosen[i]!;
      if (m < 0) continue;
      const b = bargains[m]!;
      const off = b.init === i ? 0 : k;
      for (let d = 0; d < k; d++) next[i * k + d] = b.pos[off + d]!;
      moved.push(ids[i]!);
    }
    turns.push({ challenges, moved });
    ideal = nextIdeals(s, next, ideal);
    let change = 0;
    for (let i = 0; i < n; i++) change += euclidBetween(pos, next, i * k, k);
    if (t === 0) firstMove = change;
    const ratio = change / (firstMove + STOP_OFFSET);
    fractionalChange.push(ratio);
    pos = next;
    states.push(pos);
    const tt = t + 1;
    if (tt >= 2 && ratio < opts.tolerance) {
      stop = `converged: turn ${tt} moved the actors by ${ratio.toFixed(4)} of the first turn's movement (< ${opts.tolerance})`;
    } else if (tt >= opts.maxTurns) {
      stop = `maximum of ${opts.maxTurns} turns`;
    }
  }

  const toNative = (state: Float64Array, i: number): Record<string, number> => {
    const rec: Record<string, number> = {};
    issues.forEach((kIdx, q) => {
      const iss = problem.issues[kIdx]!;
      rec[iss.id] = iss.lo + state[i * k + q]! * (iss.hi - iss.lo);
    });
    return rec;
  };
  const rounds: ForecastRound[] = states.map((state, t) => {
    const positions: Record<string, Record<string, number>> = {};
    const probs: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      positions[ids[i]!] = toNative(state, i);
      probs[ids[i]!] = probabilities[t]![i]!;
    }
    return { positions, probabilities: probs };
  });
  const final = states[states.length - 1]!;
  const outcome: Record<string, number | null> = {};
  const mostLikely: Record<string, number> = {};
  let bestRep = 0;
  for (let c = 1; c < last.reps.length; c++) if (last.pRep[c]! > last.pRep[bestRep]!) bestRep = c;
  issues.forEach((kIdx, q) => {
    const iss = problem.issues[kIdx]!;
    let mean = 0;
    last.reps.forEach((r, c) => (mean += last.pRep[c]! * final[r * k + q]!));
    outcome[iss.id] = iss.lo + mean * (iss.hi - iss.lo);
    mostLikely[iss.id] = iss.lo + final[last.reps[bestRep]! * k + q]! * (iss.hi - iss.lo);
  });
  for (const e of excluded) outcome[e.issue] = null;
  return {
    model: 'smp',
    rounds,
    outcome,
    stop,
    details: {
      options: { ...opts, seed: opts.seed.toString() },
      states: states.length,
      fractionalChange,
      riskAttitudes: riskHistory.map((r) => Object.fromEntries(ids.map((id, i) => [id, r[i]!]))),
      mostLikely,
      mostLikelyProbability: last.pRep[bestRep] ?? null,
      excludedIssues: excluded,
      salienceScale,
      turns,
    },
  };
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
  if (acc === null) return Float64Array.from(next);
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
