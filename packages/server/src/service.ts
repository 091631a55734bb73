/**
 * The server's operations on stored data: users, workspaces, members, scenarios and their versions, comments, audit.
 * Every change writes an audit row in the same transaction. Scenario reads go through `visibleScenario`, which
 * filters by the caller's clearance before anything else sees the scenario.
 */
import { parseData, parseScenario, type Problem, type Scenario } from '@parley/core';
import type { Kysely, Transaction } from 'kysely';
import { stringify } from 'yaml';
import { filterScenario, isCleared, mergeHidden } from './access.js';
import { hashPassword, verifyPassword, type HashCost } from './auth.js';
import { newId, nextSeq, now, type DB, type Role } from './db.js';
import { HttpError, badRequest, notFound } from './errors.js';

export interface Membership {
  workspaceId: string;
  name: string;
  chathamHouse: boolean;
  role: Role;
  cleared: boolean;
}

type Tx = Kysely<DB> | Transaction<DB>;

export async function audit(
  db: Tx,
  e: { workspaceId: string | null; userId: string | null; action: string; target?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      id: newId(),
      seq: await nextSeq(db),
      workspace_id: e.workspaceId,
      user_id: e.userId,
      action: e.action,
      target: e.target ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
      created_at: now(),
    })
    .execute();
}

// ---------------------------------------------------------------- users

export async function createUser(db: Kysely<DB>, cost: HashCost, u: { email: string; password: string; name?: string | undefined }): Promise<{ id: string; email: string; name: string }> {
  const email = u.email.trim().toLowerCase();
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new HttpError(409, 'conflict', 'email: an account with this email already exists');
  const user = { id: newId(), email, name: u.name?.trim() || email.split('@')[0]!, password_hash: await hashPassword(u.password, cost), created_at: now() };
  try {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('users').values(user).execute();
      await audit(tx, { workspaceId: null, userId: user.id, action: 'user.register', target: `user:${user.id}` });
    });
  } catch (e) {
    // Two sign-ups with one email at the same moment: the unique index lets one through.
    if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) throw new HttpError(409, 'conflict', 'email: an account with this email already exists');
    throw e;
  }
  return { id: user.id, email: user.email, name: user.name };
}

export async function setPassword(db: Kysely<DB>, cost: HashCost, userId: string, password: string): Promise<void> {
  const h = await hashPassword(password, cost);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: h }).where('id', '=', userId).execute();
    await audit(tx, { workspaceId: null, userId, action: 'user.password', target: `user:${userId}` });
  });
}

/** The user whose password matches, or null (same answer for unknown email and wrong password). */
const dummyHashes = new Map<string, Promise<string>>();

export async function checkLogin(db: Kysely<DB>, cost: HashCost, email: string, password: string): Promise<{ id: string; email: string; name: string } | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!row) {
    // Spend the same time as a real check, so that response timing does not tell which emails exist.
    const k = `${cost.memoryCost}:${cost.timeCost}`;
    if (!dummyHashes.has(k)) dummyHashes.set(k, hashPassword('not a password', cost));
    await verifyPassword(await dummyHashes.get(k)!, password);
    return null;
  }
  return (await verifyPassword(row.password_hash, password)) ? { id: row.id, email: row.email, name: row.name } : null;
}

// ---------------------------------------------------------------- workspaces and members

export async function membership(db: Kysely<DB>, userId: string, workspaceId: string): Promise<Membership> {
  const row = await db
    .selectFrom('members')
    .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'workspaces.chatham_house', 'members.role', 'members.cleared'])
    .where('members.workspace_id', '=', workspaceId)
    .where('members.user_id', '=', userId)
    .executeTakeFirst();
  // Not a member: the workspace does not exist for this caller.
  if (!row) throw notFound('workspace');
  return { workspaceId: row.id, name: row.name, chathamHouse: row.chatham_house === 1, role: row.role, cleared: isCleared(row) };
}

