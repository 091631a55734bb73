/**
 * Back-test of the forecast models on the DEU III data (reference/forecast-models.md §8.4).
 *
 * Scoring protocol (§8.4): every issue with an outcome in [0, 100] and at least 3 actors with a position in
 * [0, 100] (351 issues in deu3.tsv); error = |forecast − outcome| on the 0–100 scale; score = mean over issues (MAE)
 * where the model gives a forecast (the reference point only exists on 252 of them).
 *
 * Two fitted models share one family, a compromise/median blend with fitted exponents:
 *   forecast = λ·mean_w + (1 − λ)·median_w,   w_i = gdp_i^α · s_i^β
 * with the parameters chosen by grid search minimising the training MAE:
 * - `fitted`: only the capability exponent α (β = 1, λ = 1), i.e. the compromise mean with capability gdp^α;
 * - `fitted-blend`: α, β and λ together (a larger grid; it overfits, see README.md).
 * Their honest score is the K-fold cross-validated MAE: folds are drawn over proposals (all issues of one proposal stay in the same fold, so related issues never
 * sit on both sides), shuffled with a seeded PRNG, and the parameters are fitted on the training folds only.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { eum, type EumOptions } from '../forecast/eum.js';
import { exchange } from '../forecast/exchange.js';
import { meanOfIssue } from '../forecast/mean.js';
import { medianOfIssue, weightedMedianOf } from '../forecast/median.js';
import { smp } from '../forecast/smp.js';
import { deuIssueProblem, deuProblem, type DeuData, type DeuIssue } from '../importers/deu.js';

export const DEU_MODELS = [
  'mean',
  'salience-mean',
  'unweighted-mean',
  'median',
  'reference-point',
  'eum',
  'exchange',
  'smp',
  'fitted',
  'fitted-blend',
] as const;
export type DeuModel = (typeof DEU_MODELS)[number];

/** Models run when none are named: all of them (SMP takes about 10 s of the total). */
export const DEU_DEFAULT_MODELS: DeuModel[] = [...DEU_MODELS];

export const DEU_MODEL_DESCRIPTIONS: Record<DeuModel, string> = {
  mean: 'Compromise mean, GDP row × salience as weights',
  'salience-mean': 'Salience-weighted mean (equal capability)',
  'unweighted-mean': 'Unweighted mean of positions',
  median: 'Salience-weighted lower median',
  'reference-point': 'Reference point (status quo)',
  eum: 'BDM/Scholz expected-utility model, defaults, GDP capability',
  exchange: 'Stokman exchange model per proposal, GDP capability, 10 rounds',
  smp: 'KTAB SMP per issue, defaults, GDP capability',
  fitted: 'Fitted capability exponent: weighted mean with weights gdp^α·s',
  'fitted-blend': 'Fitted blend λ·mean + (1−λ)·median, weights gdp^α·s^β',
};

export interface BacktestRow {
  model: DeuModel;
  description: string;
  /** In-sample MAE (for `fitted`: fitted on all issues) and the number of issues scored. */
  mae: number;
  n: number;
  /** Cross-validated MAE (fitted models only). */
  cv?: { mae: number; n: number; folds: number; seed: number; foldBy: FoldBy };
  /** Parameters fitted on all issues (fitted models only). */
  params?: Record<string, number>;
}

export interface DeuBacktestOptions {
  models: DeuModel[];
  folds: number;
  seed: number;
  foldBy: FoldBy;
  eum?: Partial<EumOptions>;
}

export const DEU_BACKTEST_DEFAULTS: DeuBacktestOptions = {
  models: DEU_DEFAULT_MODELS,
  folds: 10,
  seed: 1,
  foldBy: 'proposal',
};

export interface DeuBacktest {
  issues: number;
  rows: BacktestRow[];
}

/** The §8.4 scoreable issues: outcome coded and at least 3 actors with a position. */
export function scoreableDeuIssues(data: DeuData): DeuIssue[] {
  return data.issues.filter((iss) => {
    if (Number.isNaN(iss.outcome)) return false;
    let c = 0;
    for (const x of iss.position) if (!Number.isNaN(x)) c++;
    return c >= 3;
  });
}

function maeOf(issues: DeuIssue[], f: Float64Array): { mae: number; n: number } {
  let s = 0;
  let n = 0;
  issues.forEach((iss, t) => {
    const v = f[t]!;
    if (Number.isNaN(v)) return;
    s += Math.abs(v - iss.outcome);
    n++;
  });
  return { mae: n > 0 ? s / n : NaN, n };
}

