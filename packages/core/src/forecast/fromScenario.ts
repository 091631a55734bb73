/**
 * Scenario → ForecastProblem. By default the actors are the seated parties (seat "party"); an explicit actor list
 * (or other seats) can be given. Saliences 0–100 become [0, 1]; each issue's lo/hi come from its scale. Snapshots
 * up to an `asOf` date (inclusive) override positions and saliences, in date order.
 */
import { scaleMax, scaleMin } from '../scenario/scale.js';
import type { Scenario, Seat } from '../scenario/schema.js';
import type { ForecastProblem } from './problem.js';

export interface FromScenarioOptions {
  /** Explicit actor ids, in this order. Overrides `seats`. */
  actors?: string[];
  /** Seats whose actors take part (default ['party']). */
  seats?: Seat[];
  /** Issue ids to model (default: every issue). */
  issues?: string[];
  /** Apply snapshot overrides dated on or before this date (YYYY[-MM[-DD]]). */
  asOf?: string;
}

export function problemFromScenario(scenario: Scenario, options: FromScenarioOptions = {}): ForecastProblem {
  const byId = new Map(scenario.actors.map((a) => [a.id, a]));
  let actors;
  if (options.actors) {
    actors = options.actors.map((id) => {
      const a = byId.get(id);
      if (!a)
        throw new Error(
          `unknown actor "${id}" (scenario actors: ${scenario.actors.map((x) => x.id).join(', ')})`,
        );
      return a;
    });
  } else {
    const seats = new Set<Seat>(options.seats ?? ['party']);
    actors = scenario.actors.filter((a) => seats.has(a.seat));
  }
  if (new Set(actors.map((a) => a.id)).size !== actors.length) throw new Error('an actor is listed twice');
  const issueById = new Map(scenario.issues.map((s) => [s.id, s]));
  const issues = (options.issues ?? scenario.issues.map((s) => s.id)).map((id) => {
    const s = issueById.get(id);
    if (!s) throw new Error(`unknown issue "${id}"`);
    return s;
  });
  const n = actors.length;
  const d = issues.length;
  const ai = new Map(actors.map((a, i) => [a.id, i]));
  const ki = new Map(issues.map((s, k) => [s.id, k]));
  const capability = Float64Array.from(actors, (a) => a.capability);
  const position = new Float64Array(n * d).fill(NaN);
  const salience = new Float64Array(n * d);
  for (const p of scenario.positions) {
    const i = ai.get(p.actor);
    const k = ki.get(p.issue);
    if (i === undefined || k === undefined) continue;
    position[i * d + k] = p.value;
    salience[i * d + k] = p.salience / 100;
  }
  if (options.asOf !== undefined && scenario.snapshots) {
    const asOf = options.asOf;
    const snaps = scenario.snapshots.filter((s) => s.date <= asOf || s.date.startsWith(asOf));
    snaps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const snap of snaps)
      for (const o of snap.positions) {
        const i = ai.get(o.actor);
        const k = ki.get(o.issue);
        if (i === undefined || k === undefined) continue;
        if (o.value !== undefined) position[i * d + k] = o.value;
        if (o.salience !== undefined) salience[i * d + k] = o.salience / 100;
      }
  }
  return {
    actors: actors.map((a) => a.id),
    issues: issues.map((s) => ({ id: s.id, lo: scaleMin(s.scale), hi: scaleMax(s.scale) })),
    capability,
    position,
    salience,
  };
}
