/**
 * Acceptance test: KTAB's 2017 reference runs (reference/forecast-models.md §9). Every position at every state
 * within 0.05 on the 0–100 scale (KTAB prints %5.1f), every winning probability within 5e-5 (printed %.4f), every
 * "fractional change" within 5e-5, the exact number of states, and the risk attitudes KTAB logs (%+.3f).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smp } from '../../src/forecast/smp.js';
import { importKtabCsv, importKtabXml } from '../../src/importers/ktab.js';
import { dataFile } from '../helpers/shared.js';

interface Golden {
  states: number;
  positions: Map<string, number[]>; // key "actor|issue"
  probabilities: Map<string, number[]>;
  fractional: number[];
}

function readGolden(name: string): Golden {
  const lines = readFileSync(dataFile('ktab', 'golden', `${name}.history.txt`), 'utf8').split(/\r?\n/);
  const states = Number(/There were (\d+) states/.exec(lines[0]!)![1]);
  const positions = new Map<string, number[]>();
  const probabilities = new Map<string, number[]>();
  let fractional: number[] = [];
  let section = '';
  for (const line of lines.slice(1)) {
    if (line.startsWith('History of actor positions')) section = 'pos';
    else if (line.startsWith("History of actors' winning")) section = 'prob';
    else if (line.startsWith('Fractional change')) section = 'frac';
    else if (line.trim() === '') continue;
    else if (section === 'frac') fractional = line.trim().split(/\s+/).map(Number);
    else {
      const m = /^(.+?), (.+?)\s*:\s+(.*)$/.exec(line)!;
      const values = m[3]!.trim().split(/\s+/).map(Number);
      if (section === 'pos') positions.set(`${m[1]}|${m[2]!.replace(/ Position$/, '')}`, values);
      else probabilities.set(m[1]!, values);
    }
  }
  return { states, positions, probabilities, fractional };
}

/** Every "Inferred risk attitudes" block of a full KTAB log, in order (one per state). */
function readRiskBlocks(logName: string, n: number): number[][] {
  const lines = readFileSync(dataFile('ktab', 'golden', logName), 'utf8').split(/\r?\n/);
  const blocks: number[][] = [];
  lines.forEach((l, i) => {
    if (l.startsWith('Inferred risk attitudes'))
      blocks.push(lines.slice(i + 1, i + 1 + n).map((x) => Number(x.trim())));
  });
  return blocks;
}

const POS_TOL = 0.05 + 1e-9;
const PROB_TOL = 5e-5 + 1e-9;

const cases = [
  {
    name: 'dummyData_3Dim',
    csv: 'dummyData_3Dim.csv',
    log: '20170530_ref-dummyData_3Dim.txt',
    states: 11,
    actors: 7,
  },
  {
    name: 'SOE-Pol-Comp',
    csv: 'SOE-Pol-Comp.csv',
    log: '20170530_ref-SOE-Pol-Comp.txt',
    states: 28,
    actors: 13,
  },
];

describe.each(cases)('KTAB golden run $name', (c) => {
  const golden = readGolden(c.name);
  const imp = importKtabCsv(readFileSync(dataFile('ktab', c.csv), 'utf8'), c.csv);
  const result = smp(imp.problem, imp.options);

  it('has the reference number of states', () => {
    expect(golden.states).toBe(c.states);
    expect(result.rounds.length).toBe(golden.states);
    expect(result.model).toBe('smp');
    expect(result.stop).toMatch(/^converged/);
  });

  it('matches every position at every state to the printed 0.1', () => {
    expect(golden.positions.size).toBe(c.actors * imp.problem.issues.length);
    for (const [key, expected] of golden.positions) {
      const [actor, issue] = key.split('|') as [string, string];
      const got = result.rounds.map((r) => r.positions[actor]![issue]!);
      expect(got.length).toBe(expected.length);
      got.forEach((v, t) => {
        if (Math.abs(v - expected[t]!) > POS_TOL) {
          throw new Error(`${actor} ${issue} state ${t}: got ${v}, KTAB printed ${expected[t]}`);
        }
      });
    }
  });

  it('matches every winning probability at every state to the printed 1e-4', () => {
    expect(golden.probabilities.size).toBe(c.actors);
    for (const [actor, expected] of golden.probabilities) {
      result.rounds.forEach((r, t) => {
        const v = r.probabilities![actor]!;
        if (Math.abs(v - expected[t]!) > PROB_TOL) {
          throw new Error(`${actor} state ${t}: probability ${v}, KTAB printed ${expected[t]}`);
        }
      });
    }
  });

  it('matches the logged fractional change of every step', () => {
    const got = result.details!.fractionalChange as number[];
    expect(got.length).toBe(golden.fractional.length);
    got.forEach((v, t) => expect(Math.abs(v - golden.fractional[t]!)).toBeLessThanOrEqual(PROB_TOL));
  });

  it('matches the risk attitudes KTAB logs for every state', () => {
    const blocks = readRiskBlocks(c.log, c.actors);
    expect(blocks.length).toBe(c.states);
    const risk = result.details!.riskAttitudes as Record<string, number>[];
    blocks.forEach((block, t) => {
      imp.problem.actors.forEach((id, i) =>
        expect(Math.abs(risk[t]![id]! - block[i]!)).toBeLessThanOrEqual(5e-4 + 1e-9),
      );
    });
  });
});

describe('KTAB golden run through other inputs', () => {
  const golden = readGolden('dummyData_3Dim');

  it('the XML version of dummyData_3Dim (no IdealAdjustment, P4) gives the same run', () => {
    const imp = importKtabXml(
      readFileSync(dataFile('ktab', 'dummyData_3Dim.xml'), 'utf8'),
      'dummyData_3Dim.xml',
    );
    const r = smp(imp.problem, imp.options);
    expect(r.rounds.length).toBe(golden.states);
    for (const [key, expected] of golden.positions) {
      const [actor, issue] = key.split('|') as [string, string];
      r.rounds.forEach((round, t) =>
        expect(Math.abs(round.positions[actor]![issue]! - expected[t]!)).toBeLessThanOrEqual(POS_TOL),
      );
    }
  });

  it('an affinely rescaled issue scale gives the same run mapped back (native-scale round trip)', () => {
    const imp = importKtabCsv(readFileSync(dataFile('ktab', 'dummyData_3Dim.csv'), 'utf8'));
    const p = imp.problem;
    const d = p.issues.length;
    const lo = [-1, 10, 0];
    const hi = [1, 20, 1000];
    const position = p.position.map((x, idx) => lo[idx % d]! + (x / 100) * (hi[idx % d]! - lo[idx % d]!));
    const scaled = { ...p, position, issues: p.issues.map((iss, k) => ({ ...iss, lo: lo[k]!, hi: hi[k]! })) };
    const r = smp(scaled);
    expect(r.rounds.length).toBe(golden.states);
    for (const [key, expected] of golden.positions) {
      const [actor, issue] = key.split('|') as [string, string];
      const k = p.issues.findIndex((iss) => iss.id === issue);
      r.rounds.forEach((round, t) => {
        const on100 = (100 * (round.positions[actor]![issue]! - lo[k]!)) / (hi[k]! - lo[k]!);
        expect(Math.abs(on100 - expected[t]!)).toBeLessThanOrEqual(POS_TOL);
      });
    }
  });
});
