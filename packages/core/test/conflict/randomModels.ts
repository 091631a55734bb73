/** Seeded random GMCR models for property tests, each with an oracle view built from the definitions. */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { OracleModel } from './oracle.js';

export class Rng {
  private g: RandomGenerator;
  constructor(seed: number) {
    this.g = xoroshiro128plus(seed);
  }
  int(lo: number, hi: number): number {
    return uniformInt(this.g, lo, hi);
  }
  chance(p: number): boolean {
    return this.int(0, 999) < p * 1000;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
}

/** Ranking (most preferred first, tie groups as arrays) from scores. */
export function rankingFromScores<T>(score: number[], name: (s: number) => T): (T | T[])[] {
  const levels = [...new Set(score)].sort((a, b) => b - a);
  return levels.map((v) => {
    const group = score.flatMap((x, s) => (x === v ? [name(s)] : []));
    return group.length === 1 ? group[0]! : group;
  });
}

export interface RandomGraph {
  doc: Record<string, unknown>;
  oracle: OracleModel;
}

export function randomGraphModel(rng: Rng): RandomGraph {
  const n = rng.int(2, 5);
  const m = rng.int(2, 8);
  const density = rng.pick([0.15, 0.3, 0.5]);
  const names = [...Array(n).keys()].map((k) => `D${k}`);
  const moves: number[][][] = names.map(() =>
    [...Array(m).keys()].map((s) => [...Array(m).keys()].filter((q) => q !== s && rng.chance(density))),
  );
  const score = names.map(() => [...Array(m).keys()].map(() => rng.int(0, m - 1)));
  const doc = {
    decisionMakers: names,
    states: [...Array(m).keys()].map((s) => `s${s + 1}`),
    moves: Object.fromEntries(
      names.map((d, k) => [
        d,
        Object.fromEntries(
          moves[k]!.flatMap((to, s) => (to.length ? [[String(s + 1), to.map((q) => q + 1)]] : [])),
        ),
      ]),
    ),
    preferenceRanking: Object.fromEntries(
      names.map((d, k) => [d, rankingFromScores(score[k]!, (s) => s + 1)]),
    ),
  };
  return { doc, oracle: { moves, score } };
}

type Ast = { text: string; ev: (code: number) => boolean };

function randomStatement(rng: Rng, ids: string[], depth: number): Ast {
  const op = depth <= 0 ? 'lit' : rng.pick(['lit', 'lit', 'not', 'and', 'or', 'if', 'iff'] as const);
  if (op === 'lit') {
    const k = rng.int(0, ids.length - 1);
    return { text: ids[k]!, ev: (c) => ((c >> k) & 1) === 1 };
  }
  if (op === 'not') {
    const a = randomStatement(rng, ids, depth - 1);
    return { text: `-(${a.text})`, ev: (c) => !a.ev(c) };
  }
  const a = randomStatement(rng, ids, depth - 1);
  const b = randomStatement(rng, ids, depth - 1);
  const txt = (sym: string): string => `(${a.text}) ${sym} (${b.text})`;
  switch (op) {
    case 'and':
      return { text: txt(rng.pick(['&', ',', 'and'])), ev: (c) => a.ev(c) && b.ev(c) };
    case 'or':
      return { text: txt(rng.pick(['|', 'or'])), ev: (c) => a.ev(c) || b.ev(c) };
    case 'if': // "a if b" = b → a
      return { text: txt('if'), ev: (c) => !b.ev(c) || a.ev(c) };
    case 'iff':
      return { text: txt('iff'), ev: (c) => a.ev(c) === b.ev(c) };
  }
}

export interface RandomOption {
  doc: Record<string, unknown>;
  oracle: OracleModel;
  single: boolean;
}

/** Random option-form model; null when its infeasibility rules leave no state. */
export function randomOptionModel(rng: Rng, maxOptions = 8, maxPerDm = 2): RandomOption | null {
  const n = rng.int(2, 5);
  const per = [...Array(n).keys()].map(() => rng.int(1, maxPerDm));
  while (per.reduce((a, b) => a + b, 0) > maxOptions) per[per.indexOf(Math.max(...per))]!--;
  const owner: number[] = per.flatMap((c, d) => Array<number>(c).fill(d));
  const N = owner.length;
  const ids = owner.map((_, k) => `o${k}`);
  const rev = owner.map(() => rng.pick(['both', 'both', 'forwardOnly', 'backwardOnly'] as const));
  const single = rng.chance(0.2);
  // Infeasibility, both as file rules and as predicates written from their meaning.
  const rules: Record<string, unknown>[] = [];
  const bad: ((c: number) => boolean)[] = [];
  const taken = (c: number, k: number): boolean => ((c >> k) & 1) === 1;
  const nRules = rng.int(0, 2);
  for (let r = 0; r < nRules; r++) {
    const a = rng.int(0, N - 1);
    let b = rng.int(0, N - 1);
    if (b === a) b = (a + 1) % N;
    if (a === b) continue;
    switch (rng.int(0, 3)) {
      case 0:
        rules.push({ mutuallyExclusive: [ids[a], ids[b]] });
        bad.push((c) => taken(c, a) && taken(c, b));
        break;
      case 1:
        rules.push({ atLeastOne: [ids[a], ids[b]] });
        bad.push((c) => !taken(c, a) && !taken(c, b));
        break;
      case 2:
        rules.push({ option: ids[a], requires: ids[b] });
        bad.push((c) => taken(c, a) && !taken(c, b));
        break;
      default: {
        const va = rng.chance(0.5);
        const vb = rng.chance(0.5);
        rules.push({ pattern: { [ids[a]!]: va ? 'Y' : 'N', [ids[b]!]: vb ? 'Y' : 'N' } });
        bad.push((c) => taken(c, a) === va && taken(c, b) === vb);
      }
    }
  }
  const codes = [...Array(1 << N).keys()].filter((c) => !bad.some((f) => f(c)));
  if (codes.length === 0) return null;
  const m = codes.length;
  const moves: number[][][] = per.map((_, d) =>
    codes.map((c) =>
      codes.flatMap((c2, q) => {
        if (c2 === c) return [];
        let changed = 0;
        for (let k = 0; k < N; k++) {
          if (taken(c, k) === taken(c2, k)) continue;
          if (owner[k] !== d) return [];
          if (rev[k] === 'forwardOnly' && taken(c, k)) return [];
          if (rev[k] === 'backwardOnly' && !taken(c, k)) return [];
          changed++;
        }
        return single && changed !== 1 ? [] : [q];
      }),
    ),
  );
  const score: number[][] = [];
  const prefs: Record<string, unknown>[] = [];
  for (let d = 0; d < per.length; d++) {
    if (rng.chance(0.5)) {
      const sc = codes.map(() => rng.int(0, m - 1));
      score.push(sc);
      // States named by decimal code or by YN string (option 0 first), at random.
      const yn = (c: number): string => [...Array(N).keys()].map((k) => (taken(c, k) ? 'Y' : 'N')).join('');
      prefs.push({
        ranking: rankingFromScores<number | string>(sc, (s) => (rng.chance(0.5) ? codes[s]! : yn(codes[s]!))),
      });
    } else {
      const sts = [...Array(rng.int(1, 3)).keys()].map(() => randomStatement(rng, ids, rng.int(0, 2)));
      // Lexicographic truth vector as a number: statement 1 is the most significant.
      score.push(codes.map((c) => sts.reduce((acc, st) => acc * 2 + (st.ev(c) ? 1 : 0), 0)));
      prefs.push({ statements: sts.map((s) => s.text) });
    }
  }
  const doc = {
    movesPerStep: single ? 'single' : 'anySubset',
    decisionMakers: per.map((_, d) => ({
      id: `dm${d}`,
      options: ids.flatMap((id, k) => (owner[k] === d ? [{ id, reversibility: rev[k] }] : [])),
      preferences: prefs[d],
    })),
    infeasible: rules,
  };
  return { doc, oracle: { moves, score, codes, owner }, single };
}
