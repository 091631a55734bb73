/**
 * One entry point for every file an analyst brings from another tool: KTAB SMP input (CSV or XML) or a Decide
 * exchange-model CSV → a scenario object (validate it with parseScenario; write it with scenarioToYaml).
 */
import type { ScenarioInput } from '../scenario/schema.js';
import { importDecideCsv } from './decide.js';
import { importKtabCsv, importKtabXml } from './ktab.js';
import { problemToScenario } from './toScenario.js';

export const IMPORT_FORMATS = ['ktab-csv', 'ktab-xml', 'decide'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Convert the text of an input file; errors name the file, line and field. `file` is the name shown to the user. */
export function importScenario(format: ImportFormat, text: string, file: string, title?: string): ScenarioInput {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const shown = file.replace(/^.*[\\/]/, '');
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
      source: { id: 'decide-input', citation: `Decide exchange-model input file ${shown}` },
    });
  }
  const k = format === 'ktab-xml' ? importKtabXml(text, file) : importKtabCsv(text, file);
  return problemToScenario(k.problem, {
    title: title ?? k.title ?? base,
    ...(k.description ? { description: k.description } : {}),
    ...(k.actorDescriptions ? { actorNotes: k.actorDescriptions } : {}),
    source: { id: 'ktab-input', citation: `KTAB SMP input file ${shown}` },
  });
}
