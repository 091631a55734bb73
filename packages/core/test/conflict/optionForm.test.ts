import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeConflict,
  importGmcr,
  conflictFromDocument,
  parseConflictText,
  ynString,
} from '../../src/conflict/index.js';
import { ELMIRA_CODES, fixtureDir, loadFixture, ordered, range } from './helpers.js';

describe('option form: Elmira, 12 states (conflict-gmcr.md §2.3, §17.3)', () => {
  const model = loadFixture('elmira-option.yaml');

  it('enumerates the 12 feasible states of §2.3 in decimal order', () => {
    expect(Array.from(model.options!.codes)).toEqual(ELMIRA_CODES);
    expect(Array.from(model.options!.codes, (c) => ynString(c, 5))).toEqual([
      'NYNNN',
      'YYNNN',
      'NNYNN',
      'YNYNN',
      'NNNYN',
      'YNNYN',
      'NYNNY',
      'YYNNY',
      'NNYNY',
      'YNYNY',
      'NNNYY',
      'YNNYY',
    ]);
    expect(model.options!.rawStates).toBe(32);
    // exactlyOne(Delay, Accept, Abandon) alone removes 32 − 12 = 20 raw states.
    expect(model.options!.removedByRule).toEqual([20]);
    expect(model.statusQuo).toBe(0);
  });

  it('every stable set and equilibrium, SIM and SEQ+SIM included', () => {
    const r = analyzeConflict(model);
    const eq = ordered(5, 6, 7, 10, 11, 12);
    expect(r.equilibria).toEqual({
      nash: eq,
      gmr: ordered(1, 4, 5, 6, 7, 10, 11, 12),
      smr: ordered(1, 4, 5, 6, 7, 10, 11, 12),
      seq: eq,
      sim: eq,
      seqsim: eq,
    });
    expect(r.stable['MoE']!.nash).toEqual(ELMIRA_CODES);
    expect(r.stable['Uniroyal']!.gmr).toEqual(ordered(1, 4, 5, 6, 7, 10, 11, 12));
    expect(r.stable['Local Government']!.nash).toEqual(ordered(...range(5, 12)));
    expect(r.stable['Local Government']!.gmr).toEqual(ELMIRA_CODES);
    expect(r.stable['Local Government']!.seq).toEqual(ordered(2, 3, ...range(5, 12)));
    expect(r.stable['Local Government']!.sim).toEqual(ordered(2, 3, ...range(5, 12)));
    expect(r.stable['Uniroyal']!.sim).toEqual(ordered(1, 4, 5, 6, 7, 10, 11, 12));
  });

  it('the gmcr-py importer reads the same model from a .gmcr file (ordered numbers → decimal codes)', () => {
    const imported = loadFixture('elmira.gmcr');
    expect(imported.dms.map((d) => d.name)).toEqual(['MoE', 'Uniroyal', 'Local Government']);
    expect(Array.from(imported.options!.codes)).toEqual(ELMIRA_CODES);
    const a = analyzeConflict(imported);
    const b = analyzeConflict(model);
    expect(a.stable).toEqual(b.stable);
    expect(a.equilibria).toEqual(b.equilibria);
  });

  it('normalises option order by decision maker, as gmcr-py does on load', () => {
    const doc = JSON.parse(readFileSync(path.join(fixtureDir, 'elmira.gmcr'), 'utf8')) as {
      options: unknown[];
      decisionMakers: { options: number[] }[];
    };
    // Same model with the options stored in another file order: Insist first.
    const perm = [4, 0, 1, 2, 3]; // new file index k holds old option perm[k]
    const inv = perm.map((_, old) => perm.indexOf(old));
    const shuffled = {
      ...doc,
      options: perm.map((o) => doc.options[o]),
      decisionMakers: doc.decisionMakers.map((d) => ({ ...d, options: d.options.map((o) => inv[o]!) })),
      infeasibles: (doc as unknown as { infeasibles: [number, string][][] }).infeasibles.map((c) =>
        c.map(([o, v]) => [inv[o]!, v]),
      ),
    };
    const r = conflictFromDocument(shuffled);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(Array.from(r.value.options!.codes)).toEqual(ELMIRA_CODES);
    expect(analyzeConflict(r.value).equilibria).toEqual(analyzeConflict(model).equilibria);
  });
});

