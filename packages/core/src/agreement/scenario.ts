/**
 * Preferences of the seated parties built from a Parley scenario (construction documented in README.md):
 * per actor and issue a value function from position, salience and accept range; weights = normalised saliences;
 * red lines = accept ranges; reservation value = utility of the party's worst acceptable package.
 */
import type { Scenario, Issue, Position } from '../scenario/schema.js';
import { isOrdinal, scaleMax, scaleMin } from '../scenario/scale.js';
import type { PartyPreference } from './preference.js';
import { outcomeSpace, type OutcomeSpace, type SpaceIssue } from './space.js';

export type ValueShape = 'linear' | 'peaked' | 'step';

export interface AgreementProblem {
  space: OutcomeSpace;
  parties: PartyPreference[];
  /** 'genius' utilities are capped at 1 and use Genius semantics; 'scenario' ones are built here. */
  source: 'scenario' | 'genius';
}

export interface ScenarioProblemOptions {
  /** Party ids; default every actor with seat "party". */
  parties?: string[];
  /** Evenly spaced levels per continuous issue (default 11), to which seated parties' positions and accept bounds are added. */
  resolution?: number;
  shape?: ValueShape;
}

/** Tolerance for "a level lies inside an accept range". */
const TOL = 1e-9;

/** The levels of one issue: ordinal levels, or an evenly spaced grid plus the seated parties' anchors. */
export function issueLevels(issue: Issue, positions: Position[], resolution: number): SpaceIssue {
  const s = issue.scale;
  if (isOrdinal(s)) {
    const lv = [...s.levels].sort((a, b) => a.value - b.value);
    return { id: issue.id, kind: 'ordinal', values: lv.map((l) => l.value), labels: lv.map((l) => l.label) };
  }
  const pts = new Set<number>();
  const n = Math.max(2, Math.floor(resolution));
  for (let i = 0; i < n; i++) pts.add(s.min + ((s.max - s.min) * i) / (n - 1));
  for (const p of positions) {
    pts.add(Math.min(s.max, Math.max(s.min, p.value)));
    if (p.accept) for (const a of p.accept) pts.add(Math.min(s.max, Math.max(s.min, a)));
  }
  const sorted = [...pts].sort((a, b) => a - b);
  const values: number[] = [];
  for (const x of sorted)
    if (values.length === 0 || x - values[values.length - 1]! > TOL * (1 + Math.abs(x))) values.push(x);
  return { id: issue.id, kind: 'continuous', values };
}

/** Value of level x for a party with this position on a scale [lo, hi] (see README.md for the shapes). */
export function valueAt(
  shape: ValueShape,
  x: number,
  pos: Position,
  lo: number,
  hi: number,
  tolerance = 0,
): number {
  const p = pos.value;
  const d = Math.abs(x - p);
  if (shape === 'step') {
    if (pos.accept) return x >= pos.accept[0] - TOL && x <= pos.accept[1] + TOL ? 1 : 0;
    return d <= tolerance + TOL ? 1 : 0;
  }
  if (shape === 'peaked') {
    const edge = x >= p ? (pos.accept ? pos.accept[1] : hi) : pos.accept ? pos.accept[0] : lo;
    const h = Math.abs(edge - p);
    if (h <= TOL) return d <= TOL ? 1 : 0;
    return Math.max(0, 1 - d / h);
  }
  const D = Math.max(p - lo, hi - p);
  return D <= TOL ? 1 : Math.max(0, 1 - d / D);
}

/** Build the agreement problem for the seated parties of a scenario. */
export function scenarioProblem(scenario: Scenario, opts: ScenarioProblemOptions = {}): AgreementProblem {
  const partyIds = opts.parties ?? scenario.actors.filter((a) => a.seat === 'party').map((a) => a.id);
  if (partyIds.length < 2)
    throw new Error(
      `an agreement needs at least two parties; found ${partyIds.length} (${partyIds.join(', ') || 'none'})`,
    );
  for (const id of partyIds)
    if (!scenario.actors.some((a) => a.id === id)) throw new Error(`unknown party "${id}"`);
  const shape = opts.shape ?? 'linear';
  const resolution = opts.resolution ?? 11;
  const seated = new Set(partyIds);
  const pos = scenario.positions.filter((p) => seated.has(p.actor));
  // Only issues on which at least one party holds a position affect anyone's utility.
  const issues = scenario.issues.filter((i) => pos.some((p) => p.issue === i.id));
  if (issues.length === 0) throw new Error('the seated parties hold no positions');
  const spaceIssues = issues.map((i) =>
    issueLevels(
      i,
      pos.filter((p) => p.issue === i.id),
      resolution,
    ),
  );
  const space = outcomeSpace(spaceIssues);
  const parties = partyIds.map((id): PartyPreference => {
    const mine = issues.map((i) => pos.find((p) => p.actor === id && p.issue === i.id));
    const sal = mine.map((p) => p?.salience ?? 0);
    const total = sal.reduce((a, b) => a + b, 0);
    const held = mine.filter((p) => p !== undefined).length;
    const weights = Float64Array.from(mine, (p, k) =>
      p === undefined ? 0 : total > 0 ? sal[k]! / total : 1 / held,
    );
    const evals = issues.map((iss, k) => {
      const p = mine[k];
      const vals = spaceIssues[k]!.values as number[];
      const lo = scaleMin(iss.scale);
      const hi = scaleMax(iss.scale);
      return Float64Array.from(vals, (x) => (p ? valueAt(shape, x, p, lo, hi, iss.tolerance ?? 0) : 0));
    });
    const redLines = issues.map((_, k) => {
      const p = mine[k];
      if (!p?.accept) return null;
      const [a, b] = p.accept;
      return Uint8Array.from(spaceIssues[k]!.values as number[], (x) =>
        x >= Math.min(a, b) - TOL && x <= Math.max(a, b) + TOL ? 0 : 1,
      );
    });
    // r = utility of the worst package meeting every red line (additive, so the sum of per-issue minima).
    let reservation = 0;
    evals.forEach((e, k) => {
      let m = Infinity;
      const rl = redLines[k];
      for (let v = 0; v < e.length; v++) if (!rl || rl[v] === 0) m = Math.min(m, e[v]!);
      if (m === Infinity) m = 0; // red line excludes every level: no acceptable package at all
      reservation += weights[k]! * m;
    });
    return { id, weights, evals, cap: Infinity, reservation, discount: 1, redLines };
  });
  return { space, parties, source: 'scenario' };
}
