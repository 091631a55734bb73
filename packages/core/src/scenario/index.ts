export * from './schema.js';
export * from './scale.js';
export * from './problem.js';
export { parseScenario, parseData, type ParseResult } from './parse.js';
export { loadScenarioFile } from './load.js';
export { scenarioJsonSchema } from './jsonSchema.js';
export { getTaxonomy, taxonomyIssues, taxonomyIssue, type Taxonomy } from './taxonomy/index.js';
export { didYouMean, editDistance } from './didYouMean.js';
