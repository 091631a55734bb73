/**
 * KTAB's voting rules, coalition strengths, victory probabilities and Probabilistic Condorcet Elections
 * (reference/forecast-models.md §3.4–§3.6), over flat typed arrays.
 */
import type { PceModel, VictoryProbModel, VotingRule } from './smp-options.js';

/** Numeric codes of the voting rules, so hot loops switch on small integers. */
export const Vr = { Binary: 0, PropBin: 1, Prop: 2, PropCbc: 3, Cubic: 4, ASymProsp: 5 } as const;
export type Vr = (typeof Vr)[keyof typeof Vr];

export function votingRuleCode(rule: VotingRule): Vr {
  switch (rule) {
    case 'Binary':
      return Vr.Binary;
    case 'PropBin':
      return Vr.PropBin;
    case 'Prop':
      return Vr.Prop;
    case 'PropCbc':
      return Vr.PropCbc;
    case 'Cubic':
      return Vr.Cubic;
    case 'ASymProsp':
      return Vr.ASymProsp;
  }
}

function binaryResponse(delta: number): number {
  const b = delta / 1e-8;
  return b > 1 ? 1 : b < -1 ? -1 : b;
}

/** Influence a voter of weight w exerts for option a over option b (§3.4). */
export function vote(rule: Vr, w: number, ua: number, ub: number): number {
  const delta = ua - ub;
  switch (rule) {
    case Vr.Prop:
      return w * delta;
    case Vr.Binary:
      return w * binaryResponse(delta);
    case Vr.PropBin:
      return w * (0.8 * delta + 0.2 * binaryResponse(delta));
    case Vr.PropCbc:
      return w * (0.5 * delta + 0.5 * delta * delta * delta);
    case Vr.Cubic:
      return w * delta * delta * delta;
    case Vr.ASymProsp:
      return delta < 0 ? w * delta : delta > 0 ? (2 / 3) * w * delta : 0;
  }
}

/** Floor added to every coalition strength in a PCE. */
export const PCE_FLOOR = 1e-8;

/** Everything a PCE needs besides the data. */
export interface PceConfig {
  votingRule: Vr;
  victoryProbModel: VictoryProbModel;
  pceModel: PceModel;
}

/** Scratch buffers reused across PCE calls (grown on demand) to keep hot loops free of allocation. */
export class PceScratch {
  coal = new Float64Array(0);
  vict = new Float64Array(0);
  ut = new Float64Array(0);
  a = new Float64Array(0);
  b = new Float64Array(0);
  ensure(m: number, nVoters: number): void {
    if (this.ut.length < m * nVoters) this.ut = new Float64Array(m * nVoters);
    if (this.coal.length < m * m) {
      this.coal = new Float64Array(m * m);
      this.vict = new Float64Array(m * m);
    }
    if (this.a.length < m) {
      this.a = new Float64Array(m);
      this.b = new Float64Array(m);
    }
  }
}

/**
 * Coalition strengths C(a:b) = 1e-8 + Σ_k max(0, vote(w_k, U[k][a], U[k][b])) (§3.5), into coal[a*m + b].
 * U is row-major voters × options with row stride `stride` (≥ m). One vote per voter and pair a > b: a positive
 * vote adds to C(a:b), a negative one adds its magnitude to C(b:a). Voters are summed in index order.
 * `ut` is scratch of at least m·nVoters (U transposed so the voter loop reads contiguous memory).
 */
export function coalitions(
  rule: Vr,
  w: Float64Array,
  nVoters: number,
  u: Float64Array,
  stride: number,
  m: number,
  coal: Float64Array,
  ut: Float64Array = new Float64Array(m * nVoters),
): void {
  for (let k = 0; k < nVoters; k++) {
    const row = k * stride;
    for (let a = 0; a < m; a++) ut[a * nVoters + k] = u[row + a]!;
  }
  coalitionsT(rule, w, nVoters, ut, m, coal);
}

/**
 * coalitions() on utilities already laid out options × voters: ut[a*nVoters + k] = U[k][a], or, with `cols`,
 * option a's utilities in row cols[colsOff + a] of ut (so callers can pick options without copying). Every
 * strength is the same sum, over the voters in index order, as in coalitions(), so the results are bit-identical.
 */
