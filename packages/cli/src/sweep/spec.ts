/**
 * The options `parley sweep` and `parley tornado` share (engine, model, seed, actors, --at) turned into the sweep
 * spec both run. Option checking only; the engines are core's.
 */
import type { Command } from 'commander';
import {
  FORECAST_MODELS,
  SWEEP_ENGINES,
  type ForecastModel,
  type SweepEngine,
  type SweepSpec,
} from '@parley/core';
import { actorList, loadScenarioAt, positiveInt, UsageError } from '../util.js';

export interface SpecOptions {
  engine: string;
  model: string;
  seed: string;
  actor?: string;
  at?: string;
}

/** Declare the shared options on a command (the seed's help differs: per-run streams or one common seed). */
export function specOptions(cmd: Command, seedHelp: string): Command {
  return cmd
    .option('--engine <engine>', `engine: ${SWEEP_ENGINES.join(', ')}`, 'forecast')
    .option(
      '--model <model>',
      `forecast model for the forecast and seats engines: ${FORECAST_MODELS.join(', ')}`,
      'mean',
    )
    .option('--seed <n>', seedHelp, '1')
    .option('--actor <ids>', 'seats engine: comma-separated actors to analyse (default all)')
    .option('--at <date>', 'apply the scenario snapshots up to this date first');
}

/**
 * The sweep spec of a command line: the scenario (as of --at), engine, model, seed and, for the seats engine, the
 * actors. Option values are checked before the file is read; usage errors exit 2, an invalid scenario exits 1.
 */
export function specFromOptions(file: string, opts: SpecOptions): SweepSpec {
  if (!(SWEEP_ENGINES as readonly string[]).includes(opts.engine))
    throw new UsageError(`--engine must be one of ${SWEEP_ENGINES.join(', ')}, got "${opts.engine}"`);
  if (!(FORECAST_MODELS as readonly string[]).includes(opts.model))
    throw new UsageError(`--model must be one of ${FORECAST_MODELS.join(', ')}, got "${opts.model}"`);
  const seed = positiveInt('--seed', opts.seed, 0);
  if (seed > Number.MAX_SAFE_INTEGER) throw new UsageError('--seed must be below 2^53');
  const engine = opts.engine as SweepEngine;
  const scenario = loadScenarioAt(file, opts.at);
  const actors = actorList(scenario, opts.actor);
  return {
    scenario,
    engine,
    model: opts.model as ForecastModel,
    seed,
    ...(actors && engine === 'seats' ? { actors } : {}),
  };
}
