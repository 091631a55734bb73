/**
 * `parley sweep FILE --engine forecast|agreement|seats --runs N --seed S [--workers K] [--queue redis://…]`: Monte
 * Carlo over every uncertain input of the scenario. Batches run in this thread (--workers 1), on a worker-thread
 * pool (--workers K) or on BullMQ workers anywhere (--queue); the JSON is the same byte for byte in every case, and
 * after --resume. No model logic here: core's runChunk and summarise do the work.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import {
  summarise,
  sweepColumns,
  uncertainInputs,
  type ChunkResult,
  type SweepSpec,
  type SweepSummary,
} from '@parley/core';
import { positiveInt, printJson, tableStyle, UsageError } from '../util.js';
import { Checkpoint } from '../sweep/checkpoint.js';
import { planBatches, sweepKey, usableChunks } from '../sweep/plan.js';
import { progress } from '../sweep/progress.js';
import { DEFAULT_QUEUE_NAME } from '../sweep/defaults.js';
import { specFromOptions, specOptions } from '../sweep/spec.js';

interface SweepOpts {
  engine: string;
  model: string;
  runs?: string;
  workers: string;
  seed: string;
  batch: string;
  actor?: string;
  at?: string;
  json?: boolean;
  resume?: string;
  queue?: string;
  queueName: string;
  rows?: string;
  quiet?: boolean;
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : String(Math.round(x * 1000) / 1000);

/** Per-run rows as CSV: run, drawn inputs, outputs (empty cell: no value). */
export function rowsCsv(spec: SweepSpec, chunks: ChunkResult[], runs: number): string {
  const inputs = uncertainInputs(spec.scenario);
  const cols = sweepColumns(spec);
  const m = inputs.length;
  const q = cols.length;
  const lines = [['run', ...inputs.map((i) => i.id), ...cols.map((c) => c.id)].join(',')];
  const rows = new Array<string>(runs);
  for (const c of chunks)
    for (let r = c.from; r < c.to; r++) {
      const j = r - c.from;
      const cell = (x: number): string => (Number.isNaN(x) ? '' : String(x));
      rows[r] = [
        String(r),
        ...Array.from(c.inputs.subarray(j * m, (j + 1) * m), cell),
        ...Array.from(c.outputs.subarray(j * q, (j + 1) * q), cell),
      ].join(',');
    }
  return lines.concat(rows).join('\n') + '\n';
}

/** A tornado bar: left of the axis for a negative swing, right for a positive one, scaled to the widest. */
export function tornadoBar(swing: number, widest: number, half = 10): string {
  const n = widest > 0 ? Math.round((Math.abs(swing) / widest) * half) : 0;
  const bar = '█'.repeat(n);
  return swing < 0
    ? ' '.repeat(half - n) + bar + '│' + ' '.repeat(half)
    : ' '.repeat(half) + '│' + bar + ' '.repeat(half - n);
}

