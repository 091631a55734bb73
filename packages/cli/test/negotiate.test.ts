/** `parley negotiate`: seeded protocols from a scenario or Genius files. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run.js';

const genius = process.env.PARLEY_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');
const itex = ['ItexvsCypress_domain.xml', 'ItexvsCypress_Itex.xml', 'ItexvsCypress_Cypress.xml'].map((f) =>
  path.join(genius, 'genius/ItexvsCypress', f),
);
const fixtures = path.join(repoRoot, 'packages/core/test/fixtures/agreement');

interface Run {
  agreement: Record<string, string> | null;
  utilities: number[];
  turns: number;
  trace: { action: string; package: Record<string, string> }[];
}

describe('parley negotiate', () => {
  it('SAO on Itex–Cypress is reproducible by seed and ends in an agreement', () => {
    const args = [
      'negotiate',
      ...itex,
      '--protocol',
      'sao',
      '--strategy',
      'conceder,boulware',
      '--seed',
      '4',
      '--json',
    ];
    const a = runCli(args);
    expect(a.status).toBe(0);
    expect(runCli(args).stdout).toBe(a.stdout);
    const j = JSON.parse(a.stdout) as Run;
    expect(j.agreement).not.toBeNull();
    expect(j.trace.at(-1)!.action).toBe('accept');
    expect(j.trace.at(-1)!.package).toEqual(j.agreement);
  });

  it('single-text mediation on the scenario fixture reaches an agreement; the blocked one does not', () => {
    const ok = JSON.parse(
      runCli(['negotiate', path.join(fixtures, 'ceasefire.yaml'), '--protocol', 'single-text', '--json'])
        .stdout,
    ) as Run;
    expect(ok.agreement).not.toBeNull();
    const t = runCli([
      'negotiate',
      path.join(fixtures, 'ceasefire-blocked.yaml'),
      '--protocol',
      'single-text',
    ]);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/No agreement/);
  });

  it('rejects an unknown strategy with exit 2', () => {
    const r = runCli(['negotiate', ...itex, '--protocol', 'sao', '--strategy', 'greedy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown strategy/);
  });
});
