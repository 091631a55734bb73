/**
 * Accounts and sessions. Passwords: argon2id (@node-rs/argon2). Sessions: an opaque random token in a signed,
 * HTTP-only, SameSite=Lax cookie; the database holds only sha256(token). CSRF: a per-session token derived from the
 * session token with an HMAC under the server secret, returned at login and required in `x-csrf-token` on every
 * unsafe cookie-authenticated request.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { now, type DB } from './db.js';

export const SESSION_COOKIE = 'parley_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_DAYS = 14;

export interface HashCost {
  /** KiB of memory (default 19456, the OWASP minimum for argon2id). */
  memoryCost: number;
  timeCost: number;
}
export const DEFAULT_HASH_COST: HashCost = { memoryCost: 19456, timeCost: 2 };

/** argon2id is the library's default algorithm; the hash string records it (`$argon2id$…`). */
export function hashPassword(password: string, cost: HashCost): Promise<string> {
  return hash(password, { memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function csrfMatches(secret: string, sessionToken: string, given: string | undefined): boolean {
  if (!given) return false;
  const want = Buffer.from(csrfTokenFor(secret, sessionToken));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Create a session; returns the opaque token (only its hash is stored). */
export async function createSession(db: Kysely<DB>, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const created = now();
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: userId, created_at: created, expires_at: expires }).execute();
  // Expired sessions of this user are of no further use.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<', created).execute();
  return token;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface SessionLookup extends SessionUser {
  expiresAt: string;
}

export async function userForSession(db: Kysely<DB>, token: string): Promise<SessionLookup | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at < now()) return null;
  return { id: row.id, email: row.email, name: row.name, expiresAt: row.expires_at };
}

export async function deleteSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

/** Server secret for cookie signatures and CSRF tokens: given, or generated once and kept in the database. */
export async function serverSecret(db: Kysely<DB>, given?: string): Promise<string> {
  if (given) return given;
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst();
  if (row) return row.value;
  const secret = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key: 'secret', value: secret })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const again = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return again.value;
}
