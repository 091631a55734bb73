/**
 * Option-form fast path for the reachability minima of §12.1 (conflict-gmcr.md §12.4), block by block instead of arc by
 * arc. Under `anySubset` moves a decision maker's move relation and its improvement relation are transitive and stay
 * inside its blocks, so "close the values under mover j" (v[x] = min of v over x and every state j can reach from x in
 * one move) is exact in one pass over j's blocks, in any order (in place: a state j reaches from x only reaches states
 * that x reaches too). Repeating it over the movers until nothing changes gives
 * min over x and everything the movers reach from x by any walk in the union graph, which is what `reachMin` computes
 * with Tarjan's algorithm. Closing a block of the move relation is a min over a product set: one pass per option bit
 * (both directions, or only N→Y / Y→N for irreversible options).
 * When every code is feasible, `cubeClose` does the same in one pass per option bit over the whole code space.
 */
import type { OptionStructure } from './model.js';
import type { BlockMoves } from './blocks.js';
import { INF } from './reach.js';

/** States grouped by block: members of block k are mem[off[k]] … mem[off[k + 1] - 1], ascending. */
interface BlockGroups {
  off: Int32Array;
  mem: Int32Array;
  /** Per option bit of the mover (local order): 0 both, 1 forward only, 2 backward only. */
  kinds: Int8Array;
}

const groupCache = new WeakMap<BlockMoves, BlockGroups>();

function blockGroups(o: OptionStructure, bm: BlockMoves): BlockGroups {
  const cached = groupCache.get(bm);
  if (cached) return cached;
  const codes = o.codes;
  const m = codes.length;
  const notMask = ~bm.mask;
  const id = new Int32Array(m);
  let nb = 0;
  if (o.dense) {
    const map = new Int32Array(o.dense.length);
    for (let x = 0; x < m; x++) {
      const r = codes[x]! & notMask;
      let k = map[r]!;
      if (k === 0) k = map[r] = ++nb;
      id[x] = k - 1;
    }
  } else {
    const map = new Map<number, number>();
    for (let x = 0; x < m; x++) {
      const r = codes[x]! & notMask;
      let k = map.get(r);
      if (k === undefined) {
        k = nb++;
        map.set(r, k);
      }
      id[x] = k;
    }
  }
  const off = new Int32Array(nb + 1);
  for (let x = 0; x < m; x++) off[id[x]! + 1]!++;
  for (let k = 0; k < nb; k++) off[k + 1]! += off[k]!;
  const fill = off.slice(0, nb);
  const mem = new Int32Array(m);
  for (let x = 0; x < m; x++) mem[fill[id[x]!]!++] = x;
  const kinds = new Int8Array(bm.bits.length);
  bm.bits.forEach((bit, b) => {
    const r = o.reversibility[bit];
    kinds[b] = r === 'forwardOnly' ? 1 : r === 'backwardOnly' ? 2 : 0;
  });
  const g = { off, mem, kinds };
  groupCache.set(bm, g);
  return g;
}

/**
 * Close `vals` (one or two arrays, updated in place) under the movers' move relations (`bms[j]`: mover j's blocks).
 * Returns true when a fixpoint was reached within `maxRounds` rounds over the movers; otherwise the arrays hold partial
 * minima (each still a minimum over x and states reachable from x), from which `reachMin` finishes exactly.
 */
