/** `parley divide`: Adjusted Winner on the worked example of agreement.md §8.2. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run.js';

const fixtures = path.join(repoRoot, 'packages/core/test/fixtures/agreement');

describe('parley divide', () => {
  it('--json: 73 points each, elections split 75/25', () => {
    const r = runCli(['divide', path.join(fixtures, 'division.yaml'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      allocation: Record<string, Record<string, number>>;
      points: Record<string, number>;
      split: string | null;
    };
    expect(j.split).toBe('elections');
    expect(j.points.A).toBeCloseTo(73, 9);
    expect(j.points.B).toBeCloseTo(73, 9);
    expect(j.allocation.elections!.A).toBeCloseTo(0.75, 9);
    expect(j.allocation.fund).toEqual({ A: 0, B: 1 });
  });

  it('a scenario without a division section is an input error (exit 1)', () => {
    const r = runCli(['divide', path.join(fixtures, 'ceasefire.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/has no "division:" section/);
  });
});
