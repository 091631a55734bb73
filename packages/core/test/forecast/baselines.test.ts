/** Compromise mean (§2.1), weighted median (§2.2) and the scenario → problem conversion, on hand-worked fixtures. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forecast } from '../../src/forecast/forecast.js';
import { problemFromScenario } from '../../src/forecast/fromScenario.js';
import { meanOfIssue, weightedMean } from '../../src/forecast/mean.js';
import { medianOfIssue, weightedMedian, weightedMedianOf } from '../../src/forecast/median.js';
import { makeProblem } from '../../src/forecast/problem.js';
import { parseScenario } from '../../src/scenario/parse.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, '../fixtures/forecast/ceasefire.yaml');
const parsed = parseScenario(readFileSync(file, 'utf8'), file);
if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
const scenario = parsed.scenario;

describe('scenario → problem', () => {
  it('takes the seated parties by default, salience /100, bounds from the scale', () => {
    const p = problemFromScenario(scenario);
    expect(p.actors).toEqual(['gov', 'reb', 'mil']);
    expect(p.issues).toEqual([
      { id: 'scope', lo: 0, hi: 10 },
      { id: 'monitors', lo: 1, hi: 3 },
    ]);
    expect(Array.from(p.capability)).toEqual([60, 30, 10]);
    expect(Array.from(p.salience)).toEqual([0.5, 0.2, 1, 0.8, 1, 0]);
    expect(Number.isNaN(p.position[2 * 2 + 1]!)).toBe(true); // militia not coded on monitors
  });

  it('takes an explicit actor list in its order, and applies snapshots up to a date', () => {
    const p = problemFromScenario(scenario, { actors: ['med', 'gov'], asOf: '2024-06' });
    expect(p.actors).toEqual(['med', 'gov']);
    expect(p.position[1 * 2 + 0]).toBe(4);
    expect(problemFromScenario(scenario, { asOf: '2024-04-30' }).position[0]).toBe(2);
    expect(() => problemFromScenario(scenario, { actors: ['nobody'] })).toThrow(/unknown actor "nobody"/);
  });
});

describe('compromise mean (hand-computed)', () => {
  // scope, parties only: weights c·s = 60·0.5 = 30, 30·1 = 30, 10·1 = 10 (total 70)
  // mean = (30·2 + 30·8 + 10·10)/70 = (60 + 240 + 100)/70 = 400/70 = 5.714…
  // monitors: 60·0.2 = 12 at 1, 30·0.8 = 24 at 3 → (12 + 72)/36 = 84/36 = 2.333…
  it('weights capability × salience', () => {
    const r = forecast(scenario, { model: 'mean' });
    expect(r.outcome['scope']).toBeCloseTo(400 / 70, 12);
    expect(r.outcome['monitors']).toBeCloseTo(84 / 36, 12);
    expect(r.rounds).toHaveLength(1);
    expect(r.rounds[0]!.positions['mil']).toEqual({ scope: 10 });
  });

  it('variants: salience only, unweighted, per-issue capability', () => {
    const p = problemFromScenario(scenario);
    // salience only: (0.5·2 + 1·8 + 1·10)/2.5 = 19/2.5 = 7.6
    expect(meanOfIssue(p, 0, { weighting: 'salience' })).toBeCloseTo(7.6, 12);
    // unweighted: (2 + 8 + 10)/3 = 6.666…
    expect(meanOfIssue(p, 0, { weighting: 'unweighted' })).toBeCloseTo(20 / 3, 12);
    // per-issue capability on scope 1, 2, 3 → weights 0.5, 2, 3: (1 + 16 + 30)/5.5 = 47/5.5
    const cap = Float64Array.from([1, 1, 2, 1, 3, 1]);
    expect(meanOfIssue(p, 0, { weighting: 'capability-salience', issueCapability: cap })).toBeCloseTo(
      47 / 5.5,
      12,
    );
  });

  it('reports "no forecast" (null, never 0) when the total weight is 0', () => {
    const p = makeProblem({
      actors: [{ id: 'a', capability: 0 }],
      issues: [{ id: 'x', lo: 0, hi: 10 }],
      stances: [{ actor: 'a', issue: 'x', position: 3, salience: 1 }],
    });
    const r = weightedMean(p);
    expect(r.outcome['x']).toBeNull();
    expect(r.stop).toMatch(/no forecast/);
  });
});

describe('weighted median (hand-computed)', () => {
  it('scope: cumulative 30 at 2 (< 35), 60 at 8 (≥ 35) → 8', () => {
    expect(weightedMedian(problemFromScenario(scenario)).outcome['scope']).toBe(8);
  });

  it('exact half: lower, upper and midpoint conventions', () => {
    // weights 1 at 0, 1 at 4, 2 at 10: W = 4, cumulative 2 at 4 = W/2 exactly → lower 4, upper 10, midpoint 7
    const xs = [10, 0, 4];
    const ws = [2, 1, 1];
    expect(weightedMedianOf(xs, ws, 3, 'lower')).toBe(4);
    expect(weightedMedianOf(xs, ws, 3, 'upper')).toBe(10);
    expect(weightedMedianOf(xs, ws, 3, 'midpoint')).toBe(7);
  });

  it('the emission case: 7.0 (weights 24.8 at 4, 9.3 at 7, 33.6 at 10; §7.3)', () => {
    const xs = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7];
    const ws = [6.4, 3.2, 0.6, 12.8, 9.6, 9.6, 14.4, 0.5, 5, 5.6];
    expect(weightedMedianOf(xs, ws, 10)).toBe(7);
  });

  it('per-issue capability: scope weights 1·0.5, 2·1, 3·1 → cumulative 0.5, 2.5, 5.5 of 5.5; half 2.75 → 10', () => {
    const p = problemFromScenario(scenario);
    const cap = Float64Array.from([1, 1, 2, 1, 3, 1]);
    expect(
      medianOfIssue(p, 0, { tie: 'lower', weighting: 'capability-salience', issueCapability: cap }),
    ).toBe(10);
  });

  it('ignores zero weights and gives NaN without weight', () => {
    expect(weightedMedianOf([1, 5, 9], [0, 1, 0], 3)).toBe(5);
    expect(Number.isNaN(weightedMedianOf([1, 2], [0, 0], 2))).toBe(true);
  });
});