export function sweepReachMin(
  o: OptionStructure,
  bms: BlockMoves[],
  vals: Int32Array[],
  maxRounds: number,
): boolean {
  const H = bms.length;
  if (H === 0) return true;
  const groups = bms.map((bm) => blockGroups(o, bm));
  const a = vals[0]!;
  const two = vals.length > 1;
  const b = two ? vals[1]! : a;
  const sa = new Int32Array(32);
  const sb = new Int32Array(32);
  const slot = new Int32Array(32);
  let lastChange = 0;
  for (let t = 0; t < maxRounds * H; t++) {
    const j = t % H;
    const bm = bms[j]!;
    const { off, mem, kinds } = groups[j]!;
    const local = bm.local;
    const B = bm.bits.length;
    const L = 1 << B;
    const nb = off.length - 1;
    let changed = false;
    // The whole move relation: min over a product set, one pass per option bit.
    const all = bm.targets;
    const dpCost = (B + 2) * L;
    for (let k = 0; k < nb; k++) {
      const k0 = off[k]!;
      const k1 = off[k + 1]!;
      const cnt = k1 - k0;
      if (cnt < 2) continue;
      if (cnt * cnt <= dpCost) {
        for (let q = k0; q < k1; q++) slot[local[mem[q]!]!] = mem[q]!;
        for (let q = k0; q < k1; q++) {
          const x = mem[q]!;
          let tm = all[x]!;
          if (tm === 0) continue;
          let ba = a[x]!;
          let bb = b[x]!;
          while (tm !== 0) {
            const low = tm & -tm;
            tm ^= low;
            const y = slot[31 - Math.clz32(low)]!;
            if (a[y]! < ba) ba = a[y]!;
            if (b[y]! < bb) bb = b[y]!;
          }
          if (ba < a[x]!) {
            a[x] = ba;
            changed = true;
          }
          if (two && bb < b[x]!) {
            b[x] = bb;
            changed = true;
          }
        }
        continue;
      }
      sa.fill(INF, 0, L);
      if (two) sb.fill(INF, 0, L);
      for (let q = k0; q < k1; q++) {
        const x = mem[q]!;
        sa[local[x]!] = a[x]!;
        if (two) sb[local[x]!] = b[x]!;
      }
      for (let bit = 0; bit < B; bit++) {
        const bb = 1 << bit;
        const kind = kinds[bit]!;
        for (let l = 0; l < L; l++) {
          if (l & bb) continue;
          const h = l | bb;
          const lo = sa[l]!;
          const hi = sa[h]!;
          if (kind !== 2 && hi < lo) sa[l] = hi; // N→Y allowed: l reaches h
          if (kind !== 1 && lo < hi) sa[h] = lo; // Y→N allowed: h reaches l
          if (two) {
            const lo2 = sb[l]!;
            const hi2 = sb[h]!;
            if (kind !== 2 && hi2 < lo2) sb[l] = hi2;
            if (kind !== 1 && lo2 < hi2) sb[h] = lo2;
          }
        }
      }
      for (let q = k0; q < k1; q++) {
        const x = mem[q]!;
        const lx = local[x]!;
        if (sa[lx]! < a[x]!) {
          a[x] = sa[lx]!;
          changed = true;
        }
        if (two && sb[lx]! < b[x]!) {
          b[x] = sb[lx]!;
          changed = true;
        }
      }
    }
    if (changed) lastChange = t;
    if (t - lastChange + 1 >= H) return true;
  }
  return false;
}

/**
 * The same closure when every code is feasible (no infeasibility patterns, state index = decimal code): the states the
 * movers reach from x by any walk are the codes that differ from x only in the movers' options, each changed in a
 * permitted direction, so the minimum over them is one pass per option bit over the whole code space (N→Y, Y→N or
 * both), with sequential memory access. `kinds[k]` for each option k: 0 both, 1 forward only, 2 backward only, -1 not
 * a mover's option. With `max`, maxima instead of minima.
 */
export function cubeClose(vals: Int32Array[], n: number, kinds: Int8Array, max = false): void {
  const size = 2 ** n;
  for (const a of vals)
    for (let k = 0; k < n; k++) {
      const kind = kinds[k]!;
      if (kind < 0) continue;
      const bit = 1 << k;
      for (let hiBase = 0; hiBase < size; hiBase += bit << 1)
        for (let l = hiBase; l < hiBase + bit; l++) {
          const h = l | bit;
          const lo = a[l]!;
          const hi = a[h]!;
          if (max) {
            if (kind !== 2 && hi > lo) a[l] = hi; // l reaches h (N→Y)
            if (kind !== 1 && lo > hi) a[h] = lo; // h reaches l (Y→N)
          } else {
            if (kind !== 2 && hi < lo) a[l] = hi;
            if (kind !== 1 && lo < hi) a[h] = lo;
          }
        }
    }
}

/** Option kinds for `cubeClose`: the options in `mask`, by reversibility; -1 outside `mask`. */
export function cubeKinds(o: OptionStructure, mask: number): Int8Array {
  const n = o.ids.length;
  const kinds = new Int8Array(n).fill(-1);
  for (let k = 0; k < n; k++)
    if ((mask >>> k) & 1) {
      const r = o.reversibility[k];
      kinds[k] = r === 'forwardOnly' ? 1 : r === 'backwardOnly' ? 2 : 0;
    }
  return kinds;
}
