/** Pairwise similarity of initiatives over the issues both code. */
import { scaleMax, scaleMin } from '../scenario/scale.js';
import type { Issue } from '../scenario/schema.js';
import type { Cell } from './compare.js';
import { gap } from './stance.js';

export interface SimilarityResult {
  ids: string[];
  /** 1 − mean normalised distance over the issues both initiatives code; null when they share none. */
  matrix: (number | null)[][];
  /** Number of issues both code. */
  shared: number[][];
  /** Shared issues / issues either codes (Jaccard coverage overlap). */
  coverage: number[][];
}

export function similarityMatrix(ids: string[], issues: readonly Issue[], matrix: readonly Cell[][]): SimilarityResult {
  const n = ids.length;
  const ranges = issues.map((s) => scaleMax(s.scale) - scaleMin(s.scale));
  const sim: (number | null)[][] = [];
  const shared: number[][] = [];
  const coverage: number[][] = [];
  for (let a = 0; a < n; a++) {
    sim.push(new Array<number | null>(n).fill(null));
    shared.push(new Array<number>(n).fill(0));
    coverage.push(new Array<number>(n).fill(0));
  }
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let both = 0;
      let either = 0;
      let dist = 0;
      for (let k = 0; k < issues.length; k++) {
        const ca = matrix[a]![k]!;
        const cb = matrix[b]![k]!;
        const ha = ca.kind === 'stance';
        const hb = cb.kind === 'stance';
        if (ha || hb) either++;
        if (ha && hb) {
          both++;
          dist += ranges[k]! > 0 ? gap(ca.stance, cb.stance) / ranges[k]! : 0;
        }
      }
      const s = both > 0 ? 1 - dist / both : null;
      sim[a]![b] = sim[b]![a] = s;
      shared[a]![b] = shared[b]![a] = both;
      coverage[a]![b] = coverage[b]![a] = either > 0 ? both / either : 0;
    }
  }
  return { ids, matrix: sim, shared, coverage };
}
