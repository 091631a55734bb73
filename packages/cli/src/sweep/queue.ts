/**
 * Many machines: a sweep's batches on a BullMQ queue over Redis. `queueSweep` enqueues the batches and collects
 * their results; `startQueueWorker` runs batches (on a local worker-thread pool) on any machine that can reach Redis.
 *
 * Exactly once: a batch's job id is the sweep key plus its run range, so enqueuing again (a restarted collector)
 * adds nothing; a job whose worker dies is moved back to the queue once its lock expires and another worker runs it;
 * the collector keeps one result per batch index, so a batch finished twice is counted once. Every run's result
 * depends on (sweep, run) alone, so whichever worker computes a batch, the numbers are the same.
 */
import { Queue, Worker, type Job, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChunkResult, SweepSpec } from '@parley/core';
import { decodeChunk, encodeChunk, type EncodedChunk } from './codec.js';
import type { Batch } from './plan.js';
import { specPool } from './pool.js';

import { DEFAULT_QUEUE_NAME } from './defaults.js';

export interface QueueConfig {
  url: string;
  /** Queue name (default parley-sweep): sweeps and workers meet on the same name. */
  name?: string;
}

interface BatchJob {
  key: string;
  from: number;
  to: number;
}

/** ioredis options from redis://[user:password@]host[:port][/db]. */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue needs a URL like redis://127.0.0.1:6379, got "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error(`--queue needs a redis:// URL, got "${url}"`);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

const specKey = (name: string, key: string): string => `parley:${name}:spec:${key}`;
const jobId = (key: string, b: { from: number; to: number }): string => `${key}-${b.from}-${b.to}`;

/** Enqueue the batches of a sweep and collect each result once, in any order; `done` is called once per batch. */
export async function queueSweep(
  cfg: QueueConfig,
  spec: SweepSpec,
  key: string,
  batches: Batch[],
  done: (c: ChunkResult, b: Batch) => void,
  opts: { pollMs?: number; attempts?: number } = {},
): Promise<void> {
  const name = cfg.name ?? DEFAULT_QUEUE_NAME;
  const connection = redisOptions(cfg.url);
  const redis = new Redis({ ...connection, lazyConnect: true });
  const queue = new Queue<BatchJob, EncodedChunk, string>(name, { connection });
  try {
    await redis.connect();
    await redis.set(specKey(name, key), JSON.stringify(spec), 'EX', 7 * 24 * 3600);
    const attempts = opts.attempts ?? 5;
    await queue.addBulk(
      batches.map((b) => ({
        name: 'batch',
        data: { key, from: b.from, to: b.to },
        opts: {
          jobId: jobId(key, b),
          attempts,
          backoff: { type: 'fixed', delay: 500 },
          removeOnComplete: false,
          removeOnFail: false,
        },
      })),
    );
    const pending = new Map(batches.map((b) => [b.index, b]));
    const pollMs = opts.pollMs ?? 250;
    while (pending.size > 0) {
      for (const b of [...pending.values()]) {
        const job = await queue.getJob(jobId(key, b));
        if (!job) {
          // Removed behind our back: enqueue it again under the same id.
          await queue.add(
            'batch',
            { key, from: b.from, to: b.to },
            { jobId: jobId(key, b), attempts, removeOnComplete: false, removeOnFail: false },
          );
          continue;
        }
        if (job.finishedOn && job.returnvalue) {
          if (!pending.has(b.index)) continue;
          const c = decodeChunk(job.returnvalue);
          if (c.from !== b.from || c.to !== b.to)
            throw new Error(`batch ${b.index} came back with runs ${c.from}–${c.to - 1}`);
          pending.delete(b.index);
          done(c, b);
        } else if (job.finishedOn && job.failedReason && job.attemptsMade >= attempts) {
          throw new Error(
            `batch ${b.index} (runs ${b.from}–${b.to - 1}) failed ${job.attemptsMade} times: ${job.failedReason}`,
          );
        }
      }
      if (pending.size > 0) await new Promise((r) => setTimeout(r, pollMs));
    }
    // Tidy up; a job still locked by a slow duplicate run is left to expire with the queue's own cleaning.
    for (const b of batches) await queue.remove(jobId(key, b)).catch(() => 0);
    await redis.del(specKey(name, key));
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

export interface QueueWorkerOptions {
  /** Worker threads, and batches run at once (default 1). */
  workers?: number;
  /** Lock duration in ms: a batch whose worker died is handed to another after about this long (default 30000). */
  lockMs?: number;
  log?: (line: string) => void;
}

/** Run batches from the queue until closed. */
export async function startQueueWorker(
  cfg: QueueConfig,
  opts: QueueWorkerOptions = {},
): Promise<{ close(): Promise<void> }> {
  const name = cfg.name ?? DEFAULT_QUEUE_NAME;
  const connection = redisOptions(cfg.url);
  const workers = opts.workers ?? 1;
  const lockMs = opts.lockMs ?? 30_000;
  const log = opts.log ?? (() => undefined);
  const redis = new Redis({ ...connection, lazyConnect: true });
  await redis.connect();
  const pool = specPool(workers);
  const specs = new Map<string, SweepSpec>();
  const specOf = async (key: string): Promise<SweepSpec> => {
    const known = specs.get(key);
    if (known) return known;
    const text = await redis.get(specKey(name, key));
    if (text === null) throw new Error(`sweep ${key} is not in Redis (finished or expired)`);
    const spec = JSON.parse(text) as SweepSpec;
    specs.set(key, spec);
    return spec;
  };
  const worker = new Worker<BatchJob, EncodedChunk, string>(
    name,
    async (job: Job<BatchJob, EncodedChunk, string>) => {
      const { key, from, to } = job.data;
      log(`batch ${key} runs ${from}–${to - 1}: start`);
      const c = await pool.run(await specOf(key), { from, to });
      log(`batch ${key} runs ${from}–${to - 1}: done`);
      return encodeChunk(c);
    },
    {
      connection,
      concurrency: workers,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
      maxStalledCount: 10,
    },
  );
  worker.on('error', (e) => log(`worker error: ${e.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await pool.close();
      redis.disconnect();
    },
  };
}
