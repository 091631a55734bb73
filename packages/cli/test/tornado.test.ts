/**
 * `parley tornado`: the JSON is core's one-at-a-time tornado of the same scenario, the terminal output names each
 * output's largest bar, and bad options are usage errors (exit 2).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, tornado, type Scenario, type TornadoResult } from '@parley/core';
import { repoRoot, runCli } from './helpers/run.js';

const ukraine = path.join(repoRoot, 'examples/ukraine-peace-initiatives.yaml');

function load(file: string): Scenario {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

describe('parley tornado', () => {
  const scenario = load(ukraine);

  it('--json is core’s tornado of the same scenario', () => {
    const r = runCli([
      'tornado',
      ukraine,
      '--model',
      'mean',
      '--seed',
      '4',
      '--low',
      '10',
      '--high',
      '90',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout) as TornadoResult;
    // Like parley sweep's JSON: the scenario's title and --at, then core's result.
    expect(t).toEqual({
      title: scenario.title,
      at: null,
      ...tornado({ scenario, engine: 'forecast', model: 'mean', seed: 4 }, { low: 0.1, high: 0.9 }),
    });
    expect(t.low).toBe(0.1);
    expect(t.high).toBe(0.9);
  });

  it('the seats engine with --actor is core’s tornado with those actors', () => {
    const r = runCli(['tornado', ukraine, '--engine', 'seats', '--actor', 'by', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      title: scenario.title,
      at: null,
      ...tornado({ scenario, engine: 'seats', model: 'mean', seed: 1, actors: ['by'] }),
    });
  });

  it('the terminal output names the largest bar of an output, with its swing', () => {
    const r = runCli(['tornado', ukraine, '--top', '3']);
    expect(r.status).toBe(0);
    const t = tornado({ scenario, engine: 'forecast', model: 'mean', seed: 1 });
    const territory = t.bars.find((b) => b.output === 'outcome:territory')!.bars[0]!;
    expect(territory.swing).not.toBe(0);
    expect(r.stdout).toContain('forecast tornado (mean)');
    const section = r.stdout.slice(r.stdout.indexOf('outcome:territory (base'));
    expect(section).toContain(territory.input);
    expect(section).toContain(String(Math.round(territory.swing! * 1000) / 1000));
    // Belarus sanctions has no forecast (no seated party codes it): no input moves it.
    expect(r.stdout).toContain('outcome:belarus_sanctions: no input moves it');
  });

  it('a bad --low or an unknown engine is a usage error', () => {
    const bad = runCli(['tornado', ukraine, '--low', '97', '--high', '95']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--low/);
    const zero = runCli(['tornado', ukraine, '--low', '0']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--low .*between 0 and 100/);
    const engine = runCli(['tornado', ukraine, '--engine', 'oracle']);
    expect(engine.status).toBe(2);
    expect(engine.stderr).toMatch(/--engine must be one of forecast, agreement, seats/);
  });
});
