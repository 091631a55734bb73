/** Stokman's equal-gain exchange model (§5.2) on hand-worked trades. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchange, type Exchange } from '../../src/forecast/exchange.js';
import { makeProblem } from '../../src/forecast/problem.js';
import { importDecideCsv } from '../../src/importers/decide.js';
import { dataFile } from '../helpers/shared.js';

/*
 * Two actors, two issues, power 1 everywhere, scale 0–100.
 *
 *          position X  salience X   position Y  salience Y
 *   A         20          0.4          10          0.9
 *   B         80          0.8          70          0.3
 *
 * Σ_X = 0.4 + 0.8 = 1.2, O_X = (0.4·20 + 0.8·80)/1.2 = 72/1.2 = 60.
 * Σ_Y = 0.9 + 0.3 = 1.2, O_Y = (0.9·10 + 0.3·70)/1.2 = 30/1.2 = 25.
 * A is left of O on both issues, B right on both: they may trade.
 * Roles: s_AX/s_AY = 0.444 < s_BX/s_BY = 2.667, so A supplies on X (moves towards B) and demands Y.
 * Equal gain: ΔO_Y = ΔO_X·(s_AX + s_BX)/(s_AY + s_BY) = ΔO_X·1.2/1.2 = ΔO_X.
 * B moves fully to A on Y: δ_B = 60, ΔO_Y = 60·0.3/1.2 = 15, so ΔO_X = 15 and δ_A = 15·1.2/0.4 = 45 ≤ 60 (no
 * overshoot). O_Y lands on A's 10 exactly (25 − 15) and O_X = 75 does not pass B's 80: no clipping.
 * Voting positions after the trade: A (65, 10), B (80, 10). Gain of each: 0.9·15 − 0.4·15 = 7.5 = 0.8·15 − 0.3·15.
 * Then both are on the same side on Y: no further trade in round 1.
 * Round update λ = 0.4·(1 − s) + 0.1: A on X λ = 0.34 → 20 + 0.34·45 = 35.3; B on Y λ = 0.38 → 70 − 0.38·60 = 47.2.
 * Round 2 from A (35.3, 10), B (80, 47.2): O_X = (0.4·35.3 + 64)/1.2 = 65.1, O_Y = (9 + 0.3·47.2)/1.2 = 19.3.
 * B moves fully on Y: δ_B = 37.2, ΔO_Y = 37.2·0.25 = 9.3 = ΔO_X, δ_A = 9.3·3 = 27.9 ≤ 44.7: A → 63.2, B → 10.
 */
const two = makeProblem({
  actors: [
    { id: 'A', capability: 1 },
    { id: 'B', capability: 1 },
  ],
  issues: [
    { id: 'X', lo: 0, hi: 100 },
    { id: 'Y', lo: 0, hi: 100 },
  ],
  stances: [
    { actor: 'A', issue: 'X', position: 20, salience: 0.4 },
    { actor: 'A', issue: 'Y', position: 10, salience: 0.9 },
    { actor: 'B', issue: 'X', position: 80, salience: 0.8 },
    { actor: 'B', issue: 'Y', position: 70, salience: 0.3 },
  ],
});

