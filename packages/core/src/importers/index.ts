export { importDecideCsv, type DecideImport } from './decide.js';
export {
  importDeuTsv,
  deuIssueProblem,
  deuProblem,
  DEU_ACTOR_NAMES,
  type DeuData,
  type DeuIssue,
} from './deu.js';
export { importKtabCsv, importKtabXml, type KtabImport } from './ktab.js';
export { problemToScenario, scenarioToYaml, makeIdFactory, type ToScenarioInfo } from './toScenario.js';
export { importScenario, IMPORT_FORMATS, type ImportFormat } from './importScenario.js';
