/**
 * `parley worker --queue redis://HOST:PORT [--workers K]`: run sweep batches from a BullMQ queue on this machine
 * until stopped (SIGINT/SIGTERM). Start as many as you like, anywhere that reaches Redis; `parley sweep --queue`
 * enqueues and collects.
 */
import type { Command } from 'commander';
import { numberOption, UsageError } from '../util.js';
import { DEFAULT_QUEUE_NAME } from '../sweep/defaults.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run sweep batches from a BullMQ queue over Redis until stopped')
    .requiredOption('--queue <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .option('--workers <k>', 'worker threads (batches at once)', '1')
    .option(
      '--lock-ms <n>',
      'lock duration: a batch whose worker died goes to another worker after about this long',
      '30000',
    )
    .option('--quiet', 'no log lines')
    .action(
      async (opts: {
        queue: string;
        queueName: string;
        workers: string;
        lockMs: string;
        quiet?: boolean;
      }) => {
        const workers = numberOption('--workers', opts.workers);
        if (workers === undefined || !Number.isInteger(workers) || workers < 1)
          throw new UsageError(`--workers needs an integer ≥ 1, got "${opts.workers}"`);
        const lockMs = numberOption('--lock-ms', opts.lockMs);
        if (lockMs === undefined || !Number.isInteger(lockMs) || lockMs < 1000)
          throw new UsageError(`--lock-ms needs an integer ≥ 1000, got "${opts.lockMs}"`);
        const log = opts.quiet
          ? undefined
          : (line: string): void => void process.stderr.write(`worker ${process.pid}: ${line}\n`);
        // BullMQ and the thread pool load only when a worker starts (every other command starts faster).
        const { startQueueWorker } = await import('../sweep/queue.js');
        let w: { close(): Promise<void> };
        try {
          w = await startQueueWorker(
            { url: opts.queue, name: opts.queueName },
            { workers, lockMs, ...(log ? { log } : {}) },
          );
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
        log?.(
          `ready on ${opts.queue} (queue ${opts.queueName}, ${workers} thread${workers === 1 ? '' : 's'})`,
        );
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            log?.('stopping');
            void w.close().then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    );
}
