/**
 * Stokman's exchange model, equal-gain variant (reference/forecast-models.md §5.2), restated in Parley's notation.
 *
 * Positions are normalised to 0–100 per issue. Each round starts from the actors' positions x, realises exchanges
 * of voting positions one at a time (best gain first) until none is valid, then moves every actor part of the way
 * towards its voting position y: x' = (1 − λ)·x + λ·y with λ = salienceWeight·(1 − s) + fixedWeight.
 *
 * An exchange between A and B on issues X and Y: A supplies on X (moves towards B there) and B supplies on Y.
 * With outcome sensitivity ΔO = move·c·s/Σ, equal gain requires ΔO_Y = ΔO_X·(s_AX + s_BX)/(s_AY + s_BY), so every
 * bound on the trade is a bound on the one scalar t = ΔO_X: A's full move to B on X, B's full move to A on Y, and
 * the outcome not passing the demander (B on X, A on Y). The trade is the largest t within all four bounds, i.e.
 * the spec's "B moves fully, unless A would overshoot", followed by its clipping rule.
 *
 * Ties in gain (within 1e-12 relative) go to the lexicographically smallest (A, B, X, Y) id tuple, or, with
 * `tieBreak: 'random'`, to a seeded uniform draw (pure-rand xoroshiro128plus).
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ForecastProblem, ForecastResult } from './problem.js';
import { checkProblem, outcomeRecord, positionsRecord } from './result.js';

export interface ExchangeOptions {
  /** Number of rounds ("iterations" in Decide). */
  rounds: number;
  salienceWeight: number;
  fixedWeight: number;
  /** Per actor-issue power c_id (n×d, row-major); defaults to the actor's capability on every issue. */
  issueCapability?: Float64Array;
  tieBreak: 'lexicographic' | 'random';
  seed: number;
  /** Safety cap on exchanges realised in one round. */
  maxExchangesPerRound: number;
  /** Stop early when no position (0–100 scale) moved more than this in a round. */
  tolerance: number;
}

export const EXCHANGE_DEFAULTS: ExchangeOptions = {
  rounds: 10,
  salienceWeight: 0.4,
  fixedWeight: 0.1,
  tieBreak: 'lexicographic',
  seed: 42,
  maxExchangesPerRound: 10_000,
  tolerance: 1e-6,
};

/** One realised exchange (positions on the 0–100 scale). */
export interface Exchange {
  /** Supplies on issue `x`, demands `y`. */
  a: string;
  /** Supplies on issue `y`, demands `x`. */
  b: string;
  x: string;
  y: string;
  /** A's position on x before and after, B's on y before and after. */
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  /** Outcome shifts on x and y, and the (equal) gain of both actors. */
  dOx: number;
  dOy: number;
  gain: number;
}

interface Candidate {
  a: number;
  b: number;
  x: number;
  y: number;
  t: number;
  k: number;
  gain: number;
}

/** Internal state of one round, positions on 0–100. */
interface RoundState {
  n: number;
  d: number;
  y: Float64Array;
  w: Float64Array; // c·s per actor-issue (0 where not coded)
  s: Float64Array;
  coded: Uint8Array;
  dir: Int8Array;
  sum: Float64Array; // Σ_d
  o: Float64Array; // O_d
}

function outcomeOf(st: RoundState, k: number): number {
  let a = 0;
  for (let i = 0; i < st.n; i++) if (st.coded[i * st.d + k]) a += st.w[i * st.d + k]! * st.y[i * st.d + k]!;
  return st.sum[k]! > 0 ? a / st.sum[k]! : NaN;
}

/** Evaluate the exchange in which actor A supplies on X and B on Y; null when invalid. */
function evaluateExchange(st: RoundState, A: number, B: number, X: number, Y: number): Candidate | null {
  const d = st.d;
  const ax = A * d + X;
  const ay = A * d + Y;
  const bx = B * d + X;
  const by = B * d + Y;
  const wAX = st.w[ax]!;
  const wBY = st.w[by]!;
  if (!(wAX > 0 && wBY > 0)) return null;
  const sAX = st.s[ax]!;
  const sAY = st.s[ay]!;
  const sBX = st.s[bx]!;
  const sBY = st.s[by]!;
  if (!(sAY + sBY > 0)) return null;
  const k = (sAX + sBX) / (sAY + sBY);
  const sumX = st.sum[X]!;
  const sumY = st.sum[Y]!;
  const oX = st.o[X]!;
  const oY = st.o[Y]!;
  const yAX = st.y[ax]!;
  const yBX = st.y[bx]!;
  const yAY = st.y[ay]!;
  const yBY = st.y[by]!;
  // directions: A towards B on X, B towards A on Y; one direction per actor-issue within a round
  const dirA = Math.sign(yBX - yAX);
  const dirB = Math.sign(yAY - yBY);
  if (dirA === 0 || dirB === 0) return null;
  if ((st.dir[ax] !== 0 && st.dir[ax] !== dirA) || (st.dir[by] !== 0 && st.dir[by] !== dirB)) return null;
  let t = (wAX * Math.abs(yBX - yAX)) / sumX; // A moves fully
  t = Math.min(t, (wBY * Math.abs(yAY - yBY)) / sumY / k); // B moves fully
  t = Math.min(t, Math.abs(yBX - oX)); // O_X stops at B, the demander on X
  t = Math.min(t, Math.abs(yAY - oY) / k); // O_Y stops at A, the demander on Y
  const gain = t * (sAY * k - sAX);
  if (!(gain > 1e-10)) return null;
  return { a: A, b: B, x: X, y: Y, t, k, gain };
}