export async function createWorkspace(db: Kysely<DB>, userId: string, w: { name: string; chathamHouse?: boolean | undefined }): Promise<Membership> {
  const id = newId();
  const at = now();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('workspaces').values({ id, name: w.name, chatham_house: w.chathamHouse ? 1 : 0, created_by: userId, created_at: at }).execute();
    await tx.insertInto('members').values({ workspace_id: id, user_id: userId, role: 'owner', cleared: 1, added_at: at }).execute();
    await audit(tx, { workspaceId: id, userId, action: 'workspace.create', target: `workspace:${id}`, details: { name: w.name, chathamHouse: !!w.chathamHouse } });
  });
  return { workspaceId: id, name: w.name, chathamHouse: !!w.chathamHouse, role: 'owner', cleared: true };
}

export async function updateWorkspace(db: Kysely<DB>, userId: string, wsId: string, w: { name?: string | undefined; chathamHouse?: boolean | undefined }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const set: { name?: string; chatham_house?: number } = {};
    if (w.name !== undefined) set.name = w.name;
    if (w.chathamHouse !== undefined) set.chatham_house = w.chathamHouse ? 1 : 0;
    if (Object.keys(set).length > 0) await tx.updateTable('workspaces').set(set).where('id', '=', wsId).execute();
    await audit(tx, { workspaceId: wsId, userId, action: 'workspace.update', target: `workspace:${wsId}`, details: w });
  });
}

export async function addMember(db: Kysely<DB>, actorId: string, wsId: string, m: { email: string; role: Role; cleared?: boolean | undefined }): Promise<{ userId: string }> {
  const user = await db.selectFrom('users').select('id').where('email', '=', m.email.trim().toLowerCase()).executeTakeFirst();
  if (!user) throw notFound('user with this email');
  const existing = await db.selectFrom('members').select('role').where('workspace_id', '=', wsId).where('user_id', '=', user.id).executeTakeFirst();
  if (existing) throw new HttpError(409, 'conflict', 'email: this user is already a member; change the role with PATCH');
  try {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('members').values({ workspace_id: wsId, user_id: user.id, role: m.role, cleared: m.cleared ? 1 : 0, added_at: now() }).execute();
      await audit(tx, { workspaceId: wsId, userId: actorId, action: 'member.add', target: `user:${user.id}`, details: { role: m.role, cleared: !!m.cleared } });
    });
  } catch (e) {
    if (await db.selectFrom('members').select('role').where('workspace_id', '=', wsId).where('user_id', '=', user.id).executeTakeFirst())
      throw new HttpError(409, 'conflict', 'email: this user is already a member; change the role with PATCH');
    throw e;
  }
  return { userId: user.id };
}

async function ownerCount(db: Tx, wsId: string): Promise<number> {
  const r = await db.selectFrom('members').select((eb) => eb.fn.countAll<number | string>().as('n')).where('workspace_id', '=', wsId).where('role', '=', 'owner').executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateMember(db: Kysely<DB>, actorId: string, wsId: string, userId: string, m: { role?: Role | undefined; cleared?: boolean | undefined }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('members').select('role').where('workspace_id', '=', wsId).where('user_id', '=', userId).executeTakeFirst();
    if (!row) throw notFound('member');
    if (row.role === 'owner' && m.role !== undefined && m.role !== 'owner' && (await ownerCount(tx, wsId)) <= 1)
      throw new HttpError(409, 'conflict', 'role: a workspace keeps at least one owner');
    const set: { role?: Role; cleared?: number } = {};
    if (m.role !== undefined) set.role = m.role;
    if (m.cleared !== undefined) set.cleared = m.cleared ? 1 : 0;
    if (Object.keys(set).length > 0) await tx.updateTable('members').set(set).where('workspace_id', '=', wsId).where('user_id', '=', userId).execute();
    await audit(tx, { workspaceId: wsId, userId: actorId, action: 'member.update', target: `user:${userId}`, details: m });
  });
}

