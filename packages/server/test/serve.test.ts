/** `parley serve --demo` end to end: the CLI starts the API, prints URL and credentials, and they work. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'parley-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parley serve --demo', () => {
  it('serves the worked case with a demo login, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', 'serve', '--demo', '--quiet', '--port', '0', '--db', path.join(dir, 'demo.sqlite')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = Date.now() + 30_000;
    while (!/Log in with:/.test(out) && Date.now() < until && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    expect(err).toMatch(/Parley API on http:\/\/127\.0\.0\.1:\d+ \(OpenAPI: .*\/openapi\.json/);
    const base = /Parley API on (http:\/\/[^ ]+)/.exec(err)![1]!;
    const m = /Log in with: +(\S+) \/ (\S+)/.exec(out)!;
    const scenarioUrl = /Demo scenario: +(\S+)/.exec(out)![1]!;
    expect(m[1]).toBe('demo@parley.local');
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: m[1], password: m[2] }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const s = await fetch(scenarioUrl, { headers: { cookie } });
    expect(s.status).toBe(200);
    const body = (await s.json()) as { scenario: { title: string; initiatives: unknown[] } };
    expect(body.scenario.title).toMatch(/Russia-Ukraine peace initiatives/);
    expect(body.scenario.initiatives.length).toBeGreaterThan(5);
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
