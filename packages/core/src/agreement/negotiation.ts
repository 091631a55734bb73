/**
 * Stacked alternating offers (agreement.md §9.1) for n ≥ 2 parties, with time-dependent concession (§10.1, Genius
 * exponent convention) and naive tit-for-tat (§10.3). Seeded: the only random draws are the first offer within the
 * opening band and the tie-break among equally scored candidate offers.
 *
 * Each agent knows only its own preferences. It offers only packages it accepts (red lines met, `u ≥ r`), drawn from
 * its own red-line box (enumerated, or a seeded sample of it when larger than `maxOutcomes`), and it accepts a
 * standing offer only if that offer meets its red lines, `u ≥ r`, and `u ≥` the utility of the offer it would make
 * next (AC_next). The proposer counts as accepting its own offer; an offer is the agreement once every other party has
 * accepted it in sequence.
 */
import { acceptable, utilitiesOverBox, utilityOf, type PartyPreference } from './preference.js';
import { rng, type Rng } from './rng.js';
import type { AgreementProblem } from './scenario.js';
import { argsortDesc } from './sort.js';
import { encodeOutcome, packageOf, type OutcomeSpace } from './space.js';

/** Time-dependent target `P_min + (P_max − P_min)(1 − t^{1/e})`: e = 0.2 Boulware, 1 linear, 2 conceder, 0 hardheaded. */
export type Strategy = { kind: 'time'; exponent: number } | { kind: 'tit-for-tat'; kindness?: number };

export const STRATEGIES: Record<string, Strategy> = {
  boulware: { kind: 'time', exponent: 0.2 },
  linear: { kind: 'time', exponent: 1 },
  conceder: { kind: 'time', exponent: 2 },
  hardheaded: { kind: 'time', exponent: 0 },
  'tit-for-tat': { kind: 'tit-for-tat' },
};

/** Parse a strategy name: boulware | linear | conceder | hardheaded | tit-for-tat | time:<e>. */
export function parseStrategy(name: string): Strategy {
  const s = STRATEGIES[name];
  if (s) return s;
  const m = /^time:([0-9.]+)$/.exec(name);
  if (m) return { kind: 'time', exponent: Number(m[1]) };
  throw new Error(
    `unknown strategy "${name}" (boulware, linear, conceder, hardheaded, tit-for-tat, time:<e>)`,
  );
}

/** A party's own candidate packages, sorted by decreasing utility. */
export interface OfferIndex {
  /** Utility of the j-th best candidate. */
  utility: Float64Array;
  size: number;
  /** Write the levels of the j-th best candidate into `out`. */
  levels(j: number, out: Int32Array): Int32Array;
}

/** Build the party's inverse-utility index over its own acceptable packages. */
export function offerIndex(
  space: OutcomeSpace,
  p: PartyPreference,
  maxOutcomes = 2_000_000,
  samples = 100_000,
  r?: Rng,
  eps = 1e-12,
): OfferIndex {
  const m = space.radix.length;
  const allowed = space.issues.map((_, k) => {
    const out: number[] = [];
    for (let v = 0; v < space.radix[k]!; v++) if (!p.redLines[k] || p.redLines[k]![v] === 0) out.push(v);
    return out;
  });
  const box = allowed.reduce((s, a) => s * a.length, 1);
  let u: Float64Array;
  let decode: (i: number, out: Int32Array) => Int32Array;
  if (box <= maxOutcomes) {
    u = utilitiesOverBox(space, p, allowed);
    decode = (i, out) => {
      let rest = i;
      for (let k = m - 1; k >= 0; k--) {
        const a = allowed[k]!;
        out[k] = a[rest % a.length]!;
        rest = Math.floor(rest / a.length);
      }
      return out;
    };
  } else {
    const g = r ?? rng(1);
    const lv = new Int32Array(samples * m);
    u = new Float64Array(samples);
    for (let j = 0; j < samples; j++) {
      for (let k = 0; k < m; k++) lv[j * m + k] = allowed[k]![g.int(allowed[k]!.length)]!;
      u[j] = utilityOf(p, lv.subarray(j * m, j * m + m));
    }
    decode = (i, out) => {
      for (let k = 0; k < m; k++) out[k] = lv[i * m + k]!;
      return out;
    };
  }
  const order = argsortDesc(u);
  // Keep only packages at or above the reservation value.
  let keep = 0;
  while (keep < order.length && u[order[keep]!]! >= p.reservation - eps) keep++;
  const su = new Float64Array(keep);
  for (let j = 0; j < keep; j++) su[j] = u[order[j]!]!;
  return { utility: su, size: keep, levels: (j, out) => decode(order[j]!, out) };
}

