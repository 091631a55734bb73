import { describe, expect, it } from 'vitest';
import {
  analyzeStability,
  conflictFromDocument,
  explainState,
  individualUnits,
  legalTree,
  statusQuoAnalysis,
  type ConflictConcept,
} from '../../src/conflict/index.js';
import { Rng, randomGraphModel, randomOptionModel } from './randomModels.js';

describe('explanations and status quo paths on random models', () => {
  it('every verdict agrees with the engine, and every witness is a legal sanction', () => {
    const rng = new Rng(31);
    let witnesses = 0;
    for (let t = 0; t < 60; t++) {
      const g = t % 2 === 0 ? randomGraphModel(rng) : randomOptionModel(rng, 6);
      if (!g) continue;
      const r = conflictFromDocument(g.doc);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const m = r.value;
      const units = individualUnits(m);
      const concepts: ConflictConcept[] = m.options
        ? ['nash', 'gmr', 'smr', 'seq', 'sim', 'seqsim']
        : ['nash', 'gmr', 'smr', 'seq'];
      const table = analyzeStability(m, units, concepts);
      for (let u = 0; u < units.length; u++)
        for (let s = 0; s < m.m; s++)
          for (const c of concepts) {
            const v = explainState(m, units, u, s, c);
            expect(v.stable, `${c} ${u} ${s}`).toBe(table.stable[u]![c]![s] === 1);
            const p = m.score[u]!;
            for (const imp of v.improvements) {
              expect(p[imp.to]! > p[s]!).toBe(true);
              if (!imp.sanction) continue;
              witnesses++;
              expect(p[imp.sanction.end]! <= p[s]!).toBe(true);
              let at = imp.to;
              let last = -1;
              for (const st of imp.sanction.path) {
                expect(st.by).not.toBe(u);
                expect(st.by).not.toBe(last);
                const mv = c === 'seq' ? units[st.by]!.ui : units[st.by]!.moves;
                expect(Array.from(mv.to.subarray(mv.off[at]!, mv.off[at + 1]!))).toContain(st.to);
                at = st.to;
                last = st.by;
              }
              if (imp.sanction.path.length) expect(at).toBe(imp.sanction.end);
            }
          }
    }
    expect(witnesses).toBeGreaterThan(200);
  });

  it('status quo: improvement-reachable ⊆ move-reachable; paths are legal sequences from the start', () => {
    const rng = new Rng(77);
    for (let t = 0; t < 80; t++) {
      const g = t % 2 === 0 ? randomGraphModel(rng) : randomOptionModel(rng, 6);
      if (!g) continue;
      const r = conflictFromDocument(g.doc);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const m = r.value;
      const units = individualUnits(m);
      const s0 = t % m.m;
      const ui = statusQuoAnalysis(m, units, s0, 'ui');
      const um = statusQuoAnalysis(m, units, s0, 'um');
      const umSet = new Set(um.reached.map((x) => x.state));
      for (const x of ui.reached) expect(umSet.has(x.state)).toBe(true);
      for (const res of [ui, um]) {
        for (const x of res.reached) {
          expect(x.path).toHaveLength(x.steps);
          let at = s0;
          let last = -1;
          for (const st of x.path) {
            expect(st.by).not.toBe(last);
            const mv = res.mode === 'ui' ? units[st.by]!.ui : units[st.by]!.moves;
            expect(Array.from(mv.to.subarray(mv.off[at]!, mv.off[at + 1]!))).toContain(st.to);
            at = st.to;
            last = st.by;
          }
          expect(at).toBe(x.state);
        }
      }
      // Fewest steps: no state is reached in fewer steps by a depth-limited search.
      const tree = legalTree(
        m.m,
        units.map((u) => u.moves),
        s0,
        1,
      );
      for (const x of um.reached) if (x.steps > 1) expect(tree.steps[x.state]).toBe(-1);
    }
  });
});
