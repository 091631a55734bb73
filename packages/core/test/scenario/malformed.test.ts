/**
 * Malformed scenario files: each must be reported at the right line and column with a message an analyst
 * understands. The expected position is found independently in the text: the line and column where `at` first occurs
 * (after `after`, when given).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario } from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = readFileSync(path.join(here, '../fixtures/scenario/minimal.yaml'), 'utf8');

interface Case {
  name: string;
  text: string;
  at: string;
  after?: string;
  message: RegExp;
  pointer?: string;
}

function swap(from: string, to: string): string {
  if (!base.includes(from)) throw new Error(`fixture lacks ${from}`);
  return base.replace(from, to);
}

function where(text: string, at: string, after?: string): { line: number; column: number } {
  const start = after ? text.indexOf(after) : 0;
  if (start < 0) throw new Error(`no ${after}`);
  const idx = text.indexOf(at, start);
  if (idx < 0) throw new Error(`no ${at} in text`);
  const before = text.slice(0, idx);
  const line = before.split('\n').length;
  const column = idx - before.lastIndexOf('\n');
  return { line, column };
}

const cases: Case[] = [
  { name: 'unknown field with suggestion', text: swap('salience: 80', 'salence: 80'), at: 'salence', message: /unknown field "salence"; did you mean "salience"\?/, pointer: '/positions/0/salence' },
  { name: 'missing required salience', text: swap('salience: 80, ', ''), at: '{ actor: ru, issue: territory', message: /missing required field "salience"/ },
  { name: 'salience above 100', text: swap('salience: 90', 'salience: 120'), at: '120', message: /"salience" must be at most 100, found the number 120 \(salience runs from 0 to 100\)/ },
  { name: 'negative salience', text: swap('salience: 70', 'salience: -5'), at: '-5', message: /"salience" must be at least 0/ },
  { name: 'salience as text', text: swap('salience: 90', 'salience: high'), at: 'high', message: /"salience" must be a number, found the text "high"/ },
  { name: 'unknown seat with suggestion', text: swap('seat: absent', 'seat: abset'), at: 'abset', message: /"seat" must be one of party, mediator, guarantor, observer, absent; found the text "abset"; did you mean "absent"\?/ },
  { name: 'negative capability', text: swap('capability: 25', 'capability: -25'), at: '-25', message: /"capability" must be at least 0/ },
  { name: 'duplicate actor id', text: swap('{ id: by, name: Belarus', '{ id: ua, name: Belarus'), at: 'ua', after: 'name: Ukraine, capability: 25, seat: party }\n', message: /duplicate actor id "ua"/ },
  { name: 'duplicate issue id', text: swap('- id: potash', '- id: territory'), at: 'territory', after: 'Recognition of all annexations', message: /duplicate issue id "territory"/ },
  { name: 'duplicate initiative id', text: swap('- id: plan-b', '- id: plan-a'), at: 'plan-a', after: 'Withdrawal from four regions', message: /duplicate initiative id "plan-a"/ },
  { name: 'unknown actor in position', text: swap('{ actor: ua, issue: territory', '{ actor: uk, issue: territory'), at: 'uk', message: /unknown actor "uk"; did you mean "ua"\?/ },
  { name: 'unknown issue in position', text: swap('{ actor: by, issue: potash', '{ actor: by, issue: potassium'), at: 'potassium', message: /unknown issue "potassium"/ },
  { name: 'unknown source', text: swap('sources: [edm-2024-11-18] }\n  - { actor: ua', 'sources: [edm-2024-11-19] }\n  - { actor: ua'), at: 'edm-2024-11-19', message: /unknown source "edm-2024-11-19"; did you mean "edm-2024-11-18"\?/ },
  { name: 'unknown sponsor', text: swap('sponsor: ua', 'sponsor: ukraine'), at: 'ukraine', message: /unknown actor "ukraine"/ },
  { name: 'unknown representedBy', text: swap('representedBy: ru', 'representedBy: rus'), at: 'rus', after: 'representedBy', message: /unknown actor "rus"; did you mean "ru"\?/ },
  { name: 'represented by itself', text: swap('representedBy: ru', 'representedBy: by'), at: 'by }', after: 'representedBy', message: /cannot be represented by itself/ },
  { name: 'value outside a continuous scale', text: swap('value: 90', 'value: 190'), at: '190', message: /position 190 is outside the scale of issue "territory" \(0–100\)/ },
  { name: 'value not a level', text: swap('issue: potash, value: 2', 'issue: potash, value: 1.5'), at: '1.5', message: /position 1.5 is not one of the levels of issue "potash" \(0 Kept, 1 Partly relieved, 2 Lifted\)/ },
  { name: 'accept excludes own position', text: swap('accept: [0, 30]', 'accept: [10, 30]'), at: '[10, 30]', message: /accept range \[10, 30\] excludes ua's own position 5 on "territory"/ },
  { name: 'acceptUncertainty without accept', text: swap('salience: 90, accept: [0, 30] }', 'salience: 90, acceptUncertainty: { high: [20, 40] } }'), at: '{ high: [20, 40] }', message: /acceptUncertainty needs an "accept" range on the same position/, pointer: '/positions/1/acceptUncertainty' },
  { name: 'acceptUncertainty with a reversed range', text: swap('accept: [0, 30] }', 'accept: [0, 30], acceptUncertainty: { low: [10, 0] } }'), at: '[10, 0]', message: /uncertainty range \[10, 0\] has its low end above its high end/, pointer: '/positions/1/acceptUncertainty/low' },
  { name: 'acceptUncertainty with an unknown end', text: swap('accept: [0, 30] }', 'accept: [0, 30], acceptUncertainty: { hgh: [20, 40] } }'), at: 'hgh', message: /unknown field "hgh"; did you mean "high"\?/ },
  { name: 'snapshot uncertainty reversed', text: `${base}snapshots:\n  - date: 2025-01-01\n    positions:\n      - { actor: ua, issue: territory, value: 10, uncertainty: [12, 8] }\n`, at: '[12, 8]', message: /uncertainty range \[12, 8\] has its low end above its high end/, pointer: '/snapshots/0/positions/0/uncertainty' },
  { name: 'snapshot acceptUncertainty with no accept range anywhere', text: `${base}snapshots:\n  - date: 2025-01-01\n    positions:\n      - { actor: ru, issue: potash, value: 1, acceptUncertainty: { low: [0, 1] } }\n`, at: '{ low: [0, 1] }', message: /acceptUncertainty needs an "accept" range, in this snapshot or on the base position/, pointer: '/snapshots/0/positions/0/acceptUncertainty' },
  { name: 'accept reversed', text: swap('accept: [60, 100]', 'accept: [100, 60]'), at: '[100, 60]', message: /low end above its high end/ },
  { name: 'accept with one number', text: swap('accept: [60, 100]', 'accept: [60]'), at: '[60]', message: /"accept" needs at least 2 items/ },
  { name: 'stance outside scale', text: swap('stance: 95', 'stance: 195'), at: '195', message: /stance 195 is outside the scale of issue "territory"/ },
  { name: 'provision on unknown issue', text: swap('{ issue: territory, stance: 0', '{ issue: teritory, stance: 0'), at: 'teritory', message: /unknown issue "teritory"; did you mean "territory"\?/ },
  { name: 'bad date', text: swap('date: 2024-06-14', 'date: 2024-14-06'), at: '2024-14-06', message: /a date is written YYYY-MM-DD/ },
  { name: 'bad status', text: swap('status: public', 'status: secret'), at: 'secret', message: /"status" must be one of public, confidential; found the text "secret"/ },
  { name: 'wrong format version', text: swap('parley: 1', 'parley: 2'), at: '2', message: /"parley" must be 1, found the number 2/ },
  { name: 'missing title', text: swap('title: Minimal example\n', ''), at: 'parley', message: /missing required field "title"/ },
  { name: 'unknown top-level field', text: swap('title: Minimal example', 'title: Minimal example\nauthor: me'), at: 'author', message: /unknown field "author"/ },
  { name: 'issue without scale', text: swap("    scale: { levels: [ { value: 0, label: Kept }, { value: 1, label: Partly relieved }, { value: 2, label: Lifted } ] }\n", ''), at: 'id: potash', message: /issue "potash" needs scale \(or set "taxonomy: interstate-v1"/ },
  { name: 'scale min above max', text: swap('scale: { min: 0, max: 100', 'scale: { min: 100, max: 0'), at: '0, anchors', message: /scale max 0 must be above min 100/ },
  { name: 'continuous scale missing max', text: swap('scale: { min: 0, max: 100, ', 'scale: { min: 0, '), at: '{ min: 0', message: /missing required field "max"/ },
  { name: 'unknown field in provision', text: swap('{ issue: territory, stance: 95', '{ issue: territory, stanse: 95'), at: 'stanse', message: /unknown field "stanse"; did you mean "stance"\?/ },
  { name: 'YAML syntax error: bad indentation', text: swap('  - id: plan-b\n    title: Plan B', '  - id: plan-b\n   title: Plan B'), at: '   title: Plan B', message: /YAML syntax error/ },
  { name: 'YAML syntax error: unclosed flow map', text: swap('{ actor: by, issue: potash, value: 2, salience: 70, accept: [1, 2] }', '{ actor: by, issue: potash, value: 2, salience: 70, accept: [1, 2]'), at: '{ actor: by', message: /YAML syntax error: this "\{" is never closed with "\}"/ },
  { name: 'duplicate key in one block', text: swap('title: Plan B', 'title: Plan B\n    title: Plan C'), at: 'title: Plan C', message: /the same field appears twice/ },
  { name: 'two positions for one actor and issue', text: swap('  - { actor: by, issue: potash', '  - { actor: ua, issue: territory, value: 10, salience: 50 }\n  - { actor: by, issue: potash'), at: '{ actor: ua, issue: territory, value: 10', message: /second position of actor "ua" on issue "territory"/ },
  { name: 'stance and alternatives together', text: swap('stance: 0, text', 'stance: 0, alternatives: [0, 50], text'), at: '[0, 50]', message: /either "stance" or "alternatives"/ },
  { name: 'a year written as a number', text: swap('date: 2022-11-15', 'date: 2022'), at: '2022', after: 'title: Plan B', message: /"date" must be a date written as text/ },
  { name: 'not a scenario at all', text: '- just\n- a list\n', at: '- just', message: /this is not a scenario/ },
];

describe('malformed scenarios are reported at the right place', () => {
  it('has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));
  for (const c of cases) {
    it(c.name, () => {
      const r = parseScenario(c.text, 'case.yaml');
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const want = where(c.text, c.at, c.after);
      const hit = r.problems.find((p) => c.message.test(p.message));
      expect(hit, `problems: ${r.problems.map(formatProblem).join('\n')}`).toBeDefined();
      expect({ line: hit!.line, column: hit!.column }).toEqual(want);
      expect(hit!.file).toBe('case.yaml');
      if (c.pointer) expect(hit!.pointer).toBe(c.pointer);
      expect(formatProblem(hit!)).toMatch(new RegExp(`^case\\.yaml:${want.line}:${want.column}: `));
    });
  }

  it('reports every problem of a file at once', () => {
    let t = swap('salience: 80', 'salence: 80');
    t = t.replace('seat: absent', 'seat: abset').replace('stance: 95', 'stance: 195').replace('sponsor: ua', 'sponsor: uk');
    const r = parseScenario(t, 'many.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.problems.map((p) => p.message).join('\n');
    expect(msgs).toMatch(/salence/);
    expect(msgs).toMatch(/abset/);
    expect(msgs).toMatch(/stance 195/);
    expect(msgs).toMatch(/unknown actor "uk"/);
    // Sorted by position in the file.
    const lines = r.problems.map((p) => p.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });
});
