/** Test plumbing: a cookie-keeping client over `app.inject`, and a workspace with one member per role. */
import type { FastifyInstance } from 'fastify';
import { FULL } from './fixtures.js';

/** Cheap argon2id for tests (the algorithm is the same; the cost is the server's option). */
export const TEST_HASH_COST = { memoryCost: 1024, timeCost: 1 };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Res {
  status: number;
  body: string;
  json: () => unknown;
  headers: Record<string, string | string[] | number | undefined>;
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  id = '';
  name = '';
  constructor(
    readonly app: FastifyInstance,
    readonly email = '',
  ) {}

  async req(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    const r = await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: r.statusCode, body: r.body, json: () => r.json(), headers: r.headers };
  }

  async register(password: string, name?: string): Promise<void> {
    const r = await this.req('POST', '/api/auth/register', { email: this.email, password, ...(name ? { name } : {}) });
    if (r.status !== 201) throw new Error(`register ${this.email}: ${r.status} ${r.body}`);
    const u = (r.json() as { user: { id: string; name: string } }).user;
    this.id = u.id;
    this.name = u.name;
  }

  async login(password: string): Promise<Res> {
    const r = await this.req('POST', '/api/auth/login', { email: this.email, password });
    if (r.status === 200) {
      const set = r.headers['set-cookie'];
      const first = (Array.isArray(set) ? set[0] : String(set)) ?? '';
      this.cookie = first.split(';')[0]!;
      this.csrf = (r.json() as { csrfToken: string }).csrfToken;
    }
    return r;
  }
}

export const PASSWORD = 'correct horse battery staple';

export type Who = 'owner' | 'editor' | 'analyst' | 'viewer' | 'clearedViewer' | 'outsider' | 'anonymous';

export interface World {
  ws: string;
  sid: string;
  users: Record<Who, Client>;
  spare: Client;
}

let counter = 0;

/** A workspace with one member per role (uncleared, plus a cleared viewer), an outsider and the FULL scenario. */
export async function makeWorld(app: FastifyInstance, tag = 'w'): Promise<World> {
  const n = ++counter;
  const mk = async (who: string, name: string): Promise<Client> => {
    const c = new Client(app, `${who}.${tag}${n}@example.org`);
    await c.register(PASSWORD, name);
    const r = await c.login(PASSWORD);
    if (r.status !== 200) throw new Error(`login ${who}: ${r.body}`);
    return c;
  };
  const owner = await mk('owner', 'Olga Owner');
  const editor = await mk('editor', 'Ed Editor');
  const analyst = await mk('analyst', 'Ana Analyst');
  const viewer = await mk('viewer', 'Vic Viewer');
  const clearedViewer = await mk('cleared', 'Cleo Cleared');
  const outsider = await mk('outsider', 'Otto Outsider');
  const spare = await mk('spare', 'Spare Member');
  const ws = (await owner.req('POST', '/api/workspaces', { name: `Workspace ${tag}${n}` })).json() as { id: string };
  const add = async (c: Client, role: string, cleared = false): Promise<void> => {
    const r = await owner.req('POST', `/api/workspaces/${ws.id}/members`, { email: c.email, role, cleared });
    if (r.status !== 201) throw new Error(`add member: ${r.body}`);
  };
  await add(editor, 'editor');
  await add(analyst, 'analyst');
  await add(viewer, 'viewer');
  await add(clearedViewer, 'viewer', true);
  await add(spare, 'viewer');
  const s = await owner.req('POST', `/api/workspaces/${ws.id}/scenarios`, { name: 'accord', text: FULL });
  if (s.status !== 201) throw new Error(`create scenario: ${s.body}`);
  const anonymous = new Client(app);
  return { ws: ws.id, sid: (s.json() as { id: string }).id, users: { owner, editor, analyst, viewer, clearedViewer, outsider, anonymous }, spare };
}

export async function waitForJob(c: Client, ws: string, id: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await c.req('GET', `/api/workspaces/${ws}/jobs/${id}`);
    const j = r.json() as Record<string, unknown>;
    if (j.status === 'done' || j.status === 'failed' || j.status === 'cancelled') return j;
    if (Date.now() > until) throw new Error(`job ${id} still ${String(j.status)}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}
