/** KTAB voting rules, victory probabilities and PCE (reference §3.4–§3.6), checked by hand values and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PCE_MODELS, VICTORY_PROB_MODELS, VOTING_RULES } from '../../src/forecast/smp-options.js';
import type { PceConfig } from '../../src/forecast/smp-pce.js';
import { PceScratch, scalarPce, vote, Vr, votingRuleCode } from '../../src/forecast/smp-pce.js';
import { riskFromProbabilities, round4, smpUtility } from '../../src/forecast/smp.js';

const FC = { seed: 20261122, numRuns: 60 };

function pce(cfg: PceConfig, w: number[], u: number[][]): Float64Array {
  const m = u[0]!.length;
  const p = new Float64Array(m);
  scalarPce(cfg, Float64Array.from(w), w.length, Float64Array.from(u.flat()), m, m, p, new PceScratch());
  return p;
}

const linearConditional: PceConfig = {
  votingRule: Vr.Prop,
  victoryProbModel: 'Linear',
  pceModel: 'Conditional',
};

describe('vote (§3.4)', () => {
  it('gives the tabulated responses', () => {
    expect(vote(Vr.Prop, 2, 0.7, 0.2)).toBeCloseTo(1.0, 15);
    expect(vote(Vr.Binary, 2, 0.7, 0.2)).toBe(2);
    expect(vote(Vr.Binary, 2, 0.2, 0.7)).toBe(-2);
    expect(vote(Vr.Binary, 1, 0.5 + 5e-9, 0.5)).toBeCloseTo(0.5, 6);
    expect(vote(Vr.PropBin, 1, 0.7, 0.2)).toBeCloseTo(0.8 * 0.5 + 0.2, 15);
    expect(vote(Vr.PropCbc, 1, 0.7, 0.2)).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.125, 15);
    expect(vote(Vr.Cubic, 2, 0.7, 0.2)).toBeCloseTo(0.25, 15);
    expect(vote(Vr.ASymProsp, 1, 0.5, 0.2)).toBeCloseTo(0.2, 15);
    expect(vote(Vr.ASymProsp, 1, 0.2, 0.5)).toBeCloseTo(-0.3, 15);
    expect(vote(Vr.ASymProsp, 1, 0.4, 0.4)).toBe(0);
  });

  it('is antisymmetric for every rule except ASymProsp', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VOTING_RULES),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rule, w, a, b) => {
          if (rule === 'ASymProsp') return;
          const code = votingRuleCode(rule);
          expect(vote(code, w, a, b)).toBeCloseTo(-vote(code, w, b, a), 12);
        },
      ),
      FC,
    );
  });
});

describe('scalarPCE (§3.5–§3.6)', () => {
  it('two options, Linear: p_a = C(a:b)/(C(a:b)+C(b:a)) from a hand computation', () => {
    // Voter 0 (w=2) prefers a by 0.3, voter 1 (w=1) prefers b by 0.2: C(a:b)=1e-8+0.6, C(b:a)=1e-8+0.2.
    const p = pce(
      linearConditional,
      [2, 1],
      [
        [0.9, 0.6],
        [0.3, 0.5],
      ],
    );
    expect(p[0]).toBeCloseTo((0.6 + 1e-8) / (0.8 + 2e-8), 12);
    expect(p[1]).toBeCloseTo((0.2 + 1e-8) / (0.8 + 2e-8), 12);
  });

  it('two options: Square squares the coalitions; Binary saturates beyond a 1.1 ratio', () => {
    const u = [
      [0.9, 0.6],
      [0.3, 0.5],
    ];
    const sq = pce({ ...linearConditional, victoryProbModel: 'Square' }, [2, 1], u);
    expect(sq[0]).toBeCloseTo(0.36 / 0.4, 6);
    const bin = pce({ ...linearConditional, victoryProbModel: 'Binary' }, [2, 1], u);
    expect(bin[0]).toBeCloseTo(1 / (1 + 1e-6), 12);
    // Inside the threshold: r = 0.52 → p = (0.52·2.1 − 1)/0.1 = 0.92.
    const mid = pce(
      { ...linearConditional, victoryProbModel: 'Binary' },
      [0.52, 0.48],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect(mid[0]).toBeCloseTo(0.92, 6);
  });

  it('two options: MarkovUniform converges to the pairwise victory probability (fixed point p_a = P[a≻b])', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.01, max: 5, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (voters) => {
          const w = voters.map((v) => v[0]);
          const u = voters.map((v) => [v[1], v[2]]);
          const cond = pce(linearConditional, w, u);
          const mu = pce({ ...linearConditional, pceModel: 'MarkovUniform' }, w, u);
          expect(Math.abs(mu[0]! - cond[0]!)).toBeLessThan(1e-5);
        },
      ),
      FC,
    );
  });

  it('two options: MarkovIncentive satisfies detailed balance p_a·P[b≻a]·Pch[b→a] = p_b·P[a≻b]·Pch[a→b]', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.01, max: 5, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (voters) => {
          const w = voters.map((v) => v[0]);
          let cab = 0;
          let cba = 0;
          for (const [wk, ua, ub] of voters) {
            if (ua > ub) cab += wk * (ua - ub);
            else cba += wk * (ub - ua);
          }
          cab += 1e-8;
          cba += 1e-8;
          const pab = cab / (cab + cba);
          const pba = 1 - pab;
          // Incentives: n[a→b] = C(a:b)·P[a≻b]; diagonal C(a:a)·0.5 + 1e-10.
          const naa = 1e-8 * 0.5 + 1e-10;
          const chAB = (cab * pab) / (cab * pab + naa); // Pch[a→b], column b
          const chBA = (cba * pba) / (cba * pba + naa);
          const p = pce(
            { ...linearConditional, pceModel: 'MarkovIncentive' },
            w,
            voters.map((v) => [v[1], v[2]]),
          );
          const lhs = p[0]! * pba * chBA;
          const rhs = p[1]! * pab * chAB;
          expect(Math.abs(lhs - rhs)).toBeLessThan(1e-6);
          expect(p[0]! + p[1]!).toBeCloseTo(1, 6);
        },
      ),
      FC,
    );
  });

  const configs = fc.record({
    votingRule: fc.constantFrom(...VOTING_RULES).map(votingRuleCode),
    victoryProbModel: fc.constantFrom(...VICTORY_PROB_MODELS),
    pceModel: fc.constantFrom(...PCE_MODELS),
  });
  const problems = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 6 }))
    .chain(([nv, m]) =>
      fc.tuple(
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: nv, maxLength: nv }),
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: m, maxLength: m }), {
          minLength: nv,
          maxLength: nv,
        }),
      ),
    );

  it('gives a probability distribution, equivariant under permuting the options (except ASymProsp)', () => {
    fc.assert(
      fc.property(configs, problems, (cfg, [w, u]) => {
        const p = pce(cfg, w, u);
        const sum = p.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 6);
        for (const x of p) expect(x).toBeGreaterThanOrEqual(0);
        // ASymProsp votes once per pair a > b, so KTAB's result depends on the option order (§3.5).
        if (cfg.votingRule === Vr.ASymProsp) return;
        const m = p.length;
        const perm = Array.from({ length: m }, (_, i) => (i + 1) % m);
        const q = pce(
          cfg,
          w,
          u.map((row) => perm.map((c) => row[c]!)),
        );
        perm.forEach((c, i) => expect(Math.abs(q[i]! - p[c]!)).toBeLessThan(1e-6));
      }),
      FC,
    );
  });

  it('a voter of zero weight changes nothing, bit for bit; a vanishing weight changes almost nothing', () => {
    fc.assert(
      fc.property(
        configs,
        problems,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (cfg, [w, u], extra) => {
          const m = u[0]!.length;
          const row = extra.slice(0, m);
          const base = pce(cfg, w, u);
          const zero = pce(cfg, [...w, 0], [...u, row]);
          expect(Array.from(zero)).toEqual(Array.from(base));
          const tiny = pce(cfg, [...w, 1e-15], [...u, row]);
          // Binary voting and victory models amplify differences near their thresholds; compare where smooth.
          if (
            cfg.votingRule !== Vr.Binary &&
            cfg.votingRule !== Vr.PropBin &&
            cfg.victoryProbModel !== 'Binary'
          ) {
            tiny.forEach((x, i) => expect(Math.abs(x - base[i]!)).toBeLessThan(1e-6));
          }
        },
      ),
      FC,
    );
  });

  it('identical options are equally likely', () => {
    const p = pce(
      linearConditional,
      [1, 2, 3],
      [
        [0.4, 0.4, 0.4],
        [0.1, 0.1, 0.1],
        [0.9, 0.9, 0.9],
      ],
    );
    for (const x of p) expect(x).toBeCloseTo(1 / 3, 12);
  });

  it('does not underflow with many options', () => {
    const m = 300;
    const u = [Array.from({ length: m }, (_, a) => a / m), Array.from({ length: m }, (_, a) => 1 - a / m)];
    const p = pce(linearConditional, [1, 1.01], u);
    const sum = p.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(p.every((x) => Number.isFinite(x))).toBe(true);
    // Voter 1 weighs more, so its favourite (option 0) is the most likely.
    expect(p.indexOf(Math.max(...p))).toBe(0);
  });
});

describe('utility, risk and rounding helpers (§3.3, §3.7)', () => {
  it('utility matches the formula at hand-computed points and stays in [0, 1]', () => {
    expect(smpUtility(0, 0.7)).toBe(1);
    expect(smpUtility(1, -0.5)).toBe(0);
    expect(smpUtility(0.5, 1)).toBeCloseTo(0.75, 15);
    expect(smpUtility(0.5, -1)).toBeCloseTo(0.25, 15);
    expect(smpUtility(0.25, 0)).toBeCloseTo(0.75, 15);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (d, r) => {
          const u = smpUtility(d, r);
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThanOrEqual(1 + 1e-15);
        },
      ),
      FC,
    );
  });

  it('risk attitudes span the documented ranges; the likeliest position is the most risk-averse', () => {
    const p = Float64Array.from([0.1, 0.5, 0.2, 0.2]);
    const out = new Float64Array(4);
    const ranges = { Min: [0, 1], Mid: [-0.5, 1], Max: [-1, 1] } as const;
    for (const [range, [lo, hi]] of Object.entries(ranges)) {
      expect(riskFromProbabilities(range as 'Min' | 'Mid' | 'Max', p, out)).toBe(true);
      expect(out[0]).toBeCloseTo(lo, 12);
      expect(out[1]).toBeCloseTo(hi, 12);
    }
    expect(riskFromProbabilities('Mid', Float64Array.from([0.25, 0.25, 0.25, 0.25]), out)).toBe(false);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });

  it('round4 rounds half up to 4 decimals', () => {
    expect(round4(0.12344)).toBeCloseTo(0.1234, 15);
    expect(round4(0.12346)).toBeCloseTo(0.1235, 15);
    expect(round4(0)).toBe(0);
    expect(round4(1)).toBe(1);
  });
});
