/**
 * Option-form move relations straight from the option structure (conflict-gmcr.md §4.2, §12.4), without listing every
 * move. A mover controlling the options in `mask` moves inside its "block" (the states that agree outside `mask`); when
 * it controls at most 5 options, a state's position in its block is a 5-bit local index and the set of states it can
 * move to is a 32-bit mask over local indices. Everything the engine needs (the move lists, improvements, countermove
 * values, the sparse generators of `reduction.ts`) is derived from these masks with bit operations on state codes.
 */
import { codeIndex, type Csr, type OptionStructure } from './model.js';

/** Largest number of options a mover may control for the block masks (local indices fit a 32-bit mask). */
export const MAX_BLOCK_BITS = 5;

export interface BlockMoves {
  mask: number;
  /** Option bits of the mask, ascending. */
  bits: number[];
  /** Local index of each state inside its block. */
  local: Uint8Array;
  /** Local index → the option bits it sets (monotone: ascending local index = ascending code). */
  expand: Int32Array;
  /** Per state: mask of the local indices of the states it can move to. */
  targets: Int32Array;
}

const cache = new WeakMap<OptionStructure, Map<string, BlockMoves | null>>();

/** Bits of a mask, ascending; null when there are more than 5. */
export function maskBits(mask: number): number[] | null {
  const bits: number[] = [];
  for (let k = 0; k < 31; k++) if ((mask >>> k) & 1) bits.push(k);
  return bits.length > MAX_BLOCK_BITS ? null : bits;
}

/** Local index of every state for a mask (≤ 5 bits) and the inverse table. */
export function localIndex(o: OptionStructure, bits: number[]): { local: Uint8Array; expand: Int32Array } {
  const codes = o.codes;
  const m = codes.length;
  const local = new Uint8Array(m);
  const B = bits.length;
  for (let x = 0; x < m; x++) {
    const c = codes[x]!;
    let l = 0;
    for (let b = 0; b < B; b++) l |= ((c >>> bits[b]!) & 1) << b;
    local[x] = l;
  }
  const expand = new Int32Array(1 << B);
  for (let l = 0; l < expand.length; l++) {
    let c = 0;
    for (let b = 0; b < B; b++) c |= ((l >>> b) & 1) << bits[b]!;
    expand[l] = c;
  }
  return { local, expand };
}

/**
 * Block move masks of a mover controlling `mask` (any subset of its options per move, or one option with `single`, in
 * permitted directions, between feasible states); null when the mover controls more than 5 options. Cached per model.
 */
export function blockMoves(o: OptionStructure, mask: number, single: boolean): BlockMoves | null {
  let byKey = cache.get(o);
  if (!byKey) {
    byKey = new Map();
    cache.set(o, byKey);
  }
  const key = `${mask}:${single ? 1 : 0}`;
  if (byKey.has(key)) return byKey.get(key)!;
  const r = computeBlockMoves(o, mask, single);
  byKey.set(key, r);
  return r;
}

function computeBlockMoves(o: OptionStructure, mask: number, single: boolean): BlockMoves | null {
  const bits = maskBits(mask);
  if (!bits) return null;
  const B = bits.length;
  const L = 1 << B;
  const { local, expand } = localIndex(o, bits);
  let fwdL = 0;
  let backL = 0;
  for (let b = 0; b < B; b++) {
    const r = o.reversibility[bits[b]!];
    if (r === 'forwardOnly') fwdL |= 1 << b;
    else if (r === 'backwardOnly') backL |= 1 << b;
  }
  // allowed[l]: local targets l2 ≠ l reachable by one move ignoring feasibility.
  const allowed = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    let a = 0;
    for (let l2 = 0; l2 < L; l2++) {
      if (l2 === l) continue;
      const d = l ^ l2;
      if (single && (d & (d - 1)) !== 0) continue;
      if ((d & l2 & backL) !== 0 || (d & l & fwdL) !== 0) continue;
      a |= 1 << l2;
    }
    allowed[l] = a;
  }
  const codes = o.codes;
  const m = codes.length;
  const targets = new Int32Array(m);
  const notMask = ~mask;
  const dense = o.dense;
  if (dense) {
    // feasible[rest]: local indices of the feasible states of the block `rest` (scratch indexed by code).
    const feasible = new Int32Array(dense.length);
    for (let x = 0; x < m; x++) feasible[codes[x]! & notMask]! |= 1 << local[x]!;
    for (let x = 0; x < m; x++) targets[x] = feasible[codes[x]! & notMask]! & allowed[local[x]!]!;
  } else {
    for (let x = 0; x < m; x++) {
      const rest = codes[x]! & notMask;
      let a = allowed[local[x]!]!;
      let t = 0;
      while (a !== 0) {
        const low = a & -a;
        a ^= low;
        if (codeIndex(o, rest | expand[31 - Math.clz32(low)]!) >= 0) t |= low;
      }
      targets[x] = t;
    }
  }
  return { mask, bits, local, expand, targets };
}

