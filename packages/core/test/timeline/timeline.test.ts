import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  diffTimeline,
  forecast,
  loadScenarioFile,
  perSnapshot,
  scenarioAt,
  snapshotDates,
  type Scenario,
} from '@parley/core';
import { repoRoot } from '../helpers/shared.js';

function load(file: string): Scenario {
  const r = loadScenarioFile(path.join(repoRoot, file));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

const delta = load('packages/core/test/fixtures/seats/delta.yaml');
const pos = (s: Scenario, actor: string, issue: string) =>
  s.positions.find((p) => p.actor === actor && p.issue === issue);

describe('scenarioAt', () => {
  it('before the first snapshot: the coded positions', () => {
    const s = scenarioAt(delta, '2026-01-15');
    expect(s.positions).toEqual(delta.positions);
    expect(s.date).toBe('2026-01-15');
  });

  it('applies snapshots in date order, not file order (the 2026-02 one is listed second)', () => {
    const feb = scenarioAt(delta, '2026-02-01');
    expect(pos(feb, 'A', 'x')).toMatchObject({ value: 3, salience: 100, accept: [0, 5] });
    expect(pos(feb, 'A', 'y')).toMatchObject({ value: 4, accept: [4, 7] });
    expect(pos(feb, 'B', 'x')).toMatchObject({ value: 8, salience: 50 });
    // An override for a pair with no coded position creates it.
    expect(pos(feb, 'C', 'y')).toEqual({ actor: 'C', issue: 'y', value: 7, salience: 20 });
    const mar = scenarioAt(delta, '2026-03-01');
    expect(pos(mar, 'B', 'x')).toMatchObject({ value: 9, salience: 60 });
    expect(pos(mar, 'A', 'x')).toMatchObject({ value: 3 });
  });

  it('a month includes the snapshots dated inside it, like the forecast engine’s asOf', () => {
    expect(pos(scenarioAt(delta, '2026-03'), 'B', 'x')!.value).toBe(9);
    expect(pos(scenarioAt(delta, '2026-02'), 'B', 'x')!.value).toBe(8);
    for (const d of ['2026-01', '2026-02', '2026-03', '2026-02-15', '2027']) {
      const viaScenario = forecast(scenarioAt(delta, d), { model: 'mean' });
      const viaAsOf = forecast(delta, { model: 'mean', asOf: d });
      expect(viaScenario.outcome).toEqual(viaAsOf.outcome);
    }
  });

  it('leaves the input untouched and keeps only the snapshots still to come', () => {
    const before = JSON.stringify(delta);
    const s = scenarioAt(delta, '2026-02-10');
    expect(JSON.stringify(delta)).toBe(before);
    expect(s.snapshots!.map((x) => x.date)).toEqual(['2026-03-01']);
  });

  it('property: applying an earlier date first changes nothing (a ≤ b ⇒ at(at(s, a), b) = at(s, b))', () => {
    const dates = [
      '2025-12-31',
      '2026-01',
      '2026-02-01',
      '2026-02-20',
      '2026-03',
      '2026-03-01',
      '2026-04-01',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...dates), fc.constantFrom(...dates), (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const twice = scenarioAt(scenarioAt(delta, a), b);
        const once = scenarioAt(delta, b);
        expect(twice.positions).toEqual(once.positions);
      }),
    );
  });
});

describe('diffTimeline', () => {
  it('lists who moved on which issue between two dates, in actor then issue order', () => {
    const d = diffTimeline(delta, '2026-01-01', '2026-03-31');
    expect(d.snapshots.map((s) => s.date)).toEqual(['2026-02-01', '2026-03-01']);
    expect(d.moves.map((m) => [m.actor, m.issue, m.valueChange, m.salienceChange, m.acceptChanged])).toEqual([
      ['A', 'x', 1, 0, false],
      ['A', 'y', 0, 0, true],
      ['B', 'x', 1, 10, false],
      ['C', 'y', null, null, false],
    ]);
    expect(d.moves[3]!.from).toBeNull();
    expect(d.moves[3]!.to).toEqual({ value: 7, salience: 20 });
  });

  it('between two snapshots only the later one counts', () => {
    const d = diffTimeline(delta, '2026-02-15', '2026-03-15');
    expect(d.snapshots.map((s) => s.label)).toEqual(['B hardens on flow']);
    expect(d.moves).toHaveLength(1);
    expect(d.moves[0]).toMatchObject({
      actor: 'B',
      issue: 'x',
      from: { value: 8, salience: 50 },
      to: { value: 9, salience: 60 },
    });
  });

  it('swapping the dates flips every change', () => {
    const f = diffTimeline(delta, '2026-01-01', '2026-03-31');
    const b = diffTimeline(delta, '2026-03-31', '2026-01-01');
    expect(b.moves.map((m) => m.valueChange)).toEqual(
      f.moves.map((m) => (m.valueChange === null ? null : 0 - m.valueChange)),
    );
  });

  it('same date: nobody moved', () => {
    expect(diffTimeline(delta, '2026-02-01', '2026-02-01').moves).toEqual([]);
  });
});

describe('per snapshot', () => {
  it('runs a forecast at the base date and at each snapshot date', () => {
    expect(snapshotDates(delta)).toEqual(['2026-02-01', '2026-03-01']);
    const runs = perSnapshot(delta, (s) => forecast(s, { model: 'mean' }).outcome.x);
    // Base 3.5; Feb: A at 3 → (180 + 160) / 80 = 4.25; Mar: B at 9, salience 60 → (180 + 40·0.6·9) / (60 + 24) = 396 / 84.
    expect(runs.map((r) => r.date)).toEqual([null, '2026-02-01', '2026-03-01']);
    expect(runs[0]!.result).toBeCloseTo(3.5, 12);
    expect(runs[1]!.result).toBeCloseTo(4.25, 12);
    expect(runs[2]!.result).toBeCloseTo(396 / 84, 12);
  });
});
