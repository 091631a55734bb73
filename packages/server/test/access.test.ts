/** Properties of the clearance filter and of the merge that keeps hidden items when an uncleared editor saves. */
import { parseScenario, type Scenario } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, filterScenario, GRANTS, mergeHidden } from '../src/access.js';

const ACTORS = ['a', 'b', 'c'];
const ISSUES = ['x', 'y'];
const SOURCES = ['s0', 's1', 's2', 's3'];

/** Random valid scenarios: any subset of positions and initiatives confidential, sources cited at random. */
const scenarioArb = fc
  .record({
    positions: fc.array(fc.record({ pair: fc.integer({ min: 0, max: 5 }), secret: fc.boolean(), value: fc.integer({ min: 0, max: 10 }), cite: fc.subarray(SOURCES) }), { maxLength: 6 }),
    initiatives: fc.array(fc.record({ secret: fc.boolean(), stance: fc.integer({ min: 0, max: 10 }), cite: fc.subarray(SOURCES) }), { maxLength: 5 }),
    snapshots: fc.array(fc.record({ pair: fc.integer({ min: 0, max: 5 }), value: fc.integer({ min: 0, max: 10 }) }), { maxLength: 3 }),
  })
  .map(({ positions, initiatives, snapshots }) => {
    const seen = new Set<number>();
    const pos = positions
      .filter((p) => (seen.has(p.pair) ? false : (seen.add(p.pair), true)))
      .map((p) => ({
        actor: ACTORS[p.pair % 3]!,
        issue: ISSUES[Math.floor(p.pair / 3)]!,
        value: p.value,
        salience: 50,
        ...(p.secret ? { confidential: true } : {}),
        ...(p.cite.length ? { sources: p.cite } : {}),
      }));
    return {
      parley: 1,
      title: 'Generated',
      sources: SOURCES.map((id) => ({ id, citation: `Source ${id}` })),
      actors: ACTORS.map((id) => ({ id, name: id.toUpperCase(), capability: 10, seat: 'party' })),
      issues: ISSUES.map((id) => ({ id, title: id, scale: { min: 0, max: 10 } })),
      positions: pos,
      initiatives: initiatives.map((x, k) => ({
        id: `i${k}`,
        title: `Initiative ${k}`,
        date: '2024-01-01',
        status: x.secret ? 'confidential' : 'public',
        ...(x.cite.length ? { sources: x.cite } : {}),
        provisions: [{ issue: 'x', stance: x.stance }],
      })),
      snapshots: snapshots.map((s, k) => ({
        date: `2024-0${k + 2}-01`,
        label: `snap ${k}`,
        positions: [{ actor: ACTORS[s.pair % 3]!, issue: ISSUES[Math.floor(s.pair / 3)]!, value: s.value }],
      })),
    };
  });

const parse = (data: unknown): Scenario => {
  const r = parseScenario(JSON.stringify(data), 'gen.json');
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.pointer}: ${p.message}`).join('; '));
  return r.scenario;
};
const byId = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const byPair = <T extends { actor: string; issue: string }>(xs: T[]): T[] => [...xs].sort((a, b) => `${a.actor}/${a.issue}`.localeCompare(`${b.actor}/${b.issue}`));

describe('filterScenario (uncleared view)', () => {
  it('removes every confidential item, keeps every public one, and stays a valid scenario', () => {
    fc.assert(
      fc.property(scenarioArb, (data) => {
        const s = parse(data);
        const f = filterScenario(s, false);
        expect(f.initiatives).toEqual(s.initiatives.filter((i) => i.status !== 'confidential'));
        expect(f.positions).toEqual(s.positions.filter((p) => p.confidential !== true));
        const hiddenPairs = new Set(s.positions.filter((p) => p.confidential).map((p) => `${p.actor}/${p.issue}`));
        for (const snap of f.snapshots ?? []) for (const o of snap.positions) expect(hiddenPairs.has(`${o.actor}/${o.issue}`)).toBe(false);
        // Sources: cited by something visible → kept; cited only by hidden items → gone; cited by nothing → kept.
        const visibleCites = new Set([...f.positions.flatMap((p) => p.sources ?? []), ...f.initiatives.flatMap((i) => i.sources ?? [])]);
        const hiddenCites = new Set([...s.positions.filter((p) => p.confidential).flatMap((p) => p.sources ?? []), ...s.initiatives.filter((i) => i.status === 'confidential').flatMap((i) => i.sources ?? [])]);
        const want = SOURCES.filter((id) => visibleCites.has(id) || !hiddenCites.has(id));
        expect(f.sources.map((x) => x.id)).toEqual(want);
        expect(parse(f)).toEqual(f);
        expect(filterScenario(s, true)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('merging the hidden items back into an unchanged uncleared copy restores the stored scenario', () => {
    fc.assert(
      fc.property(scenarioArb, (data) => {
        const s = parse(data);
        const merged = parse(mergeHidden(JSON.parse(JSON.stringify(filterScenario(s, false))) as Record<string, unknown>, s));
        expect(byId(merged.initiatives)).toEqual(byId(s.initiatives));
        expect(byPair(merged.positions)).toEqual(byPair(s.positions));
        expect(byId(merged.sources)).toEqual(byId(s.sources));
        const snaps = (x: Scenario): string[] => (x.snapshots ?? []).flatMap((sn) => sn.positions.map((o) => `${sn.date}/${o.actor}/${o.issue}/${o.value}`)).sort();
        expect(snaps(merged)).toEqual(snaps(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe('roles', () => {
  it('grant exactly the documented permissions', () => {
    // owner: manage members and clearances; editor: edit scenarios; analyst: run analyses; viewer: read.
    const table = {
      owner: { read: true, comment: true, analyse: true, edit: true, manage: true, audit: true },
      editor: { read: true, comment: true, analyse: true, edit: true, manage: false, audit: false },
      analyst: { read: true, comment: true, analyse: true, edit: false, manage: false, audit: false },
      viewer: { read: true, comment: false, analyse: false, edit: false, manage: false, audit: false },
    } as const;
    for (const [role, perms] of Object.entries(table))
      for (const [perm, ok] of Object.entries(perms)) expect(can(role as keyof typeof GRANTS, perm as 'read'), `${role} ${perm}`).toBe(ok);
  });
});
