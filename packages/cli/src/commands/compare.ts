/** `parley compare FILE`: initiatives × issues, common ground, gaps, families and the consolidated single text. */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { cellText, compare, renderCompareHtml, renderCompareMarkdown, type CompareResult, type Scenario } from '@parley/core';
import { loadScenarioOrExit, printJson, tableStyle, UsageError, writeOut } from '../util.js';

/** "0.1", "10%" → 0.1 */
export function parseTolerance(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const pct = v.trim().endsWith('%');
  const x = Number(pct ? v.trim().slice(0, -1) : v);
  if (!Number.isFinite(x) || x < 0) throw new UsageError(`--tolerance needs a fraction of the scale such as 0.1 or 10%, got "${v}"`);
  const f = pct ? x / 100 : x;
  if (f > 1) throw new UsageError(`--tolerance is a fraction of the scale (0 to 1, or 0% to 100%), got "${v}"`);
  return f;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare the initiatives of a scenario issue by issue')
    .argument('<file>', 'scenario file')
    .option('--tolerance <x>', 'common-ground tolerance as a fraction of each scale (0.1 or 10%); overrides the issues\' own')
    .option('--salience <n>', 'salience from which an uncovered issue counts as core for an actor', '50')
    .option('--public-only', 'leave out confidential initiatives')
    .option('--json', 'print the comparison as one JSON document')
    .option('--format <fmt>', 'md or html report instead of terminal tables')
    .option('-o, --output <file>', 'write the report to a file')
    .action((file: string, opts: { tolerance?: string; salience: string; publicOnly?: boolean; json?: boolean; format?: string; output?: string }) => {
      const tolerance = parseTolerance(opts.tolerance);
      const salienceThreshold = Number(opts.salience);
      if (!Number.isFinite(salienceThreshold) || salienceThreshold < 0 || salienceThreshold > 100)
        throw new UsageError(`--salience needs a number from 0 to 100, got "${opts.salience}"`);
      if (opts.format !== undefined && opts.format !== 'md' && opts.format !== 'html')
        throw new UsageError(`--format must be md or html, got "${opts.format}"`);
      if (opts.json && opts.format) throw new UsageError('give either --json or --format, not both');
      const scenario = loadScenarioOrExit(file);
      const r = compare(scenario, {
        ...(tolerance !== undefined ? { tolerance } : {}),
        salienceThreshold,
        publicOnly: opts.publicOnly ?? false,
      });
      if (opts.json) {
        const json = JSON.stringify(r, null, 2) + '\n';
        if (opts.output) writeOut(json, opts.output);
        else printJson(r);
        return;
      }
      if (opts.format === 'md') return finish(renderCompareMarkdown(r, scenario), opts.output);
      if (opts.format === 'html') return finish(renderCompareHtml(r, scenario), opts.output);
      finish(renderTerminal(r, scenario), opts.output);
    });
}

function finish(text: string, output?: string): void {
  writeOut(text, output);
  if (output) process.stderr.write(`wrote ${output}\n`);
}

function renderTerminal(r: CompareResult, scenario: Scenario): string {
  const out: string[] = [pc.bold(`${r.title}: ${r.initiatives.length} initiatives × ${r.issueIds.length} issues`)];
  const codes = scenario.issues.map((i) => i.code ?? i.id.slice(0, 4));
  const m = new Table({ head: ['initiative', 'date', ...codes], style: tableStyle() });
  r.initiatives.forEach((ini, i) => m.push([ini.id, ini.date, ...r.matrix[i]!.map((c, k) => cellText(c, scenario, k))]));
  m.push(['common ground', '', ...r.issues.map((s) => (s.commonGround ? pc.green('yes') : '–'))]);
  out.push(m.toString());
  out.push(pc.dim('· silent  ~ mentioned, no codeable position  n/a text unknown  X/Y between levels  X|Y alternatives'));
  const t = new Table({ head: ['rank', 'code', 'issue', 'speak', 'min', 'median', 'max', 'spread', 'dispersion', 'common'], style: tableStyle() });
  const order = [...r.issues].sort((a, b) => (a.agreementRank ?? 1e9) - (b.agreementRank ?? 1e9));
  const f = (x: number | null, d = 2) => (x === null ? '–' : String(Math.round(x * 10 ** d) / 10 ** d));
  for (const s of order) {
    const k = r.issueIds.indexOf(s.id);
    t.push([s.agreementRank ?? '–', codes[k]!, s.title.slice(0, 48), s.covered.length, f(s.min), f(s.median), f(s.max), f(s.spread), f(s.dispersion, 3), s.commonGround ? pc.green('yes') : 'no']);
  }
  out.push('', pc.bold('Issues, closest agreement first'), t.toString());
  const gaps = r.issues.filter((s) => s.uncoveredButSalientFor.length > 0);
  if (gaps.length > 0) {
    out.push('', pc.bold('Not addressed by any initiative, although core for an actor'));
    for (const g of gaps) out.push(`  ${g.title}: ${g.uncoveredButSalientFor.join(', ')}`);
  }
  if (r.families.length > 0) out.push('', pc.bold('Families of similar initiatives'), ...r.families.map((x) => '  ' + x.join(', ')));
  out.push('', pc.bold('Consolidated single text'));
  for (const e of r.singleText) {
    const title = scenario.issues.find((i) => i.id === e.issue)!.title;
    if (e.kind === 'common') out.push(`  ${pc.green('common')} ${title}: ${e.label ?? e.stance} (${e.initiatives.join(', ')})`);
    else out.push(`  ${pc.yellow('open')}   ${title}: ${e.alternatives.map((a) => `${a.label ?? a.stance} [${a.initiatives.join(', ')}]`).join(' | ')}`);
  }
  return out.join('\n') + '\n';
}
