import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeConflict,
  conflictFromDocument,
  limitedMoveStability,
  parseConflictText,
} from '../../src/conflict/index.js';
import { fixtureDir, loadFixture } from './helpers.js';
import { Rng, randomGraphModel } from './randomModels.js';

describe('renumbering invariance (§14.4)', () => {
  it('permuting states and decision-maker order leaves the results unchanged up to the permutation', () => {
    const rng = new Rng(123);
    for (let t = 0; t < 80; t++) {
      const { doc } = randomGraphModel(rng);
      const d = doc as {
        decisionMakers: string[];
        states: string[];
        moves: Record<string, Record<string, number[]>>;
        preferenceRanking: Record<string, (number | number[])[]>;
      };
      const m = d.states.length;
      // Random permutation: old state s (1-based) becomes perm[s - 1].
      const perm = [...Array(m).keys()].map((k) => k + 1);
      for (let k = m - 1; k > 0; k--) {
        const j = rng.int(0, k);
        [perm[k], perm[j]] = [perm[j]!, perm[k]!];
      }
      const P = (s: number): number => perm[s - 1]!;
      const states = new Array<string>(m);
      d.states.forEach((l, k) => (states[P(k + 1) - 1] = l));
      const moved = {
        decisionMakers: [...d.decisionMakers].reverse(),
        states,
        moves: Object.fromEntries(
          Object.entries(d.moves).map(([dm, mv]) => [
            dm,
            Object.fromEntries(Object.entries(mv).map(([from, to]) => [String(P(Number(from))), to.map(P)])),
          ]),
        ),
        preferenceRanking: Object.fromEntries(
          Object.entries(d.preferenceRanking).map(([dm, r]) => [
            dm,
            r.map((el) => (Array.isArray(el) ? el.map(P) : P(el))),
          ]),
        ),
      };
      const a = conflictFromDocument(doc);
      const b = conflictFromDocument(moved);
      if (!a.ok || !b.ok) throw new Error('invalid random model');
      const ra = analyzeConflict(a.value);
      const rb = analyzeConflict(b.value);
      for (const dm of d.decisionMakers)
        for (const c of ra.concepts)
          expect(rb.stable[dm]![c]).toEqual(ra.stable[dm]![c]!.map(P).sort((x, y) => x - y));
      for (const c of ra.concepts)
        expect(rb.equilibria[c]).toEqual(ra.equilibria[c]!.map(P).sort((x, y) => x - y));
    }
  });
});

describe('reading models', () => {
  it('graph form: moves to unknown states, self-loops, unranked and twice-ranked states are problems', () => {
    const r = parseConflictText(
      JSON.stringify({
        decisionMakers: ['A', 'B'],
        states: ['x', 'y', 'z'],
        moves: { A: { '1': [1, 4] }, B: { '9': [1] }, C: {} },
        preferenceRanking: { A: [1, 2, 2], B: [1, 2, 3] },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.problems.map((p) => `${p.path}: ${p.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        'moves.C: "C" is not a decision maker',
        'moves.A.1: a move from 1 to itself is not allowed',
        'moves.A.1: state 4 does not exist (1..3)',
        'moves.B.9: "9" is not a state number (1..3)',
        'preferenceRanking.A.2: state 2 is ranked twice',
        'preferenceRanking.A: states not ranked: 3',
      ]),
    );
  });

  it('a file with several models needs a case id', () => {
    const text = JSON.stringify({
      one: { decisionMakers: ['A', 'B'], states: ['x'], moves: {}, preferenceRanking: { A: [1], B: [1] } },
    });
    const r = parseConflictText(text);
    expect(r.ok ? '' : r.problems[0]!.message).toMatch(/choose one with --case \(one\)/);
    expect(parseConflictText(text, { caseId: 'one' }).ok).toBe(true);
  });

  it('SIM on a graph-form model is refused with a clear error', () => {
    const r = parseConflictText(
      JSON.stringify({
        decisionMakers: ['A', 'B'],
        states: ['x'],
        moves: {},
        preferenceRanking: { A: [1], B: [1] },
      }),
    );
    if (!r.ok) throw new Error('invalid');
    expect(() => analyzeConflict(r.value, { concepts: ['sim'] })).toThrow(/option-form/);
  });
});

describe('scenario conflict sections', () => {
  it('reads the conflict: section; a decision maker without a name takes its actor’s name', () => {
    const m = loadFixture('scenario-with-conflict.yaml');
    expect(m.dms).toEqual([
      { id: 'n', name: 'North', actor: 'north' },
      { id: 's', name: 'South', actor: 'south' },
    ]);
    // The toy standoff is a prisoner's dilemma: both escalating (code 3) is the only Nash equilibrium.
    expect(analyzeConflict(m).equilibria.nash).toEqual([3]);
  });

  it('rejects actor references that the scenario does not define', () => {
    const r = parseConflictText(readFileSync(path.join(fixtureDir, 'bad-actor.yaml'), 'utf8'));
    expect(r.ok ? [] : r.problems).toEqual([
      { path: 'conflict.decisionMakers.1.actor', message: '"nowhere" is not an actor of the scenario' },
    ]);
  });
});

describe('limited move (§7.3, §14.6)', () => {
  it('L_1 equals Nash and L_0 makes every state stable, on random two-DM models', () => {
    const rng = new Rng(8);
    let models = 0;
    while (models < 60) {
      const { doc } = randomGraphModel(rng);
      if ((doc.decisionMakers as string[]).length !== 2) continue;
      const r = conflictFromDocument(doc);
      if (!r.ok) throw new Error('invalid random model');
      const rep = analyzeConflict(r.value, { concepts: ['nash'] });
      const l1 = limitedMoveStability(r.value, 1);
      r.value.dms.forEach((dm, k) => {
        expect([...l1[k]!.keys()].filter((s) => l1[k]![s]).map((s) => s + 1)).toEqual(
          rep.stable[dm.name]!.nash,
        );
      });
      expect(limitedMoveStability(r.value, 0).every((a) => a.every((v) => v === 1))).toBe(true);
      models++;
    }
  });
});
