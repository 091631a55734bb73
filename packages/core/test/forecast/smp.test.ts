/** SMP behaviour beyond the golden runs: stopping, validation, scaling rules, options and outputs (§3.9–§3.11). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ForecastProblem } from '../../src/forecast/problem.js';
import { makeProblem } from '../../src/forecast/problem.js';
import { SMP_DEFAULTS, smp } from '../../src/forecast/smp.js';
import { importKtabCsv, importKtabXml } from '../../src/importers/ktab.js';
import { dataFile } from '../helpers/shared.js';

const soe = importKtabCsv(readFileSync(dataFile('ktab', 'SOE-Pol-Comp.csv'), 'utf8'));
const dummy = importKtabCsv(readFileSync(dataFile('ktab', 'dummyData_3Dim.csv'), 'utf8'));

function toy(
  stances: { actor: string; x: number; s: number }[],
  caps: Record<string, number>,
): ForecastProblem {
  return makeProblem({
    actors: Object.entries(caps).map(([id, capability]) => ({ id, capability })),
    issues: [{ id: 'Q', lo: 0, hi: 100 }],
    stances: stances.map((t) => ({ actor: t.actor, issue: 'Q', position: t.x, salience: t.s })),
  });
}

describe('SMP defaults and stopping', () => {
  it('exports KTAB defaults (§3.10)', () => {
    expect(SMP_DEFAULTS).toMatchObject({
      victoryProbModel: 'Linear',
      pceModel: 'Conditional',
      stateTransitions: 'Deterministic',
      votingRule: 'Prop',
      bigRAdjust: 'OneThird',
      bigRRange: 'Mid',
      thirdPartyCommit: 'SemiCommit',
      interVecBrgn: 'S2P2',
      bargnModel: 'InitOnlyInterp',
      seed: 15455440707583219804n,
      maxTurns: 100,
      tolerance: 0.02,
    });
  });

  it('stops at maxTurns and says so', () => {
    const r = smp(soe.problem, { maxTurns: 3 });
    expect(r.rounds.length).toBe(4);
    expect(r.stop).toBe('maximum of 3 turns');
  });

  it('a looser tolerance stops earlier, at the first step (≥ 2) whose logged ratio falls below it', () => {
    const full = smp(soe.problem);
    const ratios = full.details!.fractionalChange as number[];
    const r = smp(soe.problem, { tolerance: 0.5 });
    const expectedTurn = ratios.findIndex((x, t) => t >= 1 && x < 0.5) + 1;
    expect(r.rounds.length).toBe(expectedTurn + 1);
    // The run is the same up to that point.
    expect(r.rounds).toEqual(full.rounds.slice(0, expectedTurn + 1));
  });

  it('all actors at one position: a single state, certain outcome, stopped as converged (P7)', () => {
    const p = toy(
      [
        { actor: 'a', x: 40, s: 0.5 },
        { actor: 'b', x: 40, s: 0.3 },
        { actor: 'c', x: 40, s: 0.9 },
      ],
      { a: 1, b: 2, c: 3 },
    );
    const r = smp(p);
    expect(r.rounds.length).toBe(1);
    expect(r.rounds[0]!.probabilities).toEqual({ a: 1, b: 1, c: 1 });
    expect(r.outcome).toEqual({ Q: 40 });
    expect(r.stop).toMatch(/converged/);
  });
});

describe('SMP outputs', () => {
  const r = smp(dummy.problem);

  it('outcome is the probability-weighted mean of the final distinct positions, inside their range', () => {
    const last = r.rounds[r.rounds.length - 1]!;
    for (const iss of dummy.problem.issues) {
      const xs = dummy.problem.actors.map((a) => last.positions[a]![iss.id]!);
      const o = r.outcome[iss.id]!;
      expect(o).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(o).toBeLessThanOrEqual(Math.max(...xs));
      // Independent recomputation from the per-actor output: one representative per group (§3.8 grouping).
      const reps: string[] = [];
      for (const a of dummy.problem.actors) {
        const near = reps.some((b) => dist(last.positions[a]!, last.positions[b]!) < 0.1);
        if (!near) reps.push(a);
      }
      const sumP = reps.reduce((s, a) => s + last.probabilities![a]!, 0);
      expect(sumP).toBeCloseTo(1, 9);
      const mean = reps.reduce((s, a) => s + last.probabilities![a]! * last.positions[a]![iss.id]!, 0);
      expect(o).toBeCloseTo(mean, 9);
    }
    expect(Object.keys(r.details!.mostLikely as object)).toEqual(['Pstn1', 'Pstn2', 'Pstn3']);
  });

  it('every round sums to 1 over distinct positions', () => {
    for (const round of r.rounds) {
      const reps: string[] = [];
      for (const a of dummy.problem.actors)
        if (!reps.some((b) => dist(round.positions[a]!, round.positions[b]!) < 0.1)) reps.push(a);
      expect(reps.reduce((s, a) => s + round.probabilities![a]!, 0)).toBeCloseTo(1, 9);
    }
  });

  it('records the challenges of every turn, with probabilities in [0, 1] and gains above 1e-5', () => {
    const turns = r.details!.turns as {
      challenges: { initiator: string; target: string; probability: number; deltaEU: number }[];
    }[];
    expect(turns.length).toBe(r.rounds.length - 1);
    for (const t of turns) {
      for (const c of t.challenges) {
        expect(c.initiator).not.toBe(c.target);
        expect(c.probability).toBeGreaterThanOrEqual(0);
        expect(c.probability).toBeLessThanOrEqual(1);
        expect(c.deltaEU).toBeGreaterThan(1e-5);
      }
    }
  });
});

describe('SMP bargains follow the interpolation formulas of §3.7 step 4', () => {
  type Brgn = 'S1P1' | 'S2P2' | 'S2PMax';
  const round4 = (y: number): number => Math.floor(0.5 + 10000 * y) / 10000;
  /** Bargain positions (initiator's, receiver's) on [0,1] for one dimension, written from the reference text. */
  function bargain(rule: Brgn, xi: number, xj: number, si: number, sj: number, pi: number): [number, number] {
    const pj = 1 - pi;
    if (rule === 'S2PMax') {
      const di = Math.max(0, pj - pi);
      const dj = Math.max(0, pi - pj);
      const deltaI = (di * sj ** 2) / (di * sj ** 2 + 1e-6 + (1 - di) * si ** 2);
      const deltaJ = (dj * si ** 2) / (dj * si ** 2 + 1e-6 + (1 - dj) * sj ** 2);
      return [xi + deltaI * (xj - xi), xj + deltaJ * (xi - xj)];
    }
    const e = rule === 'S2P2' ? 2 : 1;
    const wi = (si * pi) ** e;
    const wj = (sj * pj) ** e;
    return [
      round4(((wi + 1e-6) * xi + wj * xj) / (wi + 1e-6 + wj)),
      round4((wi * xi + (wj + 1e-6) * xj) / (wi + wj + 1e-6)),
    ];
  }

  it.each(['S1P1', 'S2P2', 'S2PMax'] as const)(
    '%s: every mover lands on its coordinates of a bargain it took part in',
    (rule) => {
      const p = dummy.problem;
      const d = p.issues.length;
      const r = smp(p, { interVecBrgn: rule, maxTurns: 1 });
      const turn = (
        r.details!.turns as {
          challenges: { initiator: string; target: string; probability: number }[];
          moved: string[];
        }[]
      )[0]!;
      expect(turn.moved.length).toBeGreaterThan(0);
      const options = new Map<string, number[][]>(p.actors.map((a) => [a, []]));
      for (const c of turn.challenges) {
        const i = p.actors.indexOf(c.initiator);
        const j = p.actors.indexOf(c.target);
        const bi: number[] = [];
        const bj: number[] = [];
        for (let q = 0; q < d; q++) {
          const [x, y] = bargain(
            rule,
            p.position[i * d + q]! / 100,
            p.position[j * d + q]! / 100,
            p.salience[i * d + q]!,
            p.salience[j * d + q]!,
            c.probability,
          );
          bi.push(100 * x);
          bj.push(100 * y);
        }
        options.get(c.initiator)!.push(bi);
        options.get(c.target)!.push(bj);
      }
      for (const a of p.actors) {
        const now = p.issues.map((iss) => r.rounds[1]!.positions[a]![iss.id]!);
        const before = p.issues.map((iss) => r.rounds[0]!.positions[a]![iss.id]!);
        if (!turn.moved.includes(a)) {
          expect(now).toEqual(before);
          continue;
        }
        const match = options.get(a)!.some((b) => b.every((v, q) => Math.abs(v - now[q]!) < 1e-9));
        if (!match) throw new Error(`${a} moved to ${now.join(', ')}, which is none of its bargains`);
      }
    },
  );
});

