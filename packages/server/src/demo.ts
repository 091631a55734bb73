/** `parley serve --demo`: a demo user and a workspace holding the worked case (examples/ukraine-peace-initiatives.yaml). */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { HashCost } from './auth.js';
import { DEFAULT_HASH_COST } from './auth.js';
import type { DB } from './db.js';
import { createScenario, createUser, createWorkspace, setPassword } from './service.js';

export const DEMO_EMAIL = 'demo@parley.local';
export const DEMO_WORKSPACE = 'Demo: Ukraine peace initiatives';
/** The worked case, relative to this file in src/ or dist/. */
export const DEMO_SCENARIO_FILE = fileURLToPath(new URL('../../../examples/ukraine-peace-initiatives.yaml', import.meta.url));

export interface DemoSeed {
  email: string;
  password: string;
  workspaceId: string;
  scenarioId: string;
}

/**
 * Create (or reuse) the demo user with a fresh random password, its workspace and the example scenario. Running it
 * again on the same database keeps what is there and only resets the password.
 */
export async function seedDemo(db: Kysely<DB>, opts: { file?: string; hashCost?: HashCost } = {}): Promise<DemoSeed> {
  const cost = opts.hashCost ?? DEFAULT_HASH_COST;
  const file = opts.file ?? DEMO_SCENARIO_FILE;
  const text = readFileSync(file, 'utf8');
  const password = randomBytes(12).toString('base64url');
  const existing = await db.selectFrom('users').select('id').where('email', '=', DEMO_EMAIL).executeTakeFirst();
  let userId: string;
  if (existing) {
    userId = existing.id;
    await setPassword(db, cost, userId, password);
  } else userId = (await createUser(db, cost, { email: DEMO_EMAIL, password, name: 'Demo analyst' })).id;
  const ws = await db
    .selectFrom('workspaces')
    .innerJoin('members', 'members.workspace_id', 'workspaces.id')
    .select('workspaces.id')
    .where('workspaces.name', '=', DEMO_WORKSPACE)
    .where('members.user_id', '=', userId)
    .where('members.role', '=', 'owner')
    .executeTakeFirst();
  const m = ws
    ? { workspaceId: ws.id, name: DEMO_WORKSPACE, chathamHouse: false, role: 'owner' as const, cleared: true }
    : await createWorkspace(db, userId, { name: DEMO_WORKSPACE });
  const sc = await db.selectFrom('scenarios').select('id').where('workspace_id', '=', m.workspaceId).orderBy('created_at').executeTakeFirst();
  const scenarioId = sc ? sc.id : (await createScenario(db, m, userId, { name: 'ukraine-peace-initiatives', text, note: 'seeded by parley serve --demo' })).id;
  return { email: DEMO_EMAIL, password, workspaceId: m.workspaceId, scenarioId };
}