describe('exchange model, two actors and two issues (worked by hand above)', () => {
  it('round 1: one trade with the hand-computed moves, outcome shifts and gain', () => {
    const r = exchange(two, { rounds: 1 });
    const ex = (r.details!['exchanges'] as Exchange[][])[0]!;
    expect(ex).toHaveLength(1);
    const e = ex[0]!;
    expect([e.a, e.b, e.x, e.y]).toEqual(['A', 'B', 'X', 'Y']);
    expect(e.aFrom).toBe(20);
    expect(e.aTo).toBeCloseTo(65, 10);
    expect(e.bTo).toBeCloseTo(10, 10);
    expect(e.dOx).toBeCloseTo(15, 10);
    expect(e.dOy).toBeCloseTo(-15, 10);
    expect(e.gain).toBeCloseTo(7.5, 10);
    expect(r.rounds[1]!.positions).toEqual({
      A: { X: expect.closeTo(65, 10), Y: 10 },
      B: { X: 80, Y: expect.closeTo(10, 10) },
    });
    expect(r.outcome['X']).toBeCloseTo(75, 10);
    expect(r.outcome['Y']).toBeCloseTo(10, 10);
  });

  it('round 2 starts from the internalised positions (λ = 0.4·(1 − s) + 0.1)', () => {
    const r = exchange(two, { rounds: 2 });
    const e = (r.details!['exchanges'] as Exchange[][])[1]![0]!;
    expect(e.aFrom).toBeCloseTo(35.3, 10);
    expect(e.bFrom).toBeCloseTo(47.2, 10);
    expect(e.aTo).toBeCloseTo(35.3 + 27.9, 10);
    expect(e.bTo).toBeCloseTo(10, 10);
    expect(e.gain).toBeCloseTo(9.3 * 0.9 - 9.3 * 0.4, 10);
  });

  it('works on the issue’s native scale (affine rescaling of X changes nothing but units)', () => {
    // X on 1000…3000: A at 1400, B at 2600 are 20 and 80 on 0–100.
    const scaled = makeProblem({
      actors: [
        { id: 'A', capability: 1 },
        { id: 'B', capability: 1 },
      ],
      issues: [
        { id: 'X', lo: 1000, hi: 3000 },
        { id: 'Y', lo: 0, hi: 100 },
      ],
      stances: [
        { actor: 'A', issue: 'X', position: 1400, salience: 0.4 },
        { actor: 'A', issue: 'Y', position: 10, salience: 0.9 },
        { actor: 'B', issue: 'X', position: 2600, salience: 0.8 },
        { actor: 'B', issue: 'Y', position: 70, salience: 0.3 },
      ],
    });
    const r = exchange(scaled, { rounds: 1 });
    expect(r.outcome['X']).toBeCloseTo(1000 + 0.75 * 2000, 8);
  });

  it('no trade when both actors value the issues in the same ratio (gain 0)', () => {
    const same = makeProblem({
      actors: [
        { id: 'A', capability: 1 },
        { id: 'B', capability: 1 },
      ],
      issues: [
        { id: 'X', lo: 0, hi: 100 },
        { id: 'Y', lo: 0, hi: 100 },
      ],
      stances: [
        { actor: 'A', issue: 'X', position: 20, salience: 0.4 },
        { actor: 'A', issue: 'Y', position: 10, salience: 0.8 },
        { actor: 'B', issue: 'X', position: 80, salience: 0.3 },
        { actor: 'B', issue: 'Y', position: 70, salience: 0.6 },
      ],
    });
    const r = exchange(same);
    expect(r.rounds).toHaveLength(1);
    expect(r.stop).toBe('no exchange possible in round 1');
    // outcome = compromise mean: X = (0.4·20 + 0.3·80)/0.7 = 32/0.7; Y = (0.8·10 + 0.6·70)/1.4 = 50/1.4
    expect(r.outcome['X']).toBeCloseTo(32 / 0.7, 10);
    expect(r.outcome['Y']).toBeCloseTo(50 / 1.4, 10);
  });

  it('clips the move so the outcome stops at the demander (three actors)', () => {
    /*
     * Add C at (90, 0) with salience 0.2 on both, power 1. Σ_X = 1.4, O_X = (8 + 64 + 18)/1.4 = 64.29;
     * Σ_Y = 1.4, O_Y = (9 + 21 + 0)/1.4 = 21.43. A is left/left, B right/right, C right on X and left on Y, so C
     * is on A's side on Y and on B's side on X: the only pair on opposite sides of both issues is A–B.
     * A–B trade: k = (0.4 + 0.8)/(0.9 + 0.3) = 1. Bounds on t = ΔO_X: A full 0.4·60/1.4 = 17.14;
     * B full 0.3·60/1.4 = 12.86; O_X to B: 80 − 64.29 = 15.71; O_Y to A: 21.43 − 10 = 11.43 ← binding.
     * So ΔO_Y = 11.43 = 30/1.4 − 10 = 16/1.4, B moves 16/1.4·1.4/0.3 = 53.33 (70 → 16.67), A moves 16/1.4·1.4/0.4 = 40.
     */
    const three = makeProblem({
      actors: [
        { id: 'A', capability: 1 },
        { id: 'B', capability: 1 },
        { id: 'C', capability: 1 },
      ],
      issues: [
        { id: 'X', lo: 0, hi: 100 },
        { id: 'Y', lo: 0, hi: 100 },
      ],
      stances: [
        { actor: 'A', issue: 'X', position: 20, salience: 0.4 },
        { actor: 'A', issue: 'Y', position: 10, salience: 0.9 },
        { actor: 'B', issue: 'X', position: 80, salience: 0.8 },
        { actor: 'B', issue: 'Y', position: 70, salience: 0.3 },
        { actor: 'C', issue: 'X', position: 90, salience: 0.2 },
        { actor: 'C', issue: 'Y', position: 0, salience: 0.2 },
      ],
    });
    const r = exchange(three, { rounds: 1 });
    const e = (r.details!['exchanges'] as Exchange[][])[0]![0]!;
    expect([e.a, e.b]).toEqual(['A', 'B']);
    expect(e.dOy).toBeCloseTo(-16 / 1.4, 10);
    expect(e.bTo).toBeCloseTo(70 - 160 / 3, 10);
    expect(e.aTo).toBeCloseTo(60, 10);
    expect(r.outcome['Y']).toBeCloseTo(10, 10);
  });
});

