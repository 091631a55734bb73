/** `parley diff FILE --from DATE --to DATE [--json]`: who moved on which issue between two dates of the timeline. */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { DateString, diffTimeline, snapshotDates, type StanceAt } from '@parley/core';
import { loadScenarioOrExit, printJson, tableStyle, UsageError } from '../util.js';

const stance = (s: StanceAt | null, f: 'value' | 'salience'): string => (s ? String(s[f]) : '–');
const accept = (s: StanceAt | null): string => (s?.accept ? `${s.accept[0]}–${s.accept[1]}` : '–');

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      'who moved on which issue between two dates (the scenario snapshots up to each date applied)',
    )
    .argument('<file>', 'scenario file')
    .requiredOption('--from <date>', 'earlier date (YYYY[-MM[-DD]])')
    .requiredOption('--to <date>', 'later date (YYYY[-MM[-DD]])')
    .option('--json', 'print the differences as one JSON document')
    .action((file: string, opts: { from: string; to: string; json?: boolean }) => {
      for (const [name, v] of [
        ['--from', opts.from],
        ['--to', opts.to],
      ] as const)
        if (!DateString.safeParse(v).success)
          throw new UsageError(`${name} needs a date YYYY-MM-DD (or YYYY-MM, YYYY), got "${v}"`);
      const scenario = loadScenarioOrExit(file);
      const d = diffTimeline(scenario, opts.from, opts.to);
      if (opts.json) {
        printJson({ title: scenario.title, dates: snapshotDates(scenario), ...d });
        return;
      }
      const out: string[] = [pc.bold(`${scenario.title}: ${opts.from} → ${opts.to}`)];
      if (d.snapshots.length === 0) out.push('no snapshot between these dates');
      for (const s of d.snapshots)
        out.push(`snapshot ${s.date}${s.label ? `: ${s.label}` : ''}${s.note ? ` (${s.note})` : ''}`);
      if (d.moves.length === 0) out.push('nobody moved');
      else {
        const t = new Table({
          head: ['actor', 'issue', 'value', 'change', 'salience', 'accept'],
          style: tableStyle(),
        });
        for (const m of d.moves)
          t.push([
            m.actor,
            m.issue,
            `${stance(m.from, 'value')} → ${stance(m.to, 'value')}`,
            m.valueChange === null ? '–' : (m.valueChange > 0 ? '+' : '') + String(m.valueChange),
            `${stance(m.from, 'salience')} → ${stance(m.to, 'salience')}`,
            m.acceptChanged ? `${accept(m.from)} → ${accept(m.to)}` : accept(m.to),
          ]);
        out.push(t.toString());
      }
      process.stdout.write(out.join('\n') + '\n');
    });
}
