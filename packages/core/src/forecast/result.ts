/** Small helpers shared by the forecast models: building result records from typed arrays. */
import type { ForecastProblem, ForecastRound } from './problem.js';

/** Positions of every actor on every issue it is coded on (NaN entries left out). */
export function positionsRecord(problem: ForecastProblem, pos: Float64Array): ForecastRound['positions'] {
  const d = problem.issues.length;
  const out: ForecastRound['positions'] = {};
  problem.actors.forEach((a, i) => {
    const row: Record<string, number> = {};
    problem.issues.forEach((iss, k) => {
      const v = pos[i * d + k]!;
      if (!Number.isNaN(v)) row[iss.id] = v;
    });
    out[a] = row;
  });
  return out;
}

/** Outcome record from one value per issue (NaN → null: no forecast). */
export function outcomeRecord(
  problem: ForecastProblem,
  values: ArrayLike<number>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  problem.issues.forEach((iss, k) => {
    const v = values[k]!;
    out[iss.id] = Number.isNaN(v) ? null : v;
  });
  return out;
}

/** Throws when actor or issue ids repeat, or array lengths do not match the problem's size. */
export function checkProblem(problem: ForecastProblem): void {
  const n = problem.actors.length;
  const d = problem.issues.length;
  if (new Set(problem.actors).size !== n) throw new Error('forecast: actor ids must be unique');
  if (new Set(problem.issues.map((s) => s.id)).size !== d)
    throw new Error('forecast: issue ids must be unique');
  if (problem.capability.length !== n) throw new Error('forecast: capability needs one entry per actor');
  if (problem.position.length !== n * d || problem.salience.length !== n * d)
    throw new Error('forecast: position and salience need one entry per actor and issue');
  for (let i = 0; i < n; i++) {
    const c = problem.capability[i]!;
    if (!(c >= 0) || !Number.isFinite(c))
      throw new Error(`forecast: capability of ${problem.actors[i]} must be ≥ 0`);
  }
  for (let j = 0; j < n * d; j++) {
    const s = problem.salience[j]!;
    if (!(s >= 0 && s <= 1)) throw new Error('forecast: salience must lie in [0, 1]');
  }
}
