/** `parley divide`: Adjusted Winner over the scenario's `division:` section. */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { adjustedWinner, divisionInput, divisionProblems } from '@parley/core';
import { InputError, loadScenarioOrExit, printJson, tableStyle } from '../util.js';

export function registerDivide(program: Command): void {
  program
    .command('divide')
    .description(
      "divide issues between two parties by Adjusted Winner, from the scenario's division: section",
    )
    .argument('<file>', 'scenario file with a division: section')
    .option('--json', 'print one JSON document')
    .action((file: string, opts: { json?: boolean }) => {
      const s = loadScenarioOrExit(file);
      if (!s.division) throw new InputError(`${file}: the scenario has no "division:" section`);
      const problems = divisionProblems(
        s.division,
        s.actors.map((a) => a.id),
      );
      if (problems.length > 0) throw new InputError(problems.map((p) => `${file}: ${p}`).join('\n'));
      const d = {
        input: divisionInput(
          s.division,
          s.issues.map((i) => i.id),
        ),
      };
      const r = adjustedWinner(d.input);
      const [A, B] = d.input.parties;
      if (opts.json) return printJson({ parties: d.input.parties, issues: d.input.issues, ...r });
      const t = new Table({
        head: ['issue', `${A} points`, `${B} points`, `${A} share`, `${B} share`],
        style: tableStyle(),
      });
      for (const k of d.input.issues) {
        const al = r.allocation[k]!;
        t.push([
          k + (k === r.split ? ' (split)' : ''),
          String(d.input.points[A]?.[k] ?? 0),
          String(d.input.points[B]?.[k] ?? 0),
          `${(al[A]! * 100).toFixed(1)}%`,
          `${(al[B]! * 100).toFixed(1)}%`,
        ]);
      }
      const out = [pc.bold(`Adjusted Winner: ${A} and ${B}`), t.toString()];
      out.push(
        `Initial winner: ${r.audit.winner ?? 'none (equal totals)'}; initial totals ${A} ${r.audit.initialTotals[A]}, ${B} ${r.audit.initialTotals[B]}`,
      );
      for (const s of r.audit.steps)
        out.push(
          s.action === 'transfer'
            ? `  transfer ${s.issue}`
            : `  split ${s.issue}: the initial winner keeps ${(s.keep! * 100).toFixed(2)}%`,
        );
      out.push(`Final points: ${A} ${r.points[A]!.toFixed(2)}, ${B} ${r.points[B]!.toFixed(2)} (equitable)`);
      out.push(
        `Envy check: ${A} values ${B}'s bundle at ${r.audit.valuation[A]![B]!.toFixed(2)}; ${B} values ${A}'s at ${r.audit.valuation[B]![A]!.toFixed(2)}`,
      );
      if (r.split)
        out.push(
          pc.yellow(
            `The split of "${r.split}" needs a substantive interpretation (phasing, shared authority); if it is indivisible, round it to either side.`,
          ),
        );
      process.stdout.write(out.join('\n') + '\n');
    });
}
