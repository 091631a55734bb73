import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../helpers/shared.js';
import {
  analyzeStability,
  conflictFromDocument,
  individualUnits,
  limitedMoveStability,
  conflictStateName as stateName,
  type ConflictConcept as Concept,
} from '../../src/conflict/index.js';

const fixtures = JSON.parse(readFileSync(dataFile('gmcr', 'fixtures.json'), 'utf8')) as Record<
  string,
  {
    decisionMakers: string[];
    expected: Record<string, { equilibria: number[]; stableByDM: Record<string, number[]> }>;
  }
>;
const conceptKey: Record<string, Concept> = { Nash: 'nash', GMR: 'gmr', SMR: 'smr', SEQ: 'seq' };

describe('GMCR fixtures (shared/data/gmcr)', () => {
  for (const [caseId, fx] of Object.entries(fixtures)) {
    it(`${caseId}: every stable set and equilibrium`, () => {
      const r = conflictFromDocument(fixtures, { caseId });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const model = r.value;
      const table = analyzeStability(model, individualUnits(model), ['nash', 'gmr', 'smr', 'seq']);
      const list = (a: Uint8Array): number[] =>
        [...a.keys()].filter((s) => a[s]).map((s) => stateName(model, s));
      let checked = 0;
      for (const [c, exp] of Object.entries(fx.expected)) {
        const lh = /^L(\d+)$/.exec(c);
        if (lh) {
          // Limited move L_h (two decision makers; lowest-numbered state wins ties).
          const st = limitedMoveStability(model, Number(lh[1]));
          fx.decisionMakers.forEach((dm, k) =>
            expect(list(st[k]!), `${c} ${dm}`).toEqual(exp.stableByDM[dm]),
          );
          const eq = st[0]!.map((v, s) => v & st[1]![s]!);
          expect(list(eq), `${c} equilibria`).toEqual(exp.equilibria);
          checked++;
          continue;
        }
        const key = conceptKey[c];
        if (!key) throw new Error(`unexpected concept ${c} in the fixtures`);
        expect(list(table.equilibria[key]!), `${c} equilibria`).toEqual(exp.equilibria);
        fx.decisionMakers.forEach((dm, k) => {
          expect(list(table.stable[k]![key]!), `${c} ${dm}`).toEqual(exp.stableByDM[dm]);
        });
        checked++;
      }
      expect(checked).toBe(Object.keys(fx.expected).length);
      expect(checked).toBeGreaterThanOrEqual(4);
    });
  }
});