function dist(a: Record<string, number>, b: Record<string, number>): number {
  return Math.hypot(...Object.keys(a).map((k) => a[k]! - b[k]!));
}

describe('SMP input handling', () => {
  it('drops issues that some actor is not coded on, with a null outcome and a reason', () => {
    const p = makeProblem({
      actors: ['a', 'b', 'c'].map((id, i) => ({ id, capability: i + 1 })),
      issues: [
        { id: 'full', lo: 0, hi: 10 },
        { id: 'partial', lo: 0, hi: 10 },
      ],
      stances: [
        { actor: 'a', issue: 'full', position: 1, salience: 0.5 },
        { actor: 'b', issue: 'full', position: 5, salience: 0.5 },
        { actor: 'c', issue: 'full', position: 9, salience: 0.5 },
        { actor: 'a', issue: 'partial', position: 3, salience: 0.2 },
      ],
    });
    const r = smp(p);
    expect(r.outcome.partial).toBeNull();
    expect(typeof r.outcome.full).toBe('number');
    expect(r.details!.excludedIssues).toEqual([
      { issue: 'partial', reason: expect.stringMatching(/b, c/) as unknown as string },
    ]);
    expect(Object.keys(r.rounds[0]!.positions.a!)).toEqual(['full']);
  });

  it('rescales an actor whose saliences sum above 1, as KTAB requires (§1.2)', () => {
    const base = smp(dummy.problem);
    const doubled = {
      ...dummy.problem,
      salience: dummy.problem.salience.map((s, idx) => (idx < 3 ? s * 1.5 : s)),
    };
    // Actor 0's saliences sum to 0.8359, so ×1.5 exceeds 1 and gets divided by the total: the ratios are
    // preserved but the total becomes 1, which changes the run.
    const r = smp(doubled);
    const scale = (r.details!.salienceScale as Record<string, number>)['SActor-00']!;
    expect(scale).toBeCloseTo(1 / (1.5 * (0.4953 + 0.0591 + 0.2815)), 12);
    // Supplying the already-rescaled saliences gives the same run.
    const pre = { ...dummy.problem, salience: doubled.salience.map((s, idx) => (idx < 3 ? s * scale : s)) };
    const r2 = smp(pre);
    expect(r2.rounds.length).toBe(r.rounds.length);
    expect(Math.abs(r2.outcome.Pstn1! - r.outcome.Pstn1!)).toBeLessThan(1e-9);
    expect(base.details!.salienceScale).toEqual({});
  });

  it('rejects what KTAB cannot model, naming the actor or option', () => {
    const zeroSal = toy(
      [
        { actor: 'a', x: 10, s: 0 },
        { actor: 'b', x: 50, s: 0.5 },
        { actor: 'c', x: 90, s: 0.5 },
      ],
      { a: 1, b: 1, c: 1 },
    );
    expect(() => smp(zeroSal)).toThrow(/actor a has zero salience/);
    const outside = toy(
      [
        { actor: 'a', x: 120, s: 0.5 },
        { actor: 'b', x: 50, s: 0.5 },
        { actor: 'c', x: 90, s: 0.5 },
      ],
      { a: 1, b: 1, c: 1 },
    );
    expect(() => smp(outside)).toThrow(/position of actor a on issue Q lies outside/);
    expect(() => smp(dummy.problem, { votingRule: 'Proportional' as never })).toThrow(/votingRule/);
    expect(() => smp(dummy.problem, { maxTurns: 0 })).toThrow(/maxTurns/);
    expect(() => smp(dummy.problem, { seed: -1n })).toThrow(/seed/);
  });
});

