/** Parley core: the scenario format and the analysis engines. */
export * from './scenario/index.js';
export * from './framework/index.js';
export * from './report/index.js';
export * from './forecast/index.js';
export * from './importers/index.js';
export * from './backtest/index.js';
export * from './agreement/index.js';
export * from './seats/index.js';
export * from './sensitivity/index.js';
export * from './timeline/index.js';
export * from './conflict/index.js';
