/** Parley core: the scenario format and the analysis engines. */
export * from './scenario/index.js';
export * from './framework/index.js';
export * from './report/index.js';
export * from './forecast/index.js';
export * from './importers/index.js';
export * from './backtest/index.js';