describe('SMP ideal accommodation (§3.7 step 6)', () => {
  it('explicit identity pairs give the default run', () => {
    const ids = dummy.problem.actors;
    const r = smp(dummy.problem, {
      idealAdjustment: ids.map((id) => ({ actor: id, reference: id, adjust: 1 })),
    });
    expect(r.rounds).toEqual(smp(dummy.problem).rounds);
  });

  it('rejects rows that sum above 1 and unknown actors (P6)', () => {
    expect(() =>
      smp(dummy.problem, { idealAdjustment: [{ actor: 'SActor-00', reference: 'SActor-01', adjust: 0.3 }] }),
    ).toThrow(/row of actor "SActor-00" sums to 1.3/);
    expect(() =>
      smp(dummy.problem, { idealAdjustment: [{ actor: 'nobody', reference: 'SActor-01', adjust: 0.3 }] }),
    ).toThrow(/unknown actor/);
  });

  it('actors that never adjust their ideals (row of zeros) keep judging from their initial positions', () => {
    const ids = dummy.problem.actors;
    const stubborn = smp(dummy.problem, {
      idealAdjustment: ids.map((id) => ({ actor: id, reference: id, adjust: 0 })),
    });
    const cynical = smp(dummy.problem);
    // The first turn is computed from identical states, so its positions agree; after it the ideals differ.
    expect(stubborn.rounds[1]!.positions).toEqual(cynical.rounds[1]!.positions);
    expect(stubborn.rounds[1]!.probabilities).not.toEqual(cynical.rounds[1]!.probabilities);
    expect(JSON.stringify(stubborn.rounds)).not.toBe(JSON.stringify(cynical.rounds));
  });

  it('runs KTAB smpExample.xml (blank coordinate restored to 52.8, P5) reproducibly in its stochastic mode', () => {
    const text = readFileSync(dataFile('ktab', 'smpExample.xml'), 'utf8').replace(
      '<dCoord></dCoord>',
      '<dCoord>52.8</dCoord>',
    );
    const imp = importKtabXml(text, 'smpExample.xml');
    const a = smp(imp.problem, imp.options);
    const b = smp(imp.problem, imp.options);
    expect(a.rounds).toEqual(b.rounds);
    expect((a.details!.options as { pceModel: string }).pceModel).toBe('MarkovIncentive');
    expect(a.rounds.length).toBeGreaterThan(1);
  });
});
