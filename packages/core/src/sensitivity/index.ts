/**
 * Sensitivity: Monte Carlo over every uncertain input, run in batches that any transport can carry, and a
 * one-at-a-time tornado.
 */
export {
  uncertainInputs,
  drawFrom,
  drawRun,
  applyInputs,
  runStream,
  runSeed,
  mix32,
  type UncertainInput,
  type InputKind,
} from './inputs.js';
export {
  runChunk,
  evaluate,
  sweepColumns,
  SWEEP_ENGINES,
  type SweepEngine,
  type SweepSpec,
  type ChunkInput,
  type ChunkResult,
  type OutputColumn,
} from './chunk.js';
export {
  summarise,
  sweep,
  joinChunks,
  quantileSorted,
  ranks,
  pearson,
  spearman,
  type SweepSummary,
  type OutputSummary,
  type AcceptProbability,
  type Driver,
  type Quantiles,
} from './summary.js';
export {
  tornado,
  normalQuantile,
  uncertaintyQuantile,
  type TornadoResult,
  type TornadoBar,
} from './tornado.js';
