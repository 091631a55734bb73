/**
 * Families of similar initiatives: average-linkage agglomerative clustering on the similarity matrix. Two clusters
 * merge while the mean similarity over their pairs that share at least `minShared` coded issues is ≥ `threshold`
 * (pairs sharing fewer issues are not evidence either way; clusters with no such pair never merge).
 */
import type { SimilarityResult } from './similarity.js';

export function families(sim: SimilarityResult, threshold: number, minShared: number): string[][] {
  const n = sim.ids.length;
  let clusters: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (;;) {
    let best = -Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        let sum = 0;
        let cnt = 0;
        for (const a of clusters[i]!)
          for (const b of clusters[j]!) {
            const s = sim.matrix[a]![b];
            if (s !== null && s !== undefined && sim.shared[a]![b]! >= minShared) {
              sum += s;
              cnt++;
            }
          }
        if (cnt === 0) continue;
        const avg = sum / cnt;
        if (avg > best + 1e-12) {
          best = avg;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold) break;
    const merged = [...clusters[bi]!, ...clusters[bj]!].sort((x, y) => x - y);
    clusters = clusters.filter((_, k) => k !== bi && k !== bj);
    clusters.push(merged);
  }
  return clusters
    .filter((c) => c.length >= 2)
    .sort((x, y) => x[0]! - y[0]!)
    .map((c) => c.map((i) => sim.ids[i]!));
}
