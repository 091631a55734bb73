/**
 * Property tests: random valid scenarios validate (as YAML and as JSON); random mutations of their text or data never
 * crash the validator and every problem it reports is located inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario } from '../../src/scenario/index.js';

const idArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);

interface Gen {
  [k: string]: unknown;
}

/** A random valid scenario: every reference resolves and every value lies on its scale. */
const scenarioArb: fc.Arbitrary<Gen> = fc
  .record({
    actorIds: fc.uniqueArray(idArb, { minLength: 1, maxLength: 6 }),
    issueIds: fc.uniqueArray(idArb, { minLength: 1, maxLength: 4 }),
    sourceIds: fc.uniqueArray(idArb, { minLength: 0, maxLength: 3 }),
    initIds: fc.uniqueArray(idArb, { minLength: 0, maxLength: 4 }),
    seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ actorIds, issueIds, sourceIds, initIds, seed }) => {
    let c = 0;
    const u = () => seed[c++ % seed.length]!;
    const pick = <T,>(xs: T[]) => xs[Math.floor(u() * xs.length) % xs.length]!;
    const seats = ['party', 'mediator', 'guarantor', 'observer', 'absent'];
    const issues = issueIds.map((id, k) => {
      if (k % 2 === 0) {
        const min = Math.round(u() * 10);
        return { id, title: `Issue ${id}`, scale: { min, max: min + 1 + Math.round(u() * 100) } };
      }
      const n = 2 + Math.floor(u() * 4);
      return { id, title: `Issue ${id}`, scale: { levels: Array.from({ length: n }, (_, j) => ({ value: j, label: `L${j}` })) } };
    });
    const valueOn = (issue: (typeof issues)[number]): number => {
      const s = issue.scale as { min?: number; max?: number; levels?: { value: number }[] };
      if (s.levels) return pick(s.levels).value;
      return s.min! + Math.round(u() * (s.max! - s.min!));
    };
    const sources = sourceIds.map((id) => ({ id, citation: `Source ${id}, 2024` }));
    const refs = () => (sourceIds.length > 0 && u() < 0.7 ? [pick(sourceIds)] : undefined);
    const actors = actorIds.map((id) => ({ id, name: `Actor ${id}`, capability: Math.round(u() * 100), seat: pick(seats) }));
    const positions: Gen[] = [];
    for (const a of actorIds)
      for (const issue of issues) {
        if (u() < 0.4) continue;
        const value = valueOn(issue);
        const s = issue.scale as { min?: number; max?: number; levels?: { value: number }[] };
        const lo = s.levels ? s.levels[0]!.value : s.min!;
        const hi = s.levels ? s.levels[s.levels.length - 1]!.value : s.max!;
        const p: Gen = { actor: a, issue: issue.id, value, salience: Math.round(u() * 100) };
        if (u() < 0.5) p.accept = [lo + (value - lo) * u(), value + (hi - value) * u()];
        const r = refs();
        if (r) p.sources = r;
        positions.push(p);
      }
    const initiatives = initIds.map((id) => {
      const provisions: Gen[] = [];
      for (const issue of issues) {
        const x = u();
        if (x < 0.3) continue;
        const pv: Gen = { issue: issue.id, text: 'paraphrase' };
        if (x < 0.8) pv.stance = valueOn(issue);
        else if (x < 0.9) {
          const a = valueOn(issue);
          const b = valueOn(issue);
          pv.stance = [Math.min(a, b), Math.max(a, b)];
        } else pv.alternatives = [valueOn(issue), valueOn(issue)];
        const r = refs();
        if (r) pv.sources = r;
        provisions.push(pv);
      }
      return { id, title: `Initiative ${id}`, sponsor: pick(actorIds), date: '2024-06-14', provisions };
    });
    return { parley: 1, title: 'Random', sources, actors, issues, positions, initiatives };
  });

function mutateText(text: string, ops: { kind: number; at: number; ch: string }[]): string {
  let t = text;
  for (const op of ops) {
    const i = t.length === 0 ? 0 : op.at % t.length;
    switch (op.kind % 5) {
      case 0:
        t = t.slice(0, i) + t.slice(i + 1);
        break;
      case 1:
        t = t.slice(0, i) + op.ch + t.slice(i);
        break;
      case 2: {
        const lines = t.split('\n');
        const j = op.at % lines.length;
        lines.splice(j, 1);
        t = lines.join('\n');
        break;
      }
      case 3: {
        const lines = t.split('\n');
        const j = op.at % lines.length;
        const k = (op.at * 7 + 3) % lines.length;
        [lines[j], lines[k]] = [lines[k]!, lines[j]!];
        t = lines.join('\n');
        break;
      }
      default:
        t = t.replace(/\d+/, op.ch);
    }
  }
  return t;
}

function located(text: string, r: ReturnType<typeof parseScenario>): void {
  if (r.ok) return;
  const lines = text.split('\n').length;
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(5);
    expect(p.message).not.toMatch(/\bat Object\.|node_modules|TypeError/);
  }
}

describe('scenario validation properties', () => {
  it('random valid scenarios validate as YAML and as JSON', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const y = parseScenario(stringify(s), 'r.yaml');
        if (!y.ok) throw new Error(y.problems.map((p) => p.message).join('; '));
        const j = parseScenario(JSON.stringify(s, null, 2), 'r.json');
        expect(j.ok).toBe(true);
        // Round trip: the validated scenario, written out and read again, is the same scenario.
        const again = parseScenario(stringify(y.scenario), 'again.yaml');
        expect(again.ok && again.scenario).toEqual(y.scenario);
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('text mutations never crash and always give located problems', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.record({ kind: fc.nat(), at: fc.nat(), ch: fc.constantFrom(':', '{', ']', '-', ' ', 'x', '"', '\t', '#', '999') }), { minLength: 1, maxLength: 4 }),
        (s, ops) => {
          const text = mutateText(stringify(s), ops);
          const r = parseScenario(text, 'm.yaml');
          located(text, r);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('data mutations never crash and always give located problems with a pointer', () => {
    const junk = fc.constantFrom<unknown>(-1, 1e9, 'text', null, [], {}, [1, 2, 3], true, 'party', '2024-99-99');
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), junk, (s, a, b, value) => {
        // Pick a random object somewhere in the scenario and overwrite or add a field.
        const objects: Gen[] = [];
        const walk = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') {
            objects.push(v as Gen);
            Object.values(v).forEach(walk);
          }
        };
        walk(s);
        const target = objects[a % objects.length]!;
        const keys = [...Object.keys(target), 'extra_field'];
        target[keys[b % keys.length]!] = value;
        const text = stringify(s);
        const r = parseScenario(text, 'd.yaml');
        located(text, r);
        if (!r.ok) for (const p of r.problems) expect(p.pointer === '' || p.pointer.startsWith('/')).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
