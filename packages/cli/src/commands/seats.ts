/**
 * `parley seats FILE [--actor ID] [--model …] [--at DATE] [--json]`: what a seat at the table changes, and for whom.
 * Rendering only; the analysis is core's seatAnalysis.
 */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import {
  FORECAST_MODELS,
  seatAnalysis,
  type ForecastModel,
  type SeatAnalysis,
  type SeatReport,
  type ZoneSummary,
} from '@parley/core';
import { actorList, loadScenarioAt, numberOption, printJson, tableStyle, UsageError } from '../util.js';

const fmt = (x: number | null | undefined, digits = 3): string => {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const f = 10 ** digits;
  return String(Math.round(x * f) / f);
};
const signed = (x: number | null): string => (x === null ? '–' : (x > 0 ? '+' : '') + fmt(x));

function zoneText(z: ZoneSummary | null, err?: string): string {
  if (!z) return `not analysed${err ? ` (${err})` : ''}`;
  if (!z.exists) {
    const b = Object.entries(z.blocking).map(([a, is]) => `${a}: ${is.join(', ')}`);
    return `no zone of agreement${b.length ? `; blocking red lines ${b.join('; ')}` : ''}`;
  }
  return `zone of ${z.zopa} of ${z.outcomes} packages (${fmt(z.share * 100, 4)} %)`;
}

function renderReport(r: SeatReport, names: Record<string, string>): string {
  const out: string[] = [];
  const rep = r.representedBy ? `, represented by ${r.representedBy}` : '';
  out.push(pc.bold(`${r.name} (${r.actor}): coded ${r.coded}${rep}`));
  if (r.salient.length > 0)
    out.push(`  issues by salience: ${r.salient.map((s) => `${s.issue} ${s.salience}`).join(', ')}`);
  out.push(
    `  as coded: parties ${r.baseline.parties.join(', ') || 'none'}; ${zoneText(r.baseline.zone, r.baseline.zoneError)}`,
  );
  if (r.baseline.forecastError) out.push(`  no forecast as coded: ${r.baseline.forecastError}`);
  if (r.baseline.unaddressed.length > 0)
    out.push(pc.bold(`  its salient issues off the agenda as coded: ${r.baseline.unaddressed.join(', ')}`));
  if (r.notInAnyInitiative.length > 0)
    out.push(`  its salient issues no initiative addresses: ${r.notInAnyInitiative.join(', ')}`);
  for (const c of r.comparisons) {
    out.push('', pc.bold(`  ${c.seating} instead of as coded`) + ` (parties ${c.run.parties.join(', ')})`);
    const t = new Table({ head: ['issue', 'as coded', c.seating, 'change'], style: tableStyle() });
    for (const x of c.outcome)
      if (x.before !== null || x.after !== null)
        t.push([x.issue, fmt(x.before), fmt(x.after), signed(x.change)]);
    out.push(t.toString());
    if (c.run.forecastError) out.push(`  no forecast: ${c.run.forecastError}`);
    if (c.agendaGained.length > 0) out.push(`  joins the agenda: ${c.agendaGained.join(', ')}`);
    if (c.agendaLost.length > 0) out.push(`  leaves the agenda: ${c.agendaLost.join(', ')}`);
    if (c.run.unaddressed.length > 0)
      out.push(`  its salient issues off the agenda: ${c.run.unaddressed.join(', ')}`);
    const moved = Object.entries(c.utility)
      .filter(([, v]) => v !== null && Math.abs(v) > 1e-9)
      .sort((a, b) => Math.abs(b[1]!) - Math.abs(a[1]!));
    if (moved.length > 0)
      out.push(
        `  utility change: ${moved.map(([a, v]) => `${names[a] && names[a] !== a ? `${a} (${names[a]})` : a} ${signed(v)}`).join(', ')}`,
      );
    out.push(`  zone of agreement ${c.zone}: ${zoneText(c.run.zone, c.run.zoneError)}`);
  }
  return out.join('\n');
}

export function renderSeats(title: string, a: SeatAnalysis, names: Record<string, string>): string {
  return (
    [
      pc.bold(`${title}: seat analysis (${a.model} forecast; salient = salience ≥ ${a.salienceThreshold})`),
      ...a.reports.map((r) => '\n' + renderReport(r, names)),
    ].join('\n') + '\n'
  );
}

export function registerSeats(program: Command): void {
  program
    .command('seats')
    .description(
      'what a seat at the table changes: rerun the forecast and agreement engines with each actor seated, absent or represented',
    )
    .argument('<file>', 'scenario file')
    .option('--actor <ids>', 'comma-separated actors to analyse (default all)')
    .option('--model <model>', `forecast model: ${FORECAST_MODELS.join(', ')}`, 'mean')
    .option('--seed <n>', 'seed for stochastic models')
    .option('--threshold <n>', 'salience (0–100) from which an issue counts as salient', '50')
    .option('--no-agreement', 'skip the agreement engine (zone of agreement)')
    .option('--at <date>', 'apply the scenario snapshots up to this date first')
    .option('--json', 'print the analysis as one JSON document')
    .action(
      (
        file: string,
        opts: {
          actor?: string;
          model: string;
          seed?: string;
          threshold: string;
          agreement: boolean;
          at?: string;
          json?: boolean;
        },
      ) => {
        if (!(FORECAST_MODELS as readonly string[]).includes(opts.model))
          throw new UsageError(`--model must be one of ${FORECAST_MODELS.join(', ')}, got "${opts.model}"`);
        const seed = numberOption('--seed', opts.seed);
        if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0))
          throw new UsageError(`--seed needs a non-negative integer, got "${opts.seed}"`);
        const threshold = numberOption('--threshold', opts.threshold);
        if (threshold === undefined || threshold < 0 || threshold > 100)
          throw new UsageError(`--threshold needs a number in 0–100, got "${opts.threshold}"`);
        const scenario = loadScenarioAt(file, opts.at);
        const actors = actorList(scenario, opts.actor);
        const a = seatAnalysis(scenario, {
          model: opts.model as ForecastModel,
          salienceThreshold: threshold,
          agreement: opts.agreement,
          ...(actors ? { actors } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
        if (opts.json) printJson({ title: scenario.title, at: opts.at ?? null, ...a });
        else
          process.stdout.write(
            renderSeats(scenario.title, a, Object.fromEntries(scenario.actors.map((x) => [x.id, x.name]))),
          );
      },
    );
}
