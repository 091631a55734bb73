/**
 * `POST /api/import`: KTAB SMP input (CSV or XML) or a Decide exchange-model CSV → Parley scenario YAML, as
 * `parley import` does for files. The result is checked with the scenario parser before it is returned.
 */
import { importDecideCsv, importKtabCsv, importKtabXml, parseScenario, problemToScenario, scenarioToYaml, type Problem, type ScenarioInput } from '@parley/core';
import { EngineInputError } from './engines.js';

export const IMPORT_FORMATS = ['ktab-csv', 'ktab-xml', 'decide'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

function toScenario(format: ImportFormat, text: string, file: string, title?: string): ScenarioInput {
  const base = file.replace(/\.[^.]+$/, '');
  try {
    if (format === 'decide') {
      const d = importDecideCsv(text, file);
      const notes = d.powerPerActor
        ? undefined
        : Object.fromEntries(
            d.problem.actors.map((a, i) => {
              const n = d.problem.issues.length;
              const pw = d.problem.issues.map((s, k) => `${s.id} ${d.power[i * n + k]}`).join(', ');
              return [a, `Decide power varies by issue (${pw}); capability is the maximum.`];
            }),
          );
      return problemToScenario(d.problem, {
        title: title ?? base,
        actorNames: d.actorNames,
        issueNames: d.issueNames,
        anchors: d.anchors,
        ...(notes ? { actorNotes: notes } : {}),
        source: { id: 'decide-input', citation: `Decide exchange-model input file ${file}` },
      });
    }
    const k = format === 'ktab-xml' ? importKtabXml(text, file) : importKtabCsv(text, file);
    return problemToScenario(k.problem, {
      title: title ?? k.title ?? base,
      ...(k.description ? { description: k.description } : {}),
      ...(k.actorDescriptions ? { actorNotes: k.actorDescriptions } : {}),
      source: { id: 'ktab-input', citation: `KTAB SMP input file ${file}` },
    });
  } catch (e) {
    throw new EngineInputError(`text: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function importScenario(format: ImportFormat, text: string, file: string, title?: string): { text: string; warnings: Problem[] } {
  const yaml = scenarioToYaml(toScenario(format, text, file, title), `Imported from ${file} (${format})`);
  const check = parseScenario(yaml, file.replace(/\.[^.]+$/, '') + '.yaml');
  if (!check.ok) throw new EngineInputError(`the imported scenario does not validate: ${check.problems.map((p) => p.message).join('; ')}`);
  return { text: yaml, warnings: check.warnings };
}
