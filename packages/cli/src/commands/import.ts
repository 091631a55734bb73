/**
 * `parley import ktab|decide FILE [-o scenario.yaml]`: convert a KTAB SMP input (.csv or .xml) or a Decide
 * exchange-model input into a Parley scenario. The output is checked with the scenario parser before it is written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatProblem, importScenario, parseScenario, scenarioToYaml, type ScenarioInput } from '@parley/core';
import { InputError, UsageError, writeOut } from '../util.js';

const FORMATS = ['ktab', 'decide'] as const;

export function importToScenario(format: string, file: string, title?: string): ScenarioInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const kind = format === 'decide' ? 'decide' : path.extname(file).toLowerCase() === '.xml' ? 'ktab-xml' : 'ktab-csv';
  try {
    return importScenario(kind, text, file, title);
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('convert a KTAB SMP (.csv/.xml) or Decide exchange-model input into a Parley scenario')
    .argument('<format>', `input format: ${FORMATS.join(', ')}`)
    .argument('<file>', 'input file')
    .option('-o, --output <file>', 'write the scenario YAML here (default: stdout)')
    .option('--title <title>', 'scenario title (default: from the file)')
    .action((format: string, file: string, opts: { output?: string; title?: string }) => {
      if (!(FORMATS as readonly string[]).includes(format))
        throw new UsageError(`format must be one of ${FORMATS.join(', ')}, got "${format}"`);
      const scenario = importToScenario(format, file, opts.title);
      const yaml = scenarioToYaml(
        scenario,
        `Imported by parley import ${format} from ${path.basename(file)}`,
      );
      const check = parseScenario(yaml, opts.output ?? '<output>');
      if (!check.ok)
        throw new InputError(
          `the imported scenario is not valid:\n${check.problems.map(formatProblem).join('\n')}`,
        );
      writeOut(yaml, opts.output);
      if (opts.output) process.stderr.write(`wrote ${opts.output}\n`);
    });
}
