/** Public API of the conflict engine (Graph Model for Conflict Resolution, conflict-gmcr.md). */
export {
  ConflictModel,
  ConflictOption,
  ConflictPreferences,
  GraphFormConflict,
  InfeasibleRule,
  OptionDecisionMaker,
  OptionFormConflict,
  OptionStateRef,
  type OptionFormConflictInput,
} from './schema.js';
export {
  codeIndex as conflictCodeIndex,
  stateIndex as conflictStateIndex,
  stateLabel as conflictStateLabel,
  stateName as conflictStateName,
  ynString,
  type CompiledConflict,
  type Csr as ConflictCsr,
  type DecisionMaker as ConflictDecisionMaker,
  type MovesPerStep,
  type OptionStructure,
  type Reversibility as OptionReversibility,
} from './model.js';
export { formatConflictProblem, type ConflictProblem, type ConflictResult } from './problem.js';
export {
  parseStatement as parsePreferenceStatement,
  evalStatement as evalPreferenceStatement,
  lexicographicRanks,
  StatementError as PreferenceStatementError,
  type Statement as PreferenceStatement,
} from './statements.js';
export { compileGraphForm } from './graphForm.js';
export { compileOptionForm, MAX_OPTIONS as CONFLICT_MAX_OPTIONS } from './optionForm.js';
export {
  parseCoalitionText,
  resolveCoalitions,
  resolveDm as resolveConflictDm,
} from './coalitionStructure.js';
export {
  compileConflict,
  conflictFromDocument,
  parseConflictModel,
  parseConflictText,
  type ReadOptions as ConflictReadOptions,
} from './load.js';
export { importGmcr, isGmcrFile } from './gmcrImport.js';
export {
  CONCEPTS as CONFLICT_CONCEPTS,
  analyzeStability,
  individualUnits,
  improvementArcs,
  type Concept as ConflictConcept,
  type Unit as ConflictMover,
  type StabilityTable,
  type StabilityOptions,
} from './stability.js';
export { coalitionUnits, coalitionalImprovements, legalClosure } from './coalition.js';
export { statusQuoAnalysis, type StatusQuoResult, type StatusQuoReach } from './statusQuo.js';
export {
  explainState,
  type Verdict as StabilityVerdict,
  type ImprovementVerdict,
  type Sanction,
} from './explain.js';
export {
  inverseGmcr,
  baseRanking,
  withRankings,
  type InverseSpec,
  type InverseResult,
  type VaryRange,
} from './inverse.js';
export {
  analyzeConflict,
  defaultConcepts,
  type AnalyzeOptions as ConflictAnalyzeOptions,
  type ConflictReport,
  type ReportVerdict as ConflictReportVerdict,
  type ReportStep as ConflictReportStep,
} from './analyze.js';
export { legalTree, legalSearch, reachMin, type Step as ConflictStep, type LegalTree } from './reach.js';
export { reduceBlockRelation } from './reduction.js';
export { anticipation, limitedMoveStability } from './limitedMove.js';
