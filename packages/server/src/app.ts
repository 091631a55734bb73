/**
 * The Parley HTTP API (Fastify). `buildServer(options)` opens the database, runs the migrations and returns a ready
 * Fastify instance (use `app.inject` in tests, `app.listen` to serve). Request bodies and parameters are zod schemas,
 * which also produce the OpenAPI document at /openapi.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { parseScenario, scenarioJsonSchema } from '@parley/core';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, ROLES, type Permission } from './access.js';
import { createSession, CSRF_HEADER, csrfMatches, csrfTokenFor, DEFAULT_HASH_COST, deleteSession, serverSecret, SESSION_COOKIE, SESSION_DAYS, userForSession, type HashCost, type SessionUser } from './auth.js';
import { newId, now, openStore, type DB, type Store } from './db.js';
import { ENGINE_NAMES, EngineInputError, getEngine, GridBody, gridCombos, MAX_GRID_RUNS, parseParams, SweepBody } from './engines.js';
import { badRequest, forbidden, HttpError, notFound, unauthorized } from './errors.js';
import { IMPORT_FORMATS, importScenario } from './importers.js';
import { JobRunner, jobTotal, type JobSpec } from './jobs.js';
import * as S from './schemas.js';
import { TtlCache } from './ttl.js';
import {
  addComment,
  addMember,
  audit,
  checkLogin,
  counts,
  createScenario,
  createUser,
  createWorkspace,
  exportText,
  membership,
  removeMember,
  saveScenario,
  ScenarioCache,
  updateMember,
  updateWorkspace,
  visibleScenario,
  visibleScenarios,
  type Membership,
} from './service.js';

export interface ServerOptions {
  /** SQLite file (default `parley.sqlite`), ':memory:', or a postgres:// URL. */
  db?: string;
  /** PostgreSQL: keep the tables in this schema (created if missing). */
  pgSchema?: string;
  /** Secret for cookie signatures and CSRF tokens; default: generated once and kept in the database. */
  secret?: string;
  logger?: boolean;
  /** Requests per minute per session (or IP when logged out); false turns rate limiting off. Default 600. */
  rateLimit?: number | false;
  /** Login and registration attempts per minute per IP. Default 10. */
  authRateLimit?: number;
  /** Largest request body in bytes. Default 2 MiB. */
  bodyLimit?: number;
  /** argon2id cost. Default m=19456 KiB, t=2. */
  hashCost?: HashCost;
  /** Mark the session cookie Secure (set when served over HTTPS). Default false. */
  secureCookies?: boolean;
  /** Allow anyone to create an account. Default true. */
  allowSignup?: boolean;
  /**
   * How long (ms) a session or membership lookup may be reused. This process drops entries on its own changes at
   * once; the limit matters only with several server processes on one PostgreSQL database. Default 5000; 0: off.
   */
  lookupCacheMs?: number;
  /** Folder of the built web app (packages/web/dist): its index.html is served at `/`. */
  webRoot?: string;
  /** HTML → PDF renderer for `POST /api/export/pdf` (the CLI passes headless Chromium); without it the route is absent. */
  renderPdf?: (html: string) => Promise<Buffer>;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    jobs: JobRunner;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    sessionToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_TEXT = 1_000_000;

const Email = z.string().trim().toLowerCase().email('a valid email address').max(320);
const Password = z.string().min(10, 'at least 10 characters').max(1000);
const ScenarioText = z.string().min(1, 'the scenario as YAML or JSON text').max(MAX_TEXT, `at most ${MAX_TEXT} characters`);
const Name = z.string().trim().min(1).max(200);
const WsParams = z.strictObject({ ws: z.string().min(1).max(100) });
const ScParams = WsParams.extend({ sid: z.string().min(1).max(100) });
const RoleEnum = z.enum(ROLES);

