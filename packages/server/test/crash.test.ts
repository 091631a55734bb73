/**
 * Crash safety on SQLite: run the server as a child process, send 1,000 writes, kill -9 it while they are in flight,
 * restart it on the same file: every acknowledged write is there, and PRAGMA integrity_check is ok.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FULL } from './fixtures.js';
import { PASSWORD } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = fileURLToPath(new URL('./crash-server.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'parley-crash-'));
const db = path.join(dir, 'crash.sqlite');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, db], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${err}`)));
  });
}

async function login(base: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'crash@example.org', password: PASSWORD }) });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

describe('crash safety (SQLite, kill -9)', () => {
  it('keeps every acknowledged write across kill -9, and the database stays intact', async () => {
    const first = await start();
    const base = first.base;
    const reg = await fetch(`${base}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'crash@example.org', password: PASSWORD }) });
    expect(reg.status).toBe(201);
    const s = await login(base);
    const h = { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf };
    const ws = ((await (await fetch(`${base}/api/workspaces`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'crash' }) })).json()) as { id: string }).id;
    const sid = ((await (await fetch(`${base}/api/workspaces/${ws}/scenarios`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'accord', text: FULL }) })).json()) as { id: string }).id;

    const TOTAL = 1000;
    const KILL_AFTER = 400;
    const ackedComments: string[] = [];
    const ackedVersions: { version: number; title: string }[] = [];
    let failed = 0;
    let inFlightAtKill = -1;
    let inFlight = 0;
    let next = 0;
    let killed = false;
    const write = async (i: number): Promise<void> => {
      inFlight++;
      try {
        if (i % 10 === 0) {
          const title = `Crash title ${i}`;
          const r = await fetch(`${base}/api/workspaces/${ws}/scenarios/${sid}`, { method: 'PUT', headers: h, body: JSON.stringify({ text: FULL.replace('Test accord (server fixture)', title) }) });
          if (r.status === 200) ackedVersions.push({ version: ((await r.json()) as { version: number }).version, title });
          else failed++;
        } else {
          const body = `write ${i}`;
          const r = await fetch(`${base}/api/workspaces/${ws}/scenarios/${sid}/comments`, { method: 'POST', headers: h, body: JSON.stringify({ body }) });
          if (r.status === 201) ackedComments.push(body);
          else failed++;
        }
      } catch {
        failed++; // connection refused or reset: not acknowledged
      } finally {
        inFlight--;
      }
      if (!killed && ackedComments.length + ackedVersions.length >= KILL_AFTER) {
        killed = true;
        inFlightAtKill = inFlight;
        first.child.kill('SIGKILL');
      }
    };
    const workers = Array.from({ length: 16 }, async () => {
      while (next < TOTAL) await write(next++);
    });
    await Promise.all(workers);
    await new Promise<void>((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve())));
    expect(first.child.signalCode).toBe('SIGKILL');
    const acked = ackedComments.length + ackedVersions.length;
    expect(acked).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked).toBeLessThan(TOTAL);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(acked + failed).toBe(TOTAL);

    const second = await start();
    const s2 = await login(second.base);
    const h2 = { cookie: s2.cookie };
    const comments = (await (await fetch(`${second.base}/api/workspaces/${ws}/scenarios/${sid}/comments`, { headers: h2 })).json()) as { body: string }[];
    const stored = new Set(comments.map((c) => c.body));
    const lost = ackedComments.filter((b) => !stored.has(b));
    expect(lost).toEqual([]);
    for (const v of ackedVersions) {
      const r = await fetch(`${second.base}/api/workspaces/${ws}/scenarios/${sid}?version=${v.version}`, { headers: h2 });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { scenario: { title: string } }).scenario.title).toBe(v.title);
    }
    second.child.kill('SIGTERM');
    await new Promise<void>((resolve) => second.child.once('exit', () => resolve()));

    const check = new Database(db, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      check.close();
    }
  }, 120_000);
});
