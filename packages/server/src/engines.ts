/**
 * The analyses the API offers. Each entry names a '@parley/core' function, the zod schema of its parameters and how
 * to call it on a (clearance-filtered) scenario. No model logic lives here: adding an engine endpoint is one entry.
 * Routes: POST /api/workspaces/:ws/scenarios/:sid/analyses/<name>; sweeps run any entry over a parameter grid.
 */
import { z } from 'zod';
import {
  adjustedWinner,
  analyseAgreement,
  analyzeConflict,
  compare,
  compileConflict,
  CONFLICT_CONCEPTS,
  conflictStateIndex,
  diffTimeline,
  divisionInput,
  FORECAST_MODELS,
  forecast,
  packageAt,
  parseStrategy,
  renderBrief,
  renderCompareHtml,
  renderCompareMarkdown,
  runSao,
  runSingleText,
  scenarioAt,
  scenarioProblem,
  seatAnalysis,
  SWEEP_ENGINES,
  tornado,
  type BriefAnalyses,
  type ForecastOptions,
  type Scenario,
  type Seat,
} from '@parley/core';

/** A problem with the caller's parameters (unknown actor, too few parties…): reported as 422. */
export class EngineInputError extends Error {}

export interface Engine<P extends z.ZodType = z.ZodType> {
  description: string;
  params: P;
  run(scenario: Scenario, params: z.infer<P>): unknown;
}

function define<P extends z.ZodType>(e: Engine<P>): Engine<P> {
  return e;
}

const ids = z.array(z.string().min(1)).min(1);
const seat = z.enum(['party', 'mediator', 'guarantor', 'observer', 'absent']);
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is written YYYY-MM-DD (or YYYY-MM, YYYY)');
const problemParams = {
  parties: ids.optional().describe('actor ids (default: actors with seat "party")'),
  resolution: z.number().int().min(2).max(101).optional().describe('levels per continuous issue (default 11)'),
  shape: z.enum(['linear', 'peaked', 'step']).optional(),
};

/** JSON-safe copy: bigint → string, typed arrays → arrays, non-finite numbers → null. */
export function jsonSafe(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) => {
      if (typeof x === 'bigint') return x.toString();
      if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
      return x;
    }),
  );
}

