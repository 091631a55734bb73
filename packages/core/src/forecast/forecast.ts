/**
 * One entry point for every forecast model: `forecast(scenarioOrProblem, { model, … })`. A scenario is turned into
 * a ForecastProblem first (seated parties by default, see fromScenario.ts). Results are on the input's own scale.
 */
import type { Scenario } from '../scenario/schema.js';
import { eum, type EumOptions } from './eum.js';
import { exchange, type ExchangeOptions } from './exchange.js';
import { problemFromScenario, type FromScenarioOptions } from './fromScenario.js';
import { weightedMean, type MeanOptions } from './mean.js';
import { weightedMedian, type MedianOptions } from './median.js';
import type { ForecastProblem, ForecastResult } from './problem.js';
import { smp, type SmpOptions } from './smp.js';

export const FORECAST_MODELS = ['mean', 'median', 'eum', 'exchange', 'smp'] as const;
export type ForecastModel = (typeof FORECAST_MODELS)[number];

export interface ForecastOptions extends FromScenarioOptions {
  model: ForecastModel;
  /** Seed for every random draw (exchange: random tie-break mode; SMP: stochastic mode). */
  seed?: number;
  mean?: Partial<MeanOptions>;
  median?: Partial<MedianOptions>;
  eum?: Partial<EumOptions>;
  exchange?: Partial<ExchangeOptions>;
  smp?: Partial<SmpOptions>;
  /**
   * Keep the round-by-round trajectory (default true). False when only the outcome is wanted (Monte Carlo sweeps):
   * SMP then skips building `rounds` and its per-turn details, which are most of its allocation; the outcome is
   * the same bits. The other models are cheap and ignore it.
   */
  trace?: boolean;
}

export function isForecastProblem(x: unknown): x is ForecastProblem {
  return typeof x === 'object' && x !== null && (x as ForecastProblem).position instanceof Float64Array;
}

export function forecast(input: Scenario | ForecastProblem, options: ForecastOptions): ForecastResult {
  const problem = isForecastProblem(input) ? input : problemFromScenario(input, options);
  switch (options.model) {
    case 'mean':
      return weightedMean(problem, options.mean);
    case 'median':
      return weightedMedian(problem, options.median);
    case 'eum':
      return eum(problem, options.eum);
    case 'exchange':
      return exchange(problem, {
        ...options.exchange,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      });
    case 'smp':
      return smp(
        problem,
        {
          ...options.smp,
          ...(options.seed !== undefined
            ? { seed: BigInt.asUintN(64, BigInt(Math.trunc(options.seed))) }
            : {}),
        },
        options.trace ?? true,
      );
    default: {
      const m: never = options.model;
      throw new Error(`unknown model "${String(m)}" (models: ${FORECAST_MODELS.join(', ')})`);
    }
  }
}