export function coalitionsT(
  rule: Vr,
  w: Float64Array,
  nVoters: number,
  ut: Float64Array,
  m: number,
  coal: Float64Array,
  cols: Int32Array | null = null,
  colsOff = 0,
): void {
  for (let a = 0; a < m; a++) coal[a * m + a] = PCE_FLOOR;
  for (let a = 1; a < m; a++) {
    const ao = (cols === null ? a : cols[colsOff + a]!) * nVoters;
    let b = 0;
    if (rule === Vr.Prop) {
      // Default rule, inlined: vote = w·(u_a − u_b); C(a:b) sums max(v, 0), C(b:a) max(−v, 0) (adding +0 leaves a
      // sum unchanged). Branch-free: for finite v (utilities and weights are finite), v + |v| is exactly 2·max(v, 0)
      // and |v| − v exactly 2·max(−v, 0); Math.max compiles to data-dependent branches that mispredict on random
      // signs. Summing the doubled terms makes every partial sum exactly twice the plain one (scaling by 2 commutes
      // with rounding), so halving at the end gives the plain sums bit for bit. Two pairs (a, b) and (a, b + 1) at
      // a time, so their four sums overlap.
      for (; b + 1 < a; b += 2) {
        const bo = (cols === null ? b : cols[colsOff + b]!) * nVoters;
        const co = (cols === null ? b + 1 : cols[colsOff + b + 1]!) * nVoters;
        let forA = 0;
        let forB = 0;
        let forA1 = 0;
        let forC = 0;
        for (let k = 0; k < nVoters; k++) {
          const wk = w[k]!;
          const ua = ut[ao + k]!;
          const v = wk * (ua - ut[bo + k]!);
          const av = Math.abs(v);
          forA += v + av;
          forB += av - v;
          const v1 = wk * (ua - ut[co + k]!);
          const av1 = Math.abs(v1);
          forA1 += v1 + av1;
          forC += av1 - v1;
        }
        coal[a * m + b] = PCE_FLOOR + forA * 0.5;
        coal[b * m + a] = PCE_FLOOR + forB * 0.5;
        coal[a * m + b + 1] = PCE_FLOOR + forA1 * 0.5;
        coal[(b + 1) * m + a] = PCE_FLOOR + forC * 0.5;
      }
    }
    for (; b < a; b++) {
      const bo = (cols === null ? b : cols[colsOff + b]!) * nVoters;
      let forA = 0;
      let forB = 0;
      if (rule === Vr.Prop) {
        // As above, one pair; (v + |v|)/2 = max(v, 0) and (|v| − v)/2 = max(−v, 0) exactly.
        for (let k = 0; k < nVoters; k++) {
          const v = w[k]! * (ut[ao + k]! - ut[bo + k]!);
          const av = Math.abs(v);
          forA += (v + av) * 0.5;
          forB += (av - v) * 0.5;
        }
      } else {
        for (let k = 0; k < nVoters; k++) {
          const v = vote(rule, w[k]!, ut[ao + k]!, ut[bo + k]!);
          if (v > 0) forA += v;
          else if (v < 0) forB -= v;
        }
      }
      coal[a * m + b] = PCE_FLOOR + forA;
      coal[b * m + a] = PCE_FLOOR + forB;
    }
  }
}

function gain(model: VictoryProbModel, x: number): number {
  switch (model) {
    case 'Linear':
      return x;
    case 'Square':
      return x * x;
    case 'Quartic': {
      const x2 = x * x;
      return x2 * x2;
    }
    case 'Octic': {
      const x2 = x * x;
      const x4 = x2 * x2;
      return x4 * x4;
    }
    case 'Binary':
      return x; // handled separately
  }
}

const BINARY_THRESHOLD = 1.1;

/** Victory probabilities P[a≻b] (§3.5) from coalition strengths, into vict[a*m + b]; P[a≻a] = 0.5. */
export function victoryProbabilities(
  model: VictoryProbModel,
  coal: Float64Array,
  m: number,
  vict: Float64Array,
): void {
  if (model === 'Linear') {
    // Default model, inlined: gain(x) = x, so the same two divisions as below.
    for (let a = 0; a < m; a++) {
      vict[a * m + a] = 0.5;
      for (let b = a + 1; b < m; b++) {
        const x = coal[a * m + b]!;
        const y = coal[b * m + a]!;
        vict[a * m + b] = x / (x + y);
        vict[b * m + a] = y / (x + y);
      }
    }
    return;
  }
  for (let a = 0; a < m; a++) {
    vict[a * m + a] = 0.5;
    for (let b = a + 1; b < m; b++) {
      const cab = coal[a * m + b]!;
      const cba = coal[b * m + a]!;
      let x: number;
      let y: number;
      if (model === 'Binary') {
        if (cab >= BINARY_THRESHOLD * cba) {
          x = 1;
          y = 1e-6;
        } else if (cba >= BINARY_THRESHOLD * cab) {
          x = 1e-6;
          y = 1;
        } else {
          const r = cab / (cab + cba);
          x = (r * (BINARY_THRESHOLD + 1) - 1) / (BINARY_THRESHOLD - 1);
          y = 1 - x;
        }
      } else {
        x = gain(model, cab);
        y = gain(model, cba);
      }
      const pab = x / (x + y);
      vict[a * m + b] = pab;
      vict[b * m + a] = y / (x + y);
    }
  }
}

const MARKOV_MAX_ITER = 1000;
const SCALE_BIG = 1e150;
const SCALE_SMALL = 1e-150;

/**
 * p_a ∝ Π_b P[a≻b] (Conditional PCE). Products are rescaled by powers of 1e150 when they get tiny, so large
 * option sets do not underflow; when no rescaling happens the arithmetic is the plain product.
 */
