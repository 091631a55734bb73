/** KTAB CSV and XML importers (reference/forecast-models.md §6.1, §6.2, P3–P6, P10–P11). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { at } from '../../src/forecast/problem.js';
import { importKtabCsv, importKtabXml } from '../../src/importers/ktab.js';
import { dataFile } from '../helpers/shared.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ktab');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const shared = (name: string): string => readFileSync(dataFile('ktab', name), 'utf8');

describe('importKtabCsv on the shipped KTAB files', () => {
  it('reads dummyData_3Dim: names trimmed, issue ids from the position headers, 0–100 scale, salience in [0,1]', () => {
    const { problem, title, description, options } = importKtabCsv(
      shared('dummyData_3Dim.csv'),
      'dummyData_3Dim.csv',
    );
    expect(title).toBe('DummyData_3Dim');
    expect(description).toBe('Dummy scenario to test reading format');
    expect(options).toEqual({});
    expect(problem.actors).toEqual([
      'SActor-00',
      'SActor-01',
      'SActor-02',
      'SActor-03',
      'SActor-04',
      'SActor-05',
      'SActor-06',
    ]);
    expect(problem.issues).toEqual([
      { id: 'Pstn1', lo: 0, hi: 100 },
      { id: 'Pstn2', lo: 0, hi: 100 },
      { id: 'Pstn3', lo: 0, hi: 100 },
    ]);
    // Values as echoed in KTAB's own log of this file (golden/20170530_ref-dummyData_3Dim.txt).
    expect(problem.capability[0]).toBe(102.543);
    expect(problem.position[at(problem, 2, 2)]).toBe(0.07);
    expect(problem.salience[at(problem, 6, 2)]).toBeCloseTo(0.2603, 15);
    expect(problem.position[at(problem, 3, 1)]).toBe(50.82);
  });

  it('the no-final-comma variant holds the same data', () => {
    const a = importKtabCsv(shared('dummyData_3Dim.csv'));
    const b = importKtabCsv(shared('dummyData_3Dim-no-final-comma.csv'));
    expect(b.problem).toEqual(a.problem);
    expect(b.title).toBe('Scenario-0x89B9E56731783372');
  });

  it('reads SOE-Pol-Comp: "Policy Position" → Policy, padded capabilities', () => {
    const { problem } = importKtabCsv(shared('SOE-Pol-Comp.csv'));
    expect(problem.issues.map((i) => i.id)).toEqual(['Policy', 'Competitive']);
    expect(problem.actors.length).toBe(13);
    expect(problem.actors[12]).toBe('WY');
    expect(problem.capability[1]).toBe(60.2);
  });

  it('reads dummyData_6Dim (CRLF, extra empty fields on line 1) and the large random sets', () => {
    const six = importKtabCsv(shared('dummyData_6Dim.csv'));
    expect(six.problem.actors.length).toBe(27);
    expect(six.problem.issues.map((i) => i.id)).toEqual(['Dim0', 'Dim1', 'Dim2', 'Dim3', 'Dim4', 'Dim5']);
    for (const [file, n] of [
      ['dummyData-a040.csv', 40],
      ['dummyData-a080.csv', 80],
      ['dummyData-a160.csv', 160],
      ['SOE-Policy.csv', 26],
      ['SOE-Competitive.csv', 34],
    ] as const) {
      const { problem } = importKtabCsv(shared(file), file);
      expect(problem.actors.length).toBe(n);
      expect(new Set(problem.actors).size).toBe(n);
    }
    expect(importKtabCsv(shared('dummyData-a040.csv')).problem.issues[0]!.id).toBe('XYZ');
  });

  it('handles quotes, doubled quotes, padded fields, CRLF and a missing trailing comma (invented fixture)', () => {
    const { problem, title, description, actorDescriptions } = importKtabCsv(fixture('toy.csv'), 'toy.csv');
    expect(title).toBe('Ceasefire talks');
    expect(description).toBe('Two-dimension toy scenario, invented');
    expect(problem.actors).toEqual(['GovA', 'RebB', 'MedC']);
    expect(actorDescriptions).toEqual({
      GovA: 'Government "A" delegation',
      RebB: 'Armed opposition',
      MedC: 'Regional mediator',
    });
    expect(problem.issues.map((i) => i.id)).toEqual(['Security', 'Aid']);
    expect(Array.from(problem.position)).toEqual([20, 50, 75, 40, 50, 55]);
    expect(Array.from(problem.salience)).toEqual([0.6, 0.3, 0.7, 0.2, 0.3, 0.4]);
  });

  it('accepts CR-only line endings and a byte-order mark', () => {
    const text = '\ufeff' + shared('dummyData_3Dim.csv').replace(/\r?\n/g, '\r');
    expect(importKtabCsv(text).problem).toEqual(importKtabCsv(shared('dummyData_3Dim.csv')).problem);
  });
});

describe('importKtabCsv errors name the file, the line and the field', () => {
  const good = fixture('toy.csv').split('\r\n');
  const edit = (line: number, text: string): string =>
    good.map((l, i) => (i === line - 1 ? text : l)).join('\n');

  it.each([
    [
      edit(3, 'GovA,Gov,eighty,20,60,50,30,'),
      /^bad\.csv, line 3: capability of GovA \(field 3\): "eighty" is not a number$/,
    ],
    [
      edit(4, 'RebB,Armed,50,,70,40,20,'),
      /^bad\.csv, line 4: position of RebB on Security \(field 4\): missing number/,
    ],
    [
      edit(5, 'MedC,Mediator,30,50,30,155,40'),
      /^bad\.csv, line 5: position of MedC on Aid: 155 lies outside \[0, 100\]$/,
    ],
    [
      edit(5, 'MedC,Mediator,30,50,70,55,40'),
      /^bad\.csv, line 5: saliences of MedC: sum to 110, more than 100$/,
    ],
    [edit(5, 'MedC,Mediator,0,50,30,55,40'), /^bad\.csv, line 5: capability of MedC: must be > 0; got 0$/],
    [edit(5, 'GovA,Mediator,30,50,30,55,40'), /^bad\.csv, line 5: actor name: "GovA" is used twice$/],
    [edit(5, 'MedC,Mediator,30,50,30,55'), /^bad\.csv, line 5: row of actor MedC: has 6 fields, expected 7$/],
    [
      edit(5, 'MedC,Mediator,30,50,30,55,40,99'),
      /^bad\.csv, line 5: row of actor MedC, field 8: unexpected extra value "99"/,
    ],
    [
      edit(1, 'Talks,Toy,2,2,'),
      /^bad\.csv, line 1: number of actors \(field 3\): must be an integer from 3 to 250; got 2$/,
    ],
    [
      edit(1, 'Talks,Toy,3,0,'),
      /^bad\.csv, line 1: number of dimensions \(field 4\): must be an integer ≥ 1; got 0$/,
    ],
    [
      edit(1, 'Talks,Toy,4,2,'),
      /^bad\.csv, line \d+: actor rows: the file declares 4 actors but has only 3$/,
    ],
    [edit(1, 'Talks,Toy,2.5,2,'), /number of actors.*got 2\.5/],
    [edit(3, 'GovA,"Gov,80,20,60,50,30,'), /^bad\.csv, line 3: field 2: unterminated double quote$/],
    [
      good.join('\n') + 'Extra,Row,1,1,1,1,1\n',
      /^bad\.csv, line 6: actor rows: the file declares 3 actors but has more rows$/,
    ],
    ['', /^bad\.csv, line 1: scenario line: the file is empty$/],
    [
      edit(2, 'Actor,Description,Power,Aid Position,Security Salience,Aid Position,Aid Salience,'),
      /^bad\.csv, line 2: dimension name: "Aid" is used twice$/,
    ],
    [edit(4, ' ,Armed,50,75,70,40,20,'), /^bad\.csv, line 4: actor name: empty$/],
  ])('case %#', (text, message) => {
    expect(() => importKtabCsv(text, 'bad.csv')).toThrow(message);
  });

  it('uses a generic file name when none is given', () => {
    expect(() => importKtabCsv(edit(3, 'GovA,Gov,x,20,60,50,30,'))).toThrow(
      /^KTAB CSV, line 3: capability of GovA/,
    );
  });
});

describe('importKtabXml', () => {
  it('reads dummyData_3Dim.xml (BOM, no IdealAdjustment) into the same problem as the CSV, with its seed', () => {
    const xml = importKtabXml(shared('dummyData_3Dim.xml'), 'dummyData_3Dim.xml');
    const csv = importKtabCsv(shared('dummyData_3Dim.csv'));
    expect(xml.problem).toEqual(csv.problem);
    expect(xml.title).toBe('DummyData_3Dim');
    expect(xml.options).toEqual({ seed: 3707583219545544125n });
  });

  it('reads the options, seed and accommodation pairs of smpExample.xml once its blank coordinate is filled (P5)', () => {
    const text = shared('smpExample.xml').replace('<dCoord></dCoord>', '<dCoord>52.8</dCoord>');
    const { problem, options } = importKtabXml(text, 'smpExample.xml');
    expect(problem.actors).toEqual(['Alice', 'Bob', 'Carol', 'David', 'Ellie']);
    expect(problem.issues.map((i) => i.id)).toEqual(['FirstDim', 'SecondDim', 'YADN']);
    expect(problem.position[0]).toBe(52.8);
    expect(options).toMatchObject({
      seed: 3507583219545544127n,
      victoryProbModel: 'Linear',
      pceModel: 'MarkovIncentive',
      stateTransitions: 'Stochastic',
      votingRule: 'PropCbc',
      bigRAdjust: 'OneThird',
      bigRRange: 'Mid',
      thirdPartyCommit: 'SemiCommit',
      interVecBrgn: 'S2P2',
      bargnModel: 'InitOnlyInterp',
    });
    expect(options.idealAdjustment).toEqual([
      { actor: 'Alice', reference: 'Alice', adjust: 0.87 },
      { actor: 'Bob', reference: 'Bob', adjust: 0.75 },
      { actor: 'Bob', reference: 'Alice', adjust: 0.07 },
      { actor: 'Carol', reference: 'Carol', adjust: 0.65 },
      { actor: 'Carol', reference: 'David', adjust: 0.13 },
      { actor: 'David', reference: 'David', adjust: 0.57 },
    ]);
  });

  it('rejects the shipped smpExample.xml: its first <dCoord> is empty, never read as 0 (P5)', () => {
    expect(() => importKtabXml(shared('smpExample.xml'), 'smpExample.xml')).toThrow(
      /^smpExample\.xml, line 32: <dCoord> 1 \(FirstDim\) of Alice: missing number \(the field is empty\)$/,
    );
  });

  it('accepts the schema spellings (Proportional, No) and any letter case, writing the code spellings (P3)', () => {
    const { problem, options, description, actorDescriptions } = importKtabXml(
      fixture('toy-schema-spellings.xml'),
    );
    expect(description).toBe('One-dimension illustration');
    expect(actorDescriptions!.South).toBe('s & co');
    expect(problem.actors).toEqual(['North', 'South', 'Broker']);
    expect(options).toEqual({
      seed: 12345n,
      victoryProbModel: 'Square',
      pceModel: 'MarkovUniform',
      stateTransitions: 'Stochastic',
      votingRule: 'Prop',
      bigRAdjust: 'None',
      bigRRange: 'Max',
      thirdPartyCommit: 'FullCommit',
      interVecBrgn: 'S1P1',
      bargnModel: 'PWCompInterp',
      idealAdjustment: [
        { actor: 'South', reference: 'South', adjust: 0.9 },
        { actor: 'South', reference: 'Broker', adjust: 0.1 },
      ],
    });
  });

  const toyXml = fixture('toy-schema-spellings.xml');
  it.each([
    [
      toyXml.replace('<VotingRule>Proportional</VotingRule>', '<VotingRule>Majority</VotingRule>'),
      /^toy\.xml, line 11: <VotingRule>: "Majority" is not one of Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp$/,
    ],
    [
      toyXml.replace('<adjust>0.9</adjust>', '<adjust>1</adjust>'),
      /^toy\.xml, line 29: <IdealAdjustment> row of South: sums to 1\.1 > 1/,
    ],
    [
      toyXml.replace('<referencePos>Broker</referencePos>', '<referencePos>West</referencePos>'),
      /^toy\.xml, line 29: <referencePos>: unknown actor "West"$/,
    ],
    [
      toyXml.replace('<prngSeed>000012345</prngSeed>', '<prngSeed>-4</prngSeed>'),
      /^toy\.xml, line 6: <prngSeed>: "-4" is not an unsigned 64-bit decimal integer$/,
    ],
    [
      toyXml.replace('<prngSeed>000012345</prngSeed>', '<prngSeed>18446744073709551616</prngSeed>'),
      /<prngSeed>: "18446744073709551616" is not/,
    ],
    [
      toyXml.replace('<capability>60</capability>', '<capability>lots</capability>'),
      /^toy\.xml, line 22: <capability> of South: "lots" is not a number$/,
    ],
    [
      toyXml.replace('<dSal>30</dSal>', '<dSal>130</dSal>'),
      /^toy\.xml, line 24: salience of Broker on Timetable: 130 lies outside \[0, 100\]$/,
    ],
    [
      toyXml.replace(
        '<Position><dCoord>10</dCoord></Position>',
        '<Position><dCoord>10</dCoord><dCoord>20</dCoord></Position>',
      ),
      /^toy\.xml, line 20: <Position> of North: has 2 <dCoord>, expected 1/,
    ],
    [
      toyXml.replace(/<Actor><name>Broker[\s\S]*?<\/Actor>/, ''),
      /^toy\.xml, line 19: <Actors>: needs at least three <Actor> elements; got 2$/,
    ],
    [
      toyXml.replace('<name>South</name>', '<name>North</name>'),
      /^toy\.xml, line 22: actor name: "North" is used twice$/,
    ],
    [
      toyXml.replace('<Dimensions><dName>Timetable</dName></Dimensions>', ''),
      /^toy\.xml, line 3: <Dimensions> in <Scenario>: missing$/,
    ],
    [toyXml.replace('</Actors>', '</Actor>'), /^toy\.xml, line 26: XML syntax: /],
  ])('error case %#', (text, message) => {
    expect(() => importKtabXml(text, 'toy.xml')).toThrow(message);
  });

  it('rejects a file that is not an SMP scenario (the Reform Priorities example)', () => {
    expect(() => importKtabXml(shared('reformpri-ex01.xml'), 'reformpri-ex01.xml')).toThrow(
      /^reformpri-ex01\.xml, line 12: <prngSeed> in <Scenario>: missing$/,
    );
    expect(() => importKtabXml('', 'e.xml')).toThrow(/^e\.xml, line 1: XML syntax: /);
    expect(() => importKtabXml('<?xml version="1.0"?>\n<Foo/>', 'f.xml')).toThrow(
      /^f\.xml, line 1: <Scenario>: missing/,
    );
  });
});
