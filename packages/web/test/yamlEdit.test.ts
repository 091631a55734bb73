import { parseScenario } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { appendTo, NEW_SCENARIO, offsetOf, removeAt, setIn } from '../src/yamlEdit.js';

const text = `# A comment that must survive
parley: 1
title: Test # trailing comment
actors:
  - { id: a, name: A, capability: 1, seat: party } # first
  - { id: b, name: B, capability: 2, seat: party }
`;

describe('form edits on the YAML text', () => {
  it('set a value and keep the comments', () => {
    const out = setIn(text, ['actors', 1, 'capability'], 7);
    expect(out).toContain('# A comment that must survive');
    expect(out).toContain('# trailing comment');
    expect(out).toContain('# first');
    expect(out).toMatch(/id: b, name: B, capability: 7/);
  });

  it('remove a field when the value is cleared', () => {
    expect(setIn(text, ['title'], '')).not.toContain('title:');
  });

  it('append and remove list items', () => {
    const added = appendTo(text, ['actors'], { id: 'c', name: 'C', capability: 3, seat: 'observer' });
    expect(added).toContain('{ id: c, name: C, capability: 3, seat: observer }');
    const removed = removeAt(added, ['actors'], 0);
    expect(removed).not.toContain('id: a,');
    expect(removed).toContain('id: c,');
  });

  it('leave text that does not parse unchanged', () => {
    const broken = 'parley: 1\ntitle: [unclosed\n';
    expect(setIn(broken, ['title'], 'x')).toBe(broken);
  });

  it('start a new scenario from a valid template', () => {
    const r = parseScenario(NEW_SCENARIO, 'new.yaml');
    expect(r.ok).toBe(true);
  });
});

describe('offsetOf', () => {
  it('maps 1-based line and column to an offset, clamped to the line', () => {
    const t = 'ab\ncdef\ng';
    expect(offsetOf(t, 1, 1)).toBe(0);
    expect(offsetOf(t, 2, 3)).toBe(5);
    expect(t[offsetOf(t, 2, 3)]).toBe('e');
    expect(offsetOf(t, 2, 99)).toBe(7);
    expect(offsetOf(t, 9, 1)).toBe(t.length);
  });
});
