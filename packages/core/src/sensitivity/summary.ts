/**
 * Results of a sweep as distributions: quantiles of every output, the probability that each issue's outcome falls
 * inside each actor's accept range, the probability that a zone of agreement exists, and which inputs drive the
 * spread (Spearman rank correlation and a tornado of swings). Everything is computed from the runs in run order, so
 * the summary depends on the runs alone, not on how they were batched.
 */
import type { Uncertainty } from '../scenario/schema.js';
import {
  runChunk,
  sweepColumns,
  type ChunkResult,
  type OutputColumn,
  type SweepEngine,
  type SweepSpec,
} from './chunk.js';
import { uncertainInputs, type InputKind } from './inputs.js';

export interface Quantiles {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface OutputSummary {
  id: string;
  /** Runs with a value (the engine gave no value in the others). */
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  quantiles: Quantiles | null;
}

export interface AcceptProbability {
  actor: string;
  issue: string;
  accept: [number, number];
  /** Share of the runs with an outcome on the issue in which it lies inside the range. */
  probability: number | null;
}

export interface Driver {
  input: string;
  /** Spearman rank correlation of the input with the output over the runs (null: no variation). */
  rho: number;
  /** Mean output over the runs with the input in its top fifth minus the mean over its bottom fifth. */
  swing: number;
  /** |rho| exceeds 1.96/√(n − 1), the 5 % two-sided level of a zero rank correlation over n runs; below it the
   * correlation is indistinguishable from sampling noise (e.g. an input of an actor the engine does not read). */
  significant: boolean;
}

export interface SweepSummary {
  engine: SweepEngine;
  model: string | null;
  seed: number;
  runs: number;
  inputs: { id: string; kind: InputKind; coded: number; distribution: Uncertainty }[];
  outputs: OutputSummary[];
  /** Forecast engine: forecast outcome; agreement engine: Nash package. Empty for the seats engine. */
  accept: AcceptProbability[];
  /** Probability that a zone of agreement exists (agreement and seats engines; seats: as coded). */
  zone: number | null;
  /** Per output with spread: the inputs by decreasing |rho| (at most `maxDrivers`). */
  drivers: { output: string; inputs: Driver[] }[];
}

/** Type-7 (linear interpolation) quantile of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Ranks 1..n with ties given their average rank. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[idx[j + 1]!] === values[idx[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) out[idx[t]!] = r;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation; NaN when either side has no variation. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]! - mx;
    const b = y[i]! - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Spearman rank correlation. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}

/** Join chunks into run-ordered matrices; throws unless they cover runs 0..runs−1 exactly once. */
export function joinChunks(
  chunks: ChunkResult[],
  runs: number,
  m: number,
  q: number,
): { inputs: Float64Array; outputs: Float64Array } {
  const sorted = [...chunks].sort((a, b) => a.from - b.from);
  const inputs = new Float64Array(runs * m);
  const outputs = new Float64Array(runs * q);
  let next = 0;
  for (const c of sorted) {
    if (c.from !== next)
      throw new Error(
        c.from < next
          ? `runs ${c.from}–${next - 1} are present twice`
          : `runs ${next}–${c.from - 1} are missing`,
      );
    if (c.inputs.length !== (c.to - c.from) * m || c.outputs.length !== (c.to - c.from) * q)
      throw new Error(`batch ${c.from}–${c.to - 1} has the wrong shape`);
    inputs.set(c.inputs, c.from * m);
    outputs.set(c.outputs, c.from * q);
    next = c.to;
  }
  if (next !== runs) throw new Error(`runs ${next}–${runs - 1} are missing`);
  return { inputs, outputs };
}

const clean = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Summarise the runs 0..runs−1 of a sweep, given its batches in any order. */
export function summarise(
  spec: SweepSpec,
  chunks: ChunkResult[],
  runs: number,
  opts: { maxDrivers?: number } = {},
): SweepSummary {
  const inputs = uncertainInputs(spec.scenario);
  const columns = sweepColumns(spec);
  const m = inputs.length;
  const q = columns.length;
  const { inputs: X, outputs: Y } = joinChunks(chunks, runs, m, q);
  const col = (c: number): Float64Array => {
    const v = new Float64Array(runs);
    for (let r = 0; r < runs; r++) v[r] = Y[r * q + c]!;
    return v;
  };
  const outputs: OutputSummary[] = [];
  const drivers: SweepSummary['drivers'] = [];
  const maxDrivers = opts.maxDrivers ?? 10;
  const inputCols = inputs.map((_, j) => {
    const v = new Float64Array(runs);
    for (let r = 0; r < runs; r++) v[r] = X[r * m + j]!;
    return v;
  });
  columns.forEach((c, k) => {
    const all = col(k);
    const rows: number[] = [];
    for (let r = 0; r < runs; r++) if (!Number.isNaN(all[r]!)) rows.push(r);
    const vals = Float64Array.from(rows, (r) => all[r]!);
    outputs.push(describe(c, vals));
    if (vals.length < 3 || m === 0) return;
    const ds: Driver[] = [];
    inputCols.forEach((xc, j) => {
      const xs = Float64Array.from(rows, (r) => xc[r]!);
      const rho = spearman(xs, vals);
      if (Number.isNaN(rho)) return;
      ds.push({
        input: inputs[j]!.id,
        rho,
        swing: swing(xs, vals),
        significant: Math.abs(rho) > 1.96 / Math.sqrt(vals.length - 1),
      });
    });
    if (ds.length === 0) return;
    ds.sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho) || (a.input < b.input ? -1 : 1));
    drivers.push({ output: c.id, inputs: ds.slice(0, maxDrivers) });
  });
  const accept: AcceptProbability[] = [];
  if (spec.engine !== 'seats') {
    const colOf = new Map(
      columns
        .filter((c) => c.kind === 'outcome' || c.kind === 'nash')
        .map((c) => [c.issue!, columns.indexOf(c)]),
    );
    for (const p of spec.scenario.positions) {
      if (!p.accept) continue;
      const k = colOf.get(p.issue);
      if (k === undefined) continue;
      const lo = Math.min(p.accept[0], p.accept[1]);
      const hi = Math.max(p.accept[0], p.accept[1]);
      let n = 0;
      let inside = 0;
      for (let r = 0; r < runs; r++) {
        const v = Y[r * q + k]!;
        if (Number.isNaN(v)) continue;
        n++;
        if (v >= lo - 1e-9 && v <= hi + 1e-9) inside++;
      }
      accept.push({
        actor: p.actor,
        issue: p.issue,
        accept: [p.accept[0], p.accept[1]],
        probability: n > 0 ? inside / n : null,
      });
    }
  }
  const zc = columns.findIndex((c) => c.id === 'zone');
  return {
    engine: spec.engine,
    model: spec.engine === 'agreement' ? null : (spec.model ?? 'mean'),
    seed: spec.seed,
    runs,
    inputs: inputs.map((i) => ({ id: i.id, kind: i.kind, coded: i.coded, distribution: i.distribution })),
    outputs,
    accept,
    zone: zc >= 0 ? outputs[zc]!.mean : null,
    drivers,
  };
}