/**
 * Valid exchanges on one issue pair (p < q): actors coded on both, on opposite sides of O on both. An exchange on
 * (p, q) depends only on the state of issues p and q, so after a trade on (X, Y) only pairs touching X or Y change.
 */
function pairCandidates(st: RoundState, p: number, q: number, out: Candidate[]): void {
  out.length = 0;
  const { n, d } = st;
  const op = st.o[p]!;
  const oq = st.o[q]!;
  if (Number.isNaN(op) || Number.isNaN(oq)) return;
  for (let i = 0; i < n; i++) {
    if (!st.coded[i * d + p] || !st.coded[i * d + q]) continue;
    const ip = st.y[i * d + p]! <= op;
    const iq = st.y[i * d + q]! <= oq;
    for (let j = i + 1; j < n; j++) {
      if (!st.coded[j * d + p] || !st.coded[j * d + q]) continue;
      if (st.y[j * d + p]! <= op === ip || st.y[j * d + q]! <= oq === iq) continue;
      // roles: i supplies on p iff s_ip/s_iq < s_jp/s_jq
      const iSuppliesP = st.s[i * d + p]! * st.s[j * d + q]! < st.s[j * d + p]! * st.s[i * d + q]!;
      const c = iSuppliesP ? evaluateExchange(st, i, j, p, q) : evaluateExchange(st, j, i, p, q);
      if (c) out.push(c);
    }
  }
}