describe('exchange model invariants on the Decide COP15 case (no published outputs: properties only)', () => {
  const d = importDecideCsv(readFileSync(dataFile('decide', 'copenhagen.csv'), 'utf8'));
  const p = d.problem;
  const r = exchange(p, { issueCapability: d.power, rounds: 3 });
  const rounds = r.details!['exchanges'] as Exchange[][];
  const sal = (actor: string, issue: string): number =>
    p.salience[p.actors.indexOf(actor) * p.issues.length + p.issues.findIndex((s) => s.id === issue)]!;

  it('realises trades in every round', () => {
    expect(rounds).toHaveLength(3);
    for (const ex of rounds) expect(ex.length).toBeGreaterThan(0);
  });

  it('every trade gives both actors the same positive gain, measured from the recorded outcome shifts', () => {
    for (const ex of rounds)
      for (const e of ex) {
        // A supplies on x (its move shifts O_x away from it) and gains on y; B the other way round
        const gainA = sal(e.a, e.y) * Math.abs(e.dOy) - sal(e.a, e.x) * Math.abs(e.dOx);
        const gainB = sal(e.b, e.x) * Math.abs(e.dOx) - sal(e.b, e.y) * Math.abs(e.dOy);
        expect(gainA).toBeCloseTo(gainB, 9);
        expect(gainA).toBeCloseTo(e.gain, 9);
        expect(gainA).toBeGreaterThan(0);
      }
  });

  it('every mover moves towards its partner and an actor-issue moves one way within a round', () => {
    for (const ex of rounds) {
      const dir = new Map<string, number>();
      for (const e of ex) {
        for (const [key, from, to] of [
          [`${e.a}/${e.x}`, e.aFrom, e.aTo],
          [`${e.b}/${e.y}`, e.bFrom, e.bTo],
        ] as const) {
          const s = Math.sign(to - from);
          expect(s).not.toBe(0);
          if (dir.has(key)) expect(dir.get(key)).toBe(s);
          dir.set(key, s);
        }
      }
    }
  });
});
