/**
 * `POST /api/import`: KTAB SMP input (CSV or XML) or a Decide exchange-model CSV → Parley scenario YAML, as
 * `parley import` does for files. The result is checked with the scenario parser before it is returned.
 */
import { importScenario as toScenario, parseScenario, scenarioToYaml, type ImportFormat, type Problem } from '@parley/core';
import { EngineInputError } from './engines.js';

export { IMPORT_FORMATS, type ImportFormat } from '@parley/core';

export function importScenario(format: ImportFormat, text: string, file: string, title?: string): { text: string; warnings: Problem[] } {
  let scenario;
  try {
    scenario = toScenario(format, text, file, title);
  } catch (e) {
    throw new EngineInputError(`text: ${e instanceof Error ? e.message : String(e)}`);
  }
  const yaml = scenarioToYaml(scenario, `Imported from ${file} (${format})`);
  const check = parseScenario(yaml, file.replace(/\.[^.]+$/, '') + '.yaml');
  if (!check.ok) throw new EngineInputError(`the imported scenario does not validate: ${check.problems.map((p) => p.message).join('; ')}`);
  return { text: yaml, warnings: check.warnings };
}