/** The exchange model over all issues of a problem. */
export function exchange(problem: ForecastProblem, options: Partial<ExchangeOptions> = {}): ForecastResult {
  checkProblem(problem);
  const o: ExchangeOptions = { ...EXCHANGE_DEFAULTS, ...options };
  const n = problem.actors.length;
  const d = problem.issues.length;
  const cap = o.issueCapability;
  if (cap && cap.length !== n * d)
    throw new Error('exchange: issueCapability needs one entry per actor and issue');
  const coded = new Uint8Array(n * d);
  const w = new Float64Array(n * d);
  const s = Float64Array.from(problem.salience);
  let x = new Float64Array(n * d);
  const span = problem.issues.map((iss) => iss.hi - iss.lo);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < d; k++) {
      const v = problem.position[i * d + k]!;
      if (Number.isNaN(v)) continue;
      coded[i * d + k] = 1;
      x[i * d + k] = span[k]! > 0 ? (100 * (v - problem.issues[k]!.lo)) / span[k]! : 50;
      w[i * d + k] = (cap ? cap[i * d + k]! : problem.capability[i]!) * s[i * d + k]!;
    }
  const sum = new Float64Array(d);
  for (let k = 0; k < d; k++) for (let i = 0; i < n; i++) sum[k] = sum[k]! + w[i * d + k]!;
  const toNative = (u: Float64Array): Float64Array => {
    const out = Float64Array.from(problem.position);
    for (let j = 0; j < n * d; j++) {
      if (!coded[j]) continue;
      const k = j % d;
      out[j] = problem.issues[k]!.lo + (u[j]! / 100) * span[k]!;
    }
    return out;
  };
  const outcomes = (st: RoundState): number[] => problem.issues.map((_, k) => outcomeOf(st, k));
  const rng = xoroshiro128plus(o.seed | 0);
  const key = (c: Candidate): string =>
    `${problem.actors[c.a]}\u0000${problem.actors[c.b]}\u0000${problem.issues[c.x]!.id}\u0000${problem.issues[c.y]!.id}`;

  const rounds = [{ positions: positionsRecord(problem, problem.position) }];
  const issueDevelopment: number[][] = [];
  const exchangesPerRound: Exchange[][] = [];
  const externalities: Record<string, number>[] = [];
  let stop = `maximum of ${o.rounds} rounds`;
  let lastVoting: Float64Array | null = null;
  for (let round = 1; round <= o.rounds; round++) {
    const st: RoundState = {
      n,
      d,
      y: Float64Array.from(x),
      w,
      s,
      coded,
      dir: new Int8Array(n * d),
      sum,
      o: new Float64Array(d),
    };
    for (let k = 0; k < d; k++) st.o[k] = outcomeOf(st, k);
    if (round === 1) issueDevelopment.push(Array.from(st.o));
    const realised: Exchange[] = [];
    const ext: Record<string, number> = {};
    let capped = false;
    const pairs: [number, number][] = [];
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) pairs.push([p, q]);
    const cache: Candidate[][] = pairs.map(([p, q]) => {
      const c: Candidate[] = [];
      pairCandidates(st, p, q, c);
      return c;
    });
    for (;;) {
      let best: Candidate | null = null;
      let ties: Candidate[] = [];
      for (const list of cache)
        for (const cand of list) {
          if (best === null) {
            best = cand;
            ties = [cand];
            continue;
          }
          const tol = 1e-12 * Math.max(cand.gain, best.gain);
          if (cand.gain > best.gain + tol) {
            best = cand;
            ties = [cand];
          } else if (Math.abs(cand.gain - best.gain) <= tol) ties.push(cand);
        }
      if (best === null) break;
      if (realised.length >= o.maxExchangesPerRound) {
        capped = true;
        break;
      }
      if (ties.length > 1) {
        if (o.tieBreak === 'random') best = ties[uniformInt(rng, 0, ties.length - 1)]!;
        else best = ties.reduce((m, c) => (key(c) < key(m) ? c : m));
      }
      // realise
      const { a, b, x: X, y: Y, t, k } = best;
      const ax = a * d + X;
      const by = b * d + Y;
      const aFrom = st.y[ax]!;
      const bFrom = st.y[by]!;
      const dirA = Math.sign(st.y[b * d + X]! - aFrom);
      const dirB = Math.sign(st.y[a * d + Y]! - bFrom);
      const moveA = (t * sum[X]!) / w[ax]!;
      const moveB = (k * t * sum[Y]!) / w[by]!;
      const oxBefore = st.o[X]!;
      const oyBefore = st.o[Y]!;
      st.y[ax] = Math.min(100, Math.max(0, aFrom + dirA * moveA));
      st.y[by] = Math.min(100, Math.max(0, bFrom + dirB * moveB));
      st.dir[ax] = dirA;
      st.dir[by] = dirB;
      st.o[X] = outcomeOf(st, X);
      st.o[Y] = outcomeOf(st, Y);
      for (let i = 0; i < n; i++) {
        if (i === a || i === b) continue;
        let e = 0;
        for (const [iss, before, after] of [
          [X, oxBefore, st.o[X]!],
          [Y, oyBefore, st.o[Y]!],
        ] as const) {
          if (!coded[i * d + iss]) continue;
          const xi = st.y[i * d + iss]!;
          e += s[i * d + iss]! * (Math.abs(before - xi) - Math.abs(after - xi));
        }
        const id = problem.actors[i]!;
        if (e !== 0) ext[id] = (ext[id] ?? 0) + e;
      }
      pairs.forEach(([p, q], idx) => {
        if (p === X || p === Y || q === X || q === Y) pairCandidates(st, p, q, cache[idx]!);
      });
      realised.push({
        a: problem.actors[a]!,
        b: problem.actors[b]!,
        x: problem.issues[X]!.id,
        y: problem.issues[Y]!.id,
        aFrom,
        aTo: st.y[ax]!,
        bFrom,
        bTo: st.y[by]!,
        dOx: st.o[X]! - oxBefore,
        dOy: st.o[Y]! - oyBefore,
        gain: best.gain,
      });
    }
    if (realised.length === 0) {
      stop = `no exchange possible in round ${round}`;
      break;
    }
    exchangesPerRound.push(realised);
    externalities.push(ext);
    lastVoting = st.y;
    rounds.push({ positions: positionsRecord(problem, toNative(st.y)) });
    issueDevelopment.push(outcomes(st));
    // internalise part of the voting shift
    const next = new Float64Array(n * d);
    let maxMove = 0;
    for (let j = 0; j < n * d; j++) {
      if (!coded[j]) continue;
      const lam = o.salienceWeight * (1 - s[j]!) + o.fixedWeight;
      next[j] = (1 - lam) * x[j]! + lam * st.y[j]!;
      maxMove = Math.max(maxMove, Math.abs(next[j]! - x[j]!));
    }
    x = next;
    if (capped) {
      stop = `exchange cap of ${o.maxExchangesPerRound} reached in round ${round}`;
      break;
    }
    if (maxMove <= o.tolerance) {
      stop = `converged: no position moved more than ${o.tolerance} in round ${round}`;
      break;
    }
  }
  // outcome: compromise mean (per-issue power) of the last round's voting positions
  const finalSt: RoundState = {
    n,
    d,
    y: lastVoting ?? x,
    w,
    s,
    coded,
    dir: new Int8Array(0),
    sum,
    o: new Float64Array(d),
  };
  const outNorm = outcomes(finalSt);
  const outNative = outNorm.map((v, k) => problem.issues[k]!.lo + (v / 100) * span[k]!);
  return {
    model: 'exchange',
    rounds,
    outcome: outcomeRecord(problem, outNative),
    stop,
    details: {
      options: { ...o, issueCapability: cap ? 'per actor-issue' : undefined },
      scale: '0–100 normalised in exchanges and issueDevelopment',
      issueDevelopment,
      exchanges: exchangesPerRound,
      externalities,
    },
  };
}