/** Run a core function; its own errors (bad actor ids, too few parties) become EngineInputError. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new EngineInputError(e instanceof Error ? e.message : String(e));
  }
}

function agreementProblem(s: Scenario, p: { parties?: string[] | undefined; resolution?: number | undefined; shape?: 'linear' | 'peaked' | 'step' | undefined }) {
  return guard(() =>
    scenarioProblem(s, {
      ...(p.parties ? { parties: p.parties } : {}),
      ...(p.resolution !== undefined ? { resolution: p.resolution } : {}),
      ...(p.shape ? { shape: p.shape } : {}),
    }),
  );
}

export const ENGINES = {
  compare: define({
    description: 'initiatives × issues: common ground, gaps, families and the consolidated single text (parley compare)',
    params: z.strictObject({
      tolerance: z.number().min(0).max(1).optional().describe('common-ground tolerance as a fraction of each scale'),
      salienceThreshold: z.number().min(0).max(100).optional(),
    }),
    run: (s, p) =>
      guard(() =>
        compare(s, {
          ...(p.tolerance !== undefined ? { tolerance: p.tolerance } : {}),
          ...(p.salienceThreshold !== undefined ? { salienceThreshold: p.salienceThreshold } : {}),
        }),
      ),
  }),
  report: define({
    description: 'the comparison as a Markdown or HTML report (parley compare --format)',
    params: z.strictObject({
      format: z.enum(['md', 'html']).default('md'),
      tolerance: z.number().min(0).max(1).optional(),
      salienceThreshold: z.number().min(0).max(100).optional(),
    }),
    run: (s, p) => {
      const r = guard(() =>
        compare(s, {
          ...(p.tolerance !== undefined ? { tolerance: p.tolerance } : {}),
          ...(p.salienceThreshold !== undefined ? { salienceThreshold: p.salienceThreshold } : {}),
        }),
      );
      return { format: p.format, text: p.format === 'html' ? renderCompareHtml(r, s) : renderCompareMarkdown(r, s) };
    },
  }),
  forecast: define({
    description: 'forecast issue outcomes with a bargaining model (parley forecast)',
    params: z.strictObject({
      model: z.enum(FORECAST_MODELS).default('mean'),
      seed: z.number().int().min(0).optional(),
      actors: ids.optional(),
      seats: z.array(seat).min(1).optional(),
      asOf: date.optional(),
      rounds: z.number().int().min(1).max(10_000).optional(),
    }),
    run: (s, p) => {
      const options: ForecastOptions = {
        model: p.model,
        ...(p.seed !== undefined ? { seed: p.seed } : {}),
        ...(p.actors ? { actors: p.actors } : {}),
        ...(p.seats ? { seats: p.seats as Seat[] } : {}),
        ...(p.asOf ? { asOf: p.asOf } : {}),
        ...(p.rounds !== undefined ? { eum: { rounds: p.rounds }, exchange: { rounds: p.rounds } } : {}),
      };
      const r = guard(() => forecast(s, options));
      return jsonSafe({ model: r.model, outcome: r.outcome, stop: r.stop, rounds: r.rounds, details: r.details });
    },
  }),
  agreement: define({
    description: 'zone of agreement, blocking red lines, Pareto frontier and bargaining points (parley agree)',
    params: z.strictObject({
      ...problemParams,
      maxOutcomes: z.number().int().min(1).max(2_000_000).optional(),
      seed: z.number().int().min(0).optional(),
    }),
    run: (s, p) => {
      const problem = agreementProblem(s, p);
      return jsonSafe(
        guard(() => analyseAgreement(problem, { ...(p.maxOutcomes ? { maxOutcomes: p.maxOutcomes } : {}), ...(p.seed !== undefined ? { seed: p.seed } : {}) })),
      );
    },
  }),
  negotiate: define({
    description: 'simulate a negotiation: stacked alternating offers or single-text mediation (parley negotiate)',
    params: z.strictObject({
      ...problemParams,
      protocol: z.enum(['sao', 'single-text']).default('sao'),
      strategy: z.string().min(1).default('linear').describe('one strategy, or one per party, comma-separated'),
      rounds: z.number().int().min(1).max(100_000).optional(),
      seed: z.number().int().min(0).default(1),
    }),
    run: (s, p) => {
      const strategies = guard(() => p.strategy.split(',').map((x) => parseStrategy(x.trim())));
      const problem = agreementProblem(s, p);
      if (strategies.length !== 1 && strategies.length !== problem.parties.length)
        throw new EngineInputError(`strategy: give one strategy or one per party (${problem.parties.length})`);
      const r = guard(() =>
        p.protocol === 'sao'
          ? runSao(problem, { strategy: strategies.length === 1 ? strategies[0]! : strategies, seed: p.seed, ...(p.rounds ? { rounds: p.rounds } : {}) })
          : runSingleText(problem, { seed: p.seed, ...(p.rounds ? { rounds: p.rounds } : {}) }),
      );
      return jsonSafe({ ...r, seed: p.seed, trace: r.trace.map((e) => ({ ...e, package: packageAt(problem.space, e.outcome) })) });
    },
  }),
  divide: define({
    description: "Adjusted Winner over the scenario's division: section (parley divide)",
    params: z.strictObject({}),
    run: (s) => {
      if (!s.division) throw new EngineInputError('the scenario has no "division:" section');
      const input = guard(() => divisionInput(s.division!, s.issues.map((i) => i.id)));
      return jsonSafe({ parties: input.parties, issues: input.issues, ...guard(() => adjustedWinner(input)) });
    },
  }),
  seats: define({
    description: 'what a seat at the table changes: forecast and agreement with each actor seated, absent or represented (parley seats)',
    params: z.strictObject({
      actors: ids.optional().describe('actors to analyse (default all)'),
      model: z.enum(FORECAST_MODELS).default('mean'),
      seed: z.number().int().min(0).optional(),
      threshold: z.number().min(0).max(100).default(50).describe('salience from which an issue counts as salient'),
      agreement: z.boolean().default(true).describe('also run the agreement engine'),
      at: date.optional().describe('apply the snapshots up to this date first'),
    }),
    run: (s, p) => {
      const sc = p.at ? guard(() => scenarioAt(s, p.at!)) : s;
      for (const id of p.actors ?? [])
        if (!sc.actors.some((a) => a.id === id)) throw new EngineInputError(`actors: unknown actor "${id}" (scenario actors: ${sc.actors.map((a) => a.id).join(', ')})`);
      return jsonSafe(
        guard(() =>
          seatAnalysis(sc, {
            model: p.model,
            salienceThreshold: p.threshold,
            agreement: p.agreement,
            ...(p.actors ? { actors: p.actors } : {}),
            ...(p.seed !== undefined ? { seed: p.seed } : {}),
          }),
        ),
      );
    },
  }),
  tornado: define({
    description:
      'one-at-a-time tornado: each uncertain input alone from its low to its high percentile, the others coded (parley tornado)',
    params: z
      .strictObject({
        engine: z.enum(SWEEP_ENGINES).default('forecast'),
        model: z.enum(FORECAST_MODELS).default('mean').describe('forecast model for the forecast and seats engines'),
        seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe('model seed, the same in every run'),
        actors: ids.optional().describe('seats engine: actors to analyse (default all)'),
        low: z.number().gt(0).lt(100).default(5).describe('low percentile of each input'),
        high: z.number().gt(0).lt(100).default(95).describe('high percentile of each input'),
        at: date.optional().describe('apply the snapshots up to this date first'),
      })
      .refine((p) => p.low < p.high, { message: 'low must be below high', path: ['low'] }),
    run: (s, p) => {
      const sc = p.at ? guard(() => scenarioAt(s, p.at!)) : s;
      for (const id of p.actors ?? [])
        if (!sc.actors.some((a) => a.id === id)) throw new EngineInputError(`actors: unknown actor "${id}" (scenario actors: ${sc.actors.map((a) => a.id).join(', ')})`);
      const spec = { scenario: sc, engine: p.engine, model: p.model, seed: p.seed, ...(p.actors && p.engine === 'seats' ? { actors: p.actors } : {}) };
      return jsonSafe(guard(() => tornado(spec, { low: p.low / 100, high: p.high / 100 })));
    },
  }),
  conflict: define({
    description: "stability analysis of the scenario's conflict: section with the Graph Model for Conflict Resolution (parley conflict)",
    params: z.strictObject({
      concepts: z.array(z.enum(CONFLICT_CONCEPTS)).min(1).optional().describe('default: every concept that applies'),
      statusQuo: z.number().int().min(0).optional().describe('status quo state (1-based number in graph form, decimal code in option form)'),
      moves: z.enum(['ui', 'um']).default('ui'),
    }),
    run: (s, p) => {
      if (!s.conflict) throw new EngineInputError('the scenario has no "conflict:" section');
      const c = compileConflict(s.conflict);
      if (!c.ok) throw new EngineInputError(c.problems.map((x) => `conflict${x.path ? '.' + x.path : ''}: ${x.message}`).join('; '));
      let statusQuo: number | undefined;
      if (p.statusQuo !== undefined) {
        statusQuo = conflictStateIndex(c.value, p.statusQuo);
        if (statusQuo < 0) throw new EngineInputError(`statusQuo: ${p.statusQuo} is not a state of the model`);
      }
      return jsonSafe(
        guard(() =>
          analyzeConflict(c.value, {
            ...(p.concepts ? { concepts: p.concepts } : {}),
            ...(statusQuo !== undefined ? { statusQuo, statusQuoMode: p.moves } : {}),
          }),
        ),
      );
    },
  }),
  timeline: define({
    description: 'who moved between two dates, from the dated snapshots (parley diff)',
    params: z.strictObject({ from: date, to: date }),
    run: (s, p) => jsonSafe(guard(() => diffTimeline(s, p.from, p.to))),
  }),
  brief: define({
    description: 'a brief: highlights, analysis tables and sources, from the framework, forecast and agreement engines (parley report, without charts)',
    params: z.strictObject({
      format: z.enum(['md', 'html']).default('md'),
      model: z.enum(FORECAST_MODELS).default('eum'),
      tolerance: z.number().min(0).max(1).optional(),
    }),
    run: (s, p) => {
      const skipped: string[] = [];
      const analyses: BriefAnalyses = { compare: guard(() => compare(s, p.tolerance !== undefined ? { tolerance: p.tolerance } : {})) };
      try {
        analyses.forecast = forecast(s, { model: p.model, seats: ['party', 'mediator', 'guarantor', 'observer', 'absent'] });
      } catch (e) {
        skipped.push(`forecast: ${e instanceof Error ? e.message : String(e)}`);
      }
      try {
        analyses.agreement = analyseAgreement(scenarioProblem(s));
      } catch (e) {
        skipped.push(`agreement: ${e instanceof Error ? e.message : String(e)}`);
      }
      return { format: p.format, skipped, text: guard(() => renderBrief(s, analyses, { format: p.format, charts: false })) };
    },
  }),
} satisfies Record<string, Engine>;

export type EngineName = keyof typeof ENGINES;
export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[];

export function getEngine(name: string): Engine | undefined {
  return Object.prototype.hasOwnProperty.call(ENGINES, name) ? (ENGINES[name as EngineName] as unknown as Engine) : undefined;
}

/** Validate engine parameters; a failure names the field. */
export function parseParams(engine: Engine, params: unknown, where = 'params'): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = engine.params.safeParse(params ?? {});
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ') };
}

