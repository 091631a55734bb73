/** Loading helpers for the conflict tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFile } from '../helpers/shared.js';
import { conflictFromDocument, parseConflictText, type CompiledConflict } from '../../src/conflict/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const fixtureDir = path.resolve(here, '../fixtures/conflict');

export function loadFixture(file: string, caseId?: string): CompiledConflict {
  const r = parseConflictText(
    readFileSync(path.join(fixtureDir, file), 'utf8'),
    caseId === undefined ? {} : { caseId },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

export function loadShared(caseId: string): CompiledConflict {
  const doc = JSON.parse(readFileSync(dataFile('gmcr', 'fixtures.json'), 'utf8')) as unknown;
  const r = conflictFromDocument(doc, { caseId });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** Decimal codes of the 12 Elmira states in ordered numbering (ordered n → codes[n - 1]). */
export const ELMIRA_CODES = [2, 3, 4, 5, 8, 9, 18, 19, 20, 21, 24, 25];
export const ordered = (...ns: number[]): number[] =>
  ns.map((n) => ELMIRA_CODES[n - 1]!).sort((a, b) => a - b);
export const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k);
