/**
 * Transports that run batches on one machine: in this thread, or on a piscina pool of worker threads. Both call
 * core's `runChunk`; only where it runs differs.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runChunk, sweepColumns, uncertainInputs, type ChunkResult, type SweepSpec } from '@parley/core';
import type { Batch } from './plan.js';

export interface Transport {
  /** Batches it can usefully run at once. */
  readonly slots: number;
  run(batch: Batch): Promise<ChunkResult>;
  close(): Promise<void>;
}

/** Run batches in this thread, one at a time. */
export function threadTransport(spec: SweepSpec): Transport {
  const prepared = { inputs: uncertainInputs(spec.scenario), columns: sweepColumns(spec) };
  return {
    slots: 1,
    run: (b) =>
      new Promise((resolve, reject) => {
        // Yield to the event loop between batches so progress output and signals get through.
        setImmediate(() => {
          try {
            resolve(runChunk({ ...spec, from: b.from, to: b.to }, prepared));
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      }),
    close: () => Promise.resolve(),
  };
}

/** The worker file next to this module (.ts when running from source, .js when built). */
function threadFile(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = fileURLToPath(new URL(fromSource ? './thread.ts' : './thread.js', import.meta.url));
  const execArgv = [...process.execArgv];
  if (fromSource && !execArgv.some((a) => a.startsWith('--conditions=source') || a === '-C'))
    execArgv.push('--conditions=source');
  return { filename, execArgv };
}

/** A pool of `workers` worker threads. */
export function poolTransport(spec: SweepSpec, workers: number): Transport {
  const { filename, execArgv } = threadFile();
  const pool = new Piscina({
    filename,
    minThreads: workers,
    maxThreads: workers,
    execArgv,
    idleTimeout: 60_000,
  });
  return {
    slots: workers,
    run: (b) => pool.run({ ...spec, from: b.from, to: b.to }) as Promise<ChunkResult>,
    close: () => pool.destroy(),
  };
}

/** A pool for the queue worker: batches arrive with their spec. */
export function specPool(workers: number): {
  run(spec: SweepSpec, b: { from: number; to: number }): Promise<ChunkResult>;
  close(): Promise<void>;
} {
  const { filename, execArgv } = threadFile();
  const pool = new Piscina({
    filename,
    minThreads: workers,
    maxThreads: workers,
    execArgv,
    idleTimeout: 60_000,
  });
  return {
    run: (spec, b) => pool.run({ ...spec, from: b.from, to: b.to }) as Promise<ChunkResult>,
    close: () => pool.destroy(),
  };
}

/**
 * Run batches on a transport, at most `slots` at a time, calling `done` as each finishes (in completion order).
 * Rejects on the first failure after the batches in flight have settled.
 */
export async function runBatches(
  t: Transport,
  batches: Batch[],
  done: (c: ChunkResult, b: Batch) => void,
): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const lane = async (): Promise<void> => {
    while (failure === null && next < batches.length) {
      const b = batches[next++]!;
      try {
        done(await t.run(b), b);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, t.slots) }, lane));
  if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
}
