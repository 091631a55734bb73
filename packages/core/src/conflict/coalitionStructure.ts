/** Parse a coalition structure (a partition of the decision makers) given by ids, names or 1-based numbers. */
import type { ConflictProblem } from './problem.js';
import type { DecisionMaker } from './model.js';

export function resolveDm(ref: string, dms: DecisionMaker[]): number {
  const t = ref.trim();
  let k = dms.findIndex((d) => d.id === t);
  if (k < 0) k = dms.findIndex((d) => d.name === t);
  if (k < 0)
    k = dms.findIndex(
      (d) => d.name.toLowerCase() === t.toLowerCase() || d.id.toLowerCase() === t.toLowerCase(),
    );
  if (k < 0 && /^\d+$/.test(t)) {
    const n = Number(t);
    if (n >= 1 && n <= dms.length) k = n - 1;
  }
  return k;
}

/** Blocks of decision-maker indices; decision makers not mentioned become singleton blocks. */
export function resolveCoalitions(
  spec: (string | string[])[],
  dms: DecisionMaker[],
  path: string,
  problems: ConflictProblem[],
): number[][] {
  const used = new Set<number>();
  const blocks: number[][] = [];
  spec.forEach((b, bi) => {
    const block: number[] = [];
    for (const ref of Array.isArray(b) ? b : [b]) {
      const k = resolveDm(ref, dms);
      if (k < 0) problems.push({ path: `${path}.${bi}`, message: `unknown decision maker "${ref}"` });
      else if (used.has(k))
        problems.push({ path: `${path}.${bi}`, message: `decision maker "${ref}" is in two blocks` });
      else {
        used.add(k);
        block.push(k);
      }
    }
    if (block.length) blocks.push(block.sort((a, c) => a - c));
  });
  dms.forEach((_, k) => {
    if (!used.has(k)) blocks.push([k]);
  });
  return blocks;
}

/**
 * Parse the CLI notation of a coalition structure: "[a,b],c" (names, ids or 1-based numbers; brackets group a block).
 */
export function parseCoalitionText(text: string): (string | string[])[] | undefined {
  const out: (string | string[])[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    if (s[i] === ',' || s[i] === ' ') {
      i++;
      continue;
    }
    if (s[i] === '[') {
      const j = s.indexOf(']', i);
      if (j < 0) return undefined;
      const members = s
        .slice(i + 1, j)
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
      if (members.length === 0) return undefined;
      out.push(members);
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== ',') j++;
      const name = s.slice(i, j).trim();
      if (name.includes('[') || name.includes(']')) return undefined;
      if (name) out.push(name);
      i = j;
    }
  }
  return out;
}
