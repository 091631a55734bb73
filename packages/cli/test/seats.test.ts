/** `parley seats` end to end: the hand-worked delta case and the worked Russia–Ukraine case. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeatAnalysis } from '@parley/core';
import { repoRoot, runCli } from './helpers/run.js';

const delta = path.join(repoRoot, 'packages/core/test/fixtures/seats/delta.yaml');
const ukraine = path.join(repoRoot, 'examples/ukraine-peace-initiatives.yaml');

describe('parley seats', () => {
  it('JSON: seating the absent delta state moves x from 3.5 to 4.8 and brings its fisheries issue on the agenda', () => {
    const r = runCli(['seats', delta, '--actor', 'C', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as SeatAnalysis & { title: string };
    expect(j.title).toBe('Delta talks (toy)');
    const c = j.reports[0]!;
    expect(c.baseline.unaddressed).toEqual(['z']);
    const seated = c.comparisons[0]!;
    // (60·2 + 20·8) / 80 = 3.5 → (60·2 + 20·8 + 20·10) / 100 = 4.8 (worked in the core test).
    expect(seated.outcome[0]).toMatchObject({ issue: 'x', before: 3.5, after: 4.8 });
    expect(seated.agendaGained).toEqual(['z']);
    expect(seated.zone).toBe('closes');
  });

  it('terminal: names the unaddressed issue and the utility changes', () => {
    const r = runCli(['seats', delta, '--actor', 'C']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('its salient issues off the agenda as coded: z');
    expect(r.stdout).toContain('its salient issues no initiative addresses: z');
    expect(r.stdout).toContain('joins the agenda: z');
    expect(r.stdout).toMatch(/utility change: .*C \(Delta\) \+0\.04/);
  });

  it('--at applies the snapshots first (A at 3 from February: x = (180 + 160) / 80 = 4.25 as coded)', () => {
    const r = runCli(['seats', delta, '--actor', 'C', '--at', '2026-02-15', '--json', '--no-agreement']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as SeatAnalysis & { at: string };
    expect(j.at).toBe('2026-02-15');
    expect(j.reports[0]!.baseline.outcome.x).toBeCloseTo(4.25, 12);
    expect(j.reports[0]!.baseline.zone).toBeNull();
  });

  it('Russia–Ukraine: Belarus’s belarus_sanctions is unaddressed while absent; Poland brings no new issue', () => {
    const r = runCli(['seats', ukraine, '--actor', 'by,pl', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as SeatAnalysis;
    const [by, pl] = j.reports;
    expect(by!.baseline.unaddressed).toContain('belarus_sanctions');
    expect(by!.notInAnyInitiative).toContain('belarus_sanctions');
    expect(by!.comparisons.find((c) => c.seating === 'represented')!.run.unaddressed).toContain(
      'belarus_sanctions',
    );
    expect(by!.comparisons.find((c) => c.seating === 'seated')!.agendaGained).toEqual(['belarus_sanctions']);
    expect(pl!.comparisons[0]!.agendaGained).toEqual([]);
  });

  it('usage errors: unknown actor or model exit 2', () => {
    expect(runCli(['seats', delta, '--actor', 'nobody']).status).toBe(2);
    expect(runCli(['seats', delta, '--model', 'oracle']).status).toBe(2);
  });
});
