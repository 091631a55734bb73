/** `parley forecast` end to end: scenario, KTAB and Decide inputs, one JSON document, usage errors. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../core/test/helpers/shared.js';
import { repoRoot, runCli } from './helpers/run.js';

const toy = path.join(repoRoot, 'packages/core/test/fixtures/forecast/ceasefire.yaml');

describe('parley forecast', () => {
  it('prints exactly one JSON document with model, rounds, outcome and stop', () => {
    const r = runCli(['forecast', toy, '--model', 'mean', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      model: string;
      rounds: { positions: Record<string, Record<string, number>> }[];
      outcome: Record<string, number>;
      stop: string;
    };
    expect(j.model).toBe('mean');
    // hand-computed in packages/core/test/forecast/baselines.test.ts: (30·2 + 30·8 + 10·10)/70
    expect(j.outcome['scope']).toBeCloseTo(400 / 70, 10);
    expect(j.rounds[0]!.positions['gov']).toEqual({ scope: 2, monitors: 1 });
    expect(typeof j.stop).toBe('string');
  });

  it('reads a KTAB CSV directly; values stay on its 0–100 scale', () => {
    const r = runCli(['forecast', dataFile('ktab', 'SOE-Pol-Comp.csv'), '--model', 'eum', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      input: { kind: string };
      rounds: { positions: Record<string, Record<string, number>> }[];
      outcome: Record<string, number>;
    };
    expect(j.input.kind).toBe('ktab-csv');
    expect(j.rounds.length).toBeGreaterThan(1);
    for (const v of Object.values(j.outcome)) expect(v >= 0 && v <= 100).toBe(true);
  });

  it('reads a Decide file and draws a terminal chart of positions by round', () => {
    const r = runCli([
      'forecast',
      dataFile('decide', 'copenhagen.csv'),
      '--model',
      'exchange',
      '--rounds',
      '2',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/exchange forecast, 11 actors × 7 issues/);
    expect(r.stdout).toMatch(/Positions by round \(2 rounds\)/);
    expect(r.stdout).toMatch(/[▁▂▃▄▅▆▇█]{3}/);
  });

  it('rejects an unknown model and a missing file with exit 2, without a stack trace', () => {
    const a = runCli(['forecast', toy, '--model', 'oracle']);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/--model must be one of/);
    const b = runCli(['forecast', 'no-such.csv', '--model', 'mean']);
    expect(b.status).toBe(2);
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });
});
