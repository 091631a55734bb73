/**
 * The same API suite against the PostgreSQL server at PARLEY_PG_URL (default postgres://postgres@127.0.0.1:5432/test),
 * each app in a fresh schema that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { buildServer } from '../src/app.js';
import { dropPgSchema } from '../src/db.js';
import { defineApiSuite } from './api.suite.js';
import { TEST_HASH_COST } from './helpers.js';

const url = process.env.PARLEY_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropPgSchema(url, s);
});

defineApiSuite('PostgreSQL', (extra = {}) => {
  const pgSchema = `parley_test_${randomBytes(6).toString('hex')}`;
  schemas.push(pgSchema);
  return buildServer({ db: url, pgSchema, hashCost: TEST_HASH_COST, rateLimit: false, authRateLimit: 10_000, ...extra });
});
