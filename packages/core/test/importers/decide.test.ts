/** Decide exchange-model CSV reader (§6.3) on the two shipped cases and on invented edge cases. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDecideCsv } from '../../src/importers/decide.js';
import { problemToScenario, scenarioToYaml } from '../../src/importers/toScenario.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { dataFile } from '../helpers/shared.js';

const read = (f: string): string => readFileSync(dataFile('decide', f), 'utf8');

describe('Decide importer on the shipped cases', () => {
  it('cop21: 15 actors, 13 issues, 181 stances, bounds 0–100 (NOTICE.md)', () => {
    const r = importDecideCsv(read('cop21.csv'), 'cop21.csv');
    expect(r.problem.actors).toHaveLength(15);
    expect(r.problem.issues).toHaveLength(13);
    expect(r.problem.actors.slice(0, 3)).toEqual(['African_grp', 'AILAC2', 'AOSISs']);
    expect(r.problem.issues.map((s) => [s.lo, s.hi])).toEqual(new Array(13).fill([0, 100]));
    let coded = 0;
    for (const x of r.problem.position) if (!Number.isNaN(x)) coded++;
    expect(coded).toBe(181);
    // first #D row: African_grp differentiation 70.0 0.75 0.25
    expect(r.problem.position[0]).toBe(70);
    expect(r.problem.salience[0]).toBe(0.75);
    expect(r.power[0]).toBe(0.25);
    expect(r.powerPerActor).toBe(true);
    expect(r.problem.capability[0]).toBe(0.25);
  });

  it('copenhagen: 11 actors, 7 issues, 75 stances; keys with spaces survive', () => {
    const r = importDecideCsv(read('copenhagen.csv'), 'copenhagen.csv');
    expect(r.problem.actors).toHaveLength(11);
    expect(r.problem.issues.map((s) => s.id)).toEqual([
      'Newtreaty',
      'DevlopC2020',
      'Domestred',
      'MRVdecrease',
      'Commitments',
      'Control',
      'Extra',
    ]);
    let coded = 0;
    for (const x of r.problem.position) if (!Number.isNaN(x)) coded++;
    expect(coded).toBe(75);
    expect(r.problem.actors[1]).toBe('EU (incl Norway)');
    // USA MRVdecrease: 90.0, salience 1.0, power 0.26
    expect(r.problem.position[0 * 7 + 3]).toBe(90);
    expect(r.problem.salience[0 * 7 + 3]).toBe(1);
    expect(r.power[3]).toBe(0.26);
  });

  it('exports a scenario that the scenario parser accepts, with sanitised ids', () => {
    const r = importDecideCsv(read('copenhagen.csv'), 'copenhagen.csv');
    const sc = problemToScenario(r.problem, {
      title: 'Copenhagen 2009',
      actorNames: r.actorNames,
      issueNames: r.issueNames,
    });
    const yaml = scenarioToYaml(sc, 'imported');
    const parsed = parseScenario(yaml, 'copenhagen.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    expect(parsed.scenario.actors[1]!.id).toBe('EU_incl_Norway');
    expect(parsed.scenario.actors[1]!.name).toBe('EU (incl Norway)');
    expect(parsed.scenario.positions).toHaveLength(75);
    expect(parsed.scenario.positions[3]).toMatchObject({
      actor: 'USA',
      issue: 'MRVdecrease',
      value: 90,
      salience: 100,
    });
  });
});

describe('Decide importer edge cases (invented inputs)', () => {
  it('reads anchors as bounds (plain min/max, even when a later anchor is lower), quotes and comments', () => {
    const text = [
      "'#A'\t'GovA'\t'Government'\t''",
      "'#A'\t'RebB'\t'Opposition'\t'extra'\t'words'",
      "'#0'\tcomment line",
      "'#P'\t'fee'\t'Entry fee'\t''",
      "'#M'\t'fee'\t200\t'high'",
      "'#M'\t'fee'\t50\t'low'",
      "'#D'\t'GovA'\t'fee'\t80\t0.5\t0.7",
      "'#D'\t'RebB'\t'fee'\t150\t0.25\t0.3",
    ].join('\r\n');
    const r = importDecideCsv(text);
    expect(r.problem.issues[0]).toEqual({ id: 'fee', lo: 50, hi: 200 });
    expect(r.anchors['fee']).toEqual([
      { value: 200, label: 'high' },
      { value: 50, label: 'low' },
    ]);
    expect(Array.from(r.problem.position)).toEqual([80, 150]);
    expect(r.problem.capability[1]).toBe(0.3);
  });

  it('reports the line of a stance on an unknown actor and of a salience out of range', () => {
    const head = "'#A'\t'A'\t'A'\t''\n'#P'\t'p'\t'p'\t''\n";
    expect(() => importDecideCsv(head + "'#D'\t'B'\t'p'\t10\t0.5\t0.5", 'x.csv')).toThrow(
      /x\.csv, line 3: .*unknown actor "B"/,
    );
    expect(() => importDecideCsv(head + "'#D'\t'A'\t'p'\t10\t1.5\t0.5", 'x.csv')).toThrow(
      /line 3: salience must lie in \[0, 1\]/,
    );
    expect(() => importDecideCsv(head + "'#D'\t'A'\t'p'\tten\t0.5\t0.5", 'x.csv')).toThrow(
      /line 3: position must be a number/,
    );
  });

  it('detects comma and semicolon delimiters', () => {
    const r = importDecideCsv('#A;A;A\n#P;p;p\n#D;A;p;30;0.5;1\n');
    expect(r.problem.position[0]).toBe(30);
    const c = importDecideCsv('#A,A,A\n#P,p,p\n#D,A,p,40,0.5,1\n');
    expect(c.problem.position[0]).toBe(40);
  });
});
