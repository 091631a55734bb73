/** The foundation commands end to end: exit codes, located errors, one JSON document, reports, schema. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run.js';

const minimal = path.join(repoRoot, 'packages/core/test/fixtures/scenario/minimal.yaml');
const small = path.join(repoRoot, 'packages/core/test/fixtures/scenario/framework-small.yaml');

describe('parley validate', () => {
  it('accepts a valid file with exit 0', () => {
    const r = runCli(['validate', minimal]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/valid \(3 actors, 2 issues, 3 positions, 2 initiatives\)/);
  });

  it('reports located problems with exit 1 and no stack trace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(minimal, 'utf8').replace('salience: 90', 'salience: 190').replace('seat: absent', 'seat: away'));
    const r = runCli(['validate', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:20:56: "salience" must be at most 100`);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:10:\\d+: "seat" must be one of`));
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it('treats a missing file and an unknown option as usage errors (exit 2)', () => {
    expect(runCli(['validate', 'no-such-file.yaml']).status).toBe(2);
    const r = runCli(['compare', minimal, '--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
    expect(runCli(['compare', minimal, '--tolerance', 'wide']).status).toBe(2);
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  it('gives exit 1 and one line for a file that is not YAML at all', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-'));
    const bad = path.join(dir, 'junk.yaml');
    writeFileSync(bad, '{ this: [is, not, closed\n');
    const r = runCli(['validate', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/junk\.yaml:1:\d+: YAML syntax error/);
  });
});

describe('parley compare', () => {
  it('--json prints exactly one JSON document with the documented fields', () => {
    const r = runCli(['compare', small, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    const issues = j.issues as Record<string, unknown>[];
    expect(Object.keys(issues[0]!)).toEqual(
      expect.arrayContaining(['id', 'covered', 'silent', 'min', 'max', 'median', 'spread', 'commonGround', 'uncoveredButSalientFor']),
    );
    expect(j.similarity).toMatchObject({ ids: ['i1', 'i2', 'i3', 'i4', 'i5'] });
    expect(j.families).toEqual([['i1', 'i2']]);
    expect((j.singleText as { kind: string }[]).map((e) => e.kind)).toEqual(['open', 'open', 'common']);
    expect(issues.find((x) => x.id === 'fishing')!.uncoveredButSalientFor).toEqual(['c']);
  });

  it('--tolerance changes common ground', () => {
    const j = JSON.parse(runCli(['compare', small, '--json', '--tolerance', '50%']).stdout) as { issues: { commonGround: boolean }[] };
    expect(j.issues[0]!.commonGround).toBe(true);
  });

  it('writes HTML and Markdown reports', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-'));
    const out = path.join(dir, 'r.html');
    expect(runCli(['compare', small, '--format', 'html', '-o', out]).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Fishing rights');
    const md = runCli(['compare', small, '--format', 'md']);
    expect(md.stdout).toMatch(/No initiative addresses "Fishing rights", although it is a core issue for Actor C/);
  });

  it('prints readable tables without colour codes when piped', () => {
    const r = runCli(['compare', small]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Consolidated single text');
    expect(r.stdout).not.toContain('\u001b[');
  });
});

describe('parley schema and show', () => {
  it('prints the committed JSON Schema', () => {
    const r = runCli(['schema']);
    expect(r.status).toBe(0);
    const committed = JSON.parse(readFileSync(path.join(repoRoot, 'schema/scenario.schema.json'), 'utf8')) as unknown;
    expect(JSON.parse(r.stdout)).toEqual(committed);
  });

  it('shows a scenario, and --json gives the resolved scenario', () => {
    expect(runCli(['show', minimal]).stdout).toMatch(/Actors \(3\)/);
    const j = JSON.parse(runCli(['show', minimal, '--json']).stdout) as { initiatives: { status: string }[] };
    expect(j.initiatives[1]!.status).toBe('public');
  });
});
