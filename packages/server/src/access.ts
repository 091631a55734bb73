/**
 * Who may do what, and what they may see. Roles grant permissions; clearance decides whether confidential
 * initiatives and positions exist at all for the caller. Scenarios are filtered here, before any engine, listing,
 * search or export sees them.
 */
import type { Scenario } from '@parley/core';
import type { Role } from './db.js';

export const ROLES = ['owner', 'editor', 'analyst', 'viewer'] as const satisfies readonly Role[];

export type Permission = 'read' | 'comment' | 'analyse' | 'edit' | 'manage' | 'audit';

/** owner: manage members and clearances; editor: edit scenarios; analyst: run analyses; viewer: read. */
export const GRANTS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'comment', 'analyse', 'edit', 'manage', 'audit'],
  editor: ['read', 'comment', 'analyse', 'edit'],
  analyst: ['read', 'comment', 'analyse'],
  viewer: ['read'],
};

export function can(role: Role, p: Permission): boolean {
  return GRANTS[role].includes(p);
}

/** A member sees confidential items when cleared; owners always are. */
export function isCleared(m: { role: Role; cleared: number | boolean }): boolean {
  return m.role === 'owner' || m.cleared === true || m.cleared === 1;
}

const key = (actor: string, issue: string): string => `${actor}\u0000${issue}`;

/**
 * The scenario as an uncleared member may see it: no confidential initiatives, no confidential positions, no
 * snapshot overrides of hidden positions, and no sources that only hidden items cite.
 */
export function filterScenario(s: Scenario, cleared: boolean): Scenario {
  if (cleared) return s;
  const initiatives = s.initiatives.filter((i) => i.status !== 'confidential');
  const positions = s.positions.filter((p) => p.confidential !== true);
  const hiddenPos = s.positions.filter((p) => p.confidential === true);
  if (initiatives.length === s.initiatives.length && hiddenPos.length === 0) return s;
  const visibleKeys = new Set(positions.map((p) => key(p.actor, p.issue)));
  const hiddenKeys = new Set(hiddenPos.map((p) => key(p.actor, p.issue)).filter((k) => !visibleKeys.has(k)));
  let snapshots = s.snapshots;
  const hiddenSnapshotSources: string[] = [];
  if (snapshots && hiddenKeys.size > 0) {
    snapshots = snapshots.flatMap((snap) => {
      const kept = snap.positions.filter((o) => !hiddenKeys.has(key(o.actor, o.issue)));
      if (kept.length === snap.positions.length) return [snap];
      for (const o of snap.positions) if (hiddenKeys.has(key(o.actor, o.issue))) hiddenSnapshotSources.push(...(o.sources ?? []));
      // A snapshot that only overrode hidden positions would itself reveal them (its date and label): drop it.
      if (kept.length === 0) {
        hiddenSnapshotSources.push(...(snap.sources ?? []));
        return [];
      }
      return [{ ...snap, positions: kept }];
    });
  }
  // Sources cited only by hidden items go too; sources nobody cites stay.
  const citedByHidden = new Set<string>(hiddenSnapshotSources);
  for (const i of s.initiatives)
    if (i.status === 'confidential') {
      for (const r of i.sources ?? []) citedByHidden.add(r);
      for (const p of i.provisions) for (const r of p.sources ?? []) citedByHidden.add(r);
    }
  for (const p of hiddenPos) for (const r of p.sources ?? []) citedByHidden.add(r);
  const citedByVisible = new Set<string>();
  const cite = (refs: readonly string[] | undefined): void => {
    for (const r of refs ?? []) citedByVisible.add(r);
  };
  for (const a of s.actors) cite(a.sources);
  for (const i of s.issues) cite(i.sources);
  for (const p of positions) cite(p.sources);
  for (const i of initiatives) {
    cite(i.sources);
    for (const p of i.provisions) cite(p.sources);
  }
  for (const snap of snapshots ?? []) {
    cite(snap.sources);
    for (const o of snap.positions) cite(o.sources);
  }
  const sources = s.sources.filter((src) => citedByVisible.has(src.id) || !citedByHidden.has(src.id));
  const out: Scenario = { ...s, initiatives, positions, sources };
  if (snapshots !== undefined) out.snapshots = snapshots;
  return out;
}

/** Merge the hidden items of `stored` back into an uncleared editor's `edited` scenario data, so nothing is lost. */
export function mergeHidden(edited: Record<string, unknown>, stored: Scenario): Record<string, unknown> {
  const hiddenInitiatives = stored.initiatives.filter((i) => i.status === 'confidential');
  const hiddenPositions = stored.positions.filter((p) => p.confidential === true);
  const visible = filterScenario(stored, false);
  const droppedSources = stored.sources.filter((src) => !visible.sources.some((v) => v.id === src.id));
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const out: Record<string, unknown> = { ...edited };
  if (hiddenInitiatives.length > 0) out.initiatives = [...arr(edited.initiatives), ...hiddenInitiatives];
  if (hiddenPositions.length > 0) out.positions = [...arr(edited.positions), ...hiddenPositions];
  if (droppedSources.length > 0) out.sources = [...arr(edited.sources), ...droppedSources];
  const visibleSnaps = visible.snapshots ?? [];
  const storedSnaps = stored.snapshots ?? [];
  // Snapshots and overrides hidden from the editor come back as they were.
  const hiddenSnaps = storedSnaps.filter((s) => !visibleSnaps.some((v) => v.date === s.date && v.label === s.label));
  if (hiddenSnaps.length > 0) out.snapshots = [...arr(edited.snapshots), ...hiddenSnaps];
  const partial = storedSnaps.filter((s) => {
    const v = visibleSnaps.find((x) => x.date === s.date && x.label === s.label);
    return v !== undefined && v.positions.length < s.positions.length;
  });
  if (partial.length > 0) {
    const snaps = arr(out.snapshots).map((x) => (typeof x === 'object' && x !== null ? { ...(x as Record<string, unknown>) } : x));
    for (const s of partial) {
      const v = visibleSnaps.find((x) => x.date === s.date && x.label === s.label)!;
      const missing = s.positions.filter((o) => !v.positions.includes(o));
      const target = snaps.find(
        (x): x is Record<string, unknown> => typeof x === 'object' && x !== null && (x as { date?: unknown }).date === s.date && (x as { label?: unknown }).label === s.label,
      );
      if (target) target.positions = [...arr(target.positions), ...missing];
      else snaps.push({ ...s, positions: missing });
    }
    out.snapshots = snaps;
  }
  return out;
}
