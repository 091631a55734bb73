/**
 * `parley forecast FILE --model mean|median|eum|smp|exchange`: forecast the outcome of every issue. FILE is a
 * scenario (YAML/JSON), a KTAB SMP input (.csv, .xml) or a Decide exchange-model input (.csv starting with a
 * `#` record tag). Values are on the input's own scale (0–100 for KTAB files).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import {
  FORECAST_MODELS,
  forecast,
  importDecideCsv,
  importKtabCsv,
  importKtabXml,
  problemFromScenario,
  type ForecastModel,
  type ForecastOptions,
  type ForecastProblem,
  type ForecastResult,
} from '@parley/core';
import { InputError, loadScenarioOrExit, numberOption, printJson, tableStyle, UsageError } from '../util.js';

export type InputKind = 'scenario' | 'ktab-csv' | 'ktab-xml' | 'decide';

/** Decide files start with a record tag (`'#A'` or `#A`); other .csv files are KTAB. */
export function detectInput(file: string, text: string): InputKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xml') return 'ktab-xml';
  if (ext === '.csv') {
    const first =
      text
        .replace(/^\uFEFF/, '')
        .split(/\r\n|\r|\n/)
        .find((l) => l.trim() !== '') ?? '';
    return /^\s*['"]?#/.test(first) ? 'decide' : 'ktab-csv';
  }
  return 'scenario';
}

interface Loaded {
  kind: InputKind;
  title: string;
  problem: ForecastProblem;
  options: Partial<ForecastOptions>;
  names: Record<string, string>;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
}

/** Load any supported input as a ForecastProblem, with the options the file implies. */
export function loadForecastInput(
  file: string,
  sel: { actors?: string[]; seats?: string[]; asOf?: string },
): Loaded {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.xml') {
    const text = readText(file);
    const kind = detectInput(file, text);
    try {
      if (kind === 'decide') {
        const d = importDecideCsv(text, file);
        return {
          kind,
          title: path.basename(file),
          problem: d.problem,
          options: {
            mean: { issueCapability: d.power },
            median: { issueCapability: d.power },
            exchange: { issueCapability: d.power },
          },
          names: d.actorNames,
        };
      }
      const k = kind === 'ktab-xml' ? importKtabXml(text, file) : importKtabCsv(text, file);
      return {
        kind,
        title: k.title ?? path.basename(file),
        problem: k.problem,
        options: { smp: k.options },
        names: {},
      };
    } catch (e) {
      throw new InputError(e instanceof Error ? e.message : String(e));
    }
  }
  const scenario = loadScenarioOrExit(file);
  try {
    const problem = problemFromScenario(scenario, {
      ...(sel.actors ? { actors: sel.actors } : {}),
      ...(sel.seats ? { seats: sel.seats as NonNullable<ForecastOptions['seats']> } : {}),
      ...(sel.asOf ? { asOf: sel.asOf } : {}),
    });
    return {
      kind: 'scenario',
      title: scenario.title,
      problem,
      options: {},
      names: Object.fromEntries(scenario.actors.map((a) => [a.id, a.name])),
    };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** JSON-safe copy: bigint → string, typed arrays → arrays, NaN → null. */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) => {
      if (typeof x === 'bigint') return x.toString();
      if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
      return x;
    }),
  );
}

const BARS = '▁▂▃▄▅▆▇█';