export interface NegotiationOptions {
  /** One strategy for everyone, or one per party. */
  strategy?: Strategy | Strategy[];
  /** Deadline in rounds; each round every party takes one turn (default 100). */
  rounds?: number;
  seed?: number;
  /** Candidates examined per offer (default 256). */
  candidates?: number;
  maxOutcomes?: number;
  samples?: number;
  /**
   * How an agent picks among its candidate offers of near-equal utility: 'frequency' (default) prefers the levels the
   * other parties have offered most often (a frequency opponent model); 'similarity' prefers packages sharing most
   * levels with the standing offer.
   */
  opponentModel?: 'frequency' | 'similarity';
  /** Keep the full trace (default true). */
  trace?: boolean;
}

export interface NegotiationEvent {
  turn: number;
  party: string;
  /** SAO: offer / accept. Single text: propose (mediator), adopt (nobody worse, someone better), veto. */
  action: 'offer' | 'accept' | 'propose' | 'adopt' | 'veto';
  /** Canonical index of the package concerned. */
  outcome: number;
  /** The acting party's utility for it. */
  utility: number;
}

export interface NegotiationResult {
  protocol: 'sao' | 'single-text';
  parties: string[];
  agreement: Record<string, string | number> | null;
  outcome: number | null;
  /** Utilities of the agreement (undiscounted), or the reservation values when there is none. */
  utilities: number[];
  /** Discounted utilities at the time of agreement (Genius u·d^t). */
  discountedUtilities: number[];
  turns: number;
  /** Normalised time of the end, in [0, 1]. */
  time: number;
  trace: NegotiationEvent[];
  /** Single text: the starting text and the number of adopted revisions. */
  start?: Record<string, string | number>;
  revisions?: number;
}

interface Agent {
  pref: PartyPreference;
  idx: OfferIndex;
  strategy: Strategy;
  /** Frequency opponent model: how often the other parties offered each level of each issue. */
  freq: Float64Array;
  /** Tit-for-tat state. */
  target: number;
  lastSeen: number;
  turns: number;
}

function positionAtLeast(u: Float64Array, size: number, target: number): number {
  // number of candidates with utility >= target (u sorted descending)
  let a = 0;
  let b = size;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (u[mid]! >= target) a = mid + 1;
    else b = mid;
  }
  return a;
}

