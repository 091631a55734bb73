/**
 * Timeline: a scenario's `snapshots` are dated overrides of positions. `scenarioAt(scenario, date)` applies every
 * snapshot dated on or before `date`, in date order, and returns a plain scenario every engine can read.
 *
 * Dates are YYYY, YYYY-MM or YYYY-MM-DD. A snapshot counts as "on or before" `date` when its date sorts at or before
 * it, or when it lies inside the period `date` names ("2024-05" includes a snapshot dated 2024-05-20), the same rule
 * as the forecast engine's `asOf`.
 */
import type { AcceptUncertainty, Position, Scenario, Snapshot, Uncertainty } from '../scenario/schema.js';

/** Accept-bound uncertainties moved with their bounds (low with the low end, high with the high end). */
function shiftAccept(u: AcceptUncertainty, from: [number, number], to: [number, number]): AcceptUncertainty {
  const out: AcceptUncertainty = {};
  if (u.low) out.low = shiftUncertainty(u.low, Math.min(...to) - Math.min(...from));
  if (u.high) out.high = shiftUncertainty(u.high, Math.max(...to) - Math.max(...from));
  return out;
}

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
 * An uncertainty moved by `delta`: the bounds (and a triangular mode, or a normal mean, when given) shift; a normal
 * without a mean already follows the coded value.
 */
export function shiftUncertainty(u: Uncertainty, delta: number): Uncertainty {
  if (delta === 0) return u;
  if (Array.isArray(u)) return [u[0] + delta, u[1] + delta];
  if (u.distribution === 'normal') return u.mean === undefined ? u : { ...u, mean: u.mean + delta };
  if (u.distribution === 'uniform') return { ...u, min: u.min + delta, max: u.max + delta };
  return {
    ...u,
    min: u.min + delta,
    max: u.max + delta,
    ...(u.mode !== undefined ? { mode: u.mode + delta } : {}),
  };
}

/**
 * The scenario as it stood at `date`: every snapshot on or before it applied to the positions (value, salience,
 * accept and their uncertainties), in date order. A snapshot that moves an estimate without giving its uncertainty
 * moves the uncertainty with it (the same spread around the new estimate), so a range never stays behind at the old
 * value; a snapshot that gives an uncertainty replaces it. An override for an actor–issue pair without a base position creates one when it gives a
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
        if (o.uncertainty) created.uncertainty = o.uncertainty;
        if (o.salienceUncertainty) created.salienceUncertainty = o.salienceUncertainty;
        if (o.acceptUncertainty) created.acceptUncertainty = o.acceptUncertainty;
        index.set(key(o.actor, o.issue), positions.length);
        positions.push(created);
        continue;
      }
      const p = positions[j]!;
      if (o.uncertainty) p.uncertainty = o.uncertainty;
      else if (o.value !== undefined && p.uncertainty)
        p.uncertainty = shiftUncertainty(p.uncertainty, o.value - p.value);
      if (o.salienceUncertainty) p.salienceUncertainty = o.salienceUncertainty;
      else if (o.salience !== undefined && p.salienceUncertainty)
        p.salienceUncertainty = shiftUncertainty(p.salienceUncertainty, o.salience - p.salience);
      if (o.acceptUncertainty) p.acceptUncertainty = o.acceptUncertainty;
      else if (o.accept !== undefined && p.accept && p.acceptUncertainty)
        p.acceptUncertainty = shiftAccept(p.acceptUncertainty, p.accept, o.accept);
      if (o.value !== undefined) p.value = o.value;
      if (o.salience !== undefined) p.salience = o.salience;
      if (o.accept !== undefined) p.accept = [o.accept[0], o.accept[1]];
    }
  const out: Scenario = { ...scenario, date, positions };
  if (scenario.snapshots !== undefined) out.snapshots = later;
  return out;
}
