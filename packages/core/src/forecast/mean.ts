/**
 * Compromise model (reference/forecast-models.md §2.1): the capability × salience weighted mean of positions,
 * issue by issue, with the variants the spec lists. A closed-form model: one round, no dynamics.
 */
import type { ForecastProblem, ForecastResult } from './problem.js';
import { checkProblem, outcomeRecord, positionsRecord } from './result.js';

/**
 * - `capability-salience`: weights c_i·s_id (the compromise model);
 * - `salience`: equal capability, weights s_id;
 * - `unweighted`: every coded actor counts once (c = s = 1).
 */
export type MeanWeighting = 'capability-salience' | 'salience' | 'unweighted';

export interface MeanOptions {
  weighting: MeanWeighting;
  /** Per-issue capability c_id (n×d, row-major) used in place of c_i, e.g. Decide's per actor-issue power. */
  issueCapability?: Float64Array;
}

export const MEAN_DEFAULTS: MeanOptions = { weighting: 'capability-salience' };

/** Weighted mean of issue k; NaN when the total weight is 0 ("no forecast", never 0). */
export function meanOfIssue(
  problem: ForecastProblem,
  k: number,
  options: MeanOptions = MEAN_DEFAULTS,
): number {
  const d = problem.issues.length;
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < problem.actors.length; i++) {
    const x = problem.position[i * d + k]!;
    if (Number.isNaN(x)) continue;
    let w: number;
    if (options.weighting === 'unweighted') w = 1;
    else {
      const s = problem.salience[i * d + k]!;
      const c = options.issueCapability ? options.issueCapability[i * d + k]! : problem.capability[i]!;
      w = options.weighting === 'salience' ? s : c * s;
    }
    sw += w;
    swx += w * x;
  }
  return sw > 0 ? swx / sw : NaN;
}

export function weightedMean(problem: ForecastProblem, options: Partial<MeanOptions> = {}): ForecastResult {
  checkProblem(problem);
  const o: MeanOptions = { ...MEAN_DEFAULTS, ...options };
  const out = problem.issues.map((_, k) => meanOfIssue(problem, k, o));
  const none = problem.issues.filter((_, k) => Number.isNaN(out[k]!)).map((s) => s.id);
  return {
    model: 'mean',
    rounds: [{ positions: positionsRecord(problem, problem.position) }],
    outcome: outcomeRecord(problem, out),
    stop:
      'closed form: one round' +
      (none.length ? `; no forecast (zero total weight) on ${none.join(', ')}` : ''),
    details: { weighting: o.weighting, perIssueCapability: o.issueCapability !== undefined },
  };
}
