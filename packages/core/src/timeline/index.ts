/** Timeline: dated snapshots of positions, the scenario at a date, and who moved between two dates. */
export { scenarioAt, shiftUncertainty, snapshotDates, sortedSnapshots, appliesAt } from './scenarioAt.js';
export { diffTimeline, perSnapshot, type TimelineDiff, type PositionMove, type StanceAt } from './diff.js';
