import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  acceptable,
  decodeOutcome,
  parseStrategy,
  readGeniusDomain,
  readGeniusProfile,
  runSao,
  runSingleText,
  scenarioProblem,
  STRATEGIES,
  utilityOf,
  type AgreementProblem,
  type NegotiationResult,
} from '../../src/agreement/index.js';
import { dataFile } from '../helpers/shared.js';
import { ceasefire } from '../fixtures/agreement/ceasefire.js';

function load(dir: string, domain: string, profiles: string[]): AgreementProblem {
  const dom = readGeniusDomain(readFileSync(dataFile('genius', dir, domain), 'utf8'));
  return {
    space: dom.space,
    parties: profiles.map((f) => readGeniusProfile(dom, readFileSync(dataFile('genius', dir, f), 'utf8'), f)),
    source: 'genius',
  };
}

const itex = load('ItexvsCypress', 'ItexvsCypress_domain.xml', [
  'ItexvsCypress_Itex.xml',
  'ItexvsCypress_Cypress.xml',
]);
const politics = load('Politics', 'Politics.xml', [
  'Politics_util1.xml',
  'Politics_util2.xml',
  'Politics_util3.xml',
]);
// Itex–Cypress with demanding reservation values, so the constraint binds.
const itexR: AgreementProblem = { ...itex, parties: itex.parties.map((p) => ({ ...p, reservation: 0.55 })) };
const cease = scenarioProblem(ceasefire([1, 3]), { resolution: 5 });
const blocked = scenarioProblem(ceasefire([2, 3]), { resolution: 5 });

/** Independent check of a run: every accept/offer/agreement respects the actor's reservation value and red lines. */
function checkRun(pr: AgreementProblem, r: NegotiationResult): void {
  const lv = new Int32Array(pr.space.radix.length);
  for (const e of r.trace) {
    const p = pr.parties.find((q) => q.id === e.party)!;
    decodeOutcome(pr.space, e.outcome, lv);
    expect(utilityOf(p, lv)).toBeCloseTo(e.utility, 12);
    if (e.action === 'accept' || e.action === 'offer') expect(acceptable(p, lv)).toBe(true);
  }
  if (r.outcome !== null) {
    decodeOutcome(pr.space, r.outcome, lv);
    for (const p of pr.parties) expect(acceptable(p, lv)).toBe(true);
    expect(r.utilities).toEqual(pr.parties.map((p) => utilityOf(p, lv)));
  } else {
    expect(r.utilities).toEqual(pr.parties.map((p) => p.reservation));
  }
  expect(r.time).toBeLessThanOrEqual(1);
}

describe('stacked alternating offers', () => {
  const cases: [string, AgreementProblem][] = [
    ['Itex–Cypress', itex],
    ['Itex–Cypress r=0.55', itexR],
    ['Politics (3 parties)', politics],
    ['ceasefire scenario', cease],
    ['blocked scenario', blocked],
  ];
  for (const [name, pr] of cases)
    for (const s of ['boulware', 'linear', 'conceder', 'hardheaded', 'tit-for-tat'])
      it(`${name}, ${s}: terminates within the deadline and never accepts below a reservation value or across a red line`, () => {
        const r = runSao(pr, { strategy: parseStrategy(s), seed: 7, rounds: 60 });
        expect(r.turns).toBeLessThanOrEqual(60 * pr.parties.length);
        checkRun(pr, r);
      });

  it('agrees when a zone exists and the parties concede, and fails when red lines block it', () => {
    expect(runSao(itex, { strategy: STRATEGIES.conceder, seed: 1 }).agreement).not.toBeNull();
    expect(runSao(cease, { strategy: STRATEGIES['tit-for-tat'], seed: 1 }).agreement).not.toBeNull();
    const wider = scenarioProblem(ceasefire([0, 3]), { resolution: 5 });
    for (const s of ['boulware', 'linear', 'conceder'] as const)
      expect(runSao(wider, { strategy: STRATEGIES[s], seed: 1 }).agreement).not.toBeNull();
    expect(runSao(blocked, { strategy: STRATEGIES.conceder, seed: 1 }).agreement).toBeNull();
    // Two hardheaded parties with opposed best packages never agree.
    expect(runSao(itex, { strategy: STRATEGIES.hardheaded, seed: 1 }).agreement).toBeNull();
  });

  it('is reproducible by seed, and mixed strategies are accepted', () => {
    const opts = { strategy: [STRATEGIES.boulware!, STRATEGIES['tit-for-tat']!], seed: 123 };
    expect(runSao(itex, opts)).toEqual(runSao(itex, opts));
    const a = runSao(politics, { strategy: STRATEGIES.linear, seed: 5 });
    expect(runSao(politics, { strategy: STRATEGIES.linear, seed: 5 })).toEqual(a);
  });

  it('rejects unknown strategy names', () => {
    expect(() => parseStrategy('greedy')).toThrow(/unknown strategy/);
    expect(parseStrategy('time:0.5')).toEqual({ kind: 'time', exponent: 0.5 });
  });
});

describe('single-negotiating-text mediation', () => {
  for (const [name, pr] of [
    ['Itex–Cypress', itex],
    ['Politics', politics],
    ['ceasefire', cease],
    ['blocked', blocked],
  ] as const)
    it(`${name}: the path is Pareto-improving, ends, and is reproducible by seed`, () => {
      const r = runSingleText(pr, { seed: 9, rounds: 300 });
      expect(r.turns).toBeLessThanOrEqual(300);
      expect(runSingleText(pr, { seed: 9, rounds: 300 })).toEqual(r);
      const lv = new Int32Array(pr.space.radix.length);
      let prev: number[] | null = null;
      let prevOk: boolean[] | null = null;
      const adopted = r.trace.filter((e) => e.action === 'adopt');
      expect(adopted.length).toBe(r.revisions);
      for (const e of adopted) {
        decodeOutcome(pr.space, e.outcome, lv);
        const us = pr.parties.map((p) => utilityOf(p, lv));
        const ok = pr.parties.map((p) => acceptable(p, lv));
        if (prev && prevOk)
          pr.parties.forEach((_, i) => {
            // nobody is worse off: red-line status never lost, and utility never lower while it is unchanged
            expect(ok[i]! || !prevOk![i]!).toBe(true);
            if (ok[i] === prevOk![i]) expect(us[i]!).toBeGreaterThanOrEqual(prev![i]! - 1e-12);
          });
        prev = us;
        prevOk = ok;
      }
      if (r.outcome !== null) {
        decodeOutcome(pr.space, r.outcome, lv);
        for (const p of pr.parties) expect(acceptable(p, lv)).toBe(true);
      }
    });

  it('never produces an agreement across blocking red lines, and mediates the ceasefire to one', () => {
    expect(runSingleText(blocked, { seed: 1 }).agreement).toBeNull();
    expect(runSingleText(cease, { seed: 1 }).agreement).not.toBeNull();
  });
});
