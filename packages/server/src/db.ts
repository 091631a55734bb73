/**
 * Storage: one Kysely interface over embedded SQLite (better-sqlite3, the default) and PostgreSQL (pg), with one set
 * of portable migrations. Ids are random text, times ISO-8601 text, flags 0/1 integers, so the DDL is the same on both.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';

export type Role = 'owner' | 'editor' | 'analyst' | 'viewer';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}
export interface SessionsTable {
  /** sha256 of the opaque session token; the token itself only lives in the client's cookie. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}
export interface WorkspacesTable {
  id: string;
  name: string;
  chatham_house: number;
  created_by: string;
  created_at: string;
}
export interface MembersTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  /** 1 when the member is cleared for confidential initiatives and positions. */
  cleared: number;
  added_at: string;
}
export interface ScenariosTable {
  id: string;
  workspace_id: string;
  name: string;
  current_version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export interface ScenarioVersionsTable {
  scenario_id: string;
  version: number;
  format: 'yaml' | 'json';
  text: string;
  author_id: string;
  note: string | null;
  /** 1 when this version holds confidential items (its note is then shown to cleared members only). */
  confidential: number;
  created_at: string;
}
export interface CommentsTable {
  id: string;
  workspace_id: string;
  scenario_id: string;
  author_id: string;
  body: string;
  created_at: string;
}
export interface JobsTable {
  id: string;
  workspace_id: string;
  scenario_id: string;
  scenario_version: number;
  kind: string;
  params: string;
  /** 1 when the job ran on the unfiltered scenario: only cleared members may see it. */
  cleared: number;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  total: number;
  result: string | null;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export interface AuditTable {
  id: string;
  seq: number;
  workspace_id: string | null;
  user_id: string | null;
  action: string;
  target: string | null;
  details: string | null;
  created_at: string;
}
export interface SettingsTable {
  key: string;
  value: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  scenarios: ScenariosTable;
  scenario_versions: ScenarioVersionsTable;
  comments: CommentsTable;
  jobs: JobsTable;
  audit: AuditTable;
  settings: SettingsTable;
}

/** The migrations, in order. Portable DDL only: text, integer, double precision; no dialect-specific identity columns. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('chatham_house', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('members')
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('cleared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('members_pk', ['workspace_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('scenarios')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scenarios_ws').on('scenarios').column('workspace_id').execute();
      await db.schema
        .createTable('scenario_versions')
        .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('note', 'text')
        .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('scenario_versions_pk', ['scenario_id', 'version'])
        .execute();
      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_scenario').on('comments').column('scenario_id').execute();
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id'))
        .addColumn('scenario_version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('cleared', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('workspace_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('details', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_ws').on('audit').columns(['workspace_id', 'seq']).execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['settings', 'audit', 'jobs', 'comments', 'scenario_versions', 'scenarios', 'members', 'workspaces', 'sessions', 'users'])
        await db.schema.dropTable(t).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export interface OpenOptions {
  /** A SQLite file path (default), ':memory:', or a postgres:// URL. */
  db: string;
  /** PostgreSQL only: use (and create) this schema instead of the default search path. */
  pgSchema?: string;
}

export interface Store {
  db: Kysely<DB>;
  kind: 'sqlite' | 'postgres';
  /** The raw SQLite handle (for PRAGMA checks), when on SQLite. */
  sqlite?: Database.Database;
  close(): Promise<void>;
}

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/**
 * Kysely prepares every query afresh; better-sqlite3 statements are reusable, so keep them by SQL text (Kysely only
 * calls all/run on them, never a long-lived iterator).
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare')
        return (source: string) => {
          let st = cache.get(source);
          if (!st) {
            st = target.prepare(source);
            if (cache.size < 2000) cache.set(source, st);
          }
          return st;
        };
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Open the database and bring its schema up to date. */
export async function openStore(opts: OpenOptions): Promise<Store> {
  let store: Store;
  if (isPostgresUrl(opts.db)) {
    const schema = opts.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`pgSchema must be a plain lower-case identifier, got "${schema}"`);
    if (schema) {
      const c = new pg.Client({ connectionString: opts.db });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await c.end();
      }
    }
    const pool = new pg.Pool({ connectionString: opts.db, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    store = { db, kind: 'postgres', close: () => db.destroy() };
  } else {
    const sqlite = new Database(opts.db);
    // WAL + synchronous=FULL: every acknowledged commit is on disk (fsync of the WAL) and survives kill -9.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    store = { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
  }
  // Name the schema of the migration bookkeeping: Kysely otherwise takes another schema's tables for its own.
  const migrator = new Migrator({ db: store.db, provider, ...(store.kind === 'postgres' ? { migrationTableSchema: opts.pgSchema ?? 'public' } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await store.close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return store;
}

/** Drop a PostgreSQL schema (tests). */
export async function dropPgSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

export const newId = (): string => randomUUID();
export const now = (): string => new Date().toISOString();

/** Next audit sequence number (monotonic within the database). */
export async function nextSeq(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('audit')
    .select(sql<number | string | null>`max(seq)`.as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}
