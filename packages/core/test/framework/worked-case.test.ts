/**
 * The worked Russia–Ukraine case (examples/ukraine-peace-initiatives.yaml), coded from the dossier in
 * shared/reference/peace-initiatives.md. These tests check the data's integrity and what the dossier's Part E finds;
 * the coding follows the sources and is never adjusted to make a test pass.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/framework/index.js';
import { loadScenarioFile, type Scenario } from '../../src/scenario/index.js';
import { repoRoot } from '../helpers/shared.js';

function load(name: string): Scenario {
  const r = loadScenarioFile(path.join(repoRoot, 'examples', name));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return r.scenario;
}

describe('worked case: Russia–Ukraine peace initiatives', () => {
  const s = load('ukraine-peace-initiatives.yaml');

  it('has at least 12 initiatives and the required actors', () => {
    expect(s.initiatives.length).toBeGreaterThanOrEqual(12);
    const ids = s.actors.map((a) => a.id);
    for (const a of ['ru', 'ua', 'by', 'pl', 'us', 'eu', 'cn', 'tr', 'un']) expect(ids).toContain(a);
    for (const i of ['ist22', 'bsgi22', 'pf22', 'cn23', 'af23', 'brcn24', 'ru24', 'bu24', 'ru25', 'us28', 'eu25', 'fw20'])
      expect(s.initiatives.map((x) => x.id)).toContain(i);
  });

  it('attributes every stance and every estimate to a source', () => {
    for (const ini of s.initiatives) for (const p of ini.provisions) expect(p.sources?.length, `${ini.id}/${p.issue}`).toBeGreaterThan(0);
    for (const p of s.positions) {
      expect(p.sources?.length, `${p.actor}/${p.issue}`).toBeGreaterThan(0);
      expect(p.estimate, `${p.actor}/${p.issue} is marked as an estimate`).toBe(true);
      expect(p.basis?.length ?? 0, `${p.actor}/${p.issue} says what it rests on`).toBeGreaterThan(10);
    }
    for (const a of s.actors) expect(a.basis?.length ?? 0, `${a.id} capability basis`).toBeGreaterThan(10);
    expect(s.disclaimer).toMatch(/estimate/i);
  });

  it("ranks nuclear safety, food and navigation, and prisoners above territory and alliance status (Part E)", () => {
    const r = compare(s);
    const rank = (id: string) => {
      const x = r.issues.find((i) => i.id === id);
      expect(x, id).toBeDefined();
      expect(x!.agreementRank, id).not.toBeNull();
      return x!.agreementRank!;
    };
    const contested = Math.min(rank('territory'), rank('neutrality_alliances'));
    for (const theme of ['nuclear_safety', 'food_energy', 'prisoners_deportees']) expect(rank(theme)).toBeLessThan(contested);
  });

  it("flags Belarus's sanctions issue as salient but addressed by no initiative (the grain-deal check)", () => {
    const r = compare(s);
    const b = r.issues.find((i) => i.id === 'belarus_sanctions')!;
    expect(b.covered).toEqual([]);
    expect(b.uncoveredButSalientFor).toContain('by');
  });

  it('treats the unpublished 19-point text as unknown, not silent', () => {
    const r = compare(s);
    for (const i of r.issues) {
      expect(i.silent).not.toContain('gva19');
      expect(i.unknown).toContain('gva19');
    }
  });
});

describe('teaching scenarios', () => {
  it('the minimal example and the teaching scenario validate', () => {
    expect(load('minimal.yaml').initiatives).toHaveLength(2);
    const w = compare(load('teaching-water.yaml'));
    expect(w.issues.some((i) => i.commonGround)).toBe(true);
    expect(w.issues.some((i) => i.uncoveredButSalientFor.length > 0)).toBe(true);
  });
});
