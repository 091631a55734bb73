/**
 * The framework engine on a small fixture whose every expected number is worked out by hand below
 * (fixtures/scenario/framework-small.yaml).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/framework/index.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
function load(name: string): Scenario {
  const r = parseScenario(readFileSync(path.join(here, '../fixtures/scenario', name), 'utf8'), name);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

describe('compare on the hand-worked fixture', () => {
  const s = load('framework-small.yaml');
  const r = compare(s);
  const issue = (id: string) => r.issues.find((x) => x.id === id)!;

  it('builds the initiatives × issues matrix', () => {
    const kinds = r.matrix.map((row) => row.map((c) => c.kind));
    expect(kinds).toEqual([
      ['stance', 'stance', 'stance', 'silent'],
      ['stance', 'stance', 'stance', 'silent'],
      ['stance', 'stance', 'mentioned', 'silent'],
      ['stance', 'stance', 'silent', 'silent'],
      ['unknown', 'unknown', 'unknown', 'unknown'],
    ]);
  });

  it('water: who speaks, min/max/median, spread, dispersion, no common ground', () => {
    const w = issue('water');
    expect(w.covered).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect(w.silent).toEqual([]);
    expect(w.unknown).toEqual(['i5']);
    expect([w.min, w.max]).toEqual([40, 90]);
    expect(w.median).toBe(46.5); // (45 + 48) / 2
    expect(w.spread).toBeCloseTo(0.5, 12); // (90 − 40) / 100
    // |46.5−40| + |46.5−45| + |48−46.5| + |90−46.5| = 6.5 + 1.5 + 1.5 + 43.5 = 53; 53 / 4 / 100
    expect(w.dispersion).toBeCloseTo(0.1325, 12);
    expect(w.tolerance).toBe(10);
    expect(w.commonGround).toBe(false);
  });

  it('border: ranges of alternatives count by their nearest value', () => {
    const b = issue('border');
    expect([b.min, b.max]).toEqual([1, 4]);
    expect(b.median).toBe(1.75); // mids 1, 1, 3, 2.5 (alternatives 1|4)
    expect(b.spread).toBeCloseTo(0.75, 12);
    // distances from 1.75: 0.75, 0.75, 1.25, min(0.75, 2.25) = 0.75 → 3.5 / 4 / 4
    expect(b.dispersion).toBeCloseTo(0.21875, 12);
    expect(b.commonGround).toBe(false);
  });

  it('refugees: a range and a point within tolerance are common ground at level 3', () => {
    const g = issue('refugees');
    expect(g.covered).toEqual(['i1', 'i2']);
    expect(g.mentioned).toEqual(['i3']);
    expect(g.silent).toEqual(['i4']);
    expect(g.median).toBe(2.75);
    expect(g.spread).toBeCloseTo(1 / 3, 12);
    expect(g.dispersion).toBeCloseTo(0.25 / 2 / 3, 12);
    expect(g.tolerance).toBeCloseTo(0.3, 12);
    expect(g.commonGround).toBe(true);
    expect(g.commonStance).toBe(3);
  });

  it('fishing: no initiative addresses it; only actor c holds it salient (a is below 50)', () => {
    const f = issue('fishing');
    expect(f.covered).toEqual([]);
    expect(f.uncoveredButSalientFor).toEqual(['c']);
    expect(r.notAddressed).toEqual(['fishing']);
    expect(compare(s, { salienceThreshold: 30 }).issues[3]!.uncoveredButSalientFor).toEqual(['c', 'a']);
  });

  it('ranks issues by agreement', () => {
    expect(r.issues.map((x) => [x.id, x.agreementRank])).toEqual([
      ['water', 2],
      ['border', 3],
      ['refugees', 1],
      ['fishing', null],
    ]);
  });

  it('similarity over shared issues', () => {
    const m = r.similarity.matrix;
    expect(r.similarity.ids).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    expect(m[0]![1]).toBeCloseTo(1 - 0.05 / 3, 12); // water 5/100, border 0, refugees 3 vs [2,3] = 0
    expect(m[0]![2]).toBeCloseTo(1 - (0.08 + 0.5) / 2, 12);
    expect(m[0]![3]).toBeCloseTo(1 - 0.5 / 2, 12); // border 1 vs 1|4 = 0
    expect(m[1]![2]).toBeCloseTo(1 - (0.03 + 0.5) / 2, 12);
    expect(m[1]![3]).toBeCloseTo(1 - 0.45 / 2, 12);
    expect(m[2]![3]).toBeCloseTo(1 - (0.42 + 0.25) / 2, 12);
    expect(m[4]![0]).toBeNull();
    expect(r.similarity.shared[0]![1]).toBe(3);
    expect(r.similarity.coverage[0]![3]).toBeCloseTo(2 / 3, 12);
  });

  it('families: i1 and i2 merge (0.983); the next best merge (0.7625) stays below 0.8', () => {
    expect(r.families).toEqual([['i1', 'i2']]);
    expect(compare(s, { familyThreshold: 0.76 }).families).toEqual([['i1', 'i2', 'i4']]);
  });

  it('consolidated single text', () => {
    expect(r.singleText).toEqual([
      {
        issue: 'water',
        kind: 'open',
        silent: [],
        alternatives: [
          { stance: 45, initiatives: ['i1', 'i2', 'i3'], sponsors: ['Actor A', 'Actor B', 'A contact group'] },
          { stance: 90, initiatives: ['i4'], sponsors: ['Actor A', 'Actor B'] },
        ],
      },
      {
        issue: 'border',
        kind: 'open',
        silent: [],
        alternatives: [
          { stance: 1, label: 'B1', initiatives: ['i1', 'i2', 'i4'], sponsors: ['Actor A', 'Actor B'] },
          { stance: 3, label: 'B3', initiatives: ['i3'], sponsors: ['A contact group'] },
          { stance: 4, label: 'B4', initiatives: ['i4'], sponsors: ['Actor A', 'Actor B'] },
        ],
      },
      {
        issue: 'refugees',
        kind: 'common',
        stance: 3,
        label: 'Detailed',
        initiatives: ['i1', 'i2'],
        sponsors: ['Actor A', 'Actor B'],
        silent: ['i4', 'i3'],
      },
    ]);
  });

  it('tolerance per run and per issue', () => {
    // 50 % of the water scale brings 40…90 within one window.
    expect(compare(s, { tolerance: 0.5 }).issues[0]!.commonGround).toBe(true);
    expect(compare(s, { tolerance: 0.49 }).issues[0]!.commonGround).toBe(false);
    expect(compare(s, { toleranceByIssue: { border: 3 } }).issues[1]!.commonGround).toBe(true);
    expect(compare(s, { toleranceByIssue: { border: 1.99 } }).issues[1]!.commonGround).toBe(false);
  });

  it('public-only leaves confidential initiatives out', () => {
    const withSecret: Scenario = { ...s, initiatives: s.initiatives.map((x) => (x.id === 'i4' ? { ...x, status: 'confidential' as const } : x)) };
    const pub = compare(withSecret, { publicOnly: true });
    expect(pub.initiatives.map((x) => x.id)).toEqual(['i1', 'i2', 'i3', 'i5']);
    expect(JSON.stringify(pub)).not.toContain('i4');
  });
});
