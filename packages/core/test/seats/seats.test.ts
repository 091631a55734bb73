import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agendaOf,
  counterfactuals,
  forecast,
  loadScenarioFile,
  seatAnalysis,
  seatReport,
  withSeating,
  type Scenario,
} from '@parley/core';
import { repoRoot } from '../helpers/shared.js';

function load(file: string): Scenario {
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

const delta = load(path.join(repoRoot, 'packages/core/test/fixtures/seats/delta.yaml'));
const ukraine = load(path.join(repoRoot, 'examples/ukraine-peace-initiatives.yaml'));

describe('seat analysis, hand-worked delta case (weighted mean)', () => {
  const report = seatReport(delta, 'C', { model: 'mean' });
  const seated = report.comparisons.find((c) => c.seating === 'seated')!;
  const represented = report.comparisons.find((c) => c.seating === 'represented')!;

  it('absent as coded, with the seated and the represented counterfactuals', () => {
    expect(report.coded).toBe('absent');
    expect(report.baseline.seating).toBe('absent');
    expect(report.comparisons.map((c) => c.seating)).toEqual(['seated', 'represented']);
    expect(counterfactuals(delta, 'A')).toEqual(['absent']);
  });

  it("reports C's most salient issue (z, salience 90) unaddressed while it is absent", () => {
    // Only C holds a position on z, so with A and B at the table z is off the agenda; no initiative mentions z.
    expect(report.salient[0]).toEqual({ issue: 'z', salience: 90 });
    expect(report.baseline.agenda).toEqual(['x', 'y']);
    expect(report.baseline.unaddressed).toEqual(['z']);
    expect(report.baseline.outcome.z).toBeNull();
    expect(report.notInAnyInitiative).toEqual(['z']);
    // Seated, C brings z onto the agenda; represented by A, it does not (A holds no position on z).
    expect(seated.agendaGained).toEqual(['z']);
    expect(seated.run.unaddressed).toEqual([]);
    expect(represented.run.unaddressed).toEqual(['z']);
  });

  it('seating C moves x by the hand-computed amount', () => {
    // Weights c·s/100: A 60·1 = 60 at 2, B 40·0.5 = 20 at 8 → x = (120 + 160) / 80 = 3.5.
    // Seated C adds 50·0.4 = 20 at 10 → x = (120 + 160 + 200) / 100 = 4.8: up by 1.3, towards C.
    const x = seated.outcome.find((o) => o.issue === 'x')!;
    expect(x.before).toBeCloseTo(3.5, 12);
    expect(x.after).toBeCloseTo(4.8, 12);
    expect(x.change).toBeCloseTo(1.3, 12);
    // y: C holds no position, so y stays (60·0.5·4 + 40·0.5·6) / 50 = 4.8.
    expect(seated.outcome.find((o) => o.issue === 'y')!.change).toBeCloseTo(0, 12);
    // z: only C → its own position, 2.
    expect(seated.run.outcome.z).toBe(2);
  });

  it('represented by A, C backs A: its capability behind A’s positions and saliences', () => {
    // x: (120 + 160 + 50·1·2) / (60 + 20 + 50) = 380 / 130; y: (120 + 120 + 50·0.5·4) / (30 + 20 + 25) = 340 / 75.
    expect(represented.run.outcome.x).toBeCloseTo(380 / 130, 12);
    expect(represented.run.outcome.y).toBeCloseTo(340 / 75, 12);
  });

  it('changes in utility match the hand computation', () => {
    // Linear value 1 − |x − p| / max(p − lo, hi − p), weights = salience / total salience; x is the only issue with
    // an outcome in both runs that moved.
    // A: p = 2 (D = 8), w_x = 100/150: (1 − 2.8/8) − (1 − 1.5/8) = −0.1625 → −0.1625 · 2/3.
    // B: p = 8 (D = 8), w_x = 50/100: (1 − 3.2/8) − (1 − 4.5/8) = +0.1625 → +0.08125.
    // C: p = 10 (D = 10), w_x = 40/130: 0.48 − 0.35 = 0.13 → 0.04.
    expect(seated.utility.A).toBeCloseTo((-0.1625 * 2) / 3, 12);
    expect(seated.utility.B).toBeCloseTo(0.08125, 12);
    expect(seated.utility.C).toBeCloseTo(0.04, 12);
  });

  it('the zone of agreement closes when C sits down (its red line on x excludes A’s)', () => {
    // As coded: x ∈ [0,5] ∩ [4,10] = {4, 5}, y ∈ [3,6] ∩ [5,8] = {5, 6} on the 11-level grids: 4 of 121 packages.
    expect(report.baseline.zone).toMatchObject({ exists: true, zopa: 4, outcomes: 121 });
    // Seated: x ∈ [0,5] ∩ [4,10] ∩ [6,10] = ∅; A's and C's lines each close it on x given the others.
    expect(seated.run.zone).toMatchObject({ exists: false, zopa: 0, blocking: { A: ['x'], C: ['x'] } });
    expect(seated.zone).toBe('closes');
    // Represented: C is not a party; A negotiates, so the zone is the coded one.
    expect(represented.zone).toBe('unchanged');
  });

  it('seated A made absent: B alone decides every issue it holds', () => {
    const a = seatReport(delta, 'A', { model: 'mean', agreement: false });
    const absent = a.comparisons[0]!;
    expect(absent.seating).toBe('absent');
    expect(absent.run.outcome).toEqual({ x: 8, y: 6, z: null });
  });

  it('SMP with one party left: that run has no forecast and says why; the rest of the analysis runs', () => {
    // delta seats A and B; without A, SMP (which needs two actors) cannot run. It used to fail the whole analysis.
    const a = seatAnalysis(delta, { model: 'smp', agreement: false });
    const absent = a.reports.find((r) => r.actor === 'A')!.comparisons[0]!;
    expect(absent.run.parties).toEqual(['B']);
    expect(absent.run.forecastError).toMatch(/at least two/);
    expect(absent.run.outcome).toEqual({ x: null, y: null, z: null });
    expect(absent.outcome.every((x) => x.after === null && x.change === null)).toBe(true);
    // As coded (A and B) SMP runs, and it is the forecast engine's own SMP result.
    const f = forecast(delta, { model: 'smp' });
    expect(a.reports.find((r) => r.actor === 'A')!.baseline.forecastError).toBeUndefined();
    expect(a.reports.find((r) => r.actor === 'A')!.baseline.outcome).toEqual({ ...f.outcome, z: null });
  });
});

describe('seat analysis properties', () => {
  it('seating an actor that holds no positions changes no outcome', () => {
    const s: Scenario = {
      ...delta,
      actors: [...delta.actors, { id: 'D', name: 'Observer', capability: 99, seat: 'observer' }],
    };
    const r = seatReport(s, 'D', { model: 'mean', agreement: false });
    for (const o of r.comparisons[0]!.outcome) if (o.change !== null) expect(o.change).toBe(0);
  });

  it('with the mean model, seating an actor moves each issue it holds towards its position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 200 }),
        (v, sal, cap) => {
          const s: Scenario = {
            ...delta,
            actors: delta.actors.map((a) => (a.id === 'C' ? { ...a, capability: cap } : a)),
            positions: delta.positions.map((p) =>
              p.actor === 'C' && p.issue === 'x' ? { ...p, value: v, salience: sal } : p,
            ),
          };
          const c = seatReport(s, 'C', { model: 'mean', agreement: false }).comparisons[0]!;
          const x = c.outcome.find((o) => o.issue === 'x')!;
          // The new mean lies between the old mean and C's position.
          expect(Math.sign(x.change!)).toBe(Math.sign(v - x.before!));
          expect(Math.abs(x.after! - v)).toBeLessThanOrEqual(Math.abs(x.before! - v) + 1e-12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('withSeating changes only the actor’s seat (and, represented, its positions)', () => {
    const s = withSeating(delta, 'C', 'seated');
    expect(s.actors.find((a) => a.id === 'C')!.seat).toBe('party');
    expect(s.positions).toBe(delta.positions);
    const r = withSeating(delta, 'C', 'represented');
    expect(r.positions.filter((p) => p.actor === 'C').map((p) => [p.issue, p.value, p.salience])).toEqual([
      ['x', 2, 100],
      ['y', 4, 50],
    ]);
    expect(() => withSeating(delta, 'B', 'represented')).toThrow(/patron/);
  });

  it('the baseline forecast is the forecast engine’s own result for the seated parties', () => {
    const a = seatAnalysis(delta, { model: 'median', agreement: false });
    const f = forecast(delta, { model: 'median' });
    for (const r of a.reports) expect(r.baseline.outcome).toEqual({ ...f.outcome, z: null });
  });
});

describe('worked case: Russia–Ukraine, Belarus and Poland', () => {
  const a = seatAnalysis(ukraine, { actors: ['by', 'pl'], model: 'mean' });
  const by = a.reports[0]!;
  const pl = a.reports[1]!;

  it('both are coded absent; Belarus is represented by Russia, Poland by nobody', () => {
    expect(by.coded).toBe('absent');
    expect(by.representedBy).toBe('ru');
    expect(by.comparisons.map((c) => c.seating)).toEqual(['seated', 'represented']);
    expect(pl.coded).toBe('absent');
    expect(pl.comparisons.map((c) => c.seating)).toEqual(['seated']);
  });

  it('belarus_sanctions, Belarus’s most salient issue, is off the agenda while it is absent (the grain-deal test)', () => {
    // Coded: by holds belarus_sanctions at salience 85, its highest; of the others only us (mediator) and eu (observer)
    // hold it, so neither seated party (ru, ua) puts it on the agenda.
    expect(by.salient[0]).toEqual({ issue: 'belarus_sanctions', salience: 85 });
    expect(agendaOf(ukraine)).not.toContain('belarus_sanctions');
    expect(by.baseline.unaddressed).toContain('belarus_sanctions');
    expect(by.baseline.outcome.belarus_sanctions).toBeNull();
    // Represented by Russia it stays off (Russia holds no position on it); seated, Belarus brings it on.
    const seated = by.comparisons[0]!;
    const represented = by.comparisons[1]!;
    expect(represented.run.unaddressed).toContain('belarus_sanctions');
    expect(seated.agendaGained).toEqual(['belarus_sanctions']);
    // With only Belarus holding it at the table, the mean forecast is its own position, "Lifted" (2).
    expect(seated.run.outcome.belarus_sanctions).toBe(2);
  });

  it('seated Belarus pulls the issues it holds towards its positions, and leaves the others alone', () => {
    const seated = by.comparisons[0]!;
    const held = new Map(ukraine.positions.filter((p) => p.actor === 'by').map((p) => [p.issue, p.value]));
    for (const o of seated.outcome) {
      if (o.change === null) continue;
      const v = held.get(o.issue);
      if (v === undefined) expect(o.change).toBe(0);
      else expect(Math.sign(o.change)).toBe(Math.sign(v - o.before!));
    }
    // Belarus gains, by construction of the mean model.
    expect(seated.utility.by!).toBeGreaterThan(0);
  });

  it('Poland: every issue it holds already has a forecast, so seating it adds nothing to the agenda but moves them towards 0', () => {
    const seated = pl.comparisons[0]!;
    expect(pl.baseline.unaddressed).toEqual([]);
    expect(seated.agendaGained).toEqual([]);
    const held = new Map(ukraine.positions.filter((p) => p.actor === 'pl').map((p) => [p.issue, p.value]));
    for (const o of seated.outcome) {
      const v = held.get(o.issue);
      if (v === undefined || o.change === null) continue;
      expect(Math.sign(o.change)).toBe(Math.sign(v - o.before!));
    }
    expect(seated.utility.pl!).toBeGreaterThan(0);
  });

  it('the zone of agreement is empty as coded and stays empty with either seated', () => {
    expect(by.baseline.zone?.exists).toBe(false);
    for (const c of [...by.comparisons, ...pl.comparisons]) expect(c.run.zone?.exists).toBe(false);
  });
});