/** A grid: one analysis run over every combination of the varied parameters (a background job). */
export const GridBody = z.strictObject({
  engine: z.string().min(1).describe(`one of the analyses: ${Object.keys(ENGINES).join(', ')}`),
  params: z.record(z.string(), z.unknown()).default({}).describe('parameters shared by every run'),
  vary: z
    .record(z.string(), z.array(z.unknown()).min(1).max(1000))
    .refine((v) => Object.keys(v).length > 0, 'vary needs at least one parameter with a list of values')
    .describe('parameter → list of values; every combination is run'),
});
export type GridBody = z.infer<typeof GridBody>;
export const MAX_GRID_RUNS = 2000;

/** Every combination of the varied values. */
export function gridCombos(body: GridBody): Record<string, unknown>[] {
  let grid: Record<string, unknown>[] = [{}];
  for (const [k, values] of Object.entries(body.vary)) grid = grid.flatMap((g) => values.map((v) => ({ ...g, [k]: v })));
  return grid;
}

/** A Monte Carlo sweep over every uncertain input (parley sweep): core's runChunk per batch, then summarise. */
export const SweepBody = z.strictObject({
  engine: z.enum(SWEEP_ENGINES).default('forecast'),
  model: z.enum(FORECAST_MODELS).default('mean').describe('forecast model for the forecast and seats engines'),
  runs: z.number().int().min(1).max(100_000),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  batch: z.number().int().min(1).max(10_000).default(50).describe('runs per batch (progress is reported per batch)'),
  actors: ids.optional().describe('seats engine: actors to analyse (default all)'),
  at: date.optional().describe('apply the snapshots up to this date first'),
});
export type SweepBody = z.infer<typeof SweepBody>;