/** Forecasts of a parameter-free model for each issue (NaN = no forecast). */
export function deuForecasts(
  data: DeuData,
  issues: DeuIssue[],
  model: DeuModel,
  eumOptions: Partial<EumOptions> = {},
): Float64Array {
  const out = new Float64Array(issues.length).fill(NaN);
  switch (model) {
    case 'mean':
    case 'salience-mean':
    case 'unweighted-mean': {
      const weighting =
        model === 'mean' ? 'capability-salience' : model === 'salience-mean' ? 'salience' : 'unweighted';
      issues.forEach((iss, t) => (out[t] = meanOfIssue(deuIssueProblem(data, iss), 0, { weighting })));
      return out;
    }
    case 'median':
      issues.forEach(
        (iss, t) =>
          (out[t] = medianOfIssue(deuIssueProblem(data, iss), 0, { tie: 'lower', weighting: 'salience' })),
      );
      return out;
    case 'reference-point':
      issues.forEach((iss, t) => (out[t] = iss.referencePoint));
      return out;
    case 'eum':
      issues.forEach(
        (iss, t) => (out[t] = eum(deuIssueProblem(data, iss), eumOptions).outcome[iss.id] ?? NaN),
      );
      return out;
    case 'smp':
      issues.forEach((iss, t) => {
        const p = deuIssueProblem(data, iss);
        // SMP needs c > 0 and some salience; drop actors without either
        const keep = p.actors.map((_, i) => i).filter((i) => p.capability[i]! > 0 && p.salience[i]! > 0);
        if (keep.length < 3) return;
        const sub = {
          actors: keep.map((i) => p.actors[i]!),
          issues: p.issues,
          capability: Float64Array.from(keep, (i) => p.capability[i]!),
          position: Float64Array.from(keep, (i) => p.position[i]!),
          salience: Float64Array.from(keep, (i) => p.salience[i]!),
        };
        out[t] = smp(sub).outcome[iss.id] ?? NaN;
      });
      return out;
    case 'exchange': {
      // one run per proposal over all its issues with ≥ 3 coded actors; score the scoreable ones
      const byProposal = new Map<string, DeuIssue[]>();
      for (const iss of data.issues) {
        let c = 0;
        for (const x of iss.position) if (!Number.isNaN(x)) c++;
        if (c < 3) continue;
        const list = byProposal.get(iss.proposal) ?? [];
        list.push(iss);
        byProposal.set(iss.proposal, list);
      }
      const result = new Map<string, number>();
      for (const list of byProposal.values()) {
        const r = exchange(deuProblem(data, list), { rounds: 10 });
        for (const iss of list) result.set(iss.id, r.outcome[iss.id] ?? NaN);
      }
      issues.forEach((iss, t) => (out[t] = result.get(iss.id) ?? NaN));
      return out;
    }
    case 'fitted':
    case 'fitted-blend':
      throw new Error('fitted models have parameters: use backtestBlend');
  }
}

// ---- the fitted blend -------------------------------------------------------------------------------------------

export interface BlendGrid {
  alpha: number[];
  beta: number[];
  lambda: number[];
}

/** Grid of `fitted-blend`. */
export const BLEND_GRID: BlendGrid = {
  alpha: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5],
  beta: [0, 0.5, 1, 1.5, 2],
  lambda: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1],
};

/** Grid of `fitted`: the capability exponent only. */
export const EXPONENT_GRID: BlendGrid = { alpha: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5], beta: [1], lambda: [1] };

export interface BlendParams {
  alpha: number;
  beta: number;
  lambda: number;
}

/** mean_w and median_w of every issue for every (α, β) of the grid: [a][b] → Float64Array per issue pair. */
function blendFeatures(
  data: DeuData,
  issues: DeuIssue[],
  grid: BlendGrid,
): { mean: Float64Array; median: Float64Array }[][] {
  const m = data.actors.length;
  const xs = new Float64Array(m);
  const ws = new Float64Array(m);
  const order = new Uint32Array(m);
  return grid.alpha.map((alpha) =>
    grid.beta.map((beta) => {
      const mean = new Float64Array(issues.length);
      const median = new Float64Array(issues.length);
      issues.forEach((iss, t) => {
        let sw = 0;
        let swx = 0;
        for (let a = 0; a < m; a++) {
          const x = iss.position[a]!;
          xs[a] = x;
          ws[a] = 0;
          if (Number.isNaN(x)) continue;
          const g = Number.isNaN(data.gdp[a]!) ? 0 : data.gdp[a]!;
          const s = Number.isNaN(iss.salience[a]!) ? 0 : iss.salience[a]! / 100;
          const w = (alpha === 0 ? 1 : Math.pow(g, alpha)) * (beta === 0 ? 1 : Math.pow(s, beta));
          ws[a] = w;
          sw += w;
          swx += w * x;
        }
        mean[t] = sw > 0 ? swx / sw : NaN;
        median[t] = weightedMedianOf(xs, ws, m, 'lower', order);
      });
      return { mean, median };
    }),
  );
}

function blendValue(mean: number, median: number, lambda: number): number {
  return lambda === 1 ? mean : lambda * mean + (1 - lambda) * median;
}

