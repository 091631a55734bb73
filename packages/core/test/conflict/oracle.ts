/**
 * Definitional oracle for GMCR stability, written straight from conflict-gmcr.md §6–7 with plain arrays and sets.
 * It shares no code with the engine: tests compare the two.
 */
export interface OracleModel {
  /** moves[i][s] = states DM i reaches from s in one move (0-based). */
  moves: number[][][];
  /** score[i][s]: higher = more preferred. */
  score: number[][];
  /** Option form only: decimal code per state, option owner per bit. */
  codes?: number[];
  owner?: number[];
}

export type OracleConcept = 'nash' | 'gmr' | 'smr' | 'seq' | 'sim' | 'seqsim';

const ui = (g: OracleModel, i: number, s: number): number[] =>
  g.moves[i]![s]!.filter((q) => g.score[i]![q]! > g.score[i]![s]!);

const reachCache = new WeakMap<OracleModel, Map<string, Set<number>>>();

/** R_H(s) (or R_H^+(s) when `improving`): breadth-first search over (state, last mover) pairs from (s, ⊥). */
export function legalReach(g: OracleModel, H: number[], s: number, improving: boolean): Set<number> {
  let cache = reachCache.get(g);
  if (!cache) reachCache.set(g, (cache = new Map()));
  const key = `${H.join(',')}|${s}|${improving}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const n = g.moves.length;
  const seen = new Set<number>();
  const out = new Set<number>();
  const queue: [number, number][] = [[s, -1]];
  for (let head = 0; head < queue.length; head++) {
    const [x, last] = queue[head]!;
    for (const j of H) {
      if (j === last) continue;
      const next = improving ? ui(g, j, x) : g.moves[j]![x]!;
      for (const y of next) {
        const pair = y * n + j;
        if (seen.has(pair)) continue;
        seen.add(pair);
        out.add(y);
        queue.push([y, j]);
      }
    }
  }
  cache.set(key, out);
  return out;
}

export function oracleStable(g: OracleModel, i: number, s: number, c: OracleConcept): boolean {
  const n = g.moves.length;
  const p = g.score[i]!;
  const opp = [...Array(n).keys()].filter((k) => k !== i);
  const notPreferred = (x: number): boolean => p[x]! <= p[s]!;
  const uis = ui(g, i, s);
  switch (c) {
    case 'nash':
      return uis.length === 0;
    case 'gmr':
      return uis.every((s1) => [...legalReach(g, opp, s1, false)].some(notPreferred));
    case 'smr':
      return uis.every((s1) =>
        [...legalReach(g, opp, s1, false)].some(
          (s2) => notPreferred(s2) && g.moves[i]![s2]!.every(notPreferred),
        ),
      );
    case 'seq':
      return uis.every((s1) => [...legalReach(g, opp, s1, true)].some(notPreferred));
    case 'sim': {
      const codes = g.codes!;
      const owner = g.owner!;
      const byCode = new Map(codes.map((c2, k) => [c2, k]));
      const maskOf = (k: number): number => owner.reduce((acc, o, b) => (o === k ? acc | (1 << b) : acc), 0);
      return uis.every((s1) => {
        // Every combination: each opponent stays (its bits from s) or takes one of its UIs from s.
        let combos: number[] = [codes[s1]! & maskOf(i)];
        for (const j of opp) {
          const choices = [codes[s]! & maskOf(j), ...ui(g, j, s).map((y) => codes[y]! & maskOf(j))];
          combos = combos.flatMap((c2) => choices.map((b) => c2 | b));
        }
        return combos.some((q) => byCode.has(q) && notPreferred(byCode.get(q)!));
      });
    }
    case 'seqsim':
      return oracleStable(g, i, s, 'seq') || oracleStable(g, i, s, 'sim');
  }
}
