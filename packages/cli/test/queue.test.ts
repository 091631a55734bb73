/**
 * BullMQ end to end over the local Redis (PARLEY_REDIS_URL, default redis://127.0.0.1:6379): two `parley worker`
 * processes, one killed (SIGKILL) while it runs a batch. The collector still gets every run exactly once, with the
 * same bytes as a single-thread sweep, and the killed worker's batch is run again by the other worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { redisOptions } from '../src/sweep/queue.js';
import { repoRoot, runCli } from './helpers/run.js';

const url = process.env.PARLEY_REDIS_URL ?? 'redis://127.0.0.1:6379';
const name = `parley-test-${process.pid}-${Date.now()}`;
const ukraine = path.join(repoRoot, 'examples/ukraine-peace-initiatives.yaml');
const main = path.join(repoRoot, 'packages/cli/src/main.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'parley-queue-'));
const children: ChildProcess[] = [];

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(what: string, cond: () => boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  const q = new Queue(name, { connection: redisOptions(url) });
  await q.obliterate({ force: true });
  await q.close();
  rmSync(dir, { recursive: true, force: true });
});

const sweepArgs = [
  'sweep',
  ukraine,
  '--engine',
  'forecast',
  '--model',
  'eum',
  '--seed',
  '5',
  '--runs',
  '240',
  '--batch',
  '20',
  '--json',
];

describe('parley sweep --queue with parley worker', () => {
  it('a worker killed mid-batch loses no batch and doubles none', async () => {
    const worker = (): Proc => start(['worker', '--queue', url, '--queue-name', name, '--lock-ms', '1500']);
    const a = worker();
    const b = worker();
    await until('both workers ready', () => a.err().includes('ready on') && b.err().includes('ready on'));
    const rows = path.join(dir, 'rows.csv');
    const collector = start([...sweepArgs, '--queue', url, '--queue-name', name, '--rows', rows]);

    // Kill worker a as soon as it has started a batch, before it reports it done.
    await until('worker a to start a batch', () => /runs \d+–\d+: start/.test(a.err()));
    a.child.kill('SIGKILL');
    await a.exited;
    const started = [...a.err().matchAll(/runs (\d+–\d+): start/g)].map((m) => m[1]!);
    const finished = new Set([...a.err().matchAll(/runs (\d+–\d+): done/g)].map((m) => m[1]!));
    const lost = started.filter((x) => !finished.has(x));
    expect(lost.length).toBeGreaterThan(0);

    expect(await collector.exited).toBe(0);
    // The batch worker a was running when killed was run again by worker b.
    for (const x of lost) expect(b.err()).toContain(`runs ${x}: done`);

    // Every run exactly once, and the same bytes as a single-thread sweep.
    const runs = readFileSync(rows, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    expect(runs).toEqual([...Array(240).keys()]);
    const local = runCli([...sweepArgs, '--quiet', '--workers', '1']);
    expect(local.status).toBe(0);
    expect(collector.out()).toBe(local.stdout);

    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(b.err()).toContain('stopping');
  }, 180_000);
});