/** Show an author only outside Chatham House mode. */
const attribution = (m: Membership, author: { id: string; name: string } | null): { id: string; name: string } | null => (m.chathamHouse ? null : author);

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const store = await openStore({ db: options.db ?? 'parley.sqlite', ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}) });
  const db = store.db;
  const secret = await serverSecret(db, options.secret);
  const cost = options.hashCost ?? DEFAULT_HASH_COST;
  const cache = new ScenarioCache();
  /** The session token from the signed cookie (checked once per request), or null. */
  const unsigned = new WeakMap<FastifyRequest, string | null>();
  const sessionToken = (req: FastifyRequest): string | null => {
    let t = unsigned.get(req);
    if (t === undefined) {
      const raw = req.cookies[SESSION_COOKIE];
      const un = raw ? req.unsignCookie(raw) : null;
      t = un?.valid && un.value ? un.value : null;
      unsigned.set(req, t);
    }
    return t;
  };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024, trustProxy: false });
  const jobs = new JobRunner(db, cache, (e) => app.log.error(e));
  const sessions = new TtlCache<SessionUser & { expires: number }>(options.lookupCacheMs ?? 5000);
  const memberships = new TtlCache<Membership>(options.lookupCacheMs ?? 5000);
  app.decorate('store', store);
  app.decorate('jobs', jobs);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Parley API', version: '0.1.0', description: 'Scenarios, workspaces and analyses of multi-party negotiations' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie, { secret });
  if (options.rateLimit !== false) {
    await app.register(rateLimit, {
      global: true,
      max: options.rateLimit ?? 600,
      timeWindow: 60_000,
      keyGenerator: (req) => {
        const token = sessionToken(req);
        return token ? `s:${token}` : `ip:${req.ip}`;
      },
    });
  }

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send({ error: err.code, message: err.message, ...err.extra });
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const message = err.validation
        .map((v) => {
          const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
          const missing = (v.params as { issue?: { code?: string; input?: unknown } }).issue;
          const msg = missing?.code === 'invalid_type' && missing.input === undefined ? 'required' : v.message;
          return `${where}${path ? '.' + path : ''}: ${msg}`;
        })
        .join('; ');
      return reply.code(400).send({ error: 'bad_request', message });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: 'too many requests; slow down and retry in a minute' });
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: `body: larger than the limit of ${app.initialConfig.bodyLimit} bytes` });
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
      return reply.code(e.statusCode).send({ error: 'bad_request', message: e.message ?? 'bad request' });
    req.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not_found', message: 'no such endpoint' }));

  // Authentication from the session cookie; CSRF check on unsafe cookie-authenticated requests.
  app.addHook('onRequest', async (req) => {
    const token = sessionToken(req);
    if (!token) return;
    const cached = sessions.get(token);
    let user: SessionUser;
    if (cached && cached.expires >= Date.now()) user = { id: cached.id, email: cached.email, name: cached.name };
    else {
      const found = await userForSession(db, token);
      if (!found) return;
      user = { id: found.id, email: found.email, name: found.name };
      sessions.set(token, { ...user, expires: Date.parse(found.expiresAt) });
    }
    if (UNSAFE.has(req.method) && !csrfMatches(secret, token, req.headers[CSRF_HEADER] as string | undefined)) {
      // Logging in or signing up again needs no session: act as if there were none.
      if (req.url === '/api/auth/login' || req.url === '/api/auth/register') return;
      throw new HttpError(403, 'csrf', `${CSRF_HEADER}: missing or wrong CSRF token (use the csrfToken returned at login)`);
    }
    req.user = user;
    req.sessionToken = token;
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: FastifyRequest): SessionUser => {
    if (!req.user) throw unauthorized();
    return req.user;
  };
  const member = async (req: FastifyRequest, ws: string, perm: Permission): Promise<Membership> => {
    const key = `${me(req).id}\u0000${ws}`;
    let m = memberships.get(key);
    if (!m) {
      m = await membership(db, me(req).id, ws);
      memberships.set(key, m);
    }
    if (!can(m.role, perm)) throw forbidden(`your role (${m.role}) may not ${perm === 'manage' ? 'manage members' : perm === 'audit' ? 'read the audit log' : perm} in this workspace`);
    return m;
  };
  // Display names by user id. The API has no way to rename a user, so entries never go stale.
  const knownNames = new Map<string, { id: string; name: string }>();
  const userNames = async (ids: string[]): Promise<Map<string, { id: string; name: string }>> => {
    const uniq = [...new Set(ids)];
    const missing = uniq.filter((id) => !knownNames.has(id));
    if (missing.length > 0) {
      const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', missing).execute();
      if (knownNames.size > 50_000) knownNames.clear();
      for (const u of rows) knownNames.set(u.id, { id: u.id, name: u.name });
    }
    return new Map(uniq.flatMap((id) => (knownNames.has(id) ? [[id, knownNames.get(id)!] as const] : [])));
  };
  const setSessionCookie = (reply: FastifyReply, token: string): void => {
    reply.setCookie(SESSION_COOKIE, token, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies ?? false,
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
    });
  };
  const authLimit = { rateLimit: { max: options.authRateLimit ?? 10, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `auth:${req.ip}` } };

  // ------------------------------------------------------------ meta
  r.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  r.get('/api/health', { schema: { tags: ['meta'], summary: 'liveness' } }, async () => ({ ok: true, db: store.kind }));
  r.get('/api/schema', { schema: { tags: ['meta'], summary: 'JSON Schema of the scenario format' } }, async () => scenarioJsonSchema());
  r.get('/api/analyses', { schema: { tags: ['meta'], summary: 'the analyses available, with their parameters' } }, async () =>
    ENGINE_NAMES.map((name) => ({ name, description: getEngine(name)!.description, params: z.toJSONSchema(getEngine(name)!.params, { io: 'input' }) })),
  );

  // ------------------------------------------------------------ web app and PDF export
  const webIndex = options.webRoot ? path.join(options.webRoot, 'index.html') : undefined;
  if (webIndex && existsSync(webIndex)) {
    // The workbench is one self-contained file; read it once.
    const page = readFileSync(webIndex);
    const sendPage = async (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    r.get('/', { schema: { hide: true } }, sendPage);
    r.get('/index.html', { schema: { hide: true } }, sendPage);
  }
  const renderPdf = options.renderPdf;
  if (renderPdf) {
    r.post(
      '/api/export/pdf',
      {
        schema: {
          tags: ['export'],
          summary: 'print an HTML brief to an A4 PDF (any logged-in user; the page is rendered offline: no scripts, no requests)',
          body: z.strictObject({ html: z.string().min(1).max(options.bodyLimit ?? 2 * 1024 * 1024) }),
        },
      },
      async (req, reply) => {
        me(req);
        const pdf = await renderPdf(req.body.html);
        return reply.type('application/pdf').header('content-disposition', 'attachment; filename="parley-brief.pdf"').send(pdf);
      },
    );
  }

  // ------------------------------------------------------------ auth
  r.post(
    '/api/auth/register',
    { config: authLimit, schema: { response: { 201: z.object({ user: S.User }), ...S.errors }, tags: ['auth'], summary: 'create an account', body: z.strictObject({ email: Email, password: Password, name: Name.optional() }) } },
    async (req, reply) => {
      if (options.allowSignup === false) throw forbidden('sign-up is closed on this server; ask an administrator');
      const u = await createUser(db, cost, req.body);
      return reply.code(201).send({ user: u });
    },
  );
  r.post(
    '/api/auth/login',
    { config: authLimit, schema: { response: { 200: z.object({ user: S.User, csrfToken: z.string() }), ...S.errors }, tags: ['auth'], summary: 'log in: sets the session cookie and returns the CSRF token', body: z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }) } },
    async (req, reply) => {
      const u = await checkLogin(db, cost, req.body.email, req.body.password);
      if (!u) throw new HttpError(401, 'unauthorized', 'email or password is wrong');
      const token = await createSession(db, u.id);
      await audit(db, { workspaceId: null, userId: u.id, action: 'auth.login', target: `user:${u.id}` });
      setSessionCookie(reply, token);
      return { user: u, csrfToken: csrfTokenFor(secret, token) };
    },
  );
  r.post('/api/auth/logout', { schema: { response: { 200: S.Ok, ...S.errors }, tags: ['auth'], summary: 'end the session' } }, async (req, reply) => {
    const u = me(req);
    await deleteSession(db, req.sessionToken!);
    sessions.delete(req.sessionToken!);
    await audit(db, { workspaceId: null, userId: u.id, action: 'auth.logout', target: `user:${u.id}` });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.get('/api/auth/me', { schema: { response: { 200: z.object({ user: S.User, csrfToken: z.string() }), ...S.errors }, tags: ['auth'], summary: 'the logged-in user and the CSRF token' } }, async (req) => ({
    user: me(req),
    csrfToken: csrfTokenFor(secret, req.sessionToken!),
  }));

  // ------------------------------------------------------------ validate (stateless)
  r.post(
    '/api/validate',
    { schema: { response: { 200: S.Validation, ...S.errors }, tags: ['scenarios'], summary: 'validate scenario text (parley validate); stores nothing', body: z.strictObject({ text: ScenarioText, file: z.string().max(200).optional() }) } },
    async (req) => {
      me(req);
      const res = parseScenario(req.body.text, req.body.file ?? '<input>');
      if (!res.ok) return { valid: false, problems: res.problems, warnings: res.warnings };
      return { valid: true, problems: [], warnings: res.warnings, counts: counts(res.scenario) };
    },
  );

  r.post(
    '/api/import',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'convert a KTAB SMP (CSV/XML) or Decide input into scenario YAML (parley import); stores nothing',
        body: z.strictObject({ format: z.enum(IMPORT_FORMATS), text: ScenarioText, file: z.string().min(1).max(200).optional(), title: Name.optional() }),
      },
    },
    async (req) => {
      me(req);
      try {
        return importScenario(req.body.format, req.body.text, req.body.file ?? `input.${req.body.format === 'ktab-xml' ? 'xml' : 'csv'}`, req.body.title);
      } catch (e) {
        if (e instanceof EngineInputError) throw new HttpError(422, 'import_input', e.message);
        throw e;
      }
    },
  );

  // ------------------------------------------------------------ workspaces and members
  r.get('/api/workspaces', { schema: { response: { 200: z.array(S.Workspace), ...S.errors }, tags: ['workspaces'], summary: 'the workspaces you belong to' } }, async (req) => {
    const rows = await db
      .selectFrom('members')
      .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
      .select(['workspaces.id', 'workspaces.name', 'workspaces.chatham_house', 'members.role', 'members.cleared'])
      .where('members.user_id', '=', me(req).id)
      .orderBy('workspaces.created_at')
      .execute();
    return rows.map((w) => ({ id: w.id, name: w.name, chathamHouse: w.chatham_house === 1, role: w.role, cleared: w.role === 'owner' || w.cleared === 1 }));
  });
  r.post(
    '/api/workspaces',
    { schema: { response: { 201: S.Workspace, ...S.errors }, tags: ['workspaces'], summary: 'create a workspace (you become its owner)', body: z.strictObject({ name: Name, chathamHouse: z.boolean().optional() }) } },
    async (req, reply) => {
      const m = await createWorkspace(db, me(req).id, req.body);
      return reply.code(201).send({ id: m.workspaceId, name: m.name, chathamHouse: m.chathamHouse, role: m.role, cleared: true });
    },
  );
  r.get('/api/workspaces/:ws', { schema: { response: { 200: S.Workspace.extend({ scenarios: z.number() }), ...S.errors }, tags: ['workspaces'], params: WsParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    const n = await db.selectFrom('scenarios').select((eb) => eb.fn.countAll<number | string>().as('n')).where('workspace_id', '=', m.workspaceId).executeTakeFirstOrThrow();
    return { id: m.workspaceId, name: m.name, chathamHouse: m.chathamHouse, role: m.role, cleared: m.cleared, scenarios: Number(n.n) };
  });
  r.patch(
    '/api/workspaces/:ws',
    { schema: { response: { 200: S.Ok, ...S.errors }, tags: ['workspaces'], summary: 'rename, or switch Chatham House mode (owner)', params: WsParams, body: z.strictObject({ name: Name.optional(), chathamHouse: z.boolean().optional() }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'manage');
      await updateWorkspace(db, me(req).id, m.workspaceId, req.body);
      memberships.clear();
      return { ok: true };
    },
  );
  r.get('/api/workspaces/:ws/members', { schema: { response: { 200: z.array(S.Member), ...S.errors }, tags: ['members'], params: WsParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    const rows = await db
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .select(['users.id', 'users.name', 'users.email', 'members.role', 'members.cleared'])
      .where('members.workspace_id', '=', m.workspaceId)
      .orderBy('members.added_at')
      .execute();
    // Clearances are the owner's business.
    return rows.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, ...(m.role === 'owner' ? { cleared: u.role === 'owner' || u.cleared === 1 } : {}) }));
  });
  r.post(
    '/api/workspaces/:ws/members',
    { schema: { response: { 201: z.object({ userId: z.string() }), ...S.errors }, tags: ['members'], summary: 'add a member (owner)', params: WsParams, body: z.strictObject({ email: Email, role: RoleEnum, cleared: z.boolean().optional() }) } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'manage');
      const added = await addMember(db, me(req).id, m.workspaceId, req.body);
      memberships.clear();
      return reply.code(201).send(added);
    },
  );
  r.patch(
    '/api/workspaces/:ws/members/:userId',
    { schema: { response: { 200: S.Ok, ...S.errors }, tags: ['members'], summary: 'change role or clearance (owner)', params: WsParams.extend({ userId: z.string().min(1).max(100) }), body: z.strictObject({ role: RoleEnum.optional(), cleared: z.boolean().optional() }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'manage');
      await updateMember(db, me(req).id, m.workspaceId, req.params.userId, req.body);
      memberships.clear();
      return { ok: true };
    },
  );
  r.delete(
    '/api/workspaces/:ws/members/:userId',
    { schema: { response: { 200: S.Ok, ...S.errors }, tags: ['members'], summary: 'remove a member (owner)', params: WsParams.extend({ userId: z.string().min(1).max(100) }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'manage');
      await removeMember(db, me(req).id, m.workspaceId, req.params.userId);
      memberships.clear();
      return { ok: true };
    },
  );
  r.get(
    '/api/workspaces/:ws/audit',
    { schema: { response: { 200: z.array(S.AuditEntry), ...S.errors }, tags: ['workspaces'], summary: 'audit log of every change, with authors (owner)', params: WsParams, querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'audit');
      const rows = await db.selectFrom('audit').selectAll().where('workspace_id', '=', m.workspaceId).orderBy('seq', 'desc').limit(req.query.limit).execute();
      const names = await userNames(rows.flatMap((x) => (x.user_id ? [x.user_id] : [])));
      return rows.map((x) => ({
        at: x.created_at,
        user: x.user_id ? (names.get(x.user_id) ?? { id: x.user_id, name: '' }) : null,
        action: x.action,
        target: x.target,
        details: x.details ? (JSON.parse(x.details) as unknown) : null,
      }));
    },
  );

  // ------------------------------------------------------------ scenarios
  r.get('/api/workspaces/:ws/scenarios', { schema: { response: { 200: z.array(S.ScenarioSummary), ...S.errors }, tags: ['scenarios'], summary: 'scenarios with counts as you may see them', params: WsParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    const all = await visibleScenarios(db, cache, m);
    const names = m.chathamHouse ? new Map<string, { id: string; name: string }>() : await userNames(all.map((v) => v.row.created_by));
    const out = [];
    for (const v of all) {
      out.push({
        id: v.row.id,
        name: v.row.name,
        title: v.scenario.title,
        version: v.version,
        createdAt: v.row.created_at,
        updatedAt: v.row.updated_at,
        createdBy: attribution(m, names.get(v.row.created_by) ?? null),
        counts: counts(v.scenario),
      });
    }
    return out;
  });
  r.post(
    '/api/workspaces/:ws/scenarios',
    { schema: { response: { 201: S.Saved, ...S.errors }, tags: ['scenarios'], summary: 'store a new scenario (validated; invalid → 400 with located problems)', params: WsParams, body: z.strictObject({ name: Name, text: ScenarioText, note: z.string().max(2000).optional() }) } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'edit');
      return reply.code(201).send(await createScenario(db, m, me(req).id, req.body));
    },
  );
  r.get(
    '/api/workspaces/:ws/scenarios/:sid',
    { schema: { response: { 200: S.ScenarioDocument, ...S.errors }, tags: ['scenarios'], summary: 'a scenario (validated, filtered by your clearance)', params: ScParams, querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }) } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'read');
      const v = await visibleScenario(db, cache, m, req.params.sid, req.query.version);
      const names = await userNames([v.row.created_by, v.author]);
      const meta = {
        id: v.row.id,
        name: v.row.name,
        version: v.version,
        currentVersion: v.row.current_version,
        format: v.format,
        createdAt: v.row.created_at,
        updatedAt: v.createdAt,
        createdBy: attribution(m, names.get(v.row.created_by) ?? null),
        author: attribution(m, names.get(v.author) ?? null),
        counts: counts(v.scenario),
      };
      // The scenario's JSON is made once per version and view; only the metadata is serialised per request.
      const body = Buffer.concat([Buffer.from(`${JSON.stringify(meta).slice(0, -1)},"scenario":`), v.json(), Buffer.from('}')]);
      // Already JSON (the ScenarioDocument shape): Fastify sends a Buffer as it is, without the serialiser.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );
  r.put(
    '/api/workspaces/:ws/scenarios/:sid',
    {
      schema: { response: { 200: S.Saved, ...S.errors },
        tags: ['scenarios'],
        summary: 'save a new version (validated first; the stored version is untouched on error)',
        params: ScParams,
        body: z.strictObject({ text: ScenarioText, baseVersion: z.number().int().min(1).optional(), name: Name.optional(), note: z.string().max(2000).optional() }),
      },
    },
    async (req) => {
      const m = await member(req, req.params.ws, 'edit');
      return await saveScenario(db, cache, m, me(req).id, req.params.sid, req.body);
    },
  );
  r.get('/api/workspaces/:ws/scenarios/:sid/versions', { schema: { response: { 200: z.array(S.Version), ...S.errors }, tags: ['scenarios'], summary: 'version history', params: ScParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    await visibleScenario(db, cache, m, req.params.sid);
    const rows = await db.selectFrom('scenario_versions').select(['version', 'author_id', 'note', 'confidential', 'created_at']).where('scenario_id', '=', req.params.sid).orderBy('version', 'desc').execute();
    const names = await userNames(rows.map((x) => x.author_id));
    return rows.map((x) => ({
      version: x.version,
      createdAt: x.created_at,
      // A note on a version with confidential items may describe them: cleared members only.
      note: x.confidential === 1 && !m.cleared ? null : x.note,
      author: attribution(m, names.get(x.author_id) ?? null),
    }));
  });
  r.get(
    '/api/workspaces/:ws/scenarios/:sid/export',
    { schema: { tags: ['scenarios'], summary: 'download as YAML or JSON (filtered by your clearance)', params: ScParams, querystring: z.strictObject({ format: z.enum(['yaml', 'json']).optional(), version: z.coerce.number().int().min(1).optional() }) } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'read');
      const v = await visibleScenario(db, cache, m, req.params.sid, req.query.version);
      const format = req.query.format ?? v.format;
      reply.header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${v.row.name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.v${v.version}.${format}"`);
      return reply.send(await exportText(v, format));
    },
  );
  r.get('/api/workspaces/:ws/scenarios/:sid/initiatives', { schema: { tags: ['scenarios'], params: ScParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    const v = await visibleScenario(db, cache, m, req.params.sid);
    return v.scenario.initiatives.map((i) => ({ id: i.id, title: i.title, date: i.date, status: i.status, provisions: i.provisions.length }));
  });
  r.get('/api/workspaces/:ws/scenarios/:sid/initiatives/:iid', { schema: { tags: ['scenarios'], params: ScParams.extend({ iid: z.string().min(1).max(200) }) } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    const v = await visibleScenario(db, cache, m, req.params.sid);
    const ini = v.scenario.initiatives.find((i) => i.id === req.params.iid);
    if (!ini) throw notFound('initiative');
    return ini;
  });
  r.get(
    '/api/workspaces/:ws/scenarios/:sid/positions',
    { schema: { tags: ['scenarios'], params: ScParams, querystring: z.strictObject({ actor: z.string().optional(), issue: z.string().optional() }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'read');
      const v = await visibleScenario(db, cache, m, req.params.sid);
      return v.scenario.positions.filter((p) => (!req.query.actor || p.actor === req.query.actor) && (!req.query.issue || p.issue === req.query.issue));
    },
  );

  // ------------------------------------------------------------ comments
  r.get('/api/workspaces/:ws/scenarios/:sid/comments', { schema: { response: { 200: z.array(S.Comment), ...S.errors }, tags: ['comments'], params: ScParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    await visibleScenario(db, cache, m, req.params.sid);
    const rows = await db.selectFrom('comments').selectAll().where('scenario_id', '=', req.params.sid).orderBy('created_at').orderBy('id').execute();
    const names = await userNames(rows.map((x) => x.author_id));
    return rows.map((c) => ({ id: c.id, body: c.body, createdAt: c.created_at, author: attribution(m, names.get(c.author_id) ?? null) }));
  });
  r.post(
    '/api/workspaces/:ws/scenarios/:sid/comments',
    { schema: { response: { 201: z.object({ id: z.string() }), ...S.errors }, tags: ['comments'], params: ScParams, body: z.strictObject({ body: z.string().trim().min(1, 'the comment text').max(20_000) }) } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'comment');
      return reply.code(201).send(await addComment(db, m, me(req).id, req.params.sid, req.body.body));
    },
  );

  // ------------------------------------------------------------ search
  r.get(
    '/api/workspaces/:ws/search',
    { schema: { response: { 200: S.SearchResult, ...S.errors }, tags: ['scenarios'], summary: 'search scenarios and comments (only what you may see)', params: WsParams, querystring: z.strictObject({ q: z.string().trim().min(2, 'at least 2 characters').max(200) }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'read');
      const q = req.query.q.toLowerCase();
      const hits: { scenario: string; kind: string; id: string; text: string }[] = [];
      const hit = (scenario: string, kind: string, id: string, ...texts: (string | undefined)[]): void => {
        const t = texts.find((x) => x?.toLowerCase().includes(q));
        if (t !== undefined && hits.length < 200) hits.push({ scenario, kind, id, text: t.length > 200 ? t.slice(0, 200) + '…' : t });
      };
      for (const v of await visibleScenarios(db, cache, m)) {
        const row = v.row;
        const s = v.scenario;
        hit(row.id, 'scenario', row.id, s.title, s.description);
        for (const a of s.actors) hit(row.id, 'actor', a.id, a.id, a.name, a.note);
        for (const i of s.issues) hit(row.id, 'issue', i.id, i.id, i.title, i.description);
        for (const i of s.initiatives) hit(row.id, 'initiative', i.id, i.id, i.title, i.note, ...i.provisions.map((p) => p.text));
        for (const p of s.positions) hit(row.id, 'position', `${p.actor}/${p.issue}`, p.note, p.basis);
        for (const src of s.sources) hit(row.id, 'source', src.id, src.citation, src.note);
      }
      const comments = await db.selectFrom('comments').select(['id', 'scenario_id', 'body']).where('workspace_id', '=', m.workspaceId).execute();
      for (const c of comments) hit(c.scenario_id, 'comment', c.id, c.body);
      return { query: req.query.q, count: hits.length, hits };
    },
  );

  // ------------------------------------------------------------ analyses: one route per engine in engines.ts
  for (const name of ENGINE_NAMES) {
    const engine = getEngine(name)!;
    r.post(
      `/api/workspaces/:ws/scenarios/:sid/analyses/${name}`,
      { schema: { response: { 200: S.Analysis, ...S.errors }, tags: ['analyses'], summary: engine.description, params: ScParams, querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }), body: engine.params.optional() } },
      async (req) => {
        const m = await member(req, req.params.ws, 'analyse');
        const v = await visibleScenario(db, cache, m, req.params.sid, req.query.version);
        const p = parseParams(engine, req.body ?? {}, 'body');
        if (!p.ok) throw badRequest(p.message);
        try {
          return { analysis: name, scenario: v.row.id, version: v.version, result: engine.run(v.scenario, p.value) };
        } catch (e) {
          if (e instanceof EngineInputError) throw new HttpError(422, 'analysis_input', e.message);
          throw e;
        }
      },
    );
  }

  // ------------------------------------------------------------ background jobs: sweeps and grids
  const enqueue = async (req: FastifyRequest, m: Membership, sid: string, spec: JobSpec): Promise<{ id: string; status: 'queued'; total: number }> => {
    const v = await visibleScenario(db, cache, m, sid);
    const id = newId();
    const at = now();
    const total = jobTotal(spec);
    const kind = `${spec.type}:${spec.engine}`;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('jobs')
        .values({
          id,
          workspace_id: m.workspaceId,
          scenario_id: v.row.id,
          scenario_version: v.version,
          kind,
          params: JSON.stringify(spec),
          // A job on the whole scenario is for cleared eyes only.
          cleared: m.cleared && v.hasHidden ? 1 : 0,
          status: 'queued',
          progress: 0,
          total,
          result: null,
          error: null,
          created_by: me(req).id,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await audit(tx, { workspaceId: m.workspaceId, userId: me(req).id, action: 'job.create', target: `job:${id}`, details: { kind, total } });
    });
    jobs.kick();
    return { id, status: 'queued', total };
  };
  r.post(
    '/api/workspaces/:ws/scenarios/:sid/sweeps',
    { schema: { response: { 202: S.Queued, ...S.errors }, tags: ['jobs'], summary: 'Monte Carlo over every uncertain input, as a background job (parley sweep)', params: ScParams, body: SweepBody } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'analyse');
      return reply.code(202).send(await enqueue(req, m, req.params.sid, { type: 'sweep', ...req.body }));
    },
  );
  r.post(
    '/api/workspaces/:ws/scenarios/:sid/grids',
    { schema: { response: { 202: S.Queued, ...S.errors }, tags: ['jobs'], summary: `run an analysis over a parameter grid, as a background job (at most ${MAX_GRID_RUNS} runs)`, params: ScParams, body: GridBody } },
    async (req, reply) => {
      const m = await member(req, req.params.ws, 'analyse');
      const engine = getEngine(req.body.engine);
      if (!engine) throw badRequest(`body.engine: unknown analysis "${req.body.engine}" (analyses: ${ENGINE_NAMES.join(', ')})`);
      const combos = gridCombos(req.body);
      if (combos.length > MAX_GRID_RUNS) throw badRequest(`body.vary: ${combos.length} combinations; at most ${MAX_GRID_RUNS}`);
      for (const combo of combos) {
        const p = parseParams(engine, { ...req.body.params, ...combo }, 'body.params');
        if (!p.ok) throw badRequest(p.message);
      }
      return reply.code(202).send(await enqueue(req, m, req.params.sid, { type: 'grid', ...req.body }));
    },
  );
  const jobView = async (m: Membership, j: { id: string; kind: string; scenario_id: string; scenario_version: number; status: DB['jobs']['status']; progress: number; total: number; created_by: string; created_at: string; updated_at: string; error: string | null }) => {
    const names = await userNames([j.created_by]);
    return {
      id: j.id,
      kind: j.kind,
      scenario: j.scenario_id,
      version: j.scenario_version,
      status: j.status,
      progress: j.progress,
      total: j.total,
      createdAt: j.created_at,
      updatedAt: j.updated_at,
      createdBy: attribution(m, names.get(j.created_by) ?? null),
      error: j.error,
    };
  };
  r.get('/api/workspaces/:ws/jobs', { schema: { response: { 200: z.array(S.Job), ...S.errors }, tags: ['jobs'], params: WsParams } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    let q = db.selectFrom('jobs').select(['id', 'kind', 'scenario_id', 'scenario_version', 'status', 'progress', 'total', 'created_by', 'created_at', 'updated_at', 'error']).where('workspace_id', '=', m.workspaceId);
    if (!m.cleared) q = q.where('cleared', '=', 0);
    const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
    return Promise.all(rows.map((j) => jobView(m, j)));
  });
  r.get('/api/workspaces/:ws/jobs/:jid', { schema: { response: { 200: S.JobWithResult, ...S.errors }, tags: ['jobs'], summary: 'status, progress and (when done) the result', params: WsParams.extend({ jid: z.string().min(1).max(100) }) } }, async (req) => {
    const m = await member(req, req.params.ws, 'read');
    const j = await db.selectFrom('jobs').selectAll().where('id', '=', req.params.jid).where('workspace_id', '=', m.workspaceId).executeTakeFirst();
    if (!j || (j.cleared === 1 && !m.cleared)) throw notFound('job');
    return { ...(await jobView(m, j)), result: j.result ? (JSON.parse(j.result) as unknown) : null };
  });

  r.delete(
    '/api/workspaces/:ws/jobs/:jid',
    { schema: { response: { 200: z.object({ id: z.string(), status: z.literal('cancelled') }), ...S.errors }, tags: ['jobs'], summary: 'cancel a queued or running job (its creator or an owner)', params: WsParams.extend({ jid: z.string().min(1).max(100) }) } },
    async (req) => {
      const m = await member(req, req.params.ws, 'analyse');
      const j = await db.selectFrom('jobs').select(['id', 'status', 'cleared', 'created_by']).where('id', '=', req.params.jid).where('workspace_id', '=', m.workspaceId).executeTakeFirst();
      if (!j || (j.cleared === 1 && !m.cleared)) throw notFound('job');
      if (j.created_by !== me(req).id && m.role !== 'owner') throw forbidden('only the job\'s creator or an owner may cancel it');
      await db.transaction().execute(async (tx) => {
        const u = await tx.updateTable('jobs').set({ status: 'cancelled', updated_at: now() }).where('id', '=', j.id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) throw new HttpError(409, 'conflict', `the job has already ${j.status === 'cancelled' ? 'been cancelled' : 'finished'}`);
        await audit(tx, { workspaceId: m.workspaceId, userId: me(req).id, action: 'job.cancel', target: `job:${j.id}` });
      });
      return { id: j.id, status: 'cancelled' as const };
    },
  );

  app.addHook('onClose', async () => {
    await jobs.stop();
    await store.close();
  });
  await jobs.start();
  return app;
}
