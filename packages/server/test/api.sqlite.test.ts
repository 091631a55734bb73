/** The API suite on embedded SQLite (a fresh file per app, removed afterwards). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildServer } from '../src/app.js';
import { defineApiSuite } from './api.suite.js';
import { TEST_HASH_COST } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parley-api-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

defineApiSuite('SQLite', (extra = {}) => buildServer({ db: path.join(dir, `api-${++n}.sqlite`), hashCost: TEST_HASH_COST, rateLimit: false, authRateLimit: 10_000, ...extra }));
