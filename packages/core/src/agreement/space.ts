/**
 * Outcome spaces: a package assigns one level to every issue. Issues are finite lists of levels; continuous issues are
 * discretised before they get here. Canonical order (agreement.md §1): lexicographic, the first issue varies slowest,
 * so the outcome index is a mixed-radix number whose most significant digit is the first issue.
 */

/** One issue of the package space, with its levels in document order. */
export interface SpaceIssue {
  /** Key used in reports (scenario issue id, or Genius issue name). */
  id: string;
  kind: 'discrete' | 'ordinal' | 'integer' | 'continuous';
  /** What is reported for each level: the label (discrete) or the number on the scale. */
  values: (string | number)[];
  /** Optional human-readable label per level. */
  labels?: string[];
}

export interface OutcomeSpace {
  issues: SpaceIssue[];
  /** Number of levels per issue. */
  radix: Int32Array;
  /** Number of packages, `Π radix` (may exceed 2^32; stays exact up to 2^53). */
  size: number;
}

export function outcomeSpace(issues: SpaceIssue[]): OutcomeSpace {
  const radix = new Int32Array(issues.length);
  let size = 1;
  issues.forEach((iss, k) => {
    if (iss.values.length === 0) throw new Error(`issue "${iss.id}" has no levels`);
    radix[k] = iss.values.length;
    size *= iss.values.length;
  });
  return { issues, radix, size };
}

/** Levels of outcome `index`, written into `out` (length = number of issues). */
export function decodeOutcome(space: OutcomeSpace, index: number, out: Int32Array): Int32Array {
  let rest = index;
  for (let k = space.radix.length - 1; k >= 0; k--) {
    const r = space.radix[k]!;
    out[k] = rest % r;
    rest = Math.floor(rest / r);
  }
  return out;
}

/** Index of the outcome with the given levels. */
export function encodeOutcome(space: OutcomeSpace, levels: ArrayLike<number>): number {
  let idx = 0;
  for (let k = 0; k < space.radix.length; k++) idx = idx * space.radix[k]! + levels[k]!;
  return idx;
}

/** The package as `{ issueId: value }`. */
export function packageOf(space: OutcomeSpace, levels: ArrayLike<number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  space.issues.forEach((iss, k) => {
    out[iss.id] = iss.values[levels[k]!]!;
  });
  return out;
}

/** The package of outcome `index`. */
export function packageAt(space: OutcomeSpace, index: number): Record<string, string | number> {
  return packageOf(space, decodeOutcome(space, index, new Int32Array(space.radix.length)));
}

/**
 * Expand a per-issue additive table over the whole space in canonical order: `out[ω] = Σ_k table[k][ω_k]`. Builds the
 * result issue by issue (each step multiplies the array length by the issue's radix), O(size) overall.
 */
export function expandAdditive(space: OutcomeSpace, tables: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(space.size);
  let len = 1;
  out[0] = 0;
  for (let k = 0; k < space.radix.length; k++) {
    const r = space.radix[k]!;
    const t = tables[k]!;
    // Walk backwards so each source cell is read before it is overwritten.
    for (let i = len - 1; i >= 0; i--) {
      const base = out[i]!;
      const o = i * r;
      for (let v = r - 1; v >= 0; v--) out[o + v] = base + t[v]!;
    }
    len *= r;
  }
  return out;
}

/** Like `expandAdditive` for bit masks: `out[ω] = OR_k (mask[k][ω_k] ? 1 << k : 0)`. At most 31 issues. */
export function expandMask(space: OutcomeSpace, violates: (Uint8Array | null)[]): Uint32Array {
  if (space.radix.length > 31) throw new Error('red-line masks support at most 31 issues');
  const out = new Uint32Array(space.size);
  let len = 1;
  for (let k = 0; k < space.radix.length; k++) {
    const r = space.radix[k]!;
    const m = violates[k] ?? null;
    const bit = 1 << k;
    for (let i = len - 1; i >= 0; i--) {
      const base = out[i]!;
      const o = i * r;
      for (let v = r - 1; v >= 0; v--) out[o + v] = m !== null && m[v] === 1 ? (base | bit) >>> 0 : base;
    }
    len *= r;
  }
  return out;
}
