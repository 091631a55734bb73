/**
 * Limited-move stability L_h for two decision makers (conflict-gmcr.md §7.3; Kilgour, Hipel & Fang 1987). G_h(i, s) is
 * the outcome decision maker i anticipates from s looking h moves ahead; s is L_h-stable for i when G_h(i, s) = s.
 * Ties between equally good anticipated outcomes go to the lowest-numbered state (Parley's documented rule).
 */
import type { CompiledConflict } from './model.js';

/** anticipated[i][s] = G_h(i, s) for every state, h ≥ 0. */
export function anticipation(model: CompiledConflict, h: number): Int32Array[] {
  if (model.dms.length !== 2)
    throw new Error('limited-move stability is defined for two decision makers only');
  if (!Number.isInteger(h) || h < 0) throw new Error('the horizon h must be a non-negative integer');
  const m = model.m;
  let G: Int32Array[] = [0, 1].map(() => Int32Array.from({ length: m }, (_, s) => s));
  for (let step = 1; step <= h; step++) {
    const next: Int32Array[] = [];
    for (let i = 0; i < 2; i++) {
      const j = 1 - i;
      const p = model.score[i]!;
      const mv = model.moves[i]!;
      const prev = G[j]!;
      const out = new Int32Array(m);
      for (let s = 0; s < m; s++) {
        let best = -1;
        for (let e = mv.off[s]!; e < mv.off[s + 1]!; e++) {
          const outcome = prev[mv.to[e]!]!;
          if (p[outcome]! <= p[s]!) continue;
          if (best < 0 || p[outcome]! > p[best]! || (p[outcome] === p[best] && outcome < best))
            best = outcome;
        }
        out[s] = best < 0 ? s : best;
      }
      next.push(out);
    }
    G = next;
  }
  return G;
}

/** stable[i][s] = 1 when s is L_h-stable for decision maker i. */
export function limitedMoveStability(model: CompiledConflict, h: number): Uint8Array[] {
  return anticipation(model, h).map((g) => Uint8Array.from(g, (x, s) => (x === s ? 1 : 0)));
}
