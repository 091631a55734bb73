/**
 * Timeline: a scenario's `snapshots` are dated overrides of positions. `scenarioAt(scenario, date)` applies every
 * snapshot dated on or before `date`, in date order, and returns a plain scenario every engine can read.
 *
 * Dates are YYYY, YYYY-MM or YYYY-MM-DD. A snapshot counts as "on or before" `date` when its date sorts at or before
 * it, or when it lies inside the period `date` names ("2024-05" includes a snapshot dated 2024-05-20), the same rule
 * as the forecast engine's `asOf`.
 */
import type { Position, Scenario, Snapshot } from '../scenario/schema.js';

/** True when a snapshot dated `snap` applies at `date`. */
export function appliesAt(snap: string, date: string): boolean {
  return snap <= date || snap.startsWith(date);
}

/** Snapshots in date order (stable for equal dates: file order). */
export function sortedSnapshots(scenario: Scenario): Snapshot[] {
  return [...(scenario.snapshots ?? [])]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.date < b.s.date ? -1 : a.s.date > b.s.date ? 1 : a.i - b.i))
    .map((x) => x.s);
}

/** The distinct snapshot dates, ascending. */
export function snapshotDates(scenario: Scenario): string[] {
  return [...new Set(sortedSnapshots(scenario).map((s) => s.date))];
}

/**
 * The scenario as it stood at `date`: every snapshot on or before it applied to the positions (value, salience,
 * accept), in date order. An override for an actor–issue pair without a base position creates one when it gives a
 * value (salience 0 unless given). The result keeps only the snapshots still to come, so applying a later date to
 * it gives the same scenario as applying that date to the original. `date` becomes the scenario's date.
 */
export function scenarioAt(scenario: Scenario, date: string): Scenario {
  const snaps = sortedSnapshots(scenario);
  const applied = snaps.filter((s) => appliesAt(s.date, date));
  const later = (scenario.snapshots ?? []).filter((s) => !appliesAt(s.date, date));
  const positions: Position[] = scenario.positions.map((p) => ({ ...p }));
  const key = (a: string, i: string): string => `${a}\u0000${i}`;
  const index = new Map(positions.map((p, j) => [key(p.actor, p.issue), j]));
  for (const snap of applied)
    for (const o of snap.positions) {
      const j = index.get(key(o.actor, o.issue));
      if (j === undefined) {
        if (o.value === undefined) continue;
        const created: Position = {
          actor: o.actor,
          issue: o.issue,
          value: o.value,
          salience: o.salience ?? 0,
        };
        if (o.accept) created.accept = [o.accept[0], o.accept[1]];
        index.set(key(o.actor, o.issue), positions.length);
        positions.push(created);
        continue;
      }
      const p = positions[j]!;
      if (o.value !== undefined) p.value = o.value;
      if (o.salience !== undefined) p.salience = o.salience;
      if (o.accept !== undefined) p.accept = [o.accept[0], o.accept[1]];
    }
  const out: Scenario = { ...scenario, date, positions };
  if (scenario.snapshots !== undefined) out.snapshots = later;
  return out;
}
