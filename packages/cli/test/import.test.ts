/** `parley import ktab|decide FILE -o scenario.yaml` writes a scenario the parser accepts. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/src/scenario/parse.js';
import { dataFile } from '../../core/test/helpers/shared.js';
import { runCli } from './helpers/run.js';

describe('parley import', () => {
  it('decide: cop21 becomes a valid scenario with 15 actors, 13 issues and 181 positions', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'parley-import-')), 'cop21.yaml');
    const r = runCli(['import', 'decide', dataFile('decide', 'cop21.csv'), '-o', out]);
    expect(r.status).toBe(0);
    const p = parseScenario(readFileSync(out, 'utf8'), out);
    if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
    expect(p.scenario.actors).toHaveLength(15);
    expect(p.scenario.issues).toHaveLength(13);
    expect(p.scenario.positions).toHaveLength(181);
    expect(p.scenario.positions[0]).toMatchObject({
      actor: 'African_grp',
      issue: 'differentiation',
      value: 70,
      salience: 75,
    });
  });

  it('ktab: a CSV to stdout, then forecast from the imported scenario equals forecast from the CSV', () => {
    const csv = dataFile('ktab', 'dummyData_3Dim.csv');
    const r = runCli(['import', 'ktab', csv]);
    expect(r.status).toBe(0);
    const p = parseScenario(r.stdout, 'stdout.yaml');
    if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
    expect(p.scenario.actors).toHaveLength(7);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'parley-import-')), 'dummy.yaml');
    writeFileSync(out, r.stdout);
    const a = JSON.parse(runCli(['forecast', csv, '--model', 'mean', '--json']).stdout) as {
      outcome: Record<string, number>;
    };
    const b = JSON.parse(runCli(['forecast', out, '--model', 'mean', '--json']).stdout) as {
      outcome: Record<string, number>;
    };
    for (const [k, v] of Object.entries(a.outcome)) expect(b.outcome[k]).toBeCloseTo(v, 9);
  });

  it('rejects an unknown format (exit 2)', () => {
    expect(runCli(['import', 'gams', dataFile('decide', 'cop21.csv')]).status).toBe(2);
  });
});
