/**
 * The API suite, run against SQLite (api.sqlite.test.ts) and PostgreSQL (api.postgres.test.ts). Expectations are
 * written out independently: the access matrix as a table, and what an uncleared member sees as a separately
 * written public scenario (fixtures.ts PUBLIC) run through '@parley/core' directly.
 */
import { createHash } from 'node:crypto';
import {
  analyseAgreement,
  compare,
  forecast,
  importKtabCsv,
  parseScenario,
  scenarioProblem,
  sweep,
  tornado,
  type Scenario,
} from '@parley/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../src/app.js';
import { Client, makeWorld, PASSWORD, waitForJob, type Method, type World } from './helpers.js';
import { FULL, INVALID, KTAB_CSV, PUBLIC, SECRET } from './fixtures.js';

export type OpenApp = (extra?: ServerOptions) => Promise<FastifyInstance>;

const parsed = (text: string): Scenario => {
  const r = parseScenario(text, 'x.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.scenario;
};
/** JSON round trip, as the API returns results. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x)));

const ENGINE_BODIES: Record<string, unknown> = {
  compare: {},
  report: { format: 'md' },
  forecast: { model: 'mean' },
  agreement: {},
  negotiate: { rounds: 20 },
  divide: {},
  seats: { agreement: false },
  tornado: { engine: 'forecast' },
  conflict: {},
  timeline: { from: '2024-01', to: '2024-12' },
  brief: { format: 'md', model: 'mean' },
};

type Col = 'owner' | 'editor' | 'analyst' | 'viewer' | 'outsider' | 'anonymous';
const COLS: Col[] = ['owner', 'editor', 'analyst', 'viewer', 'outsider', 'anonymous'];
/** Callers run least privileged first, so that destructive rows succeed only at the end (the owner's turn). */
const RUN_ORDER: Col[] = ['anonymous', 'outsider', 'viewer', 'analyst', 'editor', 'owner'];
type Row = [Method, string, unknown, number, number, number, number, number, number];

// prettier-ignore
const MATRIX: Row[] = [
  // method   path                                                  body                                         owner editor analyst viewer outsider anonymous
  ['GET',    '/openapi.json',                                       undefined,                                    200,  200,   200,    200,   200,     200],
  ['GET',    '/api/health',                                         undefined,                                    200,  200,   200,    200,   200,     200],
  ['GET',    '/api/schema',                                         undefined,                                    200,  200,   200,    200,   200,     200],
  ['GET',    '/api/analyses',                                       undefined,                                    200,  200,   200,    200,   200,     200],
  ['GET',    '/api/auth/me',                                        undefined,                                    200,  200,   200,    200,   200,     401],
  ['POST',   '/api/import',                                         { format: 'ktab-csv', text: KTAB_CSV },       200,  200,   200,    200,   200,     401],
  ['GET',    '/api/workspaces',                                     undefined,                                    200,  200,   200,    200,   200,     401],
  ['POST',   '/api/validate',                                       { text: PUBLIC },                             200,  200,   200,    200,   200,     401],
  ['POST',   '/api/workspaces',                                     { name: 'Own workspace' },                    201,  201,   201,    201,   201,     401],
  ['GET',    '/api/workspaces/no-such-workspace',                   undefined,                                    404,  404,   404,    404,   404,     401],
  ['GET',    '/api/workspaces/:ws',                                 undefined,                                    200,  200,   200,    200,   404,     401],
  ['PATCH',  '/api/workspaces/:ws',                                 { name: 'Renamed' },                          200,  403,   403,    403,   404,     401],
  ['GET',    '/api/workspaces/:ws/members',                         undefined,                                    200,  200,   200,    200,   404,     401],
  ['POST',   '/api/workspaces/:ws/members',                         { email: ':newbie', role: 'viewer' },          201,  403,   403,    403,   404,     401],
  ['PATCH',  '/api/workspaces/:ws/members/:spare',                  { role: 'analyst', cleared: true },           200,  403,   403,    403,   404,     401],
  ['DELETE', '/api/workspaces/:ws/members/:spare',                  undefined,                                    200,  403,   403,    403,   404,     401],
  ['GET',    '/api/workspaces/:ws/audit',                           undefined,                                    200,  403,   403,    403,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios',                       undefined,                                    200,  200,   200,    200,   404,     401],
  ['POST',   '/api/workspaces/:ws/scenarios',                       { name: 'second', text: PUBLIC },             201,  201,   403,    403,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid',                  undefined,                                    200,  200,   200,    200,   404,     401],
  ['PUT',    '/api/workspaces/:ws/scenarios/:sid',                  { text: PUBLIC.replace('Test accord', 'Edited accord') }, 200, 200, 403, 403, 404, 401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid/versions',         undefined,                                    200,  200,   200,    200,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid/export',           undefined,                                    200,  200,   200,    200,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid/initiatives',      undefined,                                    200,  200,   200,    200,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid/initiatives/plan-a', undefined,                                  200,  200,   200,    200,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid/positions',        undefined,                                    200,  200,   200,    200,   404,     401],
  ['GET',    '/api/workspaces/:ws/scenarios/:sid/comments',         undefined,                                    200,  200,   200,    200,   404,     401],
  ['POST',   '/api/workspaces/:ws/scenarios/:sid/comments',         { body: 'A note' },                           201,  201,   201,    403,   404,     401],
  ['GET',    '/api/workspaces/:ws/search?q=plan',                   undefined,                                    200,  200,   200,    200,   404,     401],
  ...Object.entries(ENGINE_BODIES).map(([name, body]): Row =>
  ['POST',   `/api/workspaces/:ws/scenarios/:sid/analyses/${name}`, body,                                         200,  200,   200,    403,   404,     401]),
  ['POST',   '/api/workspaces/:ws/scenarios/:sid/sweeps',           { runs: 20, batch: 10 },                      202,  202,   202,    403,   404,     401],
  ['POST',   '/api/workspaces/:ws/scenarios/:sid/grids',            { engine: 'forecast', vary: { model: ['mean', 'median'] } }, 202, 202, 202, 403, 404, 401],
  ['GET',    '/api/workspaces/:ws/jobs',                            undefined,                                    200,  200,   200,    200,   404,     401],
  ['GET',    '/api/workspaces/:ws/jobs/:job',                       undefined,                                    200,  200,   200,    200,   404,     401],
];

export function defineApiSuite(label: string, open: OpenApp): void {
  describe(`API on ${label}`, () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await open();
    });
    afterAll(async () => {
      await app?.close();
    });

    describe('access matrix: every endpoint × every role', () => {
      let w: World;
      let newbie: Client;
      let job = '';
      beforeAll(async () => {
        w = await makeWorld(app, 'matrix');
        newbie = new Client(app, `newbie.${w.ws}@example.org`);
        await newbie.register(PASSWORD);
        // A job by an uncleared analyst: every member may see it.
        const r = await w.users.analyst.req('POST', `/api/workspaces/${w.ws}/scenarios/${w.sid}/sweeps`, { runs: 10 });
        job = (r.json() as { id: string }).id;
        await waitForJob(w.users.analyst, w.ws, job);
      });
      const fill = (s: string): string =>
        s.replace(':ws', w.ws).replace(':sid', w.sid).replace(':spare', w.spare.id).replace(':job', job).replace(':newbie', newbie.email);
      for (const [method, path, body, ...codes] of MATRIX) {
        it(`${method} ${path}`, async () => {
          const want = Object.fromEntries(COLS.map((c, i) => [c, codes[i]]));
          const got: Record<string, number> = {};
          const bodyFor = body === undefined ? undefined : (JSON.parse(fill(JSON.stringify(body))) as unknown);
          for (const who of RUN_ORDER) {
            const r = await w.users[who].req(method, fill(path), bodyFor);
            got[who] = r.status;
            if (r.status >= 400) {
              // Every refusal says why, in words, and never echoes a stack.
              const e = r.json() as { error: string; message: string };
              expect(typeof e.message).toBe('string');
              expect(r.body).not.toMatch(/\bat .*\.ts:\d+/);
            }
          }
          expect(got).toEqual(want);
        });
      }
    });

    describe('confidential items never leak to uncleared members', () => {
      let w: World;
      const pub = parsed(PUBLIC);
      const full = parsed(FULL);
      const base = (): string => `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
      beforeAll(async () => {
        w = await makeWorld(app, 'secret');
      });

      it('the fixture is meaningful: the hidden items change every engine result', () => {
        expect(plain(compare(full))).not.toEqual(plain(compare(pub)));
        expect(forecast(full, { model: 'mean' }).outcome).not.toEqual(forecast(pub, { model: 'mean' }).outcome);
        expect(plain(analyseAgreement(scenarioProblem(full)).pareto)).not.toEqual(plain(analyseAgreement(scenarioProblem(pub)).pareto));
      });

      it('cleared members (owner, cleared viewer) see them: positive control', async () => {
        for (const who of ['owner', 'clearedViewer'] as const) {
          const r = await w.users[who].req('GET', base());
          expect(r.body).toMatch(SECRET);
          expect((r.json() as { counts: unknown }).counts).toEqual({ actors: 3, issues: 2, positions: 5, initiatives: 3, sources: 2 });
          const s = (await w.users[who].req('GET', `/api/workspaces/${w.ws}/search?q=nightjar`)).json() as { count: number };
          expect(s.count).toBeGreaterThan(0);
          expect((await w.users[who].req('GET', `${base()}/initiatives/nightjar`)).status).toBe(200);
        }
      });

      for (const who of ['editor', 'analyst', 'viewer'] as const) {
        it(`${who}: the scenario, listings, counts, search and exports are exactly the public scenario`, async () => {
          const c = w.users[who];
          const one = (await c.req('GET', base())).json() as { scenario: unknown; counts: unknown };
          expect(one.scenario).toEqual(plain(pub));
          expect(one.counts).toEqual({ actors: 3, issues: 2, positions: 4, initiatives: 2, sources: 1 });
          const list = (await c.req('GET', `/api/workspaces/${w.ws}/scenarios`)).json() as { counts: unknown }[];
          expect(list.map((x) => x.counts)).toEqual([{ actors: 3, issues: 2, positions: 4, initiatives: 2, sources: 1 }]);
          for (const fmt of ['yaml', 'json']) {
            const ex = await c.req('GET', `${base()}/export?format=${fmt}`);
            expect(ex.status).toBe(200);
            expect(plain(parsed(ex.body))).toEqual(plain(pub));
          }
          const paths = [
            base(),
            `${base()}?version=1`,
            `/api/workspaces/${w.ws}`,
            `/api/workspaces/${w.ws}/scenarios`,
            `${base()}/export`,
            `${base()}/export?format=json`,
            `${base()}/initiatives`,
            `${base()}/positions`,
            `${base()}/positions?actor=south`,
            `${base()}/versions`,
            `${base()}/comments`,
            `/api/workspaces/${w.ws}/search?q=nightjar`,
            `/api/workspaces/${w.ws}/search?q=back channel`,
            `/api/workspaces/${w.ws}/search?q=ridge`,
            `/api/workspaces/${w.ws}/jobs`,
          ];
          for (const p of paths) {
            const r = await c.req('GET', p);
            expect(r.status, p).toBe(200);
            // Search echoes the caller's own query; everything else it returns must be clean.
            const body = p.includes('/search?') ? JSON.stringify((r.json() as { hits: unknown }).hits) : r.body;
            expect(body, p).not.toMatch(SECRET);
          }
          const s = (await c.req('GET', `/api/workspaces/${w.ws}/search?q=nightjar`)).json() as { count: number };
          expect(s.count).toBe(0);
        });

        it(`${who}: a confidential item gets the same 404 as a missing one`, async () => {
          const c = w.users[who];
          const hidden = await c.req('GET', `${base()}/initiatives/nightjar`);
          const missing = await c.req('GET', `${base()}/initiatives/no-such-initiative`);
          expect(hidden.status).toBe(404);
          expect(hidden.body).toBe(missing.body);
          expect(hidden.body).not.toMatch(SECRET);
        });
      }

      for (const who of ['editor', 'analyst'] as const) {
        it(`${who}: every analysis runs on the public scenario only`, async () => {
          const c = w.users[who];
          for (const [name, body] of Object.entries(ENGINE_BODIES)) {
            const r = await c.req('POST', `${base()}/analyses/${name}`, body);
            expect(r.status, name).toBe(200);
            expect(r.body, name).not.toMatch(SECRET);
          }
          const cmp = (await c.req('POST', `${base()}/analyses/compare`, {})).json() as { result: unknown };
          expect(cmp.result).toEqual(plain(compare(pub)));
          const fc = (await c.req('POST', `${base()}/analyses/forecast`, { model: 'mean' })).json() as { result: { outcome: unknown } };
          expect(fc.result.outcome).toEqual(plain(forecast(pub, { model: 'mean' }).outcome));
          const ag = (await c.req('POST', `${base()}/analyses/agreement`, {})).json() as { result: unknown };
          expect(ag.result).toEqual(plain(analyseAgreement(scenarioProblem(pub))));
          const tn = (await c.req('POST', `${base()}/analyses/tornado`, { low: 10, high: 90 })).json() as { result: unknown };
          expect(tn.result).toEqual(plain(tornado({ scenario: pub, engine: 'forecast', model: 'mean', seed: 1 }, { low: 0.1, high: 0.9 })));
          const crossed = await c.req('POST', `${base()}/analyses/tornado`, { low: 95, high: 5 });
          // Bad parameters are the caller's request (400, naming the field), as for every analysis.
          expect(crossed.status).toBe(400);
          expect(crossed.body).toMatch(/body\.low: low must be below high/);
          // Error messages name only what the caller may see.
          const bad = await c.req('POST', `${base()}/analyses/forecast`, { actors: ['ghost'] });
          expect(bad.status).toBe(422);
          expect(bad.body).toMatch(/ghost/);
          expect(bad.body).not.toMatch(SECRET);
        });
      }

      it('a sweep by an uncleared analyst equals core sweep on the public scenario; cleared jobs are invisible to the uncleared', async () => {
        const a = w.users.analyst;
        const r = await a.req('POST', `${base()}/sweeps`, { runs: 40, batch: 15, seed: 7 });
        expect(r.status).toBe(202);
        const j = await waitForJob(a, w.ws, (r.json() as { id: string }).id);
        expect(j.status).toBe('done');
        expect(j.progress).toBe(40);
        expect(j.result).toEqual(plain(sweep({ scenario: pub, engine: 'forecast', model: 'mean', seed: 7 }, 40, 15)));
        expect(JSON.stringify(j)).not.toMatch(SECRET);

        const o = w.users.owner;
        const r2 = await o.req('POST', `${base()}/sweeps`, { runs: 40, batch: 15, seed: 7 });
        const id2 = (r2.json() as { id: string }).id;
        const j2 = await waitForJob(o, w.ws, id2);
        expect(j2.result).toEqual(plain(sweep({ scenario: full, engine: 'forecast', model: 'mean', seed: 7 }, 40, 15)));
        for (const who of ['editor', 'analyst', 'viewer'] as const) {
          const hidden = await w.users[who].req('GET', `/api/workspaces/${w.ws}/jobs/${id2}`);
          const missing = await w.users[who].req('GET', `/api/workspaces/${w.ws}/jobs/no-such-job`);
          expect(hidden.status).toBe(404);
          expect(hidden.body).toBe(missing.body);
          const list = (await w.users[who].req('GET', `/api/workspaces/${w.ws}/jobs`)).json() as { id: string }[];
          expect(list.map((x) => x.id)).not.toContain(id2);
        }
        expect((await w.users.clearedViewer.req('GET', `/api/workspaces/${w.ws}/jobs/${id2}`)).status).toBe(200);
      });

      it('an uncleared editor edits the scenario and nothing confidential is lost', async () => {
        const e = w.users.editor;
        const cur = (await e.req('GET', base())).json() as { version: number };
        const edited = PUBLIC.replace('Test accord (server fixture)', 'Test accord, revised').replace('Line at the river', 'Line at the bridge');
        const r = await e.req('PUT', base(), { text: edited, baseVersion: cur.version });
        expect(r.status).toBe(200);
        expect((r.json() as { version: number }).version).toBe(cur.version + 1);
        const mine = (await e.req('GET', base())).json() as { scenario: Scenario };
        expect(mine.scenario).toEqual(plain(parsed(edited)));
        const owners = (await w.users.owner.req('GET', base())).json() as { scenario: Scenario };
        const s = owners.scenario;
        expect(s.title).toBe('Test accord, revised');
        expect(s.initiatives.find((i) => i.id === 'plan-a')!.provisions[0]!.text).toBe('Line at the bridge');
        // Everything hidden from the editor is still there, unchanged.
        expect(s.initiatives.find((i) => i.id === 'nightjar')).toEqual(plain(full.initiatives.find((i) => i.id === 'nightjar')));
        expect(s.positions.filter((p) => p.confidential)).toEqual(plain(full.positions.filter((p) => p.confidential)));
        expect(s.sources.map((x) => x.id).sort()).toEqual(['nightjar-memo', 'pub-src']);
        expect(s.snapshots!.map((x) => x.label)).toEqual(['Public shift', 'NIGHTJAR shift']);
        // A clash with a hidden id is refused without naming it, and the stored version stays as it was.
        const clash = PUBLIC.replace('  - id: plan-b\n', '  - id: nightjar\n');
        const before = (await w.users.owner.req('GET', `${base()}/export`)).body;
        const c = await e.req('PUT', base(), { text: clash });
        expect(c.status).toBe(409);
        expect(c.body).not.toMatch(SECRET);
        expect((await w.users.owner.req('GET', `${base()}/export`)).body).toBe(before);
      });
    });

    describe('membership changes take effect at once', () => {
      it('clearance, role and removal apply to the very next request', async () => {
        const w = await makeWorld(app, 'changes');
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        const v = w.users.viewer;
        expect((await v.req('GET', base)).body).not.toMatch(SECRET);
        expect((await v.req('POST', `${base}/analyses/compare`, {})).status).toBe(403);
        expect((await w.users.owner.req('PATCH', `/api/workspaces/${w.ws}/members/${v.id}`, { role: 'analyst', cleared: true })).status).toBe(200);
        expect((await v.req('GET', base)).body).toMatch(SECRET);
        expect((await v.req('POST', `${base}/analyses/compare`, {})).status).toBe(200);
        expect((await w.users.owner.req('PATCH', `/api/workspaces/${w.ws}/members/${v.id}`, { cleared: false })).status).toBe(200);
        expect((await v.req('GET', base)).body).not.toMatch(SECRET);
        expect((await w.users.owner.req('DELETE', `/api/workspaces/${w.ws}/members/${v.id}`)).status).toBe(200);
        const gone = await v.req('GET', base);
        expect(gone.status).toBe(404);
        expect(gone.body).toBe((await w.users.outsider.req('GET', base)).body);
      });
    });

    describe('version notes', () => {
      it('a note on a version with confidential items is shown to cleared members only', async () => {
        const w = await makeWorld(app, 'notes');
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        expect((await w.users.owner.req('PUT', base, { text: FULL, note: 'Added the NIGHTJAR channel' })).status).toBe(200);
        const s2 = await w.users.owner.req('POST', `/api/workspaces/${w.ws}/scenarios`, { name: 'open', text: PUBLIC, note: 'public draft' });
        const open = (s2.json() as { id: string }).id;
        for (const who of ['editor', 'analyst', 'viewer'] as const) {
          const r = await w.users[who].req('GET', `${base}/versions`);
          expect(r.body).not.toMatch(SECRET);
          const notes = (r.json() as { note: string | null }[]).map((v) => v.note);
          expect(notes).toEqual([null, null]);
          const pub = (await w.users[who].req('GET', `/api/workspaces/${w.ws}/scenarios/${open}/versions`)).json() as { note: string | null }[];
          expect(pub.map((v) => v.note)).toEqual(['public draft']);
        }
        for (const who of ['owner', 'clearedViewer'] as const) {
          const notes = ((await w.users[who].req('GET', `${base}/versions`)).json() as { note: string | null }[]).map((v) => v.note);
          expect(notes).toEqual(['Added the NIGHTJAR channel', null]);
        }
      });
    });

    describe('Chatham House mode', () => {
      let w: World;
      beforeAll(async () => {
        w = await makeWorld(app, 'chatham');
      });
      it('shows authors when off, hides them from every non-audit view when on, and the audit log keeps them', async () => {
        const { owner, editor, analyst } = w.users;
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        await analyst.req('POST', `${base}/comments`, { body: 'First remark' });
        const before = (await owner.req('GET', `${base}/comments`)).json() as { author: { name: string } | null }[];
        expect(before[0]!.author?.name).toBe('Ana Analyst');

        expect((await owner.req('PATCH', `/api/workspaces/${w.ws}`, { chathamHouse: true })).status).toBe(200);
        expect((await editor.req('PUT', base, { text: FULL.replace('Test accord', 'Chatham accord') })).status).toBe(409); // uncleared editor: FULL re-adds hidden ids
        expect((await editor.req('PUT', base, { text: PUBLIC.replace('Test accord', 'Chatham accord') })).status).toBe(200);
        await analyst.req('POST', `${base}/comments`, { body: 'Second remark' });
        const job = (await analyst.req('POST', `${base}/sweeps`, { runs: 5 })).json() as { id: string };
        await waitForJob(analyst, w.ws, job.id);

        const contributors = [owner, editor, analyst];
        const views = [
          `/api/workspaces/${w.ws}/scenarios`,
          base,
          `${base}/versions`,
          `${base}/comments`,
          `/api/workspaces/${w.ws}/jobs`,
          `/api/workspaces/${w.ws}/jobs/${job.id}`,
          `/api/workspaces/${w.ws}/search?q=remark`,
        ];
        for (const who of ['owner', 'editor', 'analyst', 'viewer', 'clearedViewer'] as const) {
          for (const v of views) {
            const r = await w.users[who].req('GET', v);
            expect(r.status, v).toBe(200);
            for (const c of contributors) {
              expect(r.body, `${who} ${v}`).not.toContain(c.id);
              expect(r.body, `${who} ${v}`).not.toContain(c.name);
              expect(r.body, `${who} ${v}`).not.toContain(c.email);
            }
          }
          const comments = (await w.users[who].req('GET', `${base}/comments`)).json() as { body: string; author: unknown }[];
          expect(comments.map((c) => [c.body, c.author])).toEqual([
            ['First remark', null],
            ['Second remark', null],
          ]);
        }
        const log = (await owner.req('GET', `/api/workspaces/${w.ws}/audit`)).json() as { user: { id: string } | null; action: string }[];
        const by = (action: string): string[] => log.filter((x) => x.action === action).map((x) => x.user!.id);
        expect(by('scenario.save')).toEqual([editor.id]);
        expect(by('comment.create').sort()).toEqual([analyst.id, analyst.id]);
        expect(by('job.create')).toEqual([analyst.id]);
        expect(by('workspace.update')).toEqual([owner.id]);
      });
    });

    describe('scenarios: validation on every write, versions kept', () => {
      let w: World;
      beforeAll(async () => {
        w = await makeWorld(app, 'versions');
      });
      it('an invalid save is a 400 with located problems and leaves the stored version untouched', async () => {
        const { owner } = w.users;
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        const r = await owner.req('PUT', base, { text: INVALID });
        expect(r.status).toBe(400);
        const e = r.json() as { error: string; message: string; problems: { line: number; column: number; pointer: string; message: string }[] };
        expect(e.error).toBe('invalid_scenario');
        expect(e.problems).toHaveLength(1);
        expect(e.problems[0]).toMatchObject({ line: 8, pointer: '/positions/0/salience' });
        expect(e.message).toMatch(/line 8/);
        const after = (await owner.req('GET', base)).json() as { version: number };
        expect(after.version).toBe(1);
        expect((await owner.req('GET', `${base}/export`)).body).toBe(FULL);
        const created = await owner.req('POST', `/api/workspaces/${w.ws}/scenarios`, { name: 'broken', text: INVALID });
        expect(created.status).toBe(400);
        expect(((await owner.req('GET', `/api/workspaces/${w.ws}/scenarios`)).json() as unknown[]).length).toBe(1);
        const syntax = await owner.req('PUT', base, { text: 'parley: 1\ntitle: [unclosed\n' });
        expect(syntax.status).toBe(400);
        expect((syntax.json() as { problems: { message: string }[] }).problems[0]!.message).toMatch(/syntax/i);
      });

      it('every save is a new version; old versions stay readable; a stale baseVersion is refused', async () => {
        const { owner } = w.users;
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        for (const t of ['Second title', 'Third title']) {
          const r = await owner.req('PUT', base, { text: FULL.replace('Test accord (server fixture)', t) });
          expect(r.status).toBe(200);
        }
        const versions = (await owner.req('GET', `${base}/versions`)).json() as { version: number; author: { id: string } }[];
        expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
        expect(versions.every((v) => v.author.id === owner.id)).toBe(true);
        const titles = [];
        for (const v of [1, 2, 3]) titles.push(((await owner.req('GET', `${base}?version=${v}`)).json() as { scenario: { title: string } }).scenario.title);
        expect(titles).toEqual(['Test accord (server fixture)', 'Second title', 'Third title']);
        expect((await owner.req('GET', `${base}/export?version=1`)).body).toBe(FULL);
        const stale = await owner.req('PUT', base, { text: FULL, baseVersion: 2 });
        expect(stale.status).toBe(409);
        expect(stale.body).toMatch(/baseVersion/);
        expect(((await owner.req('GET', base)).json() as { version: number }).version).toBe(3);
      });

      it('bad input names the field', async () => {
        const { owner } = w.users;
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        const reg = await new Client(app, '').req('POST', '/api/auth/register', { email: 'not-an-email', password: 'short' });
        expect(reg.status).toBe(400);
        expect(reg.body).toMatch(/body\.email/);
        expect(reg.body).toMatch(/body\.password/);
        const m = await owner.req('POST', `${base}/analyses/forecast`, { model: 'crystal-ball' });
        expect(m.status).toBe(400);
        expect(m.body).toMatch(/body\.model/);
        const t = await owner.req('POST', `${base}/analyses/timeline`, { from: '2024-01' });
        expect(t.status).toBe(400);
        expect(t.body).toMatch(/body\.to/);
        const s = await owner.req('POST', `${base}/sweeps`, { runs: 0 });
        expect(s.status).toBe(400);
        expect(s.body).toMatch(/body\.runs/);
        const g = await owner.req('POST', `${base}/grids`, { engine: 'forecast', vary: { model: ['mean', 'tea-leaves'] } });
        expect(g.status).toBe(400);
        expect(g.body).toMatch(/body\.params\.model/);
        const role = await owner.req('POST', `/api/workspaces/${w.ws}/members`, { email: w.users.outsider.email, role: 'emperor' });
        expect(role.status).toBe(400);
        expect(role.body).toMatch(/body\.role/);
        const last = await owner.req('PATCH', `/api/workspaces/${w.ws}/members/${owner.id}`, { role: 'viewer' });
        expect(last.status).toBe(409);
      });

      it('imports a KTAB input as a scenario that forecasts the same as the input itself', async () => {
        const { owner } = w.users;
        const r = await owner.req('POST', '/api/import', { format: 'ktab-csv', text: KTAB_CSV, file: 'toy.csv' });
        expect(r.status).toBe(200);
        const yaml = (r.json() as { text: string }).text;
        const s = parsed(yaml);
        expect(s.actors.map((a) => a.name)).toEqual(['GovA', 'RebB', 'MedC']);
        expect(s.issues).toHaveLength(2);
        const direct = forecast(importKtabCsv(KTAB_CSV, 'toy.csv').problem, { model: 'mean' }).outcome;
        const viaScenario = forecast(s, { model: 'mean', seats: ['party', 'mediator', 'guarantor', 'observer', 'absent'] }).outcome;
        expect(Object.values(viaScenario).map((x) => Math.round(x! * 1e9))).toEqual(Object.values(direct).map((x) => Math.round(x! * 1e9)));
        const stored = await owner.req('POST', `/api/workspaces/${w.ws}/scenarios`, { name: 'imported', text: yaml });
        expect(stored.status).toBe(201);
        const bad = await owner.req('POST', '/api/import', { format: 'ktab-csv', text: 'not,a,ktab\nfile' });
        expect(bad.status).toBe(422);
        expect(bad.body).toMatch(/text/);
      });

      it('a job can be cancelled by its creator or an owner, and the runner moves on', async () => {
        const { analyst, editor, viewer, outsider, owner } = w.users;
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        const r = await analyst.req('POST', `${base}/sweeps`, { runs: 100_000, batch: 5 });
        const id = (r.json() as { id: string }).id;
        const url = `/api/workspaces/${w.ws}/jobs/${id}`;
        expect((await outsider.req('DELETE', url)).status).toBe(404);
        expect((await viewer.req('DELETE', url)).status).toBe(403);
        expect((await editor.req('DELETE', url)).status).toBe(403);
        expect((await analyst.req('DELETE', url)).status).toBe(200);
        expect((await owner.req('DELETE', url)).status).toBe(409);
        const small = (await analyst.req('POST', `${base}/sweeps`, { runs: 10 })).json() as { id: string };
        expect((await waitForJob(analyst, w.ws, small.id)).status).toBe('done');
        const j = (await analyst.req('GET', url)).json() as { status: string; progress: number; total: number; result: unknown };
        expect(j.status).toBe('cancelled');
        expect(j.progress).toBeLessThan(j.total);
        expect(j.result).toBeNull();
        const log = (await owner.req('GET', `/api/workspaces/${w.ws}/audit`)).json() as { action: string; target: string }[];
        expect(log.filter((x) => x.action === 'job.cancel').map((x) => x.target)).toEqual([`job:${id}`]);
      });

      it('a grid runs an analysis over every combination, with progress', async () => {
        const { analyst } = w.users;
        const base = `/api/workspaces/${w.ws}/scenarios/${w.sid}`;
        const r = await analyst.req('POST', `${base}/grids`, { engine: 'forecast', vary: { model: ['mean', 'median'], asOf: ['2024-01', '2024-12'] } });
        expect(r.status).toBe(202);
        expect((r.json() as { total: number }).total).toBe(4);
        const j = await waitForJob(analyst, w.ws, (r.json() as { id: string }).id);
        expect(j).toMatchObject({ status: 'done', progress: 4, total: 4 });
        const pub = parsed(PUBLIC);
        const runs = j.result as { params: { model: 'mean' | 'median'; asOf: string }; result: { outcome: unknown } }[];
        expect(runs.map((x) => x.params)).toEqual([
          { model: 'mean', asOf: '2024-01' },
          { model: 'mean', asOf: '2024-12' },
          { model: 'median', asOf: '2024-01' },
          { model: 'median', asOf: '2024-12' },
        ]);
        for (const x of runs) expect(x.result.outcome).toEqual(plain(forecast(pub, { model: x.params.model, asOf: x.params.asOf }).outcome));
      });
    });

    describe('accounts, sessions and CSRF', () => {
      it('stores argon2id hashes and only sha256 of session tokens; cookies are signed, HTTP-only, SameSite=Lax', async () => {
        const c = new Client(app, 'hash.check@example.org');
        await c.register(PASSWORD);
        const r = await c.login(PASSWORD);
        const set = String(r.headers['set-cookie']);
        expect(set).toMatch(/HttpOnly/);
        expect(set).toMatch(/SameSite=Lax/);
        const row = await app.store.db.selectFrom('users').select('password_hash').where('id', '=', c.id).executeTakeFirstOrThrow();
        expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
        expect(row.password_hash).not.toContain(PASSWORD);
        const signed = decodeURIComponent(c.cookie!.split('=')[1]!);
        const token = signed.slice(0, signed.lastIndexOf('.'));
        const sessions = await app.store.db.selectFrom('sessions').select('token_hash').where('user_id', '=', c.id).execute();
        expect(sessions.map((s) => s.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
        // A tampered signature is no session at all.
        const forged = new Client(app);
        forged.cookie = c.cookie!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
        expect((await forged.req('GET', '/api/auth/me')).status).toBe(401);
      });

      it('requires the CSRF token on unsafe requests, and logout ends the session', async () => {
        const c = new Client(app, 'csrf.check@example.org');
        await c.register(PASSWORD);
        await c.login(PASSWORD);
        const none = await c.req('POST', '/api/workspaces', { name: 'x' }, { 'x-csrf-token': '' });
        expect(none.status).toBe(403);
        expect(none.body).toMatch(/x-csrf-token/);
        expect((await c.req('POST', '/api/workspaces', { name: 'x' }, { 'x-csrf-token': 'forged' })).status).toBe(403);
        expect((await c.req('POST', '/api/workspaces', { name: 'x' })).status).toBe(201);
        expect((await c.req('POST', '/api/auth/logout')).status).toBe(200);
        expect((await c.req('GET', '/api/workspaces')).status).toBe(401);
      });

      it('a wrong password and an unknown email get the same answer', async () => {
        const c = new Client(app, 'who.check@example.org');
        await c.register(PASSWORD);
        const wrong = await c.req('POST', '/api/auth/login', { email: c.email, password: 'wrong password!' });
        const unknown = await c.req('POST', '/api/auth/login', { email: 'nobody@example.org', password: 'wrong password!' });
        expect(wrong.status).toBe(401);
        expect(wrong.body).toBe(unknown.body);
        const dup = await c.req('POST', '/api/auth/register', { email: c.email, password: PASSWORD });
        expect(dup.status).toBe(409);
        expect(dup.body).toMatch(/email/);
      });
    });

    describe('limits and the OpenAPI document', () => {
      it('rate-limits requests and logins, and refuses oversized bodies', async () => {
        const small = await open({ rateLimit: 5, authRateLimit: 2, bodyLimit: 4096 });
        try {
          const statuses = [];
          for (let i = 0; i < 7; i++) statuses.push((await small.inject({ method: 'GET', url: '/api/health' })).statusCode);
          expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
          const logins = [];
          for (let i = 0; i < 3; i++) logins.push((await small.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.org', password: 'x' } })).statusCode);
          expect(logins).toEqual([401, 401, 429]);
          const big = await small.inject({ method: 'POST', url: '/api/validate', payload: { text: 'x'.repeat(10_000) } });
          expect([413, 429]).toContain(big.statusCode);
        } finally {
          await small.close();
        }
        const roomy = await open({ rateLimit: false, bodyLimit: 4096 });
        try {
          const big = await roomy.inject({ method: 'POST', url: '/api/validate', payload: { text: 'x'.repeat(10_000) } });
          expect(big.statusCode).toBe(413);
          expect(big.body).toMatch(/body/);
        } finally {
          await roomy.close();
        }
      });

      it('describes every route in /openapi.json', async () => {
        const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
        expect(doc.openapi).toMatch(/^3\./);
        for (const name of Object.keys(ENGINE_BODIES)) expect(doc.paths[`/api/workspaces/{ws}/scenarios/{sid}/analyses/${name}`]?.post, name).toBeDefined();
        expect(doc.paths['/api/workspaces/{ws}/jobs/{jid}']?.delete).toBeDefined();
        for (const [method, path] of MATRIX) {
          const p = path.split('?')[0]!.replace(':ws', '{ws}').replace(':sid', '{sid}').replace(':spare', '{userId}').replace(':job', '{jid}').replace('/initiatives/plan-a', '/initiatives/{iid}');
          if (p.includes('no-such') || p === '/openapi.json') continue;
          expect(doc.paths[p]?.[method.toLowerCase()], `${method} ${p}`).toBeDefined();
        }
      });
    });
  });
}
