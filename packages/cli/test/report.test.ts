import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parley-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const worked = 'examples/ukraine-peace-initiatives.yaml';

describe('parley report', () => {
  it('writes a Markdown brief to stdout: highlights, analysis with charts, sources', () => {
    const r = runCli(['report', worked]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = r.stdout;
    const hi = md.indexOf('## Highlights');
    const an = md.indexOf('## Analysis');
    const so = md.indexOf('## Sources');
    expect(hi).toBeGreaterThan(0);
    expect(an).toBeGreaterThan(hi);
    expect(so).toBeGreaterThan(an);
    expect(md).toContain('### Where the initiatives agree');
    expect(md).toContain('### Forecast');
    expect(md).toContain('### Bargaining among the seated parties');
    expect(md).toContain('](data:image/svg+xml');
    expect(md.slice(so)).toContain('- [1] ');
  });

  it('writes an HTML brief with inline SVG charts to a file', () => {
    const out = path.join(dir, 'brief.html');
    const r = runCli(['report', worked, '--format', 'html', '-o', out, '--model', 'median']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('Model: median');
  });

  it('prints a PDF of at least one A4 page through Chromium', () => {
    const out = path.join(dir, 'sub', 'brief.pdf');
    const r = runCli(['report', worked, '--format', 'pdf', '-o', out]);
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(r.status).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(1);
    if (existsSync('/usr/bin/pdfinfo')) {
      const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
      expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    }
    if (existsSync('/usr/bin/pdftotext')) {
      const text = spawnSync('pdftotext', ['-l', '2', out, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('Highlights');
    }
  });

  it('leaves confidential initiatives and positions out unless asked', () => {
    const file = path.join(dir, 'conf.yaml');
    writeFileSync(
      file,
      `parley: 1
title: Confidentiality check
sources:
  - { id: s1, citation: "Open source report" }
  - { id: s2, citation: "Closed briefing note" }
actors:
  - { id: a, name: Alpha, capability: 10, seat: party }
  - { id: b, name: Beta, capability: 10, seat: party }
issues:
  - { id: x, title: Ceasefire line, scale: { min: 0, max: 100 } }
positions:
  - { actor: a, issue: x, value: 20, salience: 60, accept: [0, 60], sources: [s1] }
  - { actor: b, issue: x, value: 70, salience: 60, accept: [40, 100], confidential: true, sources: [s2] }
initiatives:
  - { id: p1, title: Public plan, date: 2024-01-01, provisions: [ { issue: x, stance: 40, sources: [s1] } ] }
  - { id: p2, title: Back-channel draft, date: 2024-02-01, status: confidential, provisions: [ { issue: x, stance: 60, sources: [s2] } ] }
`,
    );
    const pub = runCli(['report', file, '--no-charts']);
    expect(pub.status).toBe(0);
    expect(pub.stdout).toContain('Public plan');
    expect(pub.stdout).not.toContain('Back-channel draft');
    expect(pub.stdout).not.toContain('Closed briefing note');
    const all = runCli(['report', file, '--no-charts', '--include-confidential']);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('Back-channel draft');
    expect(all.stdout).toContain('Closed briefing note');
  });

  it('reports usage errors with exit 2 and invalid scenarios with exit 1', () => {
    const bad = runCli(['report', worked, '--format', 'docx']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be md, html or pdf');
    expect(runCli(['report', worked, '--model', 'oracle']).status).toBe(2);
    expect(runCli(['report', path.join(dir, 'missing.yaml')]).status).toBe(2);
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, 'parley: 1\ntitle: Broken\nactors: []\n');
    const r = runCli(['report', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+:/);
    expect(r.stderr).not.toContain('    at ');
  });
});
