/**
 * Inverse GMCR by enumeration (conflict-gmcr.md §10.1, §13.2): for each decision maker a base ranking and a vary range
 * (a contiguous slice of positions whose states are permuted exhaustively); every combination across decision makers is
 * a preference profile, and the profiles under which the target state is stable (for the chosen decision makers, or an
 * equilibrium) are counted and listed. A profile counts only if every improvement of every chosen decision maker is
 * sanctioned (the verdict is a conjunction; a later sanctioned improvement never masks an earlier failure).
 */
import type { CompiledConflict } from './model.js';
import { explainState } from './explain.js';
import { individualUnits, type Concept } from './stability.js';

export interface VaryRange {
  dm: number;
  /** First and last 0-based position in the base ranking (most preferred = 0) to permute, inclusive. */
  from: number;
  to: number;
}

export interface InverseSpec {
  target: number;
  concept: Exclude<Concept, 'sim' | 'seqsim'> | 'sim' | 'seqsim';
  /** Decision makers for which the target must be stable; default: all (the target is an equilibrium). */
  dms?: number[];
  vary: VaryRange[];
  /** Largest number of profiles listed (default 100); counting continues past it. */
  limit?: number;
  /** Refuse to enumerate more profiles than this (default 2,000,000). */
  maxProfiles?: number;
}

export interface InverseResult {
  /** Profiles enumerated. */
  total: number;
  /** Profiles under which the target is stable as asked. */
  count: number;
  /** Listed profiles: per decision maker, its strict ranking (state indices, most preferred first). */
  profiles: number[][][];
}

/** Base strict ranking of a decision maker: by score, most preferred first, ties broken by state index. */
export function baseRanking(model: CompiledConflict, dm: number): number[] {
  const p = model.score[dm]!;
  return [...Array(model.m).keys()].sort((a, b) => p[b]! - p[a]! || a - b);
}

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs.slice()];
  const out: number[][] = [];
  xs.forEach((x, k) => {
    for (const rest of permutations([...xs.slice(0, k), ...xs.slice(k + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/** Model with the given strict rankings (most preferred first) as preferences. */
export function withRankings(model: CompiledConflict, rankings: number[][]): CompiledConflict {
  const score = rankings.map((r) => {
    const p = new Int32Array(model.m);
    r.forEach((s, pos) => (p[s] = model.m - 1 - pos));
    return p;
  });
  return { ...model, score };
}

export function inverseGmcr(model: CompiledConflict, spec: InverseSpec): InverseResult {
  const n = model.dms.length;
  const dms = spec.dms ?? [...Array(n).keys()];
  const limit = spec.limit ?? 100;
  const base = model.dms.map((_, k) => baseRanking(model, k));
  const perDm: number[][][] = base.map((r) => [r]);
  for (const v of spec.vary) {
    if (v.dm < 0 || v.dm >= n) throw new Error(`vary range: no decision maker ${v.dm}`);
    if (v.from < 0 || v.to >= model.m || v.from > v.to)
      throw new Error(`vary range ${v.from}..${v.to} is outside 0..${model.m - 1}`);
    const r = base[v.dm]!;
    perDm[v.dm] = permutations(r.slice(v.from, v.to + 1)).map((mid) => [
      ...r.slice(0, v.from),
      ...mid,
      ...r.slice(v.to + 1),
    ]);
  }
  const total = perDm.reduce((acc, l) => acc * l.length, 1);
  if (total > (spec.maxProfiles ?? 2_000_000))
    throw new Error(`${total} profiles to enumerate: narrow the vary ranges`);
  const pick = new Array<number>(n).fill(0);
  let count = 0;
  const profiles: number[][][] = [];
  for (let t = 0; t < total; t++) {
    const rankings = pick.map((p, k) => perDm[k]![p]!);
    const m2 = withRankings(model, rankings);
    const units = individualUnits(m2);
    if (dms.every((k) => explainState(m2, units, k, spec.target, spec.concept).stable)) {
      count++;
      if (profiles.length < limit) profiles.push(rankings);
    }
    for (let k = 0; k < n; k++) {
      if (++pick[k]! < perDm[k]!.length) break;
      pick[k] = 0;
    }
  }
  return { total, count, profiles };
}
