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
    // Open: group the speakers' values (alternatives count for each value they offer) into options that lie
    // within the tolerance of the option's first value.
    const entries: { v: number; id: string }[] = [];
    inits.forEach((ini, i) => {
      const c = matrix[i]![k]!;
      if (c.kind !== 'stance') return;
      const vs = c.stance.kind === 'alternatives' ? c.stance.values! : [c.stance.mid];
      for (const v of vs) entries.push({ v, id: ini.id });
    });
    entries.sort((a, b) => a.v - b.v);
    const groups: { v: number; id: string }[][] = [];
    for (const e of entries) {
      const g = groups[groups.length - 1];
      if (g && e.v - g[0]!.v <= sum.tolerance + 1e-9) g.push(e);
      else groups.push([e]);
    }
    const alternatives: SingleTextOption[] = groups.map((g) => {
      const vals = g.map((e) => e.v);
      let stance = vals[Math.floor((vals.length - 1) / 2)]!;
      if (isOrdinal(issue.scale) && !issue.scale.levels.some((l) => l.value === stance)) stance = snapToLevel(issue, stance);
      const ids = uniq(g.map((e) => e.id));
      const label = labelAt(issue.scale, stance);
      return {
        stance,
        ...(label !== undefined ? { label } : {}),
        initiatives: ids,
        sponsors: uniq(ids.flatMap((id) => inits.find((x) => x.id === id)!.sponsors)),
      };
    });
    out.push({ issue: issue.id, kind: 'open', alternatives, silent });
  });
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
