/**
 * The consolidated single text: per issue, the common stance with the initiatives behind it, or the open
 * alternatives, each with the initiatives and sponsors that hold it.
 */
import { isOrdinal, labelAt } from '../scenario/scale.js';
import type { Issue } from '../scenario/schema.js';
import type { Cell, IssueSummary } from './compare.js';
import { snapToLevel } from './compare.js';

export interface SingleTextOption {
  stance: number;
  /** Set when the option is a text between two levels: [low, high]. */
  range?: [number, number];
  label?: string;
  initiatives: string[];
  sponsors: string[];
}

export type SingleTextEntry =
  | { issue: string; kind: 'common'; stance: number; label?: string; initiatives: string[]; sponsors: string[]; silent: string[] }
  | { issue: string; kind: 'open'; alternatives: SingleTextOption[]; silent: string[] };

export function singleText(
  issues: readonly Issue[],
  inits: readonly { id: string; sponsors: string[] }[],
  matrix: readonly Cell[][],
  summaries: readonly IssueSummary[],
): SingleTextEntry[] {
  const out: SingleTextEntry[] = [];
  issues.forEach((issue, k) => {
    const sum = summaries[k]!;
    if (sum.covered.length === 0) return;
    const silent = [...sum.silent, ...sum.mentioned];
    if (sum.commonGround && sum.commonStance !== null) {
      const ids = sum.covered;
      const label = labelAt(issue.scale, sum.commonStance);
      out.push({
        issue: issue.id,
        kind: 'common',
        stance: sum.commonStance,
        ...(label !== undefined ? { label } : {}),
        initiatives: ids,
        sponsors: uniq(ids.flatMap((id) => inits.find((x) => x.id === id)!.sponsors)),
        silent,
      });
      return;
    }
    // Open: each speaker's stance joins the option whose first stance lies within the tolerance at both ends
    // (alternatives count once for each value they offer; a text between two levels stays a range option).
    const entries: { lo: number; hi: number; id: string }[] = [];
    inits.forEach((ini, i) => {
      const c = matrix[i]![k]!;
      if (c.kind !== 'stance') return;
      if (c.stance.kind === 'alternatives') for (const v of c.stance.values!) entries.push({ lo: v, hi: v, id: ini.id });
      else entries.push({ lo: c.stance.lo, hi: c.stance.hi, id: ini.id });
    });
    entries.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
    const eps = 1e-9;
    const groups: { lo: number; hi: number; id: string }[][] = [];
    for (const e of entries) {
      const g = groups.find((x) => Math.abs(e.lo - x[0]!.lo) <= sum.tolerance + eps && Math.abs(e.hi - x[0]!.hi) <= sum.tolerance + eps);
      if (g) g.push(e);
      else groups.push([e]);
    }
    const alternatives: SingleTextOption[] = groups.map((g) => {
      const ids = uniq(g.map((e) => e.id));
      const sponsors = uniq(ids.flatMap((id) => inits.find((x) => x.id === id)!.sponsors));
      const isRange = g[0]!.hi > g[0]!.lo;
      if (isRange) {
        const lo = g[0]!.lo;
        const hi = g[0]!.hi;
        const a = labelAt(issue.scale, lo);
        const b = labelAt(issue.scale, hi);
        return {
          stance: (lo + hi) / 2,
          range: [lo, hi] as [number, number],
          ...(a !== undefined && b !== undefined ? { label: `between "${a}" and "${b}"` } : {}),
          initiatives: ids,
          sponsors,
        };
      }
      const vals = g.map((e) => e.lo);
      let stance = vals[Math.floor((vals.length - 1) / 2)]!;
      if (isOrdinal(issue.scale) && !issue.scale.levels.some((l) => l.value === stance)) stance = snapToLevel(issue, stance);
      const label = labelAt(issue.scale, stance);
      return { stance, ...(label !== undefined ? { label } : {}), initiatives: ids, sponsors };
    });
    out.push({ issue: issue.id, kind: 'open', alternatives, silent });
  });
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
