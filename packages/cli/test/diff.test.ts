/** `parley diff`: who moved on which issue between two dates. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineDiff } from '@parley/core';
import { repoRoot, runCli } from './helpers/run.js';

const delta = path.join(repoRoot, 'packages/core/test/fixtures/seats/delta.yaml');

describe('parley diff', () => {
  it('JSON: the moves between January and March, with the snapshot dates', () => {
    const r = runCli(['diff', delta, '--from', '2026-01-01', '--to', '2026-03-31', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as TimelineDiff & { dates: string[] };
    expect(j.dates).toEqual(['2026-02-01', '2026-03-01']);
    expect(j.moves.map((m) => `${m.actor}:${m.issue}`)).toEqual(['A:x', 'A:y', 'B:x', 'C:y']);
    expect(j.moves[2]).toMatchObject({
      from: { value: 8, salience: 50 },
      to: { value: 9, salience: 60 },
      valueChange: 1,
      salienceChange: 10,
    });
  });

  it('terminal: one row per move, with the snapshot labels', () => {
    const r = runCli(['diff', delta, '--from', '2026-02-15', '--to', '2026-03']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('snapshot 2026-03-01: B hardens on flow');
    expect(r.stdout).toMatch(/B\s*│\s*x\s*│\s*8 → 9\s*│\s*\+1\s*│\s*50 → 60/);
    expect(r.stdout).not.toMatch(/│ A\s/);
  });

  it('nobody moved / bad dates', () => {
    expect(runCli(['diff', delta, '--from', '2025-01-01', '--to', '2026-01-31']).stdout).toContain(
      'nobody moved',
    );
    expect(runCli(['diff', delta, '--from', 'yesterday', '--to', '2026-01-31']).status).toBe(2);
  });
});
