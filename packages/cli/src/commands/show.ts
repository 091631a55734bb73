/** `parley show FILE`: a readable overview of a scenario. */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { describeScale, labelAt } from '@parley/core';
import { loadScenarioOrExit, printJson, tableStyle } from '../util.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('print an overview of a scenario: actors, issues, positions, initiatives')
    .argument('<file>', 'scenario file')
    .option('--json', 'print the validated scenario (taxonomy resolved, defaults filled) as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const s = loadScenarioOrExit(file);
      if (opts.json) return printJson(s);
      const out: string[] = [];
      out.push(pc.bold(s.title) + (s.date ? `  (${s.date})` : ''));
      if (s.description) out.push(s.description.trim());
      if (s.disclaimer) out.push(pc.yellow(s.disclaimer.trim()));
      const actors = new Table({ head: ['actor', 'name', 'seat', 'capability', 'represented by'], style: tableStyle() });
      for (const a of s.actors) actors.push([a.id, a.name, a.seat, String(a.capability), a.representedBy ?? '']);
      out.push('', pc.bold(`Actors (${s.actors.length})`), actors.toString());
      const issues = new Table({ head: ['issue', 'title', 'scale'], style: tableStyle(), colWidths: [24, 40, 60], wordWrap: true });
      for (const i of s.issues) issues.push([i.id, i.title, describeScale(i.scale)]);
      out.push('', pc.bold(`Issues (${s.issues.length})`), issues.toString());
      if (s.positions.length > 0) {
        const pos = new Table({ head: ['actor', 'issue', 'value', 'salience', 'accept'], style: tableStyle() });
        for (const p of s.positions) {
          const issue = s.issues.find((i) => i.id === p.issue)!;
          const label = labelAt(issue.scale, p.value);
          pos.push([p.actor, p.issue, `${p.value}${label ? ` (${label})` : ''}`.slice(0, 60), String(p.salience), p.accept ? `[${p.accept[0]}, ${p.accept[1]}]` : '']);
        }
        out.push('', pc.bold(`Positions (${s.positions.length})`), pos.toString());
      }
      const inis = new Table({ head: ['initiative', 'title', 'date', 'status', 'provisions'], style: tableStyle(), colWidths: [12, 50, 12, 14, 12], wordWrap: true });
      for (const i of s.initiatives) inis.push([i.id, i.title, i.date, i.status, i.textKnown === false ? 'text unknown' : String(i.provisions.length)]);
      out.push('', pc.bold(`Initiatives (${s.initiatives.length})`), inis.toString());
      out.push('', `${s.sources.length} sources.`);
      process.stdout.write(out.join('\n') + '\n');
    });
}
