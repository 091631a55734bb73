import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GeniusFormatError,
  analyseAgreement,
  bargainingSolutions,
  packageAt,
  paretoFront,
  readGeniusDomain,
  readGeniusProfile,
  utilitiesOverSpace,
  type AgreementProblem,
} from '../../src/agreement/index.js';
import { dataFile } from '../helpers/shared.js';

function load(dir: string, domain: string, profiles: string[]): AgreementProblem {
  const dom = readGeniusDomain(readFileSync(dataFile('genius', dir, domain), 'utf8'), domain);
  const parties = profiles.map((f) =>
    readGeniusProfile(dom, readFileSync(dataFile('genius', dir, f), 'utf8'), f.replace(/\.xml$/, ''), f),
  );
  return { space: dom.space, parties, source: 'genius' };
}

const close4 = (a: number, b: number): boolean => Math.abs(a - b) <= 5.0001e-5;

// agreement.md §7.1, frontier ordered by decreasing Itex utility.
const ITEX_FRONT = [
  [1.0, 0.2122],
  [0.9042, 0.2562],
  [0.904, 0.318],
  [0.8547, 0.3186],
  [0.8082, 0.3619],
  [0.8079, 0.4942],
  [0.7599, 0.5882],
  [0.7215, 0.6705],
  [0.6257, 0.7144],
  [0.5778, 0.7437],
  [0.5762, 0.7768],
  [0.4804, 0.8208],
  [0.4326, 0.8501],
  [0.3568, 0.8643],
  [0.3089, 0.8936],
  [0.3073, 0.9268],
  [0.2115, 0.9707],
  [0.1636, 1.0],
];
// agreement.md §7.2, frontier ordered by decreasing England utility.
const EZ_FRONT = [
  [1.0, 0.4503],
  [0.9804, 0.5152],
  [0.9796, 0.5188],
  [0.96, 0.5837],
  [0.9559, 0.5963],
  [0.9354, 0.6521],
  [0.9354, 0.6647],
  [0.9109, 0.7332],
  [0.8436, 0.777],
  [0.8351, 0.7836],
  [0.8223, 0.7866],
  [0.7762, 0.8208],
  [0.7677, 0.8273],
  [0.7549, 0.8304],
  [0.7464, 0.8369],
  [0.7213, 0.8591],
  [0.7003, 0.8711],
  [0.6876, 0.8742],
  [0.6791, 0.8807],
  [0.654, 0.9029],
  [0.6327, 0.9124],
  [0.6117, 0.9245],
  [0.5866, 0.9466],
  [0.5653, 0.9562],
  [0.498, 1.0],
];

describe('Genius Itex–Cypress (agreement.md §7.1)', () => {
  const pr = load('ItexvsCypress', 'ItexvsCypress_domain.xml', [
    'ItexvsCypress_Itex.xml',
    'ItexvsCypress_Cypress.xml',
  ]);
  const us = pr.parties.map((p) => utilitiesOverSpace(pr.space, p));

  it('has 180 outcomes and the published utility ranges', () => {
    expect(pr.space.size).toBe(180);
    expect(close4(Math.min(...us[0]!), 0.0381)).toBe(true);
    expect(close4(Math.max(...us[0]!), 1)).toBe(true);
    expect(close4(Math.min(...us[1]!), 0.04)).toBe(true);
    expect(close4(Math.max(...us[1]!), 1)).toBe(true);
  });

  it('hand check: Itex utility at the Nash outcome', () => {
    const w = [0.28812635, 0.19152905, 0.24212576, 0.27821884];
    const hand = w[0]! * (1 / 30) + w[1]! + w[2]! + w[3]!;
    const i = us[0]!.findIndex((_, j) => {
      const pk = packageAt(pr.space, j);
      return (
        pk.Price === '$3.47' &&
        pk.Delivery === '45 days' &&
        pk.Payment === '30 days after delivery' &&
        pk.Returns === '5% spoilage allowed'
      );
    });
    expect(us[0]![i]).toBeCloseTo(hand, 7);
  });

  it('strict Pareto frontier of 18 points equals the published table', () => {
    const f = paretoFront(us);
    expect(f.length).toBe(18);
    Array.from(f).forEach((j, k) => {
      expect(close4(us[0]![j]!, ITEX_FRONT[k]![0]!)).toBe(true);
      expect(close4(us[1]![j]!, ITEX_FRONT[k]![1]!)).toBe(true);
    });
  });

  it('Nash = KS = egalitarian = utilitarian at the published point and package', () => {
    const a = analyseAgreement(pr);
    expect(a.outcomes).toBe(180);
    expect(a.zopa).toBe(180);
    expect(a.pareto.length).toBe(18);
    expect(a.pareto.every((p) => p.outcomes === 1)).toBe(true);
    for (const pt of [a.nash, a.kalaiSmorodinsky, a.egalitarian, a.utilitarian]) {
      expect(pt).not.toBeNull();
      expect(close4(pt!.utilities[0]!, 0.7215) && close4(pt!.utilities[1]!, 0.6705)).toBe(true);
      expect(pt!.package).toEqual({
        Price: '$3.47',
        Delivery: '45 days',
        Payment: '30 days after delivery',
        Returns: '5% spoilage allowed',
      });
    }
    const u = a.nash!.utilities;
    expect(close4(u[0]! * u[1]!, 0.4837)).toBe(true);
    expect(close4(u[0]! + u[1]!, 1.392)).toBe(true);
  });
});