/** State index of local index `l` in the block of state code `c`. */
function at(o: OptionStructure, bm: BlockMoves, c: number, l: number): number {
  const code = (c & ~bm.mask) | bm.expand[l]!;
  return o.dense ? o.dense[code]! : codeIndex(o, code);
}

/** The move lists (CSR, targets ascending), identical to `optionMoves`. */
export function movesFromBlocks(o: OptionStructure, bm: BlockMoves): Csr {
  const { targets, expand } = bm;
  const codes = o.codes;
  const m = codes.length;
  const off = new Int32Array(m + 1);
  let e = 0;
  for (let x = 0; x < m; x++) {
    off[x] = e;
    let t = targets[x]!;
    while (t !== 0) {
      t &= t - 1;
      e++;
    }
  }
  off[m] = e;
  const to = new Int32Array(e);
  const notMask = ~bm.mask;
  const dense = o.dense;
  e = 0;
  for (let x = 0; x < m; x++) {
    const rest = codes[x]! & notMask;
    let t = targets[x]!;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      const code = rest | expand[31 - Math.clz32(low)]!;
      to[e++] = dense ? dense[code]! : codeIndex(o, code);
    }
  }
  return { off, to };
}

/**
 * Improvements of a single decision maker with score `p` (the moves to strictly preferred states), identical to
 * `improvementArcs(moves, [k], score)`, and their local target masks.
 */
export function improvementsFromBlocks(
  o: OptionStructure,
  bm: BlockMoves,
  p: Int32Array,
): { ui: Csr; targets: Int32Array } {
  const codes = o.codes;
  const m = codes.length;
  const { expand } = bm;
  const notMask = ~bm.mask;
  const dense = o.dense;
  const uiT = new Int32Array(m);
  const off = new Int32Array(m + 1);
  let e = 0;
  for (let x = 0; x < m; x++) {
    off[x] = e;
    const rest = codes[x]! & notMask;
    const px = p[x]!;
    let t = bm.targets[x]!;
    let u = 0;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      const code = rest | expand[31 - Math.clz32(low)]!;
      const y = dense ? dense[code]! : codeIndex(o, code);
      if (p[y]! > px) {
        u |= low;
        e++;
      }
    }
    uiT[x] = u;
  }
  off[m] = e;
  const to = new Int32Array(e);
  e = 0;
  for (let x = 0; x < m; x++) {
    const rest = codes[x]! & notMask;
    let t = uiT[x]!;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      const code = rest | expand[31 - Math.clz32(low)]!;
      to[e++] = dense ? dense[code]! : codeIndex(o, code);
    }
  }
  return { ui: { off, to }, targets: uiT };
}

/** v(x) = max(p(x), max of p over the states x moves to). */
export function countermoveFromBlocks(o: OptionStructure, bm: BlockMoves, p: Int32Array): Int32Array {
  const codes = o.codes;
  const m = codes.length;
  const v = new Int32Array(m);
  for (let x = 0; x < m; x++) {
    let best = p[x]!;
    let t = bm.targets[x]!;
    const c = codes[x]!;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      const z = p[at(o, bm, c, 31 - Math.clz32(low))]!;
      if (z > best) best = z;
    }
    v[x] = best;
  }
  return v;
}
