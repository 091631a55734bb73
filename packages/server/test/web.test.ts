/** The workbench page at `/` and the PDF export route. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.js';
import { Client, PASSWORD, TEST_HASH_COST } from './helpers.js';

describe('web app and PDF export', async () => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'parley-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Parley workbench</title>');
  const printed: string[] = [];
  const app = await buildServer({
    db: ':memory:',
    rateLimit: false,
    hashCost: TEST_HASH_COST,
    webRoot,
    renderPdf: async (html) => {
      printed.push(html);
      return Buffer.from('%PDF-1.7 test');
    },
  });
  afterAll(() => app.close());

  it('serves the workbench page at / to anyone', async () => {
    const r = await app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('Parley workbench');
  });

  it('prints a brief to PDF for a logged-in user only, with the CSRF token', async () => {
    const anon = new Client(app);
    expect((await anon.req('POST', '/api/export/pdf', { html: '<p>brief</p>' })).status).toBe(401);
    const c = new Client(app, 'pdf@example.org');
    await c.register(PASSWORD, 'Pat Printer');
    await c.login(PASSWORD);
    expect((await c.req('POST', '/api/export/pdf', { html: '<p>brief</p>' }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    const r = await c.req('POST', '/api/export/pdf', { html: '<p>brief</p>' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.body.startsWith('%PDF')).toBe(true);
    expect(printed).toEqual(['<p>brief</p>']);
    expect((await c.req('POST', '/api/export/pdf', { html: '' })).status).toBe(400);
  });

  it('has no export route and no page when the server is built without them', async () => {
    const bare = await buildServer({ db: ':memory:', rateLimit: false, hashCost: TEST_HASH_COST });
    try {
      expect((await bare.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
      expect((await bare.inject({ method: 'POST', url: '/api/export/pdf', payload: { html: 'x' } })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
