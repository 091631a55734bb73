/**
 * `parley tornado FILE [--engine forecast|agreement|seats] [--low P] [--high P] [--top N] [--json]`: a one-at-a-time
 * tornado. Every uncertain input, alone, moves from its low to its high percentile (default 5 and 95) while the
 * others keep their coded values; each bar is the change in an output. No model logic here: core's tornado does the
 * work, this module parses the options and renders.
 */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { tornado, type TornadoResult } from '@parley/core';
import { numberOption, positiveInt, printJson, tableStyle, UsageError } from '../util.js';
import { specFromOptions, specOptions } from '../sweep/spec.js';
import { tornadoBar } from './sweep.js';

interface TornadoOpts {
  engine: string;
  model: string;
  seed: string;
  low: string;
  high: string;
  top: string;
  actor?: string;
  at?: string;
  json?: boolean;
}

/** A percentile option strictly between 0 and 100. */
function percentile(name: string, v: string): number {
  const x = numberOption(name, v);
  if (x === undefined || !(x > 0 && x < 100))
    throw new UsageError(
      `${name} is a percentile strictly between 0 and 100 (e.g. --low 5 --high 95), got "${v}"`,
    );
  return x;
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : String(Math.round(x * 1000) / 1000);

const pct = (p: number): string => String(Math.round(p * 1e6) / 1e4);

function render(title: string, t: TornadoResult, top: number): string {
  const out: string[] = [
    pc.bold(
      `${title}: ${t.engine} tornado${t.model ? ` (${t.model})` : ''}, seed ${t.seed}, ${t.inputs} uncertain inputs, ` +
        `each alone from percentile ${pct(t.low)} to ${pct(t.high)}, the others coded`,
    ),
  ];
  const b = new Table({ head: ['output', 'base (every input coded)'], style: tableStyle() });
  for (const x of t.base) b.push([x.output, fmt(x.value)]);
  out.push(b.toString());
  if (t.inputs === 0) {
    out.push('', 'The scenario has no uncertain inputs: nothing to move.');
    return out.join('\n') + '\n';
  }
  for (const o of t.bars) {
    const moving = o.bars.filter((x) => x.swing !== null && x.swing !== 0);
    if (moving.length === 0) {
      out.push('', `${pc.bold(o.output)}: no input moves it.`);
      continue;
    }
    const shown = moving.slice(0, top);
    const widest = Math.max(...shown.map((x) => Math.abs(x.swing!)));
    const d = new Table({
      head: ['input', 'low value', 'high value', 'output at low', 'output at high', 'swing', 'tornado'],
      style: tableStyle(),
    });
    for (const x of shown)
      d.push([
        x.input,
        fmt(x.lowValue),
        fmt(x.highValue),
        fmt(x.atLow),
        fmt(x.atHigh),
        fmt(x.swing),
        tornadoBar(x.swing!, widest),
      ]);
    const more = moving.length - shown.length;
    const still = o.bars.length - moving.length;
    out.push(
      '',
      `${pc.bold(o.output)} (base ${fmt(t.base.find((x) => x.output === o.output)?.value)})`,
      d.toString(),
    );
    const notes: string[] = [];
    if (more > 0) notes.push(`${more} more input${more === 1 ? ' moves' : 's move'} it less (see --top)`);
    if (still > 0) notes.push(`${still} input${still === 1 ? ' does' : 's do'} not move it`);
    if (notes.length > 0) out.push(pc.dim(notes.join('; ')));
  }
  return out.join('\n') + '\n';
}

export function registerTornado(program: Command): void {
  const cmd = program
    .command('tornado')
    .description(
      'One-at-a-time tornado: each uncertain input alone from its low to its high percentile, the others coded',
    )
    .argument('<file>', 'scenario file');
  specOptions(cmd, 'seed of stochastic models: every run uses the same model seed (common random numbers)')
    .option('--low <p>', 'low percentile of each input, 0 < low < high < 100', '5')
    .option('--high <p>', 'high percentile of each input', '95')
    .option('--top <n>', 'inputs shown per output', '10')
    .option('--json', 'print the tornado as one JSON document')
    .action((file: string, opts: TornadoOpts) => {
      const low = percentile('--low', opts.low);
      const high = percentile('--high', opts.high);
      if (!(low < high))
        throw new UsageError(
          `--low must be below --high (percentiles, 0 < low < high < 100, e.g. --low 5 --high 95), got --low ${opts.low} --high ${opts.high}`,
        );
      const top = positiveInt('--top', opts.top);
      const spec = specFromOptions(file, opts);
      const { scenario } = spec;
      const result = tornado(spec, { low: low / 100, high: high / 100 });
      if (opts.json) printJson({ title: scenario.title, at: opts.at ?? null, ...result });
      else process.stdout.write(render(scenario.title, result, top));
    });
}
