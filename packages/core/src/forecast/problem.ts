/**
 * The numeric input every forecast model reads: n actors × d issues in flat typed arrays (row-major: actor i,
 * issue k at index i*d + k). Positions are on each issue's own scale; models that work on 0–100 rescale with
 * `lo`/`hi` themselves and map their results back.
 */
export interface ForecastIssue {
  id: string;
  /** Low and high end of the issue's scale (native units). */
  lo: number;
  hi: number;
}

export interface ForecastProblem {
  /** Actor ids, in input order. */
  actors: string[];
  issues: ForecastIssue[];
  /** Capability per actor, ≥ 0. Length n. */
  capability: Float64Array;
  /** Position per actor and issue on the issue's native scale; NaN where the actor is not coded on the issue. */
  position: Float64Array;
  /** Salience per actor and issue in [0, 1]; 0 where the actor is not coded. */
  salience: Float64Array;
}

export interface ForecastRound {
  /** Position of every actor on every issue it is coded on, native scale. */
  positions: Record<string, Record<string, number>>;
  /** SMP: probability of each actor's position becoming the outcome, per issue set (optional for other models). */
  probabilities?: Record<string, number>;
}

export interface ForecastResult {
  model: string;
  rounds: ForecastRound[];
  /** Forecast outcome per issue (native scale); null where the model gives no forecast (e.g. zero total weight). */
  outcome: Record<string, number | null>;
  /** Why the model stopped, in words (e.g. "converged: no position moved more than 1e-6", "maximum of 100 rounds"). */
  stop: string;
  /** Anything model-specific: options used, diagnostics, per-round details. */
  details?: Record<string, unknown>;
}

/** Index helper: actor i, issue k. */
export function at(p: ForecastProblem, i: number, k: number): number {
  return i * p.issues.length + k;
}

/** Build a problem from plain rows (used by importers and tests). */
export function makeProblem(input: {
  actors: { id: string; capability: number }[];
  issues: ForecastIssue[];
  stances: { actor: string; issue: string; position: number; salience: number }[];
}): ForecastProblem {
  const n = input.actors.length;
  const d = input.issues.length;
  const capability = new Float64Array(n);
  const position = new Float64Array(n * d).fill(NaN);
  const salience = new Float64Array(n * d);
  const ai = new Map(input.actors.map((a, i) => [a.id, i]));
  const ki = new Map(input.issues.map((s, k) => [s.id, k]));
  input.actors.forEach((a, i) => (capability[i] = a.capability));
  for (const s of input.stances) {
    const i = ai.get(s.actor);
    const k = ki.get(s.issue);
    if (i === undefined) throw new Error(`unknown actor ${s.actor}`);
    if (k === undefined) throw new Error(`unknown issue ${s.issue}`);
    position[i * d + k] = s.position;
    salience[i * d + k] = s.salience;
  }
  return { actors: input.actors.map((a) => a.id), issues: input.issues, capability, position, salience };
}