/** One character per round: the position's height on the issue scale. */
export function sparkline(values: number[], lo: number, hi: number): string {
  return values
    .map((v) => {
      const f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
      return BARS[Math.max(0, Math.min(7, Math.round(f * 7)))]!;
    })
    .join('');
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : String(Math.round(x * 100) / 100);

function renderTerminal(loaded: Loaded, r: ForecastResult): string {
  const { problem } = loaded;
  const out: string[] = [
    pc.bold(
      `${loaded.title}: ${r.model} forecast, ${problem.actors.length} actors × ${problem.issues.length} issues`,
    ),
    `stopped: ${r.stop}`,
  ];
  const t = new Table({ head: ['issue', 'scale', 'start mean', 'forecast'], style: tableStyle() });
  problem.issues.forEach((iss, k) => {
    let sw = 0;
    let swx = 0;
    const d = problem.issues.length;
    for (let i = 0; i < problem.actors.length; i++) {
      const x = problem.position[i * d + k]!;
      if (Number.isNaN(x)) continue;
      const w = problem.capability[i]! * problem.salience[i * d + k]!;
      sw += w;
      swx += w * x;
    }
    t.push([iss.id, `${iss.lo}–${iss.hi}`, fmt(sw > 0 ? swx / sw : null), pc.bold(fmt(r.outcome[iss.id]))]);
  });
  out.push(t.toString());
  if (r.rounds.length > 1) {
    const MAX = 60;
    const step = Math.max(1, Math.ceil(r.rounds.length / MAX));
    const idx = r.rounds.map((_, t) => t).filter((t) => t % step === 0 || t === r.rounds.length - 1);
    out.push(
      '',
      pc.bold(
        `Positions by round (${r.rounds.length - 1} rounds${step > 1 ? `, every ${step}th shown` : ''})`,
      ),
    );
    for (const iss of problem.issues) {
      const p = new Table({ head: ['actor', 'path', 'start', 'end'], style: tableStyle() });
      for (const a of problem.actors) {
        const vals = idx.map((t) => r.rounds[t]!.positions[a]?.[iss.id]);
        if (vals.some((v) => v === undefined)) continue;
        const v = vals as number[];
        p.push([
          loaded.names[a] && loaded.names[a] !== a ? `${a} (${loaded.names[a]})` : a,
          sparkline(v, iss.lo, iss.hi),
          fmt(v[0]),
          fmt(v[v.length - 1]),
        ]);
      }
      out.push(`${iss.id}`, p.toString());
    }
  }
  return out.join('\n') + '\n';
}

const list = (v: string | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description(
      'forecast issue outcomes with a bargaining model (scenario, KTAB .csv/.xml or Decide .csv input)',
    )
    .argument('<file>', 'scenario file, KTAB SMP input (.csv, .xml) or Decide exchange-model input (.csv)')
    .option('--model <model>', `model: ${FORECAST_MODELS.join(', ')}`, 'mean')
    .option('--seed <n>', 'seed for random draws (exchange random tie-breaks, SMP stochastic mode)')
    .option('--actors <ids>', 'comma-separated actor ids (scenario input; default: the seated parties)')
    .option(
      '--seats <seats>',
      'comma-separated seats whose actors take part (scenario input; default: party)',
    )
    .option('--as-of <date>', 'apply snapshot overrides up to this date (scenario input)')
    .option('--rounds <n>', 'EUM: run exactly this many rounds; exchange: number of rounds')
    .option('--json', 'print the result as one JSON document')
    .action(
      (
        file: string,
        opts: {
          model: string;
          seed?: string;
          actors?: string;
          seats?: string;
          asOf?: string;
          rounds?: string;
          json?: boolean;
        },
      ) => {
        if (!(FORECAST_MODELS as readonly string[]).includes(opts.model))
          throw new UsageError(`--model must be one of ${FORECAST_MODELS.join(', ')}, got "${opts.model}"`);
        const model = opts.model as ForecastModel;
        const seed = numberOption('--seed', opts.seed);
        if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0))
          throw new UsageError(`--seed needs a non-negative integer, got "${opts.seed}"`);
        const rounds = numberOption('--rounds', opts.rounds);
        if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1))
          throw new UsageError(`--rounds needs a positive integer, got "${opts.rounds}"`);
        const loaded = loadForecastInput(file, {
          ...(list(opts.actors) ? { actors: list(opts.actors)! } : {}),
          ...(list(opts.seats) ? { seats: list(opts.seats)! } : {}),
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
        });
        const options: ForecastOptions = {
          ...loaded.options,
          model,
          ...(seed !== undefined ? { seed } : {}),
        };
        if (rounds !== undefined) {
          options.eum = { ...options.eum, rounds };
          options.exchange = { ...options.exchange, rounds };
        }
        let r: ForecastResult;
        try {
          r = forecast(loaded.problem, options);
        } catch (e) {
          throw new InputError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (opts.json) {
          printJson(
            jsonSafe({
              model: r.model,
              input: {
                file,
                kind: loaded.kind,
                actors: loaded.problem.actors,
                issues: loaded.problem.issues,
              },
              rounds: r.rounds,
              outcome: r.outcome,
              stop: r.stop,
              details: r.details,
            }),
          );
          return;
        }
        process.stdout.write(renderTerminal(loaded, r));
      },
    );
}