export function runSao(problem: AgreementProblem, opts: NegotiationOptions = {}): NegotiationResult {
  const { space, parties } = problem;
  const n = parties.length;
  const m = space.radix.length;
  const g = rng(opts.seed ?? 1);
  const rounds = Math.max(1, Math.floor(opts.rounds ?? 100));
  const nc = opts.candidates ?? 256;
  const keepTrace = opts.trace ?? true;
  const strat = (i: number): Strategy =>
    Array.isArray(opts.strategy)
      ? (opts.strategy[i] ?? STRATEGIES.linear!)
      : (opts.strategy ?? STRATEGIES.linear!);
  const model = opts.opponentModel ?? 'frequency';
  const offset = new Int32Array(m);
  let totalLevels = 0;
  for (let k = 0; k < m; k++) {
    offset[k] = totalLevels;
    totalLevels += space.radix[k]!;
  }
  const agents: Agent[] = parties.map((p, i) => {
    const idx = offerIndex(space, p, opts.maxOutcomes, opts.samples, g);
    return {
      pref: p,
      idx,
      strategy: strat(i),
      freq: new Float64Array(totalLevels),
      target: idx.size > 0 ? idx.utility[0]! : 0,
      lastSeen: NaN,
      turns: 0,
    };
  });
  const ids = parties.map((p) => p.id);
  const fail = (turns: number, time: number, trace: NegotiationEvent[]): NegotiationResult => ({
    protocol: 'sao',
    parties: ids,
    agreement: null,
    outcome: null,
    utilities: parties.map((p) => p.reservation),
    discountedUtilities: parties.map((p) => p.reservation),
    turns,
    time,
    trace,
  });
  if (agents.some((a) => a.idx.size === 0)) return fail(0, 0, []);
  const totalTurns = rounds * n;
  const standing = new Int32Array(m);
  const cand = new Int32Array(m);
  let hasStanding = false;
  let accepts = 0;
  const trace: NegotiationEvent[] = [];

  /** Target utility for this turn. */
  const targetOf = (a: Agent, t: number, seen: number): number => {
    const { utility: u, size } = a.idx;
    const pmax = u[0]!;
    const pmin = u[size - 1]!;
    if (a.strategy.kind === 'time') {
      const e = a.strategy.exponent;
      const F = e === 0 ? 0 : Math.pow(t, 1 / e);
      return pmin + (pmax - pmin) * (1 - F);
    }
    // Naive tit-for-tat: mirror the other side's concession, measured in own utility, plus kindness.
    const kind = (a.strategy.kindness ?? 0.01) * (pmax - pmin);
    if (a.turns < 3) {
      // Minimal concession: the next distinct utility below the current target.
      const pos = positionAtLeast(u, size, a.target);
      let j = pos;
      while (j < size && u[j]! >= a.target - 1e-12) j++;
      a.target = j < size ? u[j]! : pmin;
    } else if (Number.isFinite(a.lastSeen) && Number.isFinite(seen)) {
      const conc = seen - a.lastSeen;
      if (conc > 0) a.target -= conc;
      a.target -= kind;
    }
    if (a.target < pmin) a.target = pmin;
    return a.target;
  };

  /** Choose the offer: among own packages with utility in [target, target + band], the most similar to the standing offer. */
  const choose = (a: Agent, target: number): number => {
    const { utility: u, size } = a.idx;
    const band = 0.05 * (u[0]! - u[size - 1]!) + 1e-12;
    let end = positionAtLeast(u, size, target); // [0, end) have u >= target
    if (end === 0) end = 1;
    let start = positionAtLeast(u, size, u[end - 1]! + band);
    if (start >= end) start = end - 1;
    if (end - start > nc) start = end - nc;
    if (!hasStanding) return start + g.int(end - start);
    let best = -1;
    let bestSim = -1;
    let ties = 0;
    for (let j = end - 1; j >= start; j--) {
      a.idx.levels(j, cand);
      let sim = 0;
      if (model === 'frequency') for (let k = 0; k < m; k++) sim += a.freq[offset[k]! + cand[k]!]!;
      else for (let k = 0; k < m; k++) if (cand[k] === standing[k]) sim++;
      if (sim > bestSim) {
        bestSim = sim;
        best = j;
        ties = 1;
      } else if (sim === bestSim) {
        // Reservoir tie-break, seeded.
        ties++;
        if (g.int(ties) === 0) best = j;
      }
    }
    return best;
  };

  for (let turn = 0; turn < totalTurns; turn++) {
    const i = turn % n;
    const a = agents[i]!;
    const t = totalTurns > 1 ? turn / (totalTurns - 1) : 1;
    const seen = hasStanding ? utilityOf(a.pref, standing) : NaN;
    const target = targetOf(a, t, seen);
    a.lastSeen = seen;
    a.turns++;
    const j = choose(a, target);
    const planned = a.idx.utility[j]!;
    if (hasStanding && acceptable(a.pref, standing) && seen >= planned) {
      accepts++;
      if (keepTrace)
        trace.push({
          turn,
          party: a.pref.id,
          action: 'accept',
          outcome: encodeOutcome(space, standing),
          utility: seen,
        });
      if (accepts === n) {
        const us = parties.map((p) => utilityOf(p, standing));
        return {
          protocol: 'sao',
          parties: ids,
          agreement: packageOf(space, standing),
          outcome: encodeOutcome(space, standing),
          utilities: us,
          discountedUtilities: us.map((x, q) => {
            const d = parties[q]!.discount;
            return d > 0 && d < 1 ? x * Math.pow(d, t) : x;
          }),
          turns: turn + 1,
          time: t,
          trace,
        };
      }
      continue;
    }
    a.idx.levels(j, standing);
    hasStanding = true;
    for (const o of agents) if (o !== a) for (let k = 0; k < m; k++) o.freq[offset[k]! + standing[k]!]!++;
    accepts = 1;
    if (keepTrace)
      trace.push({
        turn,
        party: a.pref.id,
        action: 'offer',
        outcome: encodeOutcome(space, standing),
        utility: planned,
      });
  }
  return fail(totalTurns, 1, trace);
}