/** Grid search for (α, β, λ) minimising the MAE over the issues selected by `use` (first minimum in grid order). */
function fitOn(
  grid: BlendGrid,
  feats: { mean: Float64Array; median: Float64Array }[][],
  issues: DeuIssue[],
  use: (t: number) => boolean,
): { params: BlendParams; mae: number } {
  let best = { params: { alpha: 1, beta: 1, lambda: 1 }, mae: Infinity };
  grid.alpha.forEach((alpha, ai) =>
    grid.beta.forEach((beta, bi) => {
      const f = feats[ai]![bi]!;
      for (const lambda of grid.lambda) {
        let s = 0;
        let n = 0;
        for (let t = 0; t < issues.length; t++) {
          if (!use(t)) continue;
          const v = blendValue(f.mean[t]!, f.median[t]!, lambda);
          if (Number.isNaN(v)) continue;
          s += Math.abs(v - issues[t]!.outcome);
          n++;
        }
        const mae = n > 0 ? s / n : Infinity;
        if (mae < best.mae - 1e-12) best = { params: { alpha, beta, lambda }, mae };
      }
    }),
  );
  return best;
}

/** How issues are grouped into folds: whole proposals (default) or single issues. */
export type FoldBy = 'proposal' | 'issue';

/**
 * Fold index of each issue: groups (proposals, or single issues) shuffled with a seeded PRNG, then dealt
 * round-robin into K folds.
 */
export function proposalFolds(
  issues: DeuIssue[],
  folds: number,
  seed: number,
  by: FoldBy = 'proposal',
): Int32Array {
  const group = (i: DeuIssue): string => (by === 'proposal' ? i.proposal : i.id);
  const proposals = [...new Set(issues.map(group))].sort();
  const rng = xoroshiro128plus(seed | 0);
  for (let i = proposals.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [proposals[i], proposals[j]] = [proposals[j]!, proposals[i]!];
  }
  const fold = new Map(proposals.map((p, i) => [p, i % folds]));
  return Int32Array.from(issues, (i) => fold.get(group(i))!);
}

/** In-sample fit and K-fold cross-validated forecasts of the blend. */
export function backtestBlend(
  data: DeuData,
  issues: DeuIssue[],
  folds: number,
  seed: number,
  grid: BlendGrid = BLEND_GRID,
  foldBy: FoldBy = 'proposal',
): { params: BlendParams; inSample: Float64Array; cv: Float64Array; foldParams: BlendParams[] } {
  const feats = blendFeatures(data, issues, grid);
  const predict = (p: BlendParams, t: number): number => {
    const f = feats[grid.alpha.indexOf(p.alpha)]![grid.beta.indexOf(p.beta)]!;
    return blendValue(f.mean[t]!, f.median[t]!, p.lambda);
  };
  const all = fitOn(grid, feats, issues, () => true).params;
  const inSample = Float64Array.from(issues, (_, t) => predict(all, t));
  const fold = proposalFolds(issues, folds, seed, foldBy);
  const cv = new Float64Array(issues.length).fill(NaN);
  const foldParams: BlendParams[] = [];
  for (let k = 0; k < folds; k++) {
    const p = fitOn(grid, feats, issues, (t) => fold[t] !== k).params;
    foldParams.push(p);
    for (let t = 0; t < issues.length; t++) if (fold[t] === k) cv[t] = predict(p, t);
  }
  return { params: all, inSample, cv, foldParams };
}

export function backtestDeu(data: DeuData, options: Partial<DeuBacktestOptions> = {}): DeuBacktest {
  const o: DeuBacktestOptions = { ...DEU_BACKTEST_DEFAULTS, ...options };
  if (!(Number.isInteger(o.folds) && o.folds >= 2)) throw new Error('backtest: folds must be an integer ≥ 2');
  const issues = scoreableDeuIssues(data);
  const rows: BacktestRow[] = [];
  for (const model of o.models) {
    if (!DEU_MODELS.includes(model))
      throw new Error(`backtest: unknown model "${model}" (models: ${DEU_MODELS.join(', ')})`);
    if (model === 'fitted' || model === 'fitted-blend') {
      const b = backtestBlend(
        data,
        issues,
        o.folds,
        o.seed,
        model === 'fitted' ? EXPONENT_GRID : BLEND_GRID,
        o.foldBy,
      );
      const ins = maeOf(issues, b.inSample);
      const cv = maeOf(issues, b.cv);
      rows.push({
        model,
        description: DEU_MODEL_DESCRIPTIONS[model],
        ...ins,
        cv: { ...cv, folds: o.folds, seed: o.seed, foldBy: o.foldBy },
        params: { ...b.params },
      });
    } else {
      rows.push({
        model,
        description: DEU_MODEL_DESCRIPTIONS[model],
        ...maeOf(issues, deuForecasts(data, issues, model, o.eum)),
      });
    }
  }
  return { issues: issues.length, rows };
}