function conditionalPce(vict: Float64Array, m: number, p: Float64Array, expo: Float64Array): void {
  let maxExpo = -Infinity;
  for (let a = 0; a < m; a++) {
    let prod = 1;
    let e = 0;
    const am = a * m;
    for (let b = 0; b < m; b++) {
      prod *= vict[am + b]!;
      if (prod < SCALE_SMALL) {
        prod *= SCALE_BIG;
        e -= 1;
      }
    }
    p[a] = prod;
    expo[a] = e;
    if (e > maxExpo) maxExpo = e;
  }
  let sum = 0;
  for (let a = 0; a < m; a++) {
    const shift = maxExpo - expo[a]!;
    if (shift !== 0) p[a] = shift >= 3 ? 0 : p[a]! * Math.pow(SCALE_SMALL, shift);
    sum += p[a]!;
  }
  for (let a = 0; a < m; a++) p[a] = p[a]! / sum;
}

function markovUniform(vict: Float64Array, m: number, p: Float64Array, q: Float64Array): void {
  p.fill(1 / m, 0, m);
  for (let iter = 0; ; iter++) {
    if (iter >= MARKOV_MAX_ITER)
      throw new Error('SMP: MarkovUniform PCE did not converge in 1000 iterations');
    let change = 0;
    for (let a = 0; a < m; a++) {
      let s = 0;
      const pa = p[a]!;
      for (let b = 0; b < m; b++) s += vict[a * m + b]! * (pa + p[b]!);
      const qa = s / m;
      q[a] = qa;
      change = Math.max(change, Math.abs(qa - pa));
    }
    for (let a = 0; a < m; a++) p[a] = (p[a]! + q[a]!) / 2;
    if (change <= 1e-6) return;
  }
}

function markovIncentive(
  coal: Float64Array,
  vict: Float64Array,
  m: number,
  p: Float64Array,
  q: Float64Array,
): void {
  // Pch[a→b] = n[a→b] / Σ_c n[c→b], with n[a→b] = C(a:b)·P[a≻b] (+1e-10 on the diagonal); stored in coal.
  const pch = coal;
  for (let a = 0; a < m * m; a++) pch[a] = coal[a]! * vict[a]!;
  for (let a = 0; a < m; a++) pch[a * m + a] = pch[a * m + a]! + 1e-10;
  for (let b = 0; b < m; b++) {
    let s = 0;
    for (let c = 0; c < m; c++) s += pch[c * m + b]!;
    for (let c = 0; c < m; c++) pch[c * m + b] = pch[c * m + b]! / s;
  }
  p.fill(1 / m, 0, m);
  for (let iter = 0; ; iter++) {
    if (iter >= MARKOV_MAX_ITER)
      throw new Error('SMP: MarkovIncentive PCE did not converge in 1000 iterations');
    let change = 0;
    for (let a = 0; a < m; a++) {
      let s = 0;
      const pa = p[a]!;
      for (let b = 0; b < m; b++) s += vict[a * m + b]! * (pa * pch[b * m + a]! + p[b]! * pch[a * m + b]!);
      q[a] = s;
      change = Math.max(change, Math.abs(s - pa));
    }
    for (let a = 0; a < m; a++) p[a] = (p[a]! + q[a]!) / 2;
    if (change <= 1e-8) return;
  }
}

/**
 * scalarPCE: probability that each of m options becomes the group choice, for voters with weights w and
 * utilities U (row-major voters × options, row stride `stride`). Writes p[0..m).
 */
export function scalarPce(
  cfg: PceConfig,
  w: Float64Array,
  nVoters: number,
  u: Float64Array,
  stride: number,
  m: number,
  p: Float64Array,
  scratch: PceScratch,
): void {
  scratch.ensure(m, nVoters);
  coalitions(cfg.votingRule, w, nVoters, u, stride, m, scratch.coal, scratch.ut);
  pceFromCoalitions(cfg, m, p, scratch);
}

/**
 * scalarPce() on utilities laid out options × voters (ut[a*nVoters + k] = U[k][a]; with `cols`, option a is row
 * cols[colsOff + a] of ut); bit-identical results.
 */
export function scalarPceT(
  cfg: PceConfig,
  w: Float64Array,
  nVoters: number,
  ut: Float64Array,
  m: number,
  p: Float64Array,
  scratch: PceScratch,
  cols: Int32Array | null = null,
  colsOff = 0,
): void {
  scratch.ensure(m, nVoters);
  coalitionsT(cfg.votingRule, w, nVoters, ut, m, scratch.coal, cols, colsOff);
  pceFromCoalitions(cfg, m, p, scratch);
}

function pceFromCoalitions(cfg: PceConfig, m: number, p: Float64Array, scratch: PceScratch): void {
  victoryProbabilities(cfg.victoryProbModel, scratch.coal, m, scratch.vict);
  switch (cfg.pceModel) {
    case 'Conditional':
      conditionalPce(scratch.vict, m, p, scratch.a);
      return;
    case 'MarkovUniform':
      markovUniform(scratch.vict, m, p, scratch.a);
      return;
    case 'MarkovIncentive':
      markovIncentive(scratch.coal, scratch.vict, m, p, scratch.a);
      return;
  }
}
