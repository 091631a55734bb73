/** The forecast dispatcher hands each model the same problem the model functions get. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eum } from '../../src/forecast/eum.js';
import { forecast, FORECAST_MODELS } from '../../src/forecast/forecast.js';
import { problemFromScenario } from '../../src/forecast/fromScenario.js';
import { smp } from '../../src/forecast/smp.js';
import { importKtabCsv } from '../../src/importers/ktab.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { dataFile } from '../helpers/shared.js';

describe('forecast dispatcher', () => {
  it('runs EUM on the seated parties of a scenario', () => {
    const file = new URL('../fixtures/forecast/ceasefire.yaml', import.meta.url);
    const parsed = parseScenario(readFileSync(file, 'utf8'), file.pathname);
    if (!parsed.ok) throw new Error('fixture invalid');
    expect(forecast(parsed.scenario, { model: 'eum' })).toEqual(eum(problemFromScenario(parsed.scenario)));
  });

  it('runs SMP on a KTAB file with the options the file sets', () => {
    const k = importKtabCsv(readFileSync(dataFile('ktab', 'dummyData_3Dim.csv'), 'utf8'));
    const r = forecast(k.problem, { model: 'smp', smp: k.options });
    expect(r).toEqual(smp(k.problem, k.options));
    // §9.1: 11 states
    expect(r.rounds).toHaveLength(11);
  });

  it('lists every model', () => {
    expect([...FORECAST_MODELS]).toEqual(['mean', 'median', 'eum', 'exchange', 'smp']);
  });
});