function render(title: string, s: SweepSummary): string {
  const out: string[] = [
    pc.bold(
      `${title}: ${s.engine} sweep${s.model ? ` (${s.model})` : ''}, ${s.runs} runs, seed ${s.seed}, ${s.inputs.length} uncertain inputs`,
    ),
  ];
  const t = new Table({
    head: ['output', 'runs', 'p05', 'p25', 'median', 'p75', 'p95', 'mean'],
    style: tableStyle(),
  });
  // Seats sweeps carry, per actor and issue, the change in outcome and the counterfactual outcome. Shown: the
  // changes, and the counterfactual outcome only where there is no change (an issue that joins the agenda when the
  // actor is seated); outputs with no value in any run are listed after the table.
  const byId = new Map(s.outputs.map((o) => [o.id, o]));
  const shown = (id: string): boolean => {
    const o = byId.get(id);
    if (!o || o.n === 0) return false;
    if (s.engine !== 'seats' || !id.startsWith('outcome:')) return true;
    return (byId.get('change:' + id.slice('outcome:'.length))?.n ?? 0) === 0;
  };
  const empty = s.outputs.filter(
    (o) => o.n === 0 && !(s.engine === 'seats' && o.id.startsWith('outcome:') && !shown(o.id)),
  );
  for (const o of s.outputs.filter((x) => shown(x.id)))
    t.push([
      o.id,
      String(o.n),
      fmt(o.quantiles?.p05),
      fmt(o.quantiles?.p25),
      fmt(o.quantiles?.p50),
      fmt(o.quantiles?.p75),
      fmt(o.quantiles?.p95),
      fmt(o.mean),
    ]);
  out.push(t.toString());
  if (empty.length > 0)
    out.push(
      `no value in any run (the engine gave none for that seating, e.g. an issue off the agenda or fewer than two parties): ${empty.map((o) => o.id).join(', ')}`,
    );
  if (s.zone !== null)
    out.push(
      `probability that a zone of agreement exists${s.engine === 'seats' ? ' (as coded)' : ''}: ${fmt(s.zone)}`,
    );
  if (s.accept.length > 0) {
    const a = new Table({ head: ['actor', 'issue', 'accepts', 'P(outcome inside)'], style: tableStyle() });
    for (const x of s.accept) a.push([x.actor, x.issue, `${x.accept[0]}–${x.accept[1]}`, fmt(x.probability)]);
    out.push(
      '',
      pc.bold(
        s.engine === 'agreement'
          ? 'Nash package inside each accept range'
          : 'Forecast inside each accept range',
      ),
      a.toString(),
    );
  }
  if (s.drivers.length > 0) {
    const d = new Table({
      head: ['output', 'input', 'rank corr.', 'swing (top 20% − bottom 20%)', 'tornado'],
      style: tableStyle(),
    });
    for (const x of s.drivers.filter((d) => shown(d.output))) {
      const top = x.inputs.filter((i) => i.significant).slice(0, 3);
      if (top.length === 0) continue;
      const widest = Math.max(...top.map((i) => Math.abs(i.swing)));
      for (const i of top) d.push([x.output, i.input, fmt(i.rho), fmt(i.swing), tornadoBar(i.swing, widest)]);
    }
    // Only when some output has an input above the noise level (an empty table says nothing).
    if (d.length > 0)
      out.push(
        '',
        pc.bold(
          'What drives the spread (three strongest inputs per output, rank correlations above noise level)',
        ),
        d.toString(),
      );
  }
  return out.join('\n') + '\n';
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description(
      'Monte Carlo over every uncertain input: distributions of outcomes, zone of agreement and drivers',
    )
    .argument('<file>', 'scenario file');
  specOptions(cmd, 'seed: run r draws from a stream derived from (seed, r) alone')
    .option('--runs <n>', 'number of runs')
    .option('--workers <k>', 'worker threads on this machine (1: this thread); with --queue, ignored', '1')
    .option('--batch <n>', 'runs per batch', '50')
    .option(
      '--resume <file>',
      'resume file: finished batches are kept there and reused when the sweep is run again',
    )
    .option(
      '--queue <url>',
      'run the batches on BullMQ workers over Redis (redis://HOST:PORT); start them with `parley worker`',
    )
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .option('--rows <file>', 'also write every run (drawn inputs and outputs) as CSV')
    .option('--quiet', 'no progress output')
    .option('--json', 'print the summary as one JSON document')
    .action(async (file: string, opts: SweepOpts) => {
      if (opts.runs === undefined) throw new UsageError('--runs is required');
      const runs = positiveInt('--runs', opts.runs);
      const workers = positiveInt('--workers', opts.workers);
      const batch = positiveInt('--batch', opts.batch);
      const spec = specFromOptions(file, opts);
      const { scenario, engine } = spec;
      const m = uncertainInputs(scenario).length;
      const q = sweepColumns(spec).length;
      const key = sweepKey(spec);
      let checkpoint: Checkpoint | null = null;
      if (opts.resume) {
        try {
          checkpoint = Checkpoint.open(opts.resume, key, m, q);
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
      }
      const chunks = checkpoint ? usableChunks(checkpoint.chunks, runs, m, q) : [];
      const already = chunks.reduce((s, c) => s + (c.to - c.from), 0);
      // Local workers: guided batches (smaller towards the end). The queue does not know how many workers will come.
      const batches = planBatches(runs, batch, chunks, opts.queue ? 1 : workers);
      const bar = progress(runs, already, { quiet: opts.quiet ?? false, label: `sweep ${engine}` });
      const done = (c: ChunkResult): void => {
        chunks.push(c);
        checkpoint?.append(c);
        bar.tick(c.to - c.from);
      };
      try {
        if (batches.length > 0) {
          // The transports load here, not at start-up: BullMQ and piscina cost every other command ~0.1 s.
          if (opts.queue) {
            const { queueSweep } = await import('../sweep/queue.js');
            await queueSweep({ url: opts.queue, name: opts.queueName }, spec, key, batches, done);
          } else {
            const { poolTransport, runBatches, threadTransport } = await import('../sweep/pool.js');
            const t = workers === 1 ? threadTransport(spec) : poolTransport(spec, workers);
            try {
              await runBatches(t, batches, done);
            } finally {
              await t.close();
            }
          }
        }
      } finally {
        bar.stop();
      }
      const summary = summarise(spec, chunks, runs);
      if (opts.rows) writeFileSync(opts.rows, rowsCsv(spec, chunks, runs));
      if (opts.json) printJson({ title: scenario.title, at: opts.at ?? null, ...summary });
      else process.stdout.write(render(scenario.title, summary));
    });
}
