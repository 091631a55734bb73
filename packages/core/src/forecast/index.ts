export * from './problem.js';
export { weightedMean, meanOfIssue, MEAN_DEFAULTS, type MeanOptions, type MeanWeighting } from './mean.js';
export {
  weightedMedian,
  weightedMedianOf,
  medianOfIssue,
  MEDIAN_DEFAULTS,
  type MedianOptions,
  type MedianTie,
} from './median.js';
export {
  eum,
  eumIssue,
  eumRound,
  EUM_DEFAULTS,
  type EumOptions,
  type EumRound,
  type EumIssueRun,
} from './eum.js';
export { exchange, EXCHANGE_DEFAULTS, type Exchange, type ExchangeOptions } from './exchange.js';
export { smp, SMP_DEFAULTS, type SmpOptions } from './smp.js';
export { problemFromScenario, type FromScenarioOptions } from './fromScenario.js';
export {
  forecast,
  isForecastProblem,
  FORECAST_MODELS,
  type ForecastModel,
  type ForecastOptions,
} from './forecast.js';
