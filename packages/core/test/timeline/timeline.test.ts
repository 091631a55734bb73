import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  diffTimeline,
  forecast,
  loadScenarioFile,
  perSnapshot,
  runChunk,
  scenarioAt,
  uncertainInputs,
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

describe('scenarioAt with uncertain estimates', () => {
  // A at 2 on x with a range [1, 3], accept [0, 5] whose ends are uncertain; B at 8 on x, triangular 6–10; A's
  // salience 50 on y, triangular 40–50–60. February moves A's value and accept range by +1 and A's salience on y by
  // +10, and gives B a new range; March moves A's value again, to 5.
  const s: Scenario = {
    ...delta,
    positions: delta.positions.map((p) => {
      if (p.actor === 'A' && p.issue === 'x')
        return {
          ...p,
          uncertainty: [1, 3] as [number, number],
          acceptUncertainty: {
            low: [0, 1] as [number, number],
            high: { distribution: 'normal' as const, mean: 5, sd: 1 },
          },
        };
      if (p.actor === 'B' && p.issue === 'x')
        return { ...p, uncertainty: { distribution: 'triangular' as const, min: 6, max: 10 } };
      if (p.actor === 'A' && p.issue === 'y')
        return {
          ...p,
          salienceUncertainty: { distribution: 'triangular' as const, min: 40, mode: 50, max: 60 },
        };
      return p;
    }),
    snapshots: [
      {
        date: '2026-02-01',
        positions: [
          { actor: 'A', issue: 'x', value: 3, accept: [1, 6] },
          { actor: 'B', issue: 'x', value: 9, uncertainty: [8.5, 9.5] },
          { actor: 'A', issue: 'y', salience: 60 },
        ],
      },
      { date: '2026-03-01', positions: [{ actor: 'A', issue: 'x', value: 5 }] },
    ],
  };

  it('an estimate that moves without a new uncertainty takes its uncertainty along; a new one replaces it', () => {
    const feb = scenarioAt(s, '2026-02-15');
    expect(pos(feb, 'A', 'x')).toMatchObject({
      value: 3,
      uncertainty: [2, 4],
      accept: [1, 6],
      acceptUncertainty: { low: [1, 2], high: { distribution: 'normal', mean: 6, sd: 1 } },
    });
    expect(pos(feb, 'B', 'x')).toMatchObject({ value: 9, uncertainty: [8.5, 9.5] });
    expect(pos(feb, 'A', 'y')).toMatchObject({
      salience: 60,
      salienceUncertainty: { distribution: 'triangular', min: 50, mode: 60, max: 70 },
    });
    // March: 3 → 5, so the range moves by 2 more; the accept range did not move, nor its uncertainty.
    const mar = scenarioAt(s, '2026-03-15');
    expect(pos(mar, 'A', 'x')).toMatchObject({
      value: 5,
      uncertainty: [4, 6],
      acceptUncertainty: { low: [1, 2], high: { distribution: 'normal', mean: 6, sd: 1 } },
    });
    // Step by step is the same as at once.
    expect(scenarioAt(scenarioAt(s, '2026-02-15'), '2026-03-15')).toEqual(mar);
    // The input is untouched.
    expect(pos(s, 'A', 'x')!.uncertainty).toEqual([1, 3]);
  });

  it('a sweep at a date draws around the estimates of that date', () => {
    const mar = scenarioAt(s, '2026-03-15');
    const inputs = uncertainInputs(mar);
    const j = inputs.findIndex((i) => i.id === 'value:A:x');
    const c = runChunk({ scenario: mar, engine: 'forecast', model: 'mean', seed: 5, from: 0, to: 200 });
    for (let r = 0; r < 200; r++) {
      const v = c.inputs[r * inputs.length + j]!;
      expect(v).toBeGreaterThanOrEqual(4);
      expect(v).toBeLessThanOrEqual(6);
    }
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