export async function removeMember(db: Kysely<DB>, actorId: string, wsId: string, userId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('members').select('role').where('workspace_id', '=', wsId).where('user_id', '=', userId).executeTakeFirst();
    if (!row) throw notFound('member');
    if (row.role === 'owner' && (await ownerCount(tx, wsId)) <= 1) throw new HttpError(409, 'conflict', 'a workspace keeps at least one owner');
    await tx.deleteFrom('members').where('workspace_id', '=', wsId).where('user_id', '=', userId).execute();
    await audit(tx, { workspaceId: wsId, userId: actorId, action: 'member.remove', target: `user:${userId}` });
  });
}

// ---------------------------------------------------------------- scenarios

interface Parsed {
  scenario: Scenario;
  /** Whether the scenario holds anything an uncleared member may not see. */
  hasHidden: boolean;
  /** The uncleared view. */
  publicView: Scenario;
  /** UTF-8 JSON of each view, made once (reads are frequent, versions never change). */
  json: { whole?: Buffer; public?: Buffer };
}

/** Parsed scenario versions by `id:version` (versions never change, so entries never go stale). */
export class ScenarioCache {
  private readonly map = new Map<string, Parsed>();
  constructor(private readonly max = 256) {}
  peek(scenarioId: string, version: number): Parsed | undefined {
    const k = `${scenarioId}:${version}`;
    const hit = this.map.get(k);
    if (hit) {
      this.map.delete(k);
      this.map.set(k, hit);
    }
    return hit;
  }
  get(scenarioId: string, version: number, text: string, file: string): Parsed {
    const hit = this.peek(scenarioId, version);
    if (hit) return hit;
    const k = `${scenarioId}:${version}`;
    const r = parseScenario(text, file);
    // Stored versions were validated on write; a failure here means the validator changed since.
    if (!r.ok) throw new HttpError(500, 'stored_invalid', `stored version ${version} of this scenario no longer validates: ${r.problems[0]?.message ?? ''}`);
    const publicView = filterScenario(r.scenario, false);
    const v: Parsed = { scenario: r.scenario, publicView, hasHidden: publicView !== r.scenario, json: {} };
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
    return v;
  }
}

const hasHidden = (s: Scenario): boolean => filterScenario(s, false) !== s;

