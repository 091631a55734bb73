import { describe, expect, it } from 'vitest';
import {
  evalPreferenceStatement,
  lexicographicRanks,
  parsePreferenceStatement,
  PreferenceStatementError,
} from '../../src/conflict/index.js';
import { Rng } from './randomModels.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const resolve = (x: string): number | undefined => (ids.includes(x) ? ids.indexOf(x) : undefined);
const bit = (code: number, k: number): boolean => ((code >> k) & 1) === 1;

describe('preference statements (§5.3)', () => {
  it('operators and precedence: not > and > or > if > iff', () => {
    const cases: [string, (c: number) => boolean][] = [
      ['a', (c) => bit(c, 0)],
      ['-a', (c) => !bit(c, 0)],
      ['not a & b', (c) => !bit(c, 0) && bit(c, 1)],
      ['a, b | c', (c) => (bit(c, 0) && bit(c, 1)) || bit(c, 2)],
      ['a | b & c', (c) => bit(c, 0) || (bit(c, 1) && bit(c, 2))],
      ['a if b', (c) => !bit(c, 1) || bit(c, 0)],
      ['a iff b', (c) => bit(c, 0) === bit(c, 1)],
      ['a | b if c iff d', (c) => (!bit(c, 2) || bit(c, 0) || bit(c, 1)) === bit(c, 3)],
      ['!(a or b) and c', (c) => !(bit(c, 0) || bit(c, 1)) && bit(c, 2)],
    ];
    for (const [text, f] of cases) {
      const st = parsePreferenceStatement(text, resolve);
      for (let c = 0; c < 16; c++) expect(evalPreferenceStatement(st, c), `${text} at ${c}`).toBe(f(c));
    }
  });

  it('rejects unknown options and malformed text', () => {
    expect(() => parsePreferenceStatement('a & zz', resolve)).toThrow(PreferenceStatementError);
    expect(() => parsePreferenceStatement('a &', resolve)).toThrow(/ends too early/);
    expect(() => parsePreferenceStatement('(a | b', resolve)).toThrow(/missing/);
    expect(() => parsePreferenceStatement('a b', resolve)).toThrow(/unexpected/);
  });

  it('scores are the lexicographic order of truth vectors, also for more than 52 statements', () => {
    const rng = new Rng(3);
    for (const K of [1, 5, 30, 31, 60, 100]) {
      const sts = Array.from({ length: K }, () => {
        const a = ids[rng.int(0, 5)]!;
        const b = ids[rng.int(0, 5)]!;
        return parsePreferenceStatement(
          rng.pick([`${a}`, `-${a} | ${b}`, `${a} & -${b}`, `${a} iff ${b}`]),
          resolve,
        );
      });
      const codes = Int32Array.from({ length: 64 }, (_, k) => k);
      const ranks = lexicographicRanks(sts, codes);
      const vecs = Array.from(codes, (c) =>
        sts.map((s) => (evalPreferenceStatement(s, c) ? '1' : '0')).join(''),
      );
      for (let x = 0; x < 64; x++)
        for (let y = 0; y < 64; y++) {
          const vx = vecs[x]!;
          const vy = vecs[y]!;
          expect(Math.sign(ranks[x]! - ranks[y]!), `K=${K}`).toBe(vx === vy ? 0 : vx > vy ? 1 : -1);
        }
    }
  });
});