describe('Genius England–Zimbabwe (agreement.md §7.2)', () => {
  const pr = load('EnglandZimbabwe', 'EnglandZimbabwe_domain.xml', ['England.xml', 'Zimbabwe.xml']);
  const us = pr.parties.map((p) => utilitiesOverSpace(pr.space, p));

  it('has 576 outcomes, the published ranges and a 25-point frontier', () => {
    expect(pr.space.size).toBe(576);
    expect(close4(Math.min(...us[0]!), 0.1101)).toBe(true);
    expect(close4(Math.min(...us[1]!), 0.099)).toBe(true);
    const f = paretoFront(us);
    expect(f.length).toBe(25);
    Array.from(f).forEach((j, k) => {
      expect(close4(us[0]![j]!, EZ_FRONT[k]![0]!)).toBe(true);
      expect(close4(us[1]![j]!, EZ_FRONT[k]![1]!)).toBe(true);
    });
  });

  it('Nash = utilitarian and KS = egalitarian at the published points', () => {
    const f = paretoFront(us);
    const s = bargainingSolutions(us, f, { disagreement: [0, 0] });
    for (const pt of [s.nash, s.utilitarian]) {
      expect(close4(pt!.utilities[0]!, 0.9109) && close4(pt!.utilities[1]!, 0.7332)).toBe(true);
    }
    expect(close4(s.nash!.value, 0.6679)).toBe(true);
    for (const pt of [s.kalaiSmorodinsky, s.egalitarian]) {
      expect(close4(pt!.utilities[0]!, 0.8223) && close4(pt!.utilities[1]!, 0.7866)).toBe(true);
    }
    const nashPkg = packageAt(pr.space, s.nash!.outcome);
    const ksPkg = packageAt(pr.space, s.kalaiSmorodinsky!.outcome);
    expect(nashPkg).toEqual({
      'Size of Fund': '$10 billion',
      'Impact on Other Aid': 'Reduction equal to fund size',
      'Zimbabwe Trade Policy': 'Zimbabwe will increase tariffs on imports',
      'England Trade Policy': 'England will increase imports',
      'Forum on Other Health Issues': 'Creation of committee to discuss creation of fund',
    });
    expect(ksPkg).toEqual({ ...nashPkg, 'Forum on Other Health Issues': 'Creation of fund' });
  });
});

