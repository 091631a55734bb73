/**
 * `parley sweep`: the JSON is byte-identical at 1, 2 and 4 workers and after a resume, because run r depends on
 * (seed, r) alone; the rows file holds every run exactly once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SweepSummary } from '@parley/core';
import { tornadoBar } from '../src/commands/sweep.js';
import { repoRoot, runCli } from './helpers/run.js';

const ukraine = path.join(repoRoot, 'examples/ukraine-peace-initiatives.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'parley-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = [
  'sweep',
  ukraine,
  '--engine',
  'forecast',
  '--model',
  'mean',
  '--seed',
  '11',
  '--batch',
  '7',
  '--json',
];

function sweep(extra: string[]): string {
  const r = runCli([...base, ...extra]);
  expect(r.stderr).not.toMatch(/parley:/);
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Run numbers of a rows CSV, in file order. */
const runsOf = (csv: string): number[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[0]));

describe('parley sweep', () => {
  const one = sweep(['--runs', '60', '--workers', '1', '--rows', path.join(dir, 'rows1.csv')]);

  it('byte-identical JSON at 1, 2 and 4 workers; every run once in the rows', () => {
    const two = sweep(['--runs', '60', '--workers', '2']);
    const four = sweep(['--runs', '60', '--workers', '4', '--rows', path.join(dir, 'rows4.csv')]);
    expect(two).toBe(one);
    expect(four).toBe(one);
    expect(runsOf(readFileSync(path.join(dir, 'rows1.csv'), 'utf8'))).toEqual([...Array(60).keys()]);
    expect(readFileSync(path.join(dir, 'rows4.csv'), 'utf8')).toBe(
      readFileSync(path.join(dir, 'rows1.csv'), 'utf8'),
    );
  }, 120_000);

  it('the summary is the distribution of the rows (median and accept probability recomputed from the CSV)', () => {
    const s = JSON.parse(one) as SweepSummary;
    expect(s.runs).toBe(60);
    expect(s.inputs.length).toBe(19);
    const csv = readFileSync(path.join(dir, 'rows1.csv'), 'utf8').trim().split('\n');
    const head = csv[0]!.split(',');
    const k = head.indexOf('outcome:territory');
    const xs = csv
      .slice(1)
      .map((l) => Number(l.split(',')[k]))
      .sort((a, b) => a - b);
    // 60 values: the median is the mean of the 30th and 31st.
    expect(s.outputs.find((o) => o.id === 'outcome:territory')!.quantiles!.p50).toBeCloseTo(
      (xs[29]! + xs[30]!) / 2,
      12,
    );
    // Russia accepts territory in [3, 4].
    const inside = xs.filter((x) => x >= 3 && x <= 4).length / 60;
    expect(s.accept.find((a) => a.actor === 'ru' && a.issue === 'territory')!.probability).toBeCloseTo(
      inside,
      12,
    );
  });

  it('a resumed sweep gives the same bytes: more runs on top of a finished one, and after a kill mid-write', () => {
    const ck = path.join(dir, 'resume.jsonl');
    const first = sweep(['--runs', '25', '--resume', ck]);
    expect(first).not.toBe(one);
    const header = readFileSync(ck, 'utf8').split('\n')[0]!;
    // 25 runs in batches of 7: 4 batch lines after the header.
    expect(readFileSync(ck, 'utf8').trim().split('\n')).toHaveLength(5);
    expect(sweep(['--runs', '60', '--resume', ck, '--workers', '2'])).toBe(one);

    // Simulate a kill: keep the header, two whole batches and half of the third line.
    const lines = readFileSync(ck, 'utf8').split('\n');
    writeFileSync(ck, [header, lines[1], lines[2], lines[3]!.slice(0, 40)].join('\n'));
    const resumed = runCli([...base, '--runs', '60', '--resume', ck]);
    expect(resumed.status).toBe(0);
    // 14 runs were kept, so the progress starts from there.
    expect(resumed.stderr).toMatch(/\/60 runs/);
    expect(resumed.stdout).toBe(one);
  }, 120_000);

  it('refuses a resume file from another sweep, and bad options', () => {
    const ck = path.join(dir, 'other.jsonl');
    sweep(['--runs', '5', '--resume', ck]);
    const r = runCli(['sweep', ukraine, '--runs', '5', '--seed', '12', '--resume', ck]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('belongs to another sweep');
    expect(runCli(['sweep', ukraine, '--engine', 'oracle', '--runs', '5']).status).toBe(2);
    expect(runCli(['sweep', ukraine]).status).toBe(2);
    expect(runCli(['sweep', ukraine, '--runs', '0']).status).toBe(2);
  }, 60_000);

  it('tornado bars: left for a negative swing, right for a positive one, scaled to the widest', () => {
    expect(tornadoBar(-2, 4, 4)).toBe('  ██│    ');
    expect(tornadoBar(4, 4, 4)).toBe('    │████');
    expect(tornadoBar(0, 0, 2)).toBe('  │  ');
  });

  it('seats sweep for Belarus: its sanctions issue has no change (off the agenda as coded) but a seated outcome', () => {
    const r = runCli(['sweep', ukraine, '--engine', 'seats', '--actor', 'by', '--runs', '12', '--quiet']);
    expect(r.status).toBe(0);
    // The counterfactual outcome is shown only where there is no change to show.
    expect(r.stdout).toMatch(/│ outcome:by:belarus_sanctions +│ 12 +│/);
    expect(r.stdout).not.toContain('outcome:by:territory');
    expect(r.stdout).toMatch(/│ change:by:territory +│ 12 +│/);
    expect(r.stdout).toMatch(/no value in any run \(.*\): change:by:belarus_sanctions/);
    const j = JSON.parse(
      runCli(['sweep', ukraine, '--engine', 'seats', '--actor', 'by', '--runs', '12', '--json']).stdout,
    ) as SweepSummary;
    const out = (id: string) => j.outputs.find((o) => o.id === id)!;
    expect(out('change:by:belarus_sanctions').n).toBe(0);
    expect(out('outcome:by:belarus_sanctions').n).toBe(12);
    // An issue with a forecast both ways has both columns in the JSON (the table shows only the change).
    expect(out('outcome:by:territory').n).toBe(12);
  }, 60_000);

  it('plain progress lines on stderr when it is not a terminal', () => {
    const r = runCli(['sweep', ukraine, '--runs', '20', '--batch', '5']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/sweep forecast: 20\/20 runs \(100%\), [\d.]+ runs\/s, done/);
    expect(r.stdout).toContain('forecast sweep (mean), 20 runs, seed 1, 19 uncertain inputs');
  });
});