export interface ScenarioRow {
  id: string;
  workspace_id: string;
  name: string;
  current_version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export async function scenarioRow(db: Kysely<DB>, wsId: string, sid: string): Promise<ScenarioRow> {
  const row = await db.selectFrom('scenarios').selectAll().where('id', '=', sid).where('workspace_id', '=', wsId).executeTakeFirst();
  if (!row) throw notFound('scenario');
  return row;
}

export interface Visible {
  row: ScenarioRow;
  version: number;
  format: 'yaml' | 'json';
  /** The stored text (read on demand: it can be large). */
  text: () => Promise<string>;
  /** UTF-8 JSON of `scenario`, cached per version and view. */
  json: () => Buffer;
  author: string;
  createdAt: string;
  /** The scenario as this caller may see it. */
  scenario: Scenario;
  /** True when the caller sees the whole stored scenario. */
  whole: boolean;
  hasHidden: boolean;
}

interface JoinedRow extends ScenarioRow {
  format: 'yaml' | 'json';
  author_id: string;
  version_created_at: string;
  version: number;
}

function joined(db: Kysely<DB>, wsId: string) {
  return db
    .selectFrom('scenarios')
    .innerJoin('scenario_versions', 'scenario_versions.scenario_id', 'scenarios.id')
    .select([
      'scenarios.id',
      'scenarios.workspace_id',
      'scenarios.name',
      'scenarios.current_version',
      'scenarios.created_by',
      'scenarios.created_at',
      'scenarios.updated_at',
      'scenario_versions.version',
      'scenario_versions.format',
      'scenario_versions.author_id',
      'scenario_versions.created_at as version_created_at',
    ])
    .where('scenarios.workspace_id', '=', wsId);
}

async function toVisible(db: Kysely<DB>, cache: ScenarioCache, m: Membership, r: JoinedRow): Promise<Visible> {
  const { format, author_id, version_created_at, version, ...row } = r;
  const text = async (): Promise<string> =>
    (await db.selectFrom('scenario_versions').select('text').where('scenario_id', '=', row.id).where('version', '=', version).executeTakeFirstOrThrow()).text;
  const p = cache.peek(row.id, version) ?? cache.get(row.id, version, await text(), fileName(row.name, format));
  const whole = m.cleared || !p.hasHidden;
  return {
    row,
    version,
    format,
    text,
    json: () => (whole ? (p.json.whole ??= Buffer.from(JSON.stringify(p.scenario))) : (p.json.public ??= Buffer.from(JSON.stringify(p.publicView)))),
    author: author_id,
    createdAt: version_created_at,
    scenario: m.cleared ? p.scenario : p.publicView,
    whole,
    hasHidden: p.hasHidden,
  };
}

/** One scenario (current or given version) as this member may see it; 404 when it is not in the workspace. */
export async function visibleScenario(db: Kysely<DB>, cache: ScenarioCache, m: Membership, sid: string, version?: number): Promise<Visible> {
  const q = joined(db, m.workspaceId).where('scenarios.id', '=', sid);
  const r = await (version === undefined ? q.whereRef('scenario_versions.version', '=', 'scenarios.current_version') : q.where('scenario_versions.version', '=', version)).executeTakeFirst();
  if (!r) {
    await scenarioRow(db, m.workspaceId, sid); // 404 "scenario" when it is the scenario that is missing
    throw notFound('version');
  }
  return toVisible(db, cache, m, r);
}

/** Every scenario of the workspace at its current version, as this member may see it. */
export async function visibleScenarios(db: Kysely<DB>, cache: ScenarioCache, m: Membership): Promise<Visible[]> {
  const rows = await joined(db, m.workspaceId).whereRef('scenario_versions.version', '=', 'scenarios.current_version').orderBy('scenarios.created_at').orderBy('scenarios.id').execute();
  const out: Visible[] = [];
  for (const r of rows) out.push(await toVisible(db, cache, m, r));
  return out;
}

export const fileName = (name: string, format: 'yaml' | 'json'): string => `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.${format}`;
export const detectFormat = (text: string): 'yaml' | 'json' => (text.trimStart().startsWith('{') ? 'json' : 'yaml');

export function invalid(problems: Problem[], warnings: Problem[] = []): HttpError {
  const first = problems[0];
  return new HttpError(
    400,
    'invalid_scenario',
    `the scenario has ${problems.length} problem${problems.length === 1 ? '' : 's'}${first ? `; first: line ${first.line}, column ${first.column}: ${first.message}${first.pointer ? ` (at ${first.pointer})` : ''}` : ''}`,
    { problems, warnings },
  );
}

export async function createScenario(
  db: Kysely<DB>,
  m: Membership,
  userId: string,
  s: { name: string; text: string; note?: string | undefined },
): Promise<{ id: string; version: number; warnings: Problem[] }> {
  const format = detectFormat(s.text);
  const r = parseScenario(s.text, fileName(s.name, format));
  if (!r.ok) throw invalid(r.problems, r.warnings);
  const id = newId();
  const at = now();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('scenarios').values({ id, workspace_id: m.workspaceId, name: s.name, current_version: 1, created_by: userId, created_at: at, updated_at: at }).execute();
    await tx
      .insertInto('scenario_versions')
      .values({ scenario_id: id, version: 1, format, text: s.text, author_id: userId, note: s.note ?? null, confidential: hasHidden(r.scenario) ? 1 : 0, created_at: at })
      .execute();
    await audit(tx, { workspaceId: m.workspaceId, userId, action: 'scenario.create', target: `scenario:${id}`, details: { name: s.name, version: 1 } });
  });
  return { id, version: 1, warnings: r.warnings };
}

/**
 * Save a new version. The text is validated first (invalid → 400, nothing written). An editor who is not cleared
 * never saw the confidential items: they are carried over from the current version, so nothing stored is lost.
 */
