import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyseAgreement,
  decodeOutcome,
  readGeniusDomain,
  readGeniusProfile,
  runSao,
  STRATEGIES,
  utilitiesOverSpace,
  utilityOf,
} from '../../src/agreement/index.js';
import { dataFile } from '../helpers/shared.js';

/**
 * Oracle written from agreement.md §6.5 on issue *values*: rectangles as plain objects read with regular expressions,
 * no shared code with the library's reader.
 */
interface ORect {
  utility: number;
  weight: number;
  kind: 'INCLUDES' | 'EXCLUDES' | 'none';
  bounds: { index: string; min: number; max: number }[];
}
interface OUfun {
  agg: string;
  weight: number;
  rects: ORect[];
  kids: OUfun[];
}
function oracleUfun(xml: string): { max: number; ufun: OUfun } {
  const max = Number(/maxutility="([^"]+)"/.exec(xml)![1]);
  // Tokenise ufun / hyperRectangle / bound tags in document order.
  const tags = xml.match(
    /<\/?ufun[^>]*>|<hyperRectangle[^>]*\/?>|<\/hyperRectangle>|<(INCLUDES|EXCLUDES)[^>]*\/>/g,
  )!;
  const stack: OUfun[] = [];
  let root: OUfun | null = null;
  let rect: ORect | null = null;
  const attr = (t: string, a: string): string | undefined => new RegExp(`\\b${a}="([^"]*)"`).exec(t)?.[1];
  for (const t of tags) {
    if (t.startsWith('<ufun')) {
      const f: OUfun = {
        agg: attr(t, 'aggregation') ?? 'sum',
        weight: Number(attr(t, 'weight') ?? 1),
        rects: [],
        kids: [],
      };
      if (stack.length > 0) stack[stack.length - 1]!.kids.push(f);
      else root ??= f;
      stack.push(f);
    } else if (t.startsWith('</ufun')) stack.pop();
    else if (t.startsWith('<hyperRectangle')) {
      rect = {
        utility: Number(attr(t, 'utility')),
        weight: Number(attr(t, 'weight') ?? 1),
        kind: 'none',
        bounds: [],
      };
      stack[stack.length - 1]!.rects.push(rect);
      if (t.endsWith('/>')) rect = null;
    } else if (t.startsWith('</hyperRectangle')) rect = null;
    else if (rect) {
      rect.kind = t.startsWith('<INCLUDES') ? 'INCLUDES' : 'EXCLUDES';
      rect.bounds.push({
        index: attr(t, 'index')!,
        min: Number(attr(t, 'min')),
        max: Number(attr(t, 'max')),
      });
    }
  }
  return { max, ufun: root! };
}
function oracleValue(f: OUfun, bid: Record<string, number>): number {
  const vals = [
    ...f.rects.map((r) => {
      const inside = r.bounds.every((b) => bid[b.index]! >= b.min && bid[b.index]! <= b.max);
      const hit = r.kind === 'none' ? true : r.kind === 'INCLUDES' ? inside : !inside;
      return hit ? r.utility * r.weight : 0;
    }),
    ...f.kids.map((k) => k.weight * oracleValue(k, bid)),
  ];
  if (f.agg === 'min') return Math.min(2147483647, ...vals);
  if (f.agg === 'max') return Math.max(-2147483647, ...vals);
  return vals.reduce((a, b) => a + b, 0);
}

const domainXml = `<negotiation_template><utility_space><objective index="0" name="root">
  <issue index="1" name="a" type="integer" lowerbound="1" upperbound="4"/>
  <issue index="2" name="b" type="integer" lowerbound="0" upperbound="3"/>
  <issue index="3" name="c" type="integer" lowerbound="-2" upperbound="1"/>
</objective></utility_space></negotiation_template>`;
const profileXml = `<utility_space type="nonlinear"><objective index="0" name="root">
  <utility maxutility="40"><ufun type="PlainUfun" weight="1" aggregation="sum">
    <hyperRectangle utility="10"><INCLUDES index="1" min="2" max="3"/><INCLUDES index="3" min="-1" max="1"/></hyperRectangle>
    <hyperRectangle utility="7" weight="2"><EXCLUDES index="2" min="1" max="2"/></hyperRectangle>
    <hyperRectangle utility="3"/>
    <ufun weight="0.5" aggregation="min">
      <hyperRectangle utility="20"><INCLUDES index="2" min="0" max="1"/></hyperRectangle>
      <hyperRectangle utility="12"><INCLUDES index="1" min="1" max="2"/></hyperRectangle>
    </ufun>
  </ufun></utility></objective><reservation value="0.2"/></utility_space>`;