describe('Genius semantics on small inline files (agreement.md §6)', () => {
  const domain = `
<!-- a comment before the declaration -->
<?xml version="1.0"?>
<negotiation_template><utility_space number_of_issues="0"><objective index="1" name="root">
  <issue index="7" name="Colour" type="discrete"><item index="1" value="red"/><item index="2" value="blue $1"/></issue>
  <issue index="3" name="Count" type="integer" lowerbound="-5" upperbound="5"/>
  <issue index="4" name="Level" type="real"><range lowerbound="0" upperbound="10"/></issue>
</objective></utility_space></negotiation_template>`;
  const profile = (
    extra: string,
    realEval = '<evaluator ftype="linear" parameter0="0.5" parameter1="0.1"/>',
  ) => `<utility_space>
  <discount_factor value="0.0"/><objective index="1" name="root">
  <weight index="3" value="0.3"/>
  <issue index="7" name="Colour" type="discrete"><item value="red" evaluation="2"/><item value="blue $1" evaluation="8">
    <similarity_function><item value="red" evaluation="100"/></similarity_function></item></issue>
  <issue index="3" name="Count" type="integer"><evaluator ftype="linear" slope="0.08" offset="0.3"/></issue>
  <issue index="4" name="Level" type="real">${realEval}</issue>
  <weight index="7" value="0.5"/>${extra}
  </objective><reservation value="0.25"/></utility_space>`;
  const dom = readGeniusDomain(domain, 'inline', { realResolution: 3 });

  it('parses past a leading comment and joins by index', () => {
    expect(dom.space.issues.map((i) => i.id)).toEqual(['Colour', 'Count', 'Level']);
    expect(dom.space.issues[1]!.values.length).toBe(11);
    expect(dom.space.issues[2]!.values).toEqual([0, 5, 10]);
  });

  it('divides discrete evaluations by the maximum, shifts integers by the lower bound, discount 0 means none', () => {
    const p = readGeniusProfile(dom, profile('<weight index="4" value="0.2"/>'), 'p');
    expect(Array.from(p.evals[0]!)).toEqual([0.25, 1]);
    expect(p.evals[1]![0]).toBeCloseTo(0.3, 12); // eval(-5) = 0.3
    expect(p.evals[1]![10]).toBeCloseTo(1.0, 12); // eval(5) = clamp(0.08*10+0.3) = 1
    expect(Array.from(p.evals[2]!)).toEqual([0.5, 1, 1]); // clamp(0.1x + 0.5), unshifted
    expect(p.discount).toBe(1);
    expect(p.reservation).toBe(0.25);
    expect(Array.from(p.weights)).toEqual([0.5, 0.3, 0.2]);
  });

  it('evaluates triangular real evaluators', () => {
    const p = readGeniusProfile(
      dom,
      profile(
        '<weight index="4" value="0.2"/>',
        '<evaluator ftype="triangular" parameter0="0" parameter1="10" parameter2="4"/>',
      ),
      'p',
    );
    expect(Array.from(p.evals[2]!)).toEqual([0, 5 / 6, 0]);
  });

  it('caps utilities at 1 (weights used as written)', () => {
    const p = readGeniusProfile(dom, profile('<weight index="4" value="0.4"/>'), 'p');
    const u = utilitiesOverSpace(dom.space, p);
    expect(Math.max(...u)).toBe(1);
  });

  it('reports a missing weight, an unknown value and unsupported evaluators as format errors', () => {
    expect(() => readGeniusProfile(dom, profile(''), 'p')).toThrow(/no <weight> for issue 4/);
    expect(() =>
      readGeniusProfile(
        dom,
        profile('<weight index="4" value="0.2"/>').replace('value="red"', 'value="green"'),
        'p',
      ),
    ).toThrow(GeniusFormatError);
    expect(() =>
      readGeniusProfile(
        dom,
        profile('<weight index="4" value="0.2"/>', '<evaluator ftype="faratin" parameter0="0"/>'),
        'p',
      ),
    ).toThrow(/faratin/);
    expect(() => readGeniusDomain('<a><b/>', 'broken.xml')).toThrow(GeniusFormatError);
    const d10 = readGeniusDomain(readFileSync(dataFile('genius', '10issues', '10issues-domain.xml'), 'utf8'));
    expect(d10.space.size).toBe(1e10);
  });

  it('Laptop-C: the profile whose weights sum to 1.0001 is capped at 1', () => {
    const pr = load('LaptopC', 'Laptop-C-domain.xml', ['Laptop-C-prof1.xml', 'Laptop-C-prof2.xml']);
    expect(pr.space.size).toBe(27);
    for (const p of pr.parties) {
      const u = utilitiesOverSpace(pr.space, p);
      expect(Math.max(...u)).toBeLessThanOrEqual(1);
      const sumW = p.weights.reduce((a, b) => a + b, 0);
      expect(Math.max(...u)).toBeCloseTo(Math.min(1, sumW), 12);
    }
  });
});
