/** DEU back-test: reproduces the measured baselines of reference/forecast-models.md §8.4. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtestBlend, backtestDeu, proposalFolds, scoreableDeuIssues } from '../../src/backtest/deu.js';
import { importDeuTsv } from '../../src/importers/deu.js';
import { dataFile } from '../helpers/shared.js';

const data = importDeuTsv(readFileSync(dataFile('deu', 'deu3.tsv'), 'utf8'), 'deu3.tsv');

describe('DEU back-test', () => {
  it('finds the 351 scoreable issues of the §8.4 protocol', () => {
    expect(scoreableDeuIssues(data)).toHaveLength(351);
  });

  it('reproduces the §8.4 baseline table', () => {
    const r = backtestDeu(data, {
      models: ['mean', 'unweighted-mean', 'salience-mean', 'median', 'reference-point'],
    });
    const got = Object.fromEntries(r.rows.map((x) => [x.model, [+x.mae.toFixed(2), x.n]]));
    expect(got).toEqual({
      mean: [23.21, 351],
      'unweighted-mean': [23.63, 351],
      'salience-mean': [23.64, 351],
      median: [28.31, 351],
      'reference-point': [51.31, 252],
    });
  });

  it('cross-validation keeps every proposal inside one fold and is reproducible from its seed', () => {
    const issues = scoreableDeuIssues(data);
    const f = proposalFolds(issues, 10, 1);
    const byProposal = new Map<string, Set<number>>();
    issues.forEach((iss, t) =>
      byProposal.set(iss.proposal, (byProposal.get(iss.proposal) ?? new Set()).add(f[t]!)),
    );
    for (const s of byProposal.values()) expect(s.size).toBe(1);
    expect(new Set(f).size).toBe(10);
    expect(Array.from(proposalFolds(issues, 10, 1))).toEqual(Array.from(f));
    expect(Array.from(proposalFolds(issues, 10, 2))).not.toEqual(Array.from(f));
  });

  it('issue-level folds deal the 351 issues round-robin: 10 folds of 35 or 36', () => {
    const f = proposalFolds(scoreableDeuIssues(data), 10, 1, 'issue');
    const sizes = new Array<number>(10).fill(0);
    for (const k of f) sizes[k]!++;
    expect(sizes.sort()).toEqual([35, 35, 35, 35, 35, 35, 35, 35, 35, 36].sort());
  });

  it('the fitted exponent model: held-out forecasts come from parameters fitted without their fold', () => {
    const issues = scoreableDeuIssues(data);
    const b = backtestBlend(data, issues, 5, 3);
    expect(b.foldParams).toHaveLength(5);
    const r = backtestDeu(data, { models: ['fitted'], folds: 5, seed: 3 });
    const row = r.rows[0]!;
    expect(row.cv!.n).toBe(351);
    // in-sample fit over a grid that contains α = 1 (the plain compromise mean) can never be worse than 23.21
    expect(row.mae).toBeLessThanOrEqual(23.2085);
    // same seed, same result
    expect(backtestDeu(data, { models: ['fitted'], folds: 5, seed: 3 }).rows[0]).toEqual(row);
  });
});
