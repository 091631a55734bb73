/** DEU III reader on the shipped deu3.tsv (layout and counts from data/deu/NOTICE.md and §8.3). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deuIssueProblem, importDeuTsv } from '../../src/importers/deu.js';
import { dataFile } from '../helpers/shared.js';

const data = importDeuTsv(readFileSync(dataFile('deu', 'deu3.tsv'), 'utf8'), 'deu3.tsv');

describe('DEU III reader', () => {
  it('reads 30 actors in column order and the GDP row of NOTICE.md', () => {
    expect(data.actors).toHaveLength(30);
    expect(data.actors.slice(0, 4)).toEqual(['com', 'ep', 'at', 'be']);
    expect(data.actors[29]).toBe('uk');
    const g = Object.fromEntries(data.actors.map((a, i) => [a, data.gdp[i]]));
    expect(g).toMatchObject({ com: 4.1, ep: 4.1, at: 0.48, de: 4.1, fr: 2.8, uk: 2.64, mt: 0.02, es: 1.46 });
  });

  it('reads 364 issues from 141 proposals; 353 outcomes, 261 reference points', () => {
    expect(data.issues).toHaveLength(364);
    expect(new Set(data.issues.map((i) => i.proposal)).size).toBe(141);
    expect(data.issues.filter((i) => !Number.isNaN(i.outcome))).toHaveLength(353);
    expect(data.issues.filter((i) => !Number.isNaN(i.referencePoint))).toHaveLength(261);
  });

  it('keeps blanks as missing; com has 359 positions and ep 312 (NOTICE.md)', () => {
    expect(data.issues.filter((i) => !Number.isNaN(i.position[0]!))).toHaveLength(359);
    expect(data.issues.filter((i) => !Number.isNaN(i.position[1]!))).toHaveLength(312);
    const first = data.issues[0]!;
    expect(first).toMatchObject({ id: 'd00032i1', proposal: 'd00032', proposalName: 'documents', line: 3 });
    expect(first.position[0]).toBe(100); // pcom
    expect(Number.isNaN(first.position[4]!)).toBe(true); // pbu: not a member yet
  });

  it('builds a one-issue problem over the coded actors; blank salience → 0', () => {
    const iss = data.issues[0]!;
    const p = deuIssueProblem(data, iss);
    const coded = Array.from(iss.position).filter((x) => !Number.isNaN(x)).length;
    expect(p.actors).toHaveLength(coded);
    expect(p.issues).toEqual([{ id: 'd00032i1', lo: 0, hi: 100 }]);
    expect(p.capability[0]).toBe(4.1);
    for (let i = 0; i < p.actors.length; i++) expect(p.salience[i]).toBeLessThanOrEqual(1);
  });

  it('treats values outside [0, 100] as missing', () => {
    const text = [
      '"isnr"\t"prnr"\t"prname"\t"council"\t"proc"\t"counvte"\t"pcom"\t"scom"\t"rp"\t"out"',
      '"i1"\t"p1"\t"x"\t"G"\t"COD"\t"QMV"\t999\t50\t-1\t40',
    ].join('\n');
    const d = importDeuTsv(text);
    expect(d.issues).toHaveLength(1);
    expect(Number.isNaN(d.issues[0]!.position[0]!)).toBe(true);
    expect(Number.isNaN(d.issues[0]!.referencePoint)).toBe(true);
    expect(d.issues[0]!.outcome).toBe(40);
  });
});