describe('gmcr-py importer details (§15)', () => {
  it('translates compound (OR of AND) statements, directions, coalitions and warns on unknown keys', () => {
    const doc = {
      program: 'gmcr-py',
      version: '0.3.6',
      extra: 1,
      options: [
        { name: 'Build wall', permittedDirection: 'fwd' },
        { name: 'if', permittedDirection: 'back' },
        { name: 'Talk', permittedDirection: 'both' },
      ],
      decisionMakers: [
        {
          name: 'North',
          options: [0, 2],
          preferences: [
            {
              compound: true,
              members: [
                [
                  [0, 'Y'],
                  [1, 'N'],
                ],
                [[2, 'Y']],
              ],
            },
          ],
        },
        { name: 'South', options: [1], preferences: [[[1, 'Y']]], misperceptions: [[[0, 'Y']]] },
      ],
      infeasibles: [],
      coalitions: [[0, 1]],
    };
    const r = importGmcr(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const m = r.value;
    // North's options become contiguous (bits 0, 1), South's option moves to bit 2.
    expect(m.decisionMakers.map((d) => d.options.map((o) => [o.id, o.reversibility]))).toEqual([
      [
        ['build_wall', 'forwardOnly'],
        ['talk', 'both'],
      ],
      [['o1_if', 'backwardOnly']],
    ]);
    expect(m.decisionMakers[0]!.preferences).toEqual({ statements: ['(build_wall & -o1_if) | (talk)'] });
    expect(m.coalitions).toEqual([['north', 'south']]);
    expect(r.warnings.map((w) => w.path)).toEqual(['extra', 'decisionMakers.1.misperceptions']);
    const c = conflictFromDocument(doc);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    // North's score: 1 when (wall and not "if") or talk, at every state (bits: wall 0, talk 1, if 2).
    for (let s = 0; s < c.value.m; s++) {
      const code = c.value.options!.codes[s]!;
      const want = ((code & 1) === 1 && (code & 4) === 0) || (code & 2) === 2 ? 1 : 0;
      expect(c.value.score[0]![s]).toBe(want);
    }
  });
});

describe('option form: textbook games with SIM (§5.3, §17.1, §17.2)', () => {
  it("prisoner's dilemma from prioritised statements: P1 ranks YN ≻ NN ≻ YY ≻ NY", () => {
    const m = loadFixture('games.yaml', 'prisoners');
    // Scores by decimal code 0..3 = NN, YN, NY, YY (§5.3 table: 2, 3, 0, 1).
    expect(Array.from(m.score[0]!)).toEqual([2, 3, 0, 1]);
    const r = analyzeConflict(m);
    // Graph numbering CC=1, CD=2, DC=3, DD=4 is decimal 0, 2, 1, 3.
    expect(r.stable['p1']).toEqual({
      nash: [1, 3],
      gmr: [0, 1, 3],
      smr: [0, 1, 3],
      seq: [0, 1, 3],
      sim: [0, 1, 3],
      seqsim: [0, 1, 3],
    });
    expect(r.stable['p2']).toEqual({
      nash: [2, 3],
      gmr: [0, 2, 3],
      smr: [0, 2, 3],
      seq: [0, 2, 3],
      sim: [0, 2, 3],
      seqsim: [0, 2, 3],
    });
    expect(r.equilibria).toEqual({
      nash: [3],
      gmr: [0, 3],
      smr: [0, 3],
      seq: [0, 3],
      sim: [0, 3],
      seqsim: [0, 3],
    });
  });

  it('chicken: SEQ differs from GMR/SMR; SIM as GMR', () => {
    const r = analyzeConflict(loadFixture('games.yaml', 'chicken'));
    expect(r.equilibria).toEqual({
      nash: [1, 2],
      gmr: [0, 1, 2],
      smr: [0, 1, 2],
      seq: [1, 2],
      sim: [0, 1, 2],
      seqsim: [0, 1, 2],
    });
    expect(r.stable['d1']!.sim).toEqual([0, 1, 2]);
  });

  it('gmcr-py Prisoners with statements (cooperate options): Nash {1}, GMR/SMR/SEQ {1, 4} in ordered numbers', () => {
    const m = loadFixture('prisoners-statements.gmcr');
    const r = analyzeConflict(m);
    // Ordered 1..4 = decimal 0..3.
    expect(r.equilibria.nash).toEqual([0]);
    expect(r.equilibria.gmr).toEqual([0, 3]);
    expect(r.equilibria.smr).toEqual([0, 3]);
    expect(r.equilibria.seq).toEqual([0, 3]);
    expect(r.equilibria.sim).toEqual([0, 3]);
  });
});

describe('option form: infeasibility, reversibility and problems', () => {
  it('mutually exclusive, at least one, requires and patterns remove the right states', () => {
    const text = `
decisionMakers:
  - id: a
    options: [{ id: x }, { id: y }]
    preferences: { statements: [x] }
  - id: b
    options: [{ id: z }, { id: w, reversibility: forwardOnly }]
    preferences: { statements: [z] }
infeasible:
  - mutuallyExclusive: [x, y]
  - atLeastOne: [x, z]
  - option: w
    requires: y
  - pattern: { x: Y, z: Y }
`;
    const r = parseConflictText(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const want: number[] = [];
    for (let c = 0; c < 16; c++) {
      const [x, y, z, w] = [c & 1, (c >> 1) & 1, (c >> 2) & 1, (c >> 3) & 1];
      if (x && y) continue;
      if (!x && !z) continue;
      if (w && !y) continue;
      if (x && z) continue;
      want.push(c);
    }
    expect(Array.from(r.value.options!.codes)).toEqual(want);
    // Raw states each rule removes on its own, counted from the rules' meaning.
    const rules: ((c: number) => boolean)[] = [
      (c) => (c & 3) === 3,
      (c) => (c & 5) === 0,
      (c) => (c & 8) !== 0 && (c & 2) === 0,
      (c) => (c & 5) === 5,
    ];
    expect(r.value.options!.removedByRule).toEqual(rules.map((f) => [...Array(16).keys()].filter(f).length));
    // w is forward-only: b never moves from a state with w = Y to one with w = N.
    const o = r.value.options!;
    const mv = r.value.moves[1]!;
    for (let s = 0; s < r.value.m; s++)
      for (let e = mv.off[s]!; e < mv.off[s + 1]!; e++)
        expect((o.codes[s]! & 8) !== 0 && (o.codes[mv.to[e]!]! & 8) === 0).toBe(false);
  });

  it('reports unknown options, incomplete rankings and bad statements with their paths', () => {
    const r = parseConflictText(`
decisionMakers:
  - id: a
    options: [{ id: x }]
    preferences: { ranking: [0] }
  - id: b
    options: [{ id: y }]
    preferences: { statements: ['y &', 'nope'] }
infeasible:
  - mutuallyExclusive: [x, q]
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['infeasible.0']);
    const r2 = parseConflictText(`
decisionMakers:
  - id: a
    options: [{ id: x }]
    preferences: { ranking: [0, 0] }
  - id: b
    options: [{ id: y }]
    preferences: { statements: ['y &', 'nope'] }
`);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    const paths = r2.problems.map((p) => p.path);
    expect(paths).toContain('decisionMakers.0.preferences.ranking.1');
    expect(paths).toContain('decisionMakers.0.preferences.ranking');
    expect(paths).toContain('decisionMakers.1.preferences.statements.0');
    expect(paths).toContain('decisionMakers.1.preferences.statements.1');
  });
});
