/**
 * §13.1: opponents sanction by legal sequences, so an opponent may move again after another one has moved. Here the
 * only sanction against A's improvement 1 → 2 is B → 3, C → 4, B → 5: B moves twice, not in a row.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeConflict,
  conflictFromDocument,
  individualUnits,
  explainState,
} from '../../src/conflict/index.js';
import { oracleStable, type OracleModel } from './oracle.js';

const doc = {
  decisionMakers: ['A', 'B', 'C'],
  states: ['s1', 's2', 's3', 's4', 's5'],
  moves: { A: { '1': [2] }, B: { '2': [3], '4': [5] }, C: { '3': [4] } },
  preferenceRanking: { A: [2, 3, 4, 1, 5], B: [5, 3, 2, 4, 1], C: [4, 3, 1, 2, 5] },
};

/** Sanctions as a one-move-per-opponent search would find them: each opponent used at most once in a chain. */
function oncePerOpponent(start: number, used: Set<string>, ok: (s: number) => boolean): boolean {
  const moves: Record<string, Record<number, number[]>> = doc.moves;
  for (const dm of ['B', 'C']) {
    if (used.has(dm)) continue;
    for (const y of moves[dm]![start] ?? []) {
      if (ok(y) || oncePerOpponent(y, new Set([...used, dm]), ok)) return true;
    }
  }
  return false;
}

describe('a sanction that needs the same opponent twice (not in a row)', () => {
  it('a one-move-per-opponent search finds no sanction: the model tells the two behaviours apart', () => {
    const rankA = doc.preferenceRanking.A;
    const pA = (s: number): number => rankA.length - rankA.indexOf(s);
    expect(oncePerOpponent(2, new Set(), (s) => pA(s) <= pA(1))).toBe(false);
    // With the restriction lifted (B may move again after C), the chain 2 → 3 → 4 → 5 reaches 5.
    expect(pA(5) <= pA(1)).toBe(true);
  });

  it('by definition state 1 is GMR-, SMR- and SEQ-stable for A, and an equilibrium', () => {
    const r = conflictFromDocument(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const rep = analyzeConflict(r.value);
    for (const c of ['gmr', 'smr', 'seq'] as const) {
      expect(rep.stable['A']![c]).toContain(1);
      expect(rep.equilibria[c]).toContain(1);
    }
    expect(rep.stable['A']!.nash).not.toContain(1);
    const v = explainState(r.value, individualUnits(r.value), 0, 0, 'gmr');
    expect(v.improvements[0]!.sanction!.path.map((st) => [st.by, st.to + 1])).toEqual([
      [1, 3],
      [2, 4],
      [1, 5],
    ]);
  });

  it('the definitional oracle agrees', () => {
    const g: OracleModel = {
      moves: [
        [[1], [], [], [], []],
        [[], [2], [], [4], []],
        [[], [], [3], [], []],
      ],
      score: [
        [1, 4, 3, 2, 0],
        [0, 2, 3, 1, 4],
        [2, 1, 3, 4, 0],
      ],
    };
    for (const c of ['gmr', 'smr', 'seq'] as const) expect(oracleStable(g, 0, 0, c)).toBe(true);
  });
});
