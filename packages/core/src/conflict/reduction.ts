/**
 * Sparse generators for transitive move relations (option form, `anySubset`; §12.4). A decision maker's moves from a
 * state stay inside its "block" (the states that agree outside its options), and its move relation and its improvement
 * relation are transitive. For reachability only the transitive reduction is needed: one cycle through each strongly
 * connected class plus the Hasse arcs between classes. It has the same transitive closure, so every reachable set (and
 * every minimum over one) is unchanged, with far fewer arcs to traverse.
 */
import { codeIndex, type Csr, type OptionStructure } from './model.js';
import { localIndex, maskBits } from './blocks.js';

/**
 * Transitive reduction of a transitive relation `rel` whose arcs stay inside blocks of `mask`. Returns null when the
 * mover controls more than 5 options (callers then use `rel` itself).
 */
export function reduceBlockRelation(o: OptionStructure, mask: number, rel: Csr): Csr | null {
  const bits = maskBits(mask);
  if (!bits) return null;
  const { local, expand } = localIndex(o, bits);
  const m = o.codes.length;
  const { off, to } = rel;
  const R = new Int32Array(m);
  for (let x = 0; x < m; x++) {
    let r = 0;
    for (let e = off[x]!; e < off[x + 1]!; e++) r |= 1 << local[to[e]!]!;
    R[x] = r;
  }
  return reduceBlockTargets(o, mask, local, expand, R);
}

/**
 * The same reduction from the relation given as local target masks: R[x] = mask of the local indices (inside x's block
 * of `mask`) of the states x is related to.
 */
export function reduceBlockTargets(
  o: OptionStructure,
  mask: number,
  local: Uint8Array,
  expand: Int32Array,
  R: Int32Array,
): Csr {
  const codes = o.codes;
  const m = codes.length;
  const dense = o.dense;
  const notMask = ~mask;
  const idx = (rest: number, l: number): number => {
    const c = rest | expand[l]!;
    return dense ? dense[c]! : codeIndex(o, c);
  };
  // S[x]: x's strongly connected class (x and targets that reach x back).
  const S = new Int32Array(m);
  let arcs = 0;
  for (let x = 0; x < m; x++) {
    const lx = 1 << local[x]!;
    const rest = codes[x]! & notMask;
    let s = lx;
    let t = R[x]!;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      arcs++;
      if (R[idx(rest, 31 - Math.clz32(low))]! & lx) s |= low;
    }
    S[x] = s;
  }
  const outOff = new Int32Array(m + 1);
  // At most one cycle arc per state plus a subset of the original arcs.
  const outTo = new Int32Array(m + arcs);
  let e2 = 0;
  for (let x = 0; x < m; x++) {
    outOff[x] = e2;
    const lx = local[x]!;
    const sx = S[x]!;
    const rest = codes[x]! & notMask;
    // Cycle arc to the next member of x's class (by local index, wrapping).
    if (sx !== 1 << lx) {
      const higher = sx & ~((2 << lx) - 1);
      const next = higher !== 0 ? higher & -higher : sx & -sx;
      outTo[e2++] = idx(rest, 31 - Math.clz32(next));
    }
    // Only the class representative (lowest local index) carries the arcs to other classes.
    if ((sx & -sx) !== 1 << lx) continue;
    const outside = R[x]! & ~sx;
    if (outside === 0) continue;
    // U: everything reachable strictly beyond some other class that x reaches.
    let U = 0;
    let t = outside;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      const z = idx(rest, 31 - Math.clz32(low));
      U |= R[z]! & ~S[z]!;
    }
    t = outside & ~U;
    while (t !== 0) {
      const low = t & -t;
      t ^= low;
      const y = idx(rest, 31 - Math.clz32(low));
      if ((S[y]! & -S[y]!) !== low) continue; // one arc per target class: to its representative
      outTo[e2++] = y;
    }
  }
  outOff[m] = e2;
  return { off: outOff, to: outTo.slice(0, e2) };
}
