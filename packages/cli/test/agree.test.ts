/** `parley agree` end to end: Genius fixture values, blocking red lines, the Ukraine example, usage errors. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run.js';

const genius = process.env.PARLEY_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');
const itex = ['ItexvsCypress_domain.xml', 'ItexvsCypress_Itex.xml', 'ItexvsCypress_Cypress.xml'].map((f) =>
  path.join(genius, 'genius/ItexvsCypress', f),
);
const fixtures = path.join(repoRoot, 'packages/core/test/fixtures/agreement');

interface Point {
  package: Record<string, string | number>;
  utilities: number[];
}

describe('parley agree', () => {
  it('Genius Itex–Cypress --json: the published frontier size and bargaining point (agreement.md §7.1)', () => {
    const r = runCli(['agree', ...itex, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      parties: string[];
      outcomes: number;
      zopa: number;
      pareto: Point[];
      nash: Point;
      kalaiSmorodinsky: Point;
      egalitarian: Point;
      utilitarian: Point;
    };
    expect(j.parties).toEqual(['ItexvsCypress_Itex', 'ItexvsCypress_Cypress']);
    expect(j.outcomes).toBe(180);
    expect(j.zopa).toBe(180);
    expect(j.pareto.length).toBe(18);
    for (const p of [j.nash, j.kalaiSmorodinsky, j.egalitarian, j.utilitarian]) {
      expect(p.utilities[0]).toBeCloseTo(0.7215, 4);
      expect(p.utilities[1]).toBeCloseTo(0.6705, 4);
      expect(p.package.Price).toBe('$3.47');
    }
  });

  it('names the red lines that block an empty zone, in JSON and in the summary', () => {
    const file = path.join(fixtures, 'ceasefire-blocked.yaml');
    const j = JSON.parse(runCli(['agree', file, '--json']).stdout) as {
      zopa: number;
      blockingRedLines: Record<string, { relax: string[] }>;
    };
    expect(j.zopa).toBe(0);
    expect(j.blockingRedLines).toEqual({ gov: { relax: ['autonomy'] }, reb: { relax: ['autonomy'] } });
    const t = runCli(['agree', file]);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/No zone of possible agreement/);
    expect(t.stdout).toMatch(/gov: relaxing its red line on autonomy would open it/);
  });

  it('on the Russia–Ukraine example: states whether a zone exists and which red lines block it', () => {
    const file = path.join(repoRoot, 'examples/ukraine-peace-initiatives.yaml');
    const r = runCli(['agree', file, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      parties: string[];
      zopa: number;
      blockingRedLines: Record<string, { relax: string[] | null }>;
      jointRelaxation: Record<string, unknown>;
    };
    // Independent oracle from the raw file: issues where two seated parties' accept ranges do not overlap.
    const raw = parse(readFileSync(file, 'utf8')) as {
      actors: { id: string; seat: string }[];
      positions: { actor: string; issue: string; accept?: [number, number] }[];
    };
    const seated = raw.actors.filter((a) => a.seat === 'party').map((a) => a.id);
    expect(j.parties).toEqual(seated);
    const disjoint = new Set<string>();
    for (const p of raw.positions)
      for (const q of raw.positions)
        if (
          p.accept &&
          q.accept &&
          p.issue === q.issue &&
          seated.includes(p.actor) &&
          seated.includes(q.actor) &&
          Math.max(p.accept[0], q.accept[0]) > Math.min(p.accept[1], q.accept[1])
        )
          disjoint.add(p.issue);
    expect(j.zopa === 0).toBe(disjoint.size > 0);
    expect(Object.keys(j.jointRelaxation).sort()).toEqual([...disjoint].sort());
    // With two seated parties, each one alone must relax exactly its red lines on the disjoint issues.
    if (seated.length === 2 && j.zopa === 0)
      for (const id of seated)
        expect([...(j.blockingRedLines[id]?.relax ?? [])].sort()).toEqual([...disjoint].sort());
  });

  it('usage errors exit 2, bad input files exit 1, never with a stack trace', () => {
    expect(runCli(['agree', itex[0]!, itex[1]!]).status).toBe(2);
    const bad = runCli(['agree', itex[0]!, itex[1]!, path.join(fixtures, 'ceasefire.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/ceasefire\.yaml: (no root element|not well-formed|root is)/);
    expect(bad.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});
