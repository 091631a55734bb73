/** `parley validate FILE…`: check scenario files and report every problem with file, line and column. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { formatProblem, loadScenarioFile } from '@parley/core';
import { printJson, UsageError } from '../util.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scenario files; print every problem as FILE:LINE:COLUMN: message')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .option('--json', 'print the problems as one JSON document')
    .action((files: string[], opts: { json?: boolean }) => {
      for (const f of files) if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
      const report: { file: string; valid: boolean; problems: unknown[] }[] = [];
      let bad = 0;
      for (const f of files) {
        const r = loadScenarioFile(f);
        if (r.ok) {
          report.push({ file: f, valid: true, problems: [] });
          if (!opts.json)
            process.stdout.write(
              `${f}: valid (${r.scenario.actors.length} actors, ${r.scenario.issues.length} issues, ${r.scenario.positions.length} positions, ${r.scenario.initiatives.length} initiatives)\n`,
            );
        } else {
          bad++;
          report.push({ file: f, valid: false, problems: r.problems });
          if (!opts.json) {
            for (const p of r.problems) process.stderr.write(formatProblem(p) + '\n');
            process.stderr.write(`${f}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`);
          }
        }
      }
      if (opts.json) printJson({ valid: bad === 0, files: report });
      if (bad > 0) process.exitCode = 1;
    });
}
