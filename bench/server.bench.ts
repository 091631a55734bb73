/**
 * HTTP API benchmark (issue 7): autocannon, 200 concurrent clients on loopback for 60 s per read endpoint, as a
 * logged-in member of the demo workspace (examples/ukraine-peace-initiatives.yaml, about 1,900 lines): the scenario
 * listing, then the whole scenario document (~110 KiB of JSON). Targets: 0 errors, p99 < 100 ms.
 *
 * The server runs in a child process on SQLite (WAL, synchronous=FULL), with rate limiting on but set high enough
 * not to refuse the benchmark's single session. Environment: PARLEY_BENCH_SECONDS (default 60),
 * PARLEY_BENCH_CONNECTIONS (default 200).
 *
 * Run: npm run bench -- server   or   node --conditions=source --import tsx bench/server.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(import.meta.url);

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}
const root = path.resolve(path.dirname(here), '..');

/** Child mode: serve the demo workspace and print its coordinates. */
async function serve(db: string): Promise<void> {
  const { buildServer } = await import('../packages/server/src/app.js');
  const { seedDemo } = await import('../packages/server/src/demo.js');
  const app = await buildServer({ db, rateLimit: 1_000_000_000 });
  const seed = await seedDemo(app.store.db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.stdout.write(`READY ${JSON.stringify({ port, ...seed })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

interface Ready {
  port: number;
  email: string;
  password: string;
  workspaceId: string;
  scenarioId: string;
}

export default async function bench(): Promise<void> {
  const seconds = Number(process.env.PARLEY_BENCH_SECONDS ?? 60);
  const connections = Number(process.env.PARLEY_BENCH_CONNECTIONS ?? 200);
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-bench-'));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', here, '--serve', path.join(dir, 'bench.sqlite')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\{.*\})/.exec(out);
        if (m) resolve(JSON.parse(m[1]!) as Ready);
      });
      child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${ready.port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ready.email, password: ready.password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const endpoints = [
      { name: 'GET /api/workspaces/:ws/scenarios (listing with counts)', url: `${base}/api/workspaces/${ready.workspaceId}/scenarios` },
      { name: 'GET /api/workspaces/:ws/scenarios/:sid (the whole worked case)', url: `${base}/api/workspaces/${ready.workspaceId}/scenarios/${ready.scenarioId}` },
    ];
    for (const e of endpoints) {
      const probe = await fetch(e.url, { headers: { cookie } });
      const size = (await probe.arrayBuffer()).byteLength;
      if (probe.status !== 200) throw new Error(`${e.name} answered ${probe.status}`);
      // Warm-up (JIT, caches, 200 sockets opened), not counted.
      await autocannon({ url: e.url, connections, duration: Math.min(5, seconds), headers: { cookie } });
      const cpu0 = cpuMs(child.pid!);
      const r = await autocannon({ url: e.url, connections, duration: seconds, headers: { cookie } });
      const cpu = cpuMs(child.pid!) - cpu0;
      const errors = r.errors + r.timeouts + r.non2xx;
      console.log(`${e.name}: ${(size / 1024).toFixed(1)} KiB JSON, ${connections} connections, ${seconds} s, SQLite`);
      console.log(`  requests: ${r.requests.total} (${r.requests.average.toFixed(0)} req/s), throughput ${(r.throughput.average / 1048576).toFixed(1)} MiB/s`);
      console.log(`  latency: p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms  (target p99 < 100 ms: ${r.latency.p99 < 100 ? 'met' : 'MISSED'})`);
      console.log(`  server CPU: ${(cpu / r.requests.total).toFixed(3)} ms per request (${((cpu / (seconds * 1000)) * 100).toFixed(0)}% of one core; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
      console.log(`  errors: ${errors} (connection errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})  (target 0: ${errors === 0 ? 'met' : 'MISSED'})`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv[2] === '--serve') await serve(process.argv[3]!);
  else await bench();
}
