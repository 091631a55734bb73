/** Who moved on which issue between two dates of a scenario's timeline. */
import type { Scenario, Snapshot } from '../scenario/schema.js';
import { appliesAt, scenarioAt, sortedSnapshots } from './scenarioAt.js';

export interface StanceAt {
  value: number;
  salience: number;
  accept?: [number, number];
}

export interface PositionMove {
  actor: string;
  issue: string;
  /** null when the actor held no position on the issue at that date. */
  from: StanceAt | null;
  to: StanceAt | null;
  /** to.value − from.value (null when either side is missing). */
  valueChange: number | null;
  salienceChange: number | null;
  acceptChanged: boolean;
}

export interface TimelineDiff {
  from: string;
  to: string;
  /** Snapshots dated after `from` and on or before `to`, in date order. */
  snapshots: { date: string; label?: string; note?: string; sources?: string[] }[];
  /** Every actor–issue pair whose value, salience or accept range differs, in actor then issue order of the file. */
  moves: PositionMove[];
}

const stance = (p: { value: number; salience: number; accept?: [number, number] | undefined }): StanceAt =>
  p.accept
    ? { value: p.value, salience: p.salience, accept: [p.accept[0], p.accept[1]] }
    : { value: p.value, salience: p.salience };

const sameAccept = (a?: [number, number], b?: [number, number]): boolean =>
  a === undefined || b === undefined ? a === b : a[0] === b[0] && a[1] === b[1];

/** Compare the scenario at `from` with the scenario at `to` (either may be earlier). */
export function diffTimeline(scenario: Scenario, from: string, to: string): TimelineDiff {
  const a = scenarioAt(scenario, from);
  const b = scenarioAt(scenario, to);
  const key = (x: { actor: string; issue: string }): string => `${x.actor}\u0000${x.issue}`;
  const before = new Map(a.positions.map((p) => [key(p), p]));
  const after = new Map(b.positions.map((p) => [key(p), p]));
  const actorOrder = new Map(scenario.actors.map((x, i) => [x.id, i]));
  const issueOrder = new Map(scenario.issues.map((x, i) => [x.id, i]));
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const moves: PositionMove[] = [];
  for (const k of keys) {
    const p = before.get(k);
    const q = after.get(k);
    const ref = (p ?? q)!;
    const changed =
      !p || !q || p.value !== q.value || p.salience !== q.salience || !sameAccept(p.accept, q.accept);
    if (!changed) continue;
    moves.push({
      actor: ref.actor,
      issue: ref.issue,
      from: p ? stance(p) : null,
      to: q ? stance(q) : null,
      valueChange: p && q ? q.value - p.value : null,
      salienceChange: p && q ? q.salience - p.salience : null,
      acceptChanged: !!p && !!q && !sameAccept(p.accept, q.accept),
    });
  }
  moves.sort(
    (x, y) =>
      (actorOrder.get(x.actor) ?? 0) - (actorOrder.get(y.actor) ?? 0) ||
      (issueOrder.get(x.issue) ?? 0) - (issueOrder.get(y.issue) ?? 0),
  );
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  const between = sortedSnapshots(scenario).filter((s) => appliesAt(s.date, hi) && !appliesAt(s.date, lo));
  return { from, to, snapshots: between.map(snapshotInfo), moves };
}

function snapshotInfo(s: Snapshot): TimelineDiff['snapshots'][number] {
  return {
    date: s.date,
    ...(s.label !== undefined ? { label: s.label } : {}),
    ...(s.note !== undefined ? { note: s.note } : {}),
    ...(s.sources !== undefined ? { sources: s.sources } : {}),
  };
}

/** Run `fn` on the scenario at its base date and at every snapshot date (a forecast or comparison per snapshot). */
export function perSnapshot<T>(
  scenario: Scenario,
  fn: (at: Scenario, date: string | null) => T,
): { date: string | null; result: T }[] {
  const out: { date: string | null; result: T }[] = [{ date: null, result: fn(scenario, null) }];
  for (const d of [...new Set(sortedSnapshots(scenario).map((s) => s.date))])
    out.push({ date: d, result: fn(scenarioAt(scenario, d), d) });
  return out;
}
