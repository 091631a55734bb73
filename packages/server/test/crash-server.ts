/** Child process for the crash test: serve the API on a SQLite file, print "READY <port>" once listening. */
import { buildServer } from '../src/app.js';
import { TEST_HASH_COST } from './helpers.js';

const db = process.argv[2];
if (!db) throw new Error('usage: crash-server.ts DB.sqlite');
const app = await buildServer({ db, hashCost: TEST_HASH_COST, rateLimit: false, authRateLimit: 100_000, secret: 'crash-test-secret' });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`READY ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