function describe(c: OutputColumn, vals: Float64Array): OutputSummary {
  const n = vals.length;
  if (n === 0) return { id: c.id, n, mean: null, sd: null, min: null, max: null, quantiles: null };
  let s = 0;
  for (const v of vals) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of vals) ss += (v - mean) * (v - mean);
  const sorted = Float64Array.from(vals).sort();
  return {
    id: c.id,
    n,
    mean: clean(mean),
    sd: n > 1 ? clean(Math.sqrt(ss / (n - 1))) : null,
    min: clean(sorted[0]!),
    max: clean(sorted[n - 1]!),
    quantiles: {
      p05: quantileSorted(sorted, 0.05),
      p25: quantileSorted(sorted, 0.25),
      p50: quantileSorted(sorted, 0.5),
      p75: quantileSorted(sorted, 0.75),
      p95: quantileSorted(sorted, 0.95),
    },
  };
}

/** Mean of y over the top fifth of x minus its mean over the bottom fifth (by rank; ties split by run order). */
function swing(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const t = Math.max(1, Math.floor(n / 5));
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < t; i++) {
    lo += y[idx[i]!]!;
    hi += y[idx[n - 1 - i]!]!;
  }
  return (hi - lo) / t;
}

/** Single-thread sweep: every run in batches of `batch`, then the summary (the reference the parallel paths match). */
export function sweep(spec: SweepSpec, runs: number, batch = 50): SweepSummary {
  const chunks: ChunkResult[] = [];
  const prepared = { inputs: uncertainInputs(spec.scenario), columns: sweepColumns(spec) };
  for (let from = 0; from < runs; from += batch)
    chunks.push(runChunk({ ...spec, from, to: Math.min(runs, from + batch) }, prepared));
  return summarise(spec, chunks, runs);
}
