/** @parley/server: the Parley HTTP API. */
export { buildServer, type ServerOptions } from './app.js';
export { seedDemo, DEMO_EMAIL, DEMO_SCENARIO_FILE, DEMO_WORKSPACE, type DemoSeed } from './demo.js';
export { openStore, dropPgSchema, isPostgresUrl, type Store, type Role } from './db.js';
export { GRANTS, ROLES, can, filterScenario, type Permission } from './access.js';
export { ENGINES, ENGINE_NAMES, type EngineName } from './engines.js';
export { CSRF_HEADER, SESSION_COOKIE, DEFAULT_HASH_COST, type HashCost } from './auth.js';
