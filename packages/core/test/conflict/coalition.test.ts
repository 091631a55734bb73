import { describe, expect, it } from 'vitest';
import {
  analyzeConflict,
  analyzeStability,
  coalitionalImprovements,
  coalitionUnits,
  conflictFromDocument,
  individualUnits,
  parseCoalitionText,
  resolveCoalitions,
  statusQuoAnalysis,
  type ConflictProblem,
} from '../../src/conflict/index.js';
import { loadFixture, loadShared, ordered } from './helpers.js';
import { Rng, randomGraphModel, randomOptionModel } from './randomModels.js';

describe('coalitions on Elmira (conflict-gmcr.md §8, §17.3)', () => {
  it('classic 9 states: coalitional improvements of {MoE, UR} are 2 → 4, 5 → 8, 6 → 8', () => {
    const m = loadShared('elmira_9');
    const ci = coalitionalImprovements(m, [0, 1]).map((x) => [x.from + 1, x.to.map((t) => t + 1)]);
    expect(ci).toEqual([
      [2, [4]],
      [5, [8]],
      [6, [8]],
    ]);
  });

  it('classic 9 states, structure [MoE, UR] + [LG]: 5 is no longer an equilibrium, 8 is', () => {
    const r = analyzeConflict(loadShared('elmira_9'), { coalitions: [[0, 1], [2]] });
    expect(r.movers).toEqual(['MoE + UR', 'LG']);
    expect(r.equilibria).toEqual({
      nash: [7, 8, 9],
      gmr: [1, 3, 4, 7, 8, 9],
      smr: [1, 3, 4, 7, 8, 9],
      seq: [1, 7, 8, 9],
    });
  });

  it('12-state option form, same structure: joint moves over the members’ options', () => {
    const m = loadFixture('elmira-option.yaml');
    const r = analyzeConflict(m, { coalitions: [[0, 1], [2]], concepts: ['nash', 'gmr', 'smr', 'seq'] });
    expect(r.equilibria).toEqual({
      nash: ordered(5, 6, 9, 10, 11, 12),
      gmr: ordered(1, 3, 4, 5, 6, 9, 10, 11, 12),
      smr: ordered(1, 3, 4, 5, 6, 9, 10, 11, 12),
      seq: ordered(1, 5, 6, 9, 10, 11, 12),
    });
    const ci = coalitionalImprovements(m, [0, 1]).map((x) => [
      m.options!.codes[x.from]!,
      x.to.map((t) => m.options!.codes[t]!),
    ]);
    expect(ci).toEqual([
      [3, [5]],
      [18, [21]],
      [19, [21]],
    ]);
  });

  it('status quo: R+(1) = {5}; with the coalition, 1 →(LG) 5 →(MoE + UR) 8', () => {
    const m = loadShared('elmira_9');
    const alone = statusQuoAnalysis(m, individualUnits(m), 0, 'ui');
    expect(alone.reached.map((x) => x.state + 1)).toEqual([1, 5]);
    const units = coalitionUnits(m, [[0, 1], [2]]);
    const joint = statusQuoAnalysis(m, units, 0, 'ui');
    const to8 = joint.reached.find((x) => x.state === 7)!;
    expect(to8.path.map((st) => [units[st.by]!.name, st.to + 1])).toEqual([
      ['LG', 5],
      ['MoE + UR', 8],
    ]);
    // By unilateral moves every state is reachable from 1.
    expect(statusQuoAnalysis(m, individualUnits(m), 0, 'um').reached).toHaveLength(9);
    const opt = loadFixture('elmira-option.yaml');
    const r = statusQuoAnalysis(opt, individualUnits(opt), 0, 'ui');
    expect(r.reached.map((x) => opt.options!.codes[x.state]!)).toEqual(ordered(1, 7));
  });

  it('the all-singletons partition reproduces the individual results (random models)', () => {
    const rng = new Rng(5);
    for (let t = 0; t < 60; t++) {
      const g = t % 2 === 0 ? randomGraphModel(rng) : randomOptionModel(rng, 6);
      if (!g) continue;
      const r = conflictFromDocument(g.doc);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const m = r.value;
      const blocks = m.dms.map((_, k) => [k]);
      const a = analyzeStability(m, individualUnits(m), ['nash', 'gmr', 'smr', 'seq']);
      const b = analyzeStability(m, coalitionUnits(m, blocks), ['nash', 'gmr', 'smr', 'seq']);
      expect(b.stable).toEqual(a.stable);
    }
  });

  it('every improvement of a block is one of its joint moves and a strict gain for every member', () => {
    const rng = new Rng(11);
    for (let t = 0; t < 40; t++) {
      const g = t % 2 === 0 ? randomGraphModel(rng) : randomOptionModel(rng, 6);
      if (!g) continue;
      const r = conflictFromDocument(g.doc);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const m = r.value;
      if (m.dms.length < 3) continue;
      const [block] = coalitionUnits(m, [[0, 1], ...m.dms.slice(2).map((_, k) => [k + 2])]);
      for (let s = 0; s < m.m; s++) {
        const moves = new Set(
          Array.from(block!.moves.to.subarray(block!.moves.off[s]!, block!.moves.off[s + 1]!)),
        );
        for (let e = block!.ui.off[s]!; e < block!.ui.off[s + 1]!; e++) {
          const q = block!.ui.to[e]!;
          expect(moves.has(q)).toBe(true);
          expect(m.score[0]![q]! > m.score[0]![s]! && m.score[1]![q]! > m.score[1]![s]!).toBe(true);
        }
      }
    }
  });

  it('reads the CLI notation "[a,b],c" by name, id or number', () => {
    const m = loadShared('elmira_9');
    const problems: ConflictProblem[] = [];
    expect(resolveCoalitions(parseCoalitionText('[MoE, UR], LG')!, m.dms, '', problems)).toEqual([
      [0, 1],
      [2],
    ]);
    expect(resolveCoalitions(parseCoalitionText('[1,3]')!, m.dms, '', problems)).toEqual([[0, 2], [1]]);
    expect(problems).toEqual([]);
    resolveCoalitions(parseCoalitionText('[MoE, XX]')!, m.dms, 'c', problems);
    expect(problems[0]!.message).toMatch(/unknown decision maker "XX"/);
    expect(parseCoalitionText('[a,b')).toBeUndefined();
  });
});
