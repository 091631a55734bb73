/** `parley backtest deu` reproduces the §8.4 baselines and prints one JSON document. */
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../core/test/helpers/shared.js';
import { runCli } from './helpers/run.js';

describe('parley backtest deu', () => {
  it('scores the compromise mean and the median as in §8.4, with cross-validation for the fitted model', () => {
    const r = runCli([
      'backtest',
      'deu',
      '--models',
      'mean,median,fitted',
      '--folds',
      '5',
      '--data',
      dataFile('deu', 'deu3.tsv'),
      '--json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      scoreableIssues: number;
      rows: { model: string; mae: number; n: number; cv?: { mae: number; folds: number } }[];
    };
    expect(j.scoreableIssues).toBe(351);
    const by = Object.fromEntries(j.rows.map((x) => [x.model, x]));
    expect(by['mean']!.mae.toFixed(2)).toBe('23.21');
    expect(by['median']!.mae.toFixed(2)).toBe('28.31');
    expect(by['fitted']!.cv!.folds).toBe(5);
    expect(by['mean']!.cv).toBeUndefined();
  });

  it('rejects an unknown data set or model (exit 2)', () => {
    expect(runCli(['backtest', 'nowhere']).status).toBe(2);
    expect(runCli(['backtest', 'deu', '--models', 'astrology']).status).toBe(2);
  });
});