export async function saveScenario(
  db: Kysely<DB>,
  cache: ScenarioCache,
  m: Membership,
  userId: string,
  sid: string,
  s: { text: string; baseVersion?: number | undefined; note?: string | undefined; name?: string | undefined },
): Promise<{ version: number; warnings: Problem[] }> {
  const current = await visibleScenario(db, cache, m, sid);
  if (s.baseVersion !== undefined && s.baseVersion !== current.version)
    throw new HttpError(409, 'conflict', `baseVersion: the scenario is at version ${current.version}, not ${s.baseVersion}; reload it and apply your change again`);
  let text = s.text;
  let format = detectFormat(text);
  const file = fileName(s.name ?? current.row.name, format);
  const r = parseScenario(text, file);
  if (!r.ok) throw invalid(r.problems, r.warnings);
  let warnings = r.warnings;
  let hidden = hasHidden(r.scenario);
  if (!current.whole) {
    const raw = parseData(text, file);
    if (!raw.ok) throw invalid(raw.problems);
    const stored = cache.get(sid, current.version, await current.text(), fileName(current.row.name, current.format)).scenario;
    const merged = mergeHidden(raw.data as Record<string, unknown>, stored);
    text = format === 'json' ? JSON.stringify(merged, null, 2) + '\n' : stringify(merged, { lineWidth: 0 });
    const again = parseScenario(text, file);
    if (!again.ok)
      throw new HttpError(409, 'conflict', 'this change clashes with content you are not cleared for; ask a cleared editor or an owner to make it');
    warnings = again.warnings.filter((w) => r.warnings.some((x) => x.message === w.message));
    hidden = hasHidden(again.scenario);
    format = detectFormat(text);
  }
  const version = current.version + 1;
  const at = now();
  await db.transaction().execute(async (tx) => {
    // Optimistic concurrency: only move forward from the version we read.
    const upd = await tx
      .updateTable('scenarios')
      .set({ current_version: version, updated_at: at, ...(s.name ? { name: s.name } : {}) })
      .where('id', '=', sid)
      .where('current_version', '=', current.version)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) throw new HttpError(409, 'conflict', 'baseVersion: the scenario changed while saving; reload it and apply your change again');
    await tx
      .insertInto('scenario_versions')
      .values({ scenario_id: sid, version, format, text, author_id: userId, note: s.note ?? null, confidential: hidden ? 1 : 0, created_at: at })
      .execute();
    await audit(tx, { workspaceId: m.workspaceId, userId, action: 'scenario.save', target: `scenario:${sid}`, details: { version, ...(s.name ? { name: s.name } : {}) } });
  });
  return { version, warnings };
}

/** Counts as the caller may see them. */
export function counts(s: Scenario): { actors: number; issues: number; positions: number; initiatives: number; sources: number } {
  return { actors: s.actors.length, issues: s.issues.length, positions: s.positions.length, initiatives: s.initiatives.length, sources: s.sources.length };
}

/** Export text: the stored text when the caller sees all of it, otherwise the filtered scenario re-serialised. */
export async function exportText(v: Visible, format: 'yaml' | 'json'): Promise<string> {
  if (v.whole && format === v.format) return v.text();
  return format === 'json' ? JSON.stringify(v.scenario, null, 2) + '\n' : stringify(v.scenario, { lineWidth: 0 });
}

export async function addComment(db: Kysely<DB>, m: Membership, userId: string, sid: string, body: string): Promise<{ id: string }> {
  await scenarioRow(db, m.workspaceId, sid);
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('comments').values({ id, workspace_id: m.workspaceId, scenario_id: sid, author_id: userId, body, created_at: now() }).execute();
    await audit(tx, { workspaceId: m.workspaceId, userId, action: 'comment.create', target: `comment:${id}`, details: { scenario: sid } });
  });
  return { id };
}

export function requireText(text: unknown, field: string): string {
  if (typeof text !== 'string' || text.trim() === '') throw badRequest(`${field}: required, the scenario as YAML or JSON text`);
  return text;
}
