export { compare, toleranceFor, snapToLevel, type CompareOptions, type CompareResult, type IssueSummary, type Cell } from './compare.js';
export { similarityMatrix, type SimilarityResult } from './similarity.js';
export { families } from './families.js';
export { singleText, type SingleTextEntry, type SingleTextOption } from './singleText.js';
export { stanceOf, distanceTo, gap, median, commonWindow, nearest, type StanceSet, type StanceKind } from './stance.js';
