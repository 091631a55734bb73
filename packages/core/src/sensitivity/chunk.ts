/**
 * One batch of a Monte Carlo sweep: `runChunk({ scenario, engine, model, seed, from, to })` draws the inputs of runs
 * from..to−1 and runs the engine on each. The local worker pool, the BullMQ worker and a single thread all call this
 * function; scaling out changes only how batches travel, never a result.
 *
 * Engines and their output columns (one row per run, NaN where the engine gives no value):
 * - forecast: the forecast outcome of every scenario issue (`outcome:<issue>`);
 * - agreement: whether a zone of agreement exists (`zone`, 0/1), its share of the package space (`share`) and the
 *   Nash bargaining package (`nash:<issue>`);
 * - seats: whether the zone exists as coded (`zone`), then per analysed actor, for its first counterfactual seating:
 *   the change in each issue's outcome (`change:<actor>:<issue>`, NaN unless the issue has a forecast both as coded
 *   and in the counterfactual), each issue's outcome in the counterfactual (`outcome:<actor>:<issue>`: the
 *   distribution of an issue that joins the agenda only when the actor is seated, which has no change), and whether
 *   the zone then exists (`zone:<actor>`).
 */
import { analyseAgreement, scenarioProblem } from '../agreement/index.js';
import { forecast, type ForecastModel } from '../forecast/index.js';
import type { Scenario } from '../scenario/schema.js';
import { counterfactuals, seatRun } from '../seats/index.js';
import { applyInputs, drawRun, runSeed, uncertainInputs, type UncertainInput } from './inputs.js';

export const SWEEP_ENGINES = ['forecast', 'agreement', 'seats'] as const;
export type SweepEngine = (typeof SWEEP_ENGINES)[number];

export interface SweepSpec {
  scenario: Scenario;
  engine: SweepEngine;
  /** Forecast model for the forecast and seats engines (default 'mean'). */
  model?: ForecastModel;
  /** Non-negative integer below 2^53. */
  seed: number;
  /** Seats engine: the actors to analyse (default every actor). */
  actors?: string[];
}

export interface ChunkInput extends SweepSpec {
  /** First run (inclusive) and last run (exclusive). */
  from: number;
  to: number;
}

export interface ChunkResult {
  from: number;
  to: number;
  /** (to − from) × inputs, row-major: the drawn inputs of each run. */
  inputs: Float64Array;
  /** (to − from) × columns, row-major: the engine's outputs of each run. */
  outputs: Float64Array;
}

export interface OutputColumn {
  id: string;
  kind: 'outcome' | 'zone' | 'share' | 'nash' | 'change';
  issue?: string;
  actor?: string;
}

function seatActors(spec: SweepSpec): string[] {
  return spec.actors ?? spec.scenario.actors.map((a) => a.id);
}

/** The output columns of a sweep, in row order. */
export function sweepColumns(spec: SweepSpec): OutputColumn[] {
  const issues = spec.scenario.issues.map((i) => i.id);
  switch (spec.engine) {
    case 'forecast':
      return issues.map((issue) => ({ id: `outcome:${issue}`, kind: 'outcome', issue }));
    case 'agreement':
      return [
        { id: 'zone', kind: 'zone' },
        { id: 'share', kind: 'share' },
        ...issues.map((issue): OutputColumn => ({ id: `nash:${issue}`, kind: 'nash', issue })),
      ];
    case 'seats': {
      const out: OutputColumn[] = [{ id: 'zone', kind: 'zone' }];
      for (const actor of seatActors(spec)) {
        for (const issue of issues)
          out.push({ id: `change:${actor}:${issue}`, kind: 'change', actor, issue });
        for (const issue of issues)
          out.push({ id: `outcome:${actor}:${issue}`, kind: 'outcome', actor, issue });
        out.push({ id: `zone:${actor}`, kind: 'zone', actor });
      }
      return out;
    }
    default: {
      const e: never = spec.engine;
      throw new Error(`unknown engine "${String(e)}" (engines: ${SWEEP_ENGINES.join(', ')})`);
    }
  }
}

/** Run the engine once on a (drawn) scenario, writing one row of outputs. */
export function evaluate(spec: SweepSpec, scenario: Scenario, r: number, out: Float64Array): void {
  out.fill(NaN);
  const issues = scenario.issues;
  const model = spec.model ?? 'mean';
  const seed = runSeed(spec.seed, r);
  if (spec.engine === 'forecast') {
    const res = forecast(scenario, { model, seed, trace: false });
    issues.forEach((iss, k) => {
      const v = res.outcome[iss.id];
      if (v !== null && v !== undefined) out[k] = v;
    });
    return;
  }
  if (spec.engine === 'agreement') {
    const a = analyseAgreement(scenarioProblem(scenario), { seed });
    out[0] = a.zopa > 0 ? 1 : 0;
    out[1] = a.outcomes > 0 ? a.zopa / a.outcomes : 0;
    if (a.nash)
      issues.forEach((iss, k) => {
        const v = a.nash!.package[iss.id];
        if (typeof v === 'number') out[2 + k] = v;
      });
    return;
  }
  const actors = seatActors(spec);
  const opts = { model, seed, agreementOptions: { seed } };
  const base = actors.length > 0 ? seatRun(scenario, actors[0]!, null, opts) : null;
  out[0] = base?.zone ? (base.zone.exists ? 1 : 0) : NaN;
  let c = 1;
  for (const actor of actors) {
    const seating = counterfactuals(scenario, actor)[0]!;
    const run = seatRun(scenario, actor, seating, opts);
    for (const iss of issues) {
      const b = base!.outcome[iss.id];
      const a = run.outcome[iss.id];
      if (b !== null && b !== undefined && a !== null && a !== undefined) out[c] = a - b;
      c++;
    }
    for (const iss of issues) {
      const a = run.outcome[iss.id];
      if (a !== null && a !== undefined) out[c] = a;
      c++;
    }
    out[c++] = run.zone ? (run.zone.exists ? 1 : 0) : NaN;
  }
}

/** Runs from..to−1 of a sweep. Each run depends on (scenario, engine, model, seed, r) alone. */
export function runChunk(
  input: ChunkInput,
  prepared?: { inputs: UncertainInput[]; columns: OutputColumn[] },
): ChunkResult {
  const { from, to } = input;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from))
    throw new Error(`runChunk: bad run range [${from}, ${to})`);
  const inputs = prepared?.inputs ?? uncertainInputs(input.scenario);
  const q = (prepared?.columns ?? sweepColumns(input)).length;
  const m = inputs.length;
  const n = to - from;
  const drawn = new Float64Array(n * m);
  const outputs = new Float64Array(n * q);
  for (let j = 0; j < n; j++) {
    const r = from + j;
    const row = drawn.subarray(j * m, (j + 1) * m);
    drawRun(inputs, input.seed, r, row);
    evaluate(input, applyInputs(input.scenario, inputs, row), r, outputs.subarray(j * q, (j + 1) * q));
  }
  return { from, to, inputs: drawn, outputs };
}
