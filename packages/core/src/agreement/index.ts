/** Agreement engine: outcome spaces, preferences, Pareto frontier, bargaining solutions, Adjusted Winner, protocols. */
export * from './space.js';
export * from './preference.js';
export * from './pareto.js';
export * from './bargaining.js';
export * from './scenario.js';
export * from './analyse.js';
export * from './genius.js';
export * from './adjustedWinner.js';
export * from './negotiation.js';
export * from './singleText.js';
export * from './sort.js';
export { Division } from './schema.js';
export * from './division.js';
