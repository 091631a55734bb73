/**
 * Browser E2E in Debian Chromium (playwright-core, nothing downloaded): build the web app, serve it with the Parley API
 * (packages/server `buildServer`, in memory, through `app.inject`), log in as the demo user, open the worked case, see
 * the heatmap, run a forecast, save a version, export the brief as PDF, and check the live validation. Screenshots
 * of the main screens at 1366×768 go to out/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatNumber, parseScenario, sweep, tornado } from '@parley/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const web = path.join(repo, 'packages/web');
const shots = path.join(repo, 'out');
/** The little of the page's globals the checks read (this file compiles without the DOM library). */
interface Browserish {
  document: { activeElement: unknown };
}

const FAST_HASH = { memoryCost: 1024, timeCost: 1 };

interface Api {
  inject: (o: { method: string; url: string; headers: Record<string, string>; payload?: Buffer }) => Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    rawPayload: Buffer;
  }>;
  close: () => Promise<unknown>;
}

let dist = '';
let api: Api;
let demo: { email: string; password: string };
let http: Server;
let base = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  // Build the app as shipped (vite build), into a scratch folder.
  dist = mkdtempSync(path.join(tmpdir(), 'parley-web-'));
  const build = spawnSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: web,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

  const server = (await import('../../server/src/index.js')) as unknown as {
    buildServer: (o: object) => Promise<Api & { store: { db: unknown } }>;
    seedDemo: (db: unknown, o: object) => Promise<{ email: string; password: string }>;
  };
  const app = await server.buildServer({ db: ':memory:', rateLimit: false, hashCost: FAST_HASH });
  api = app;
  demo = await server.seedDemo(app.store.db, { hashCost: FAST_HASH });
  const colleague = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    headers: { 'content-type': 'application/json' },
    payload: Buffer.from(JSON.stringify({ email: 'colleague@parley.local', password: 'a long enough password', name: 'Colleague' })),
  });
  if (colleague.statusCode !== 201) throw new Error(`could not register the colleague: ${colleague.rawPayload.toString()}`);

  // The built app at /, the API at /api (same origin, so the session cookie and CSRF token work as deployed).
  http = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      void body(req)
        .then((payload) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
          return api.inject({ method: req.method ?? 'GET', url, headers, ...(payload.length ? { payload } : {}) });
        })
        .then((r) => {
          for (const [k, v] of Object.entries(r.headers)) if (v !== undefined && k !== 'content-length' && k !== 'transfer-encoding') res.setHeader(k, typeof v === 'number' ? String(v) : v);
          res.writeHead(r.statusCode).end(r.rawPayload);
        })
        .catch((e: unknown) => res.writeHead(500).end(String(e)));
      return;
    }
    const p = path.join(dist, path.normalize(decodeURIComponent(new URL(url, 'http://x').pathname)));
    const file = p.startsWith(dist) && existsSync(p) && !p.endsWith(path.sep) && path.extname(p) ? p : path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const addr = http.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  // The print dialog would block a headless page: the test prints with page.pdf() instead.
  await context.addInitScript(() => {
    (globalThis as unknown as { print: () => void }).print = () => undefined;
  });
  page = await context.newPage();
  mkdirSync(shots, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  await api?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('web workbench in Chromium', () => {
  it('logs in and opens the worked case from the server, showing the heatmap', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/');
    await expect.poll(() => page.locator('.server-state').textContent()).toBe('Server: not signed in');
    await page.getByRole('tab', { name: 'Server' }).click();
    await page.getByLabel('Email').fill(demo.email);
    await page.getByLabel('Password').fill(demo.password);
    await page.screenshot({ path: path.join(shots, 'web-1-login.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Open “Russia-Ukraine peace initiatives/ }).click();

    const heatmap = page.getByRole('img', { name: 'Heatmap of initiatives by issue, with common ground' });
    await heatmap.waitFor();
    await expect.poll(() => page.getByRole('tab', { name: 'Heatmap' }).getAttribute('aria-selected')).toBe('true');
    // 17 initiatives + the common-ground row, 13 issues: one cell each.
    expect(await heatmap.locator('svg rect').count()).toBe(18 * 13);
    expect(await page.getByText('17 initiatives on 13 issues').count()).toBe(1);
    // Widening the tolerance finds common ground the default misses.
    await page.getByLabel(/Tolerance/).fill('35');
    await expect.poll(() => page.locator('main p').filter({ hasText: 'Common ground on' }).textContent()).not.toContain('on 0 issues');
    await page.getByLabel(/Tolerance/).fill('');
    await page.screenshot({ path: path.join(shots, 'web-2-heatmap.png') });
    expect(errors).toEqual([]);
  });

  it('runs a forecast and draws the trajectories by round', async () => {
    await page.getByRole('tab', { name: 'Forecast' }).click();
    await page.getByLabel('Model').selectOption('eum');
    await page.getByLabel('Issue shown').selectOption('territory');
    await page.getByRole('button', { name: 'Run forecast' }).click();
    const status = page.getByText(/^Model eum: \d+ rounds?, 13 actors\.$/);
    await status.waitFor();
    const chart = page.getByRole('img', { name: /Forecast trajectories on Territorial status/ });
    await chart.waitFor();
    // One line per actor holding a position on the issue.
    const worked = parseScenario(readFileSync(path.join(repo, 'examples/ukraine-peace-initiatives.yaml'), 'utf8'));
    if (!worked.ok) throw new Error('the worked case does not validate');
    const holders = new Set(worked.scenario.positions.filter((p) => p.issue === 'territory').map((p) => p.actor));
    expect(holders.size).toBeGreaterThan(2);
    expect(await chart.locator('svg [aria-label="line"] path').count()).toBe(holders.size);
    await page.screenshot({ path: path.join(shots, 'web-3-forecast.png') });
  });

  it('shows positions, the agreement analysis and what a seat changes', async () => {
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('img', { name: /^Positions on / }).waitFor();
    await page.screenshot({ path: path.join(shots, 'web-4-positions.png') });
    await page.getByRole('tab', { name: 'Agreement' }).click();
    await page.getByRole('button', { name: 'Analyse agreement' }).click();
    await page.getByText(/acceptable to every party/).waitFor();
    // The worked case: the parties' red lines conflict, so the panel lists where instead of a frontier.
    await page.getByText("No package meets every party's red lines", { exact: false }).waitFor();
    expect(await page.locator('main li').filter({ hasText: 'Territorial status' }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Seats' }).click();
    await page.getByLabel('Actor').selectOption('by');
    await page.getByRole('button', { name: 'Compare seatings' }).click();
    await page.getByRole('img', { name: /Change in forecast outcome per issue, Belarus/ }).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'web-5-seats.png') });
  });

  it('runs a seeded Monte Carlo sweep and draws the histogram', async () => {
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    await page.getByLabel('Runs').fill('100');
    await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
    const hist = page.getByRole('img', { name: /^Histogram of the forecast outcome on .* over 100 runs$/ });
    await hist.waitFor({ timeout: 60_000 });
    const quantiles = (await page.getByText(/^5 %: /).textContent())!;
    const [p05, p50, p95] = /^5 %: (\S+) · median: (\S+) · 95 %: (\S+)$/.exec(quantiles)!.slice(1).map(Number);
    expect(p05).toBeLessThanOrEqual(p50!);
    expect(p50).toBeLessThanOrEqual(p95!);
    expect(await hist.locator('svg rect').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(shots, 'web-9-montecarlo.png') });
  });

  it('sweeps what a seat for Belarus changes, with the zone probability and a one-at-a-time tornado', async () => {
    // The browser's numbers must be the core's: the same sweep and tornado, run here in Node.
    const worked = parseScenario(readFileSync(path.join(repo, 'examples/ukraine-peace-initiatives.yaml'), 'utf8'));
    if (!worked.ok) throw new Error('the worked case does not validate');
    const spec = { scenario: worked.scenario, engine: 'seats' as const, model: 'mean' as const, seed: 1, actors: ['by'] };
    const expected = sweep(spec, 100);
    const torn = tornado(spec);
    const quantileText = (id: string): string => {
      const q = expected.outputs.find((o) => o.id === id)!.quantiles!;
      return `5 %: ${formatNumber(q.p05)} · median: ${formatNumber(q.p50)} · 95 %: ${formatNumber(q.p95)}`;
    };

    await page.getByLabel(/^Engine/).selectOption('seats');
    await page.getByLabel(/^Actor/).selectOption('by');
    await page.getByLabel(/^Runs/).fill('100');
    await page.getByLabel(/^Seed/).fill('1');
    await page.getByLabel(/^Forecast model/).selectOption('mean');
    await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
    const hist = page.getByRole('img', { name: /^Histogram of “Change in .* if Belarus is seated” over 100 runs$/ });
    await hist.waitFor({ timeout: 60_000 });
    // The default output: the first issue whose change has a value in the runs.
    const first = expected.outputs.find((o) => o.id.startsWith('change:by:') && o.n > 0)!.id;
    expect(await page.getByLabel(/^Output/).inputValue()).toBe(first);
    expect(await hist.locator('svg rect').count()).toBeGreaterThanOrEqual(1);
    const quantiles = page.getByRole('status').filter({ hasText: /^5 %: / });
    await expect.poll(() => quantiles.textContent()).toBe(quantileText(first));
    const zone = (await page.getByText(/^Probability that a zone of agreement exists: /).textContent())!;
    expect(zone).toContain(`exists: ${formatNumber(expected.zone)} (as coded; with Belarus seated: `);
    const p = Number(/exists: (\S+) /.exec(zone)![1]);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(shots, 'web-9-montecarlo-seats.png') });

    // Belarus's sanctions are off the agenda as coded: no change, but an outcome once Belarus is seated.
    await page.getByLabel(/^Output/).selectOption('change:by:belarus_sanctions');
    await page.getByText('No run gives this output a value.').waitFor();
    await page.getByLabel(/^Output/).selectOption('outcome:by:belarus_sanctions');
    await expect.poll(() => quantiles.textContent()).toBe(quantileText('outcome:by:belarus_sanctions'));

    // The tornado: at most 10 bars, one per input that gives the output a value, for the output chosen.
    await page.getByLabel(/^Output/).selectOption(first);
    await page.getByRole('button', { name: 'Run tornado' }).click();
    const chart = page.getByRole('img', { name: /^Tornado of “Change in .* if Belarus is seated”/ });
    await chart.waitFor({ timeout: 60_000 });
    const bars = torn.bars.find((b) => b.output === first)!.bars.filter((b) => b.swing !== null);
    expect(await chart.locator('svg g[aria-label="bar"] rect').count()).toBe(Math.min(10, bars.length));
    expect(await chart.locator('svg').textContent()).toContain('higher at the high value');
    await page.screenshot({ path: path.join(shots, 'web-9-montecarlo-tornado.png') });
    // Under the coded case no uncertain input moves Belarus's sanctions once seated (swings of 0).
    const still = torn.bars.find((b) => b.output === 'outcome:by:belarus_sanctions')!.bars;
    expect(still.every((b) => b.swing === null || b.swing === 0)).toBe(true);
    await page.getByLabel(/^Output/).selectOption('outcome:by:belarus_sanctions');
    await page.getByText('No uncertain input moves this output.').waitFor();
    expect(await page.getByRole('img', { name: /^Tornado of / }).count()).toBe(0);
    await page.getByLabel(/^Output/).selectOption(first);
  });

  it('saves a new version to the server and shares the workspace', async () => {
    await page.getByRole('tab', { name: 'Server' }).click();
    await page.getByRole('button', { name: /Save version 2 of/ }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByLabel("Colleague's email").fill('colleague@parley.local');
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByText('colleague@parley.local can now open this workspace as analyst.').waitFor();
    await page.screenshot({ path: path.join(shots, 'web-10-server.png') });
  });

  it('exports the brief: HTML download and a PDF of the print view', async () => {
    await page.getByRole('tab', { name: 'Brief' }).click();
    const frame = page.frameLocator('iframe[title="Brief preview"]');
    await frame.getByRole('heading', { name: 'Highlights' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'web-6-brief.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download HTML' }).click()]);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html.indexOf('<h2>Highlights</h2>')).toBeLessThan(html.indexOf('<h2>Analysis</h2>'));
    expect(html.indexOf('<h2>Analysis</h2>')).toBeLessThan(html.indexOf('<h2>Sources</h2>'));

    // The server has no PDF route: the app falls back to its print view, which the test prints to PDF.
    const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: /PDF/ }).click()]);
    await popup.getByRole('heading', { name: 'Sources' }).waitFor();
    const pdf = await popup.pdf({ format: 'A4', printBackground: true });
    const out = path.join(shots, 'web-brief.pdf');
    writeFileSync(out, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (existsSync('/usr/bin/pdfinfo')) {
      const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
    }
    await popup.close();
  });

  it('edits through the forms, writing back into the YAML with its comments', async () => {
    await page.getByRole('tab', { name: 'Forms' }).click();
    const field = page.getByLabel('Capability of pl');
    await field.fill('9');
    await field.press('Tab');
    await page.screenshot({ path: path.join(shots, 'web-8-forms.png') });
    await page.getByRole('tab', { name: 'Source' }).click();
    const text = await page.getByLabel('Scenario source (YAML or JSON)').inputValue();
    const r = parseScenario(text);
    if (!r.ok) throw new Error('the edited text does not validate');
    expect(r.scenario.actors.find((a) => a.id === 'pl')?.capability).toBe(9);
    const original = readFileSync(path.join(repo, 'examples/ukraine-peace-initiatives.yaml'), 'utf8');
    const comments = (t: string): number => t.split('\n').filter((l) => l.trimStart().startsWith('#')).length;
    expect(comments(text)).toBe(comments(original));
  });

  it('switches views from the keyboard', async () => {
    const heat = page.getByRole('tab', { name: 'Heatmap' });
    await heat.click();
    await heat.press('ArrowDown');
    const positions = page.getByRole('tab', { name: 'Positions' });
    expect(await positions.getAttribute('aria-selected')).toBe('true');
    expect(await positions.evaluate((el) => el === (globalThis as unknown as Browserish).document.activeElement)).toBe(true);
    await positions.press('ArrowUp');
    expect(await heat.getAttribute('aria-selected')).toBe('true');
  });

  it('works offline as one file opened from disk, engines and all', async () => {
    expect(readdirSync(dist)).toEqual(['index.html']);
    const offline = await context.newPage();
    const errors: string[] = [];
    offline.on('pageerror', (e) => errors.push(e.message));
    await offline.goto(pathToFileURL(path.join(dist, 'index.html')).href + '?example=water');
    await offline.getByRole('img', { name: 'Heatmap of initiatives by issue, with common ground' }).waitFor();
    expect(await offline.locator('.server-state').textContent()).toBe('Offline');
    await offline.getByRole('tab', { name: 'Agreement' }).click();
    await offline.getByRole('button', { name: 'Analyse agreement' }).click();
    const pareto = offline.getByRole('img', { name: 'Pareto frontier of the acceptable packages with the bargaining points' });
    await pareto.waitFor();
    expect(await offline.getByRole('cell', { name: 'Nash', exact: true }).count()).toBe(1);
    await offline.screenshot({ path: path.join(shots, 'web-11-offline-pareto.png') });
    await offline.close();
    expect(errors).toEqual([]);
  });

  it('validates the source live; a problem moves the cursor to its line and column', async () => {
    await page.getByRole('tab', { name: 'Source' }).click();
    const area = page.getByLabel('Scenario source (YAML or JSON)');
    const broken = ['parley: 1', 'title: Broken', 'actors:', '  - { id: a, name: A, capability: 1, seat: party }', '  - { id: b, name: B, capability: 1, seet: party }', ''].join('\n');
    await area.fill(broken);
    const problem = page.getByRole('button', { name: /^5:\d+ .*"seet"/ }).first();
    await problem.waitFor();
    await page.screenshot({ path: path.join(shots, 'web-7-validation.png') });
    const label = (await problem.textContent())!;
    const col = Number(/^5:(\d+)/.exec(label)![1]);
    await problem.click();
    const caret = await area.evaluate((el) => ({
      start: (el as unknown as { selectionStart: number }).selectionStart,
      focused: (globalThis as unknown as Browserish).document.activeElement === el,
    }));
    const offset = broken.split('\n').slice(0, 4).join('\n').length + 1 + (col - 1);
    expect(caret).toEqual({ start: offset, focused: true });
    await area.fill(broken.replace('seet', 'seat'));
    await page.getByText('Valid: 2 actors, 0 issues, 0 initiatives').waitFor();
  });
});
