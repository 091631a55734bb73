import { describe, expect, it } from 'vitest';
import {
  analyzeStability,
  conflictFromDocument,
  individualUnits,
  conflictStateName as stateName,
  type ConflictConcept as Concept,
} from '../../src/conflict/index.js';
import { oracleStable, type OracleModel } from './oracle.js';
import { Rng, randomGraphModel, randomOptionModel } from './randomModels.js';

const GRAPH_CONCEPTS = ['nash', 'gmr', 'smr', 'seq'] as const satisfies readonly Concept[];
const OPTION_CONCEPTS = ['nash', 'gmr', 'smr', 'seq', 'sim', 'seqsim'] as const satisfies readonly Concept[];

function compareWithOracle(
  doc: Record<string, unknown>,
  oracle: OracleModel,
  concepts: readonly Concept[],
): number {
  const r = conflictFromDocument(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const model = r.value;
  const table = analyzeStability(model, individualUnits(model), concepts);
  // Oracle states are indexed in its own order; map by public name (index+1 or decimal code).
  const oracleIndex = new Map<number, number>();
  for (let s = 0; s < model.m; s++) oracleIndex.set(oracle.codes ? oracle.codes[s]! : s + 1, s);
  expect(model.m).toBe(oracle.score[0]!.length);
  let checks = 0;
  const mismatches: string[] = [];
  for (const c of concepts) {
    const eq = new Array<boolean>(model.m).fill(true);
    model.dms.forEach((_, i) => {
      for (let s = 0; s < model.m; s++) {
        const os = oracleIndex.get(stateName(model, s))!;
        const want = oracleStable(oracle, i, os, c);
        if (!want) eq[s] = false;
        if ((table.stable[i]![c]![s] === 1) !== want)
          mismatches.push(`${c} DM ${i} state ${stateName(model, s)}`);
        checks++;
      }
    });
    for (let s = 0; s < model.m; s++)
      if ((table.equilibria[c]![s] === 1) !== eq[s])
        mismatches.push(`${c} equilibrium ${stateName(model, s)}`);
  }
  expect(mismatches, JSON.stringify(doc)).toEqual([]);
  return checks;
}

function checkInclusions(doc: Record<string, unknown>, concepts: readonly Concept[]): void {
  const r = conflictFromDocument(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const t = analyzeStability(r.value, individualUnits(r.value), concepts);
  const subset = (a: Uint8Array, b: Uint8Array): boolean => a.every((v, s) => !v || b[s] === 1);
  for (const res of [...t.stable, t.equilibria]) {
    expect(subset(res.nash!, res.smr!)).toBe(true);
    expect(subset(res.smr!, res.gmr!)).toBe(true);
    expect(subset(res.nash!, res.seq!)).toBe(true);
    expect(subset(res.seq!, res.gmr!)).toBe(true);
    if (res.sim) expect(subset(res.nash!, res.sim)).toBe(true);
  }
}

describe('engine = definitional oracle on random models', () => {
  it('500 random graph-form models (2–5 DMs, non-transitive moves, ties)', () => {
    const rng = new Rng(20261122);
    let checks = 0;
    for (let t = 0; t < 500; t++) {
      const { doc, oracle } = randomGraphModel(rng);
      checks += compareWithOracle(doc, oracle, GRAPH_CONCEPTS);
      checkInclusions(doc, GRAPH_CONCEPTS);
    }
    expect(checks).toBeGreaterThan(10_000);
  });

  it('500 random option-form models (2–5 DMs, infeasibility, irreversibility, statements and rankings)', () => {
    const rng = new Rng(7);
    let models = 0;
    let singles = 0;
    let checks = 0;
    while (models < 500) {
      const g = randomOptionModel(rng, 6);
      if (!g) continue;
      checks += compareWithOracle(g.doc, g.oracle, OPTION_CONCEPTS);
      checkInclusions(g.doc, OPTION_CONCEPTS);
      models++;
      if (g.single) singles++;
    }
    expect(singles).toBeGreaterThan(50);
    expect(checks).toBeGreaterThan(20_000);
  });

  it('100 random option-form models where a decision maker owns up to 4 options (sparse generators of its moves)', () => {
    const rng = new Rng(99);
    let models = 0;
    let checks = 0;
    while (models < 100) {
      const g = randomOptionModel(rng, 6, 4);
      if (!g) continue;
      checks += compareWithOracle(g.doc, g.oracle, OPTION_CONCEPTS);
      models++;
    }
    expect(checks).toBeGreaterThan(10_000);
  });
});
