/**
 * Background jobs: rows in the jobs table, run one at a time by an in-process runner that yields to the event loop
 * between batches and records progress. Two kinds: `sweep` (Monte Carlo over the uncertain inputs, core's runChunk and
 * summarise, as `parley sweep`) and `grid` (any analysis over a parameter grid). Jobs interrupted by a crash or a
 * restart are queued again at start; their results depend only on their parameters, so rerunning is safe.
 */
import { runChunk, scenarioAt, summarise, sweepColumns, uncertainInputs, type ChunkResult, type SweepSpec } from '@parley/core';
import type { Kysely } from 'kysely';
import { filterScenario } from './access.js';
import { now, type DB } from './db.js';
import { EngineInputError, getEngine, gridCombos, jsonSafe, parseParams, type GridBody, type SweepBody } from './engines.js';
import { fileName, type ScenarioCache } from './service.js';

export type JobSpec = ({ type: 'sweep' } & SweepBody) | ({ type: 'grid' } & GridBody);

export interface GridRun {
  params: Record<string, unknown>;
  result?: unknown;
  error?: string;
}

/** Runs a job will take (for progress). */
export function jobTotal(spec: JobSpec): number {
  return spec.type === 'sweep' ? spec.runs : gridCombos(spec).length;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const CANCELLED = Symbol('cancelled');

export class JobRunner {
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly cache: ScenarioCache,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** Requeue jobs a previous process left running, then start. */
  async start(): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'queued', progress: 0, updated_at: now() }).where('status', '=', 'running').execute();
    this.kick();
  }

  /** Make sure the runner is working through the queue. */
  kick(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain()
      .catch((e: unknown) => this.onError(e))
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves once the queue is empty. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const job = await this.db.selectFrom('jobs').selectAll().where('status', '=', 'queued').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
      if (!job) return;
      const claimed = await this.db.updateTable('jobs').set({ status: 'running', updated_at: now() }).where('id', '=', job.id).where('status', '=', 'queued').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      try {
        const result = await this.run(job);
        if (result === CANCELLED) continue;
        if (result === null) return; // stopped mid-way: requeued at the next start
        // Only a job still running is finished: a cancellation stays a cancellation.
        await this.db
          .updateTable('jobs')
          .set({ status: 'done', progress: job.total, result: JSON.stringify(result), updated_at: now() })
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .execute();
      } catch (e) {
        await this.db
          .updateTable('jobs')
          .set({ status: 'failed', error: e instanceof Error ? e.message : String(e), updated_at: now() })
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .execute();
      }
    }
  }

  /** Record progress; false when the job was cancelled meanwhile (by this or another server process). */
  private async progress(id: string, done: number): Promise<boolean> {
    const r = await this.db.updateTable('jobs').set({ progress: done, updated_at: now() }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  private async run(job: DB['jobs']): Promise<unknown> {
    const spec = JSON.parse(job.params) as JobSpec;
    const row = await this.db.selectFrom('scenarios').select('name').where('id', '=', job.scenario_id).executeTakeFirstOrThrow();
    const ver = await this.db
      .selectFrom('scenario_versions')
      .select(['text', 'format'])
      .where('scenario_id', '=', job.scenario_id)
      .where('version', '=', job.scenario_version)
      .executeTakeFirstOrThrow();
    const parsed = this.cache.get(job.scenario_id, job.scenario_version, ver.text, fileName(row.name, ver.format));
    // The job sees exactly what its requester could see.
    const scenario = job.cleared === 1 ? parsed.scenario : filterScenario(parsed.scenario, false);
    return spec.type === 'sweep' ? this.sweep(job.id, spec, scenario) : this.grid(job.id, spec, scenario);
  }

  private async sweep(id: string, body: SweepBody, base: Parameters<typeof filterScenario>[0]): Promise<unknown> {
    const scenario = body.at ? scenarioAt(base, body.at) : base;
    for (const a of body.actors ?? [])
      if (!scenario.actors.some((x) => x.id === a)) throw new EngineInputError(`actors: unknown actor "${a}" (scenario actors: ${scenario.actors.map((x) => x.id).join(', ')})`);
    const spec: SweepSpec = { scenario, engine: body.engine, model: body.model, seed: body.seed, ...(body.actors && body.engine === 'seats' ? { actors: body.actors } : {}) };
    const prepared = { inputs: uncertainInputs(scenario), columns: sweepColumns(spec) };
    const chunks: ChunkResult[] = [];
    let lastWrite = 0;
    for (let from = 0; from < body.runs; from += body.batch) {
      if (this.stopped) return null;
      const to = Math.min(body.runs, from + body.batch);
      chunks.push(runChunk({ ...spec, from, to }, prepared));
      if (Date.now() - lastWrite > 200) {
        if (!(await this.progress(id, to))) return CANCELLED;
        lastWrite = Date.now();
      }
      await tick();
    }
    return jsonSafe(summarise(spec, chunks, body.runs));
  }

  private async grid(id: string, body: GridBody, scenario: Parameters<typeof filterScenario>[0]): Promise<unknown> {
    const engine = getEngine(body.engine);
    if (!engine) throw new Error(`engine: unknown analysis "${body.engine}"`);
    const out: GridRun[] = [];
    let lastWrite = 0;
    for (const combo of gridCombos(body)) {
      if (this.stopped) return null;
      const p = parseParams(engine, { ...body.params, ...combo });
      if (!p.ok) out.push({ params: combo, error: p.message });
      else {
        try {
          out.push({ params: combo, result: engine.run(scenario, p.value) });
        } catch (e) {
          if (!(e instanceof EngineInputError)) throw e;
          out.push({ params: combo, error: e.message });
        }
      }
      if (Date.now() - lastWrite > 200) {
        if (!(await this.progress(id, out.length))) return CANCELLED;
        lastWrite = Date.now();
      }
      await tick();
    }
    return out;
  }
}