describe('Genius nonlinear hyper-rectangle profiles (agreement.md §6.5)', () => {
  it('matches the definition on every package of a small domain', () => {
    const dom = readGeniusDomain(domainXml);
    const p = readGeniusProfile(dom, profileXml, 'p');
    expect(p.reservation).toBe(0.2);
    const o = oracleUfun(profileXml);
    const u = utilitiesOverSpace(dom.space, p);
    const lv = new Int32Array(3);
    for (let i = 0; i < dom.space.size; i++) {
      decodeOutcome(dom.space, i, lv);
      const bid = { '1': 1 + lv[0]!, '2': lv[1]!, '3': -2 + lv[2]! };
      expect(u[i]).toBeCloseTo(Math.min(1, oracleValue(o.ufun, bid) / o.max), 12);
    }
  });

  it('reads the ANAC 2014 10issues profiles (leading comment, 20 rectangles, maxutility 662 / 885)', () => {
    const dom = readGeniusDomain(readFileSync(dataFile('genius', '10issues', '10issues-domain.xml'), 'utf8'));
    const texts = ['profile-1.xml', 'profile-2.xml'].map((f) =>
      readFileSync(dataFile('genius', '10issues', f), 'utf8'),
    );
    const ps = texts.map((t, i) => readGeniusProfile(dom, t, `p${i + 1}`));
    expect(ps.map((p) => p.nonlinear!.maxUtility)).toEqual([662, 885]);
    expect(ps.map((p) => p.nonlinear!.ufun.rects.length)).toEqual([20, 20]);
    const oracles = texts.map(oracleUfun);
    const lv = new Int32Array(10);
    for (let s = 0; s < 200; s++) {
      let x = (s * 2654435761) >>> 0;
      for (let k = 0; k < 10; k++) {
        lv[k] = x % 10;
        x = Math.floor(x / 10) + s * 7 + k;
      }
      const bid = Object.fromEntries(Array.from(lv, (v, k) => [String(k + 1), v]));
      ps.forEach((p, i) =>
        expect(utilityOf(p, lv)).toBeCloseTo(
          Math.min(1, oracleValue(oracles[i]!.ufun, bid) / oracles[i]!.max),
          12,
        ),
      );
    }
    // 10^10 packages: the analysis samples (seeded), and a negotiation runs on sampled offer indexes.
    const pr = { space: dom.space, parties: ps, source: 'genius' as const };
    const a = analyseAgreement(pr, { samples: 20_000, seed: 2 });
    expect(a.sampled).toBe(true);
    expect(a.pareto.length).toBeGreaterThan(0);
    // The frontier shipped with the domain (pareto.xml, plain text) cannot be dominated by any package we evaluated.
    const published = readFileSync(dataFile('genius', '10issues', 'pareto.xml'), 'utf8')
      .trim()
      .split(/\n/)
      .map((l) => l.split(',').map(Number));
    expect(published.length).toBe(10);
    for (const q of published)
      for (const pt of a.pareto)
        expect(pt.utilities[0]! > q[0]! + 1e-6 && pt.utilities[1]! > q[1]! + 1e-6).toBe(false);
    const r1 = runSao(pr, { strategy: STRATEGIES.conceder, seed: 3, samples: 20_000, maxOutcomes: 1e6 });
    const r2 = runSao(pr, { strategy: STRATEGIES.conceder, seed: 3, samples: 20_000, maxOutcomes: 1e6 });
    expect(r1).toEqual(r2);
    if (r1.outcome !== null)
      for (let i = 0; i < 2; i++) expect(r1.utilities[i]).toBeGreaterThanOrEqual(ps[i]!.reservation);
  });
});
