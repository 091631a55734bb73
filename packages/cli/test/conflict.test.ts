/** `parley conflict` end to end: fixtures file, option form with coalitions, scenario section, errors. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../core/test/helpers/shared.js';
import { repoRoot, runCli } from './helpers/run.js';

const fx = (f: string): string => path.join(repoRoot, 'packages/core/test/fixtures/conflict', f);

interface Out {
  states: number[];
  stable: Record<string, Record<string, number[]>>;
  equilibria: Record<string, number[]>;
  statusQuo?: { reached: { state: number; path: { by: string; to: number }[] }[] };
  explanations?: { state: number; verdicts: { dm: string; concept: string; stable: boolean }[] }[];
}

describe('parley conflict', () => {
  it('reads a graph-form case of fixtures.json and prints one JSON document', () => {
    const r = runCli([
      'conflict',
      dataFile('gmcr', 'fixtures.json'),
      '--case',
      'elmira_9',
      '--explain',
      '1',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Out;
    expect(j.states).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(j.equilibria).toEqual({
      nash: [5, 8, 9],
      gmr: [1, 4, 5, 8, 9],
      smr: [1, 4, 5, 8, 9],
      seq: [5, 8, 9],
    });
    expect(j.stable['LG']!['seq']).toEqual([2, 3, 5, 6, 7, 8, 9]);
    const lg = j.explanations![0]!.verdicts.filter((v) => v.dm === 'LG').map((v) => [v.concept, v.stable]);
    expect(lg).toEqual([
      ['nash', false],
      ['gmr', true],
      ['smr', true],
      ['seq', false],
    ]);
  });

  it('option form with a coalition structure and a status quo (decimal codes)', () => {
    const r = runCli([
      'conflict',
      fx('elmira-option.yaml'),
      '--coalitions',
      '[MoE,Uniroyal],Local Government',
      '--status-quo',
      'NYNNN',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Out;
    // Ordered 5, 6, 9, 10, 11, 12 = decimal 8, 9, 20, 21, 24, 25 (conflict-gmcr.md §17.3).
    expect(j.equilibria['nash']).toEqual([8, 9, 20, 21, 24, 25]);
    expect(j.equilibria['sim']).toBeUndefined();
    const to21 = j.statusQuo!.reached.find((x) => x.state === 21)!;
    expect(to21.path).toEqual([
      { by: 'Local Government', to: 18 },
      { by: 'MoE + Uniroyal', to: 21 },
    ]);
  });

  it('reads the conflict: section of a scenario, checks actor references, and renders a table', () => {
    const ok = runCli(['conflict', fx('scenario-with-conflict.yaml')]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Toy standoff — option form, 4 states/);
    expect(ok.stdout).toMatch(/Nash\s+3\n/);
    const bad = runCli(['conflict', fx('bad-actor.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /conflict\.decisionMakers\.1\.actor: "nowhere" is not an actor of the scenario/,
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('usage errors exit 2 without a stack trace', () => {
    const sim = runCli([
      'conflict',
      dataFile('gmcr', 'fixtures.json'),
      '--case',
      'chicken',
      '--concepts',
      'nash,sim',
    ]);
    expect(sim.status).toBe(2);
    expect(sim.stderr).toMatch(/SIM and SEQ\+SIM need an option-form model/);
    const state = runCli([
      'conflict',
      dataFile('gmcr', 'fixtures.json'),
      '--case',
      'chicken',
      '--explain',
      '7',
    ]);
    expect(state.status).toBe(2);
    expect(state.stderr).toMatch(/--explain: "7" is not a state \(1..4\)/);
  });

  it('inverse GMCR: counts and lists the profiles that make a state an equilibrium', () => {
    const args = [
      '--case',
      'prisoners_dilemma',
      '--inverse',
      '1',
      '--vary',
      'DM1:1-4,DM2:1-4',
      '--limit',
      '2',
      '--horizon',
      '3',
      '--json',
    ];
    const r = runCli(['conflict', dataFile('gmcr', 'fixtures.json'), ...args]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      inverse: { total: number; count: number; profiles: Record<string, number[]>[] };
      limitedMove: { h: number; equilibria: number[] };
    };
    // conflict-gmcr.md §17.1: L_3 equilibria {1, 4}.
    expect(j.limitedMove).toMatchObject({ h: 3, equilibria: [1, 4] });
    // GMR at 1 for DM1 fails only when 1 ranks below both 3 (its improvement) and 4 (DM2's only sanction): 8 of 24
    // rankings; the same for DM2; so (24 − 8)² = 256 profiles.
    expect(j.inverse.total).toBe(576);
    expect(j.inverse.count).toBe(256);
    expect(j.inverse.profiles).toHaveLength(2);
  });

  it('runs the Russia–Ukraine illustration', () => {
    const r = runCli([
      'conflict',
      path.join(repoRoot, 'examples/ukraine-conflict.yaml'),
      '--concepts',
      'nash,seq',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Out & { title: string };
    expect(j.title).toMatch(/illustration/);
    expect(Object.keys(j.stable)).toEqual(['Russia', 'Ukraine', 'Belarus']);
    for (const s of j.equilibria['nash']!) expect(j.equilibria['seq']).toContain(s);
  });
});
