/**
 * Sparse generators for transitive move relations (option form, `anySubset`; §12.4). A decision maker's moves from a
 * state stay inside its "block" (the states that agree outside its options), and its move relation and its improvement
 * relation are transitive. For reachability only the transitive reduction is needed: one cycle through each strongly
 * connected class plus the Hasse arcs between classes. It has the same transitive closure, so every reachable set (and
 * every minimum over one) is unchanged, with far fewer arcs to traverse.
 */
import { codeIndex, type Csr, type OptionStructure } from './model.js';

/** Largest number of options a mover may control for the reduction (block states are indexed by a 32-bit mask). */
const MAX_BITS = 5;

/**
 * Transitive reduction of a transitive relation `rel` whose arcs stay inside blocks of `mask`. Returns null when the
 * mover controls more than 5 options (callers then use `rel` itself).
 */
export function reduceBlockRelation(o: OptionStructure, mask: number, rel: Csr): Csr | null {
  const bits: number[] = [];
  for (let k = 0; k < 31; k++) if ((mask >>> k) & 1) bits.push(k);
  if (bits.length > MAX_BITS) return null;
  const codes = o.codes;
  const m = codes.length;
  const local = new Int32Array(m);
  for (let x = 0; x < m; x++) {
    const c = codes[x]!;
    let l = 0;
    for (let b = 0; b < bits.length; b++) l |= ((c >>> bits[b]!) & 1) << b;
    local[x] = l;
  }
  const expand = new Int32Array(1 << bits.length);
  for (let l = 0; l < expand.length; l++) {
    let c = 0;
    for (let b = 0; b < bits.length; b++) c |= ((l >>> b) & 1) << bits[b]!;
    expand[l] = c;
  }
  const { off, to } = rel;
  // R[x]: local indices of x's targets. S[x]: x's strongly connected class (x and targets that reach x back).
  const R = new Int32Array(m);
  for (let x = 0; x < m; x++) {
    let r = 0;
    for (let e = off[x]!; e < off[x + 1]!; e++) r |= 1 << local[to[e]!]!;
    R[x] = r;
  }
  const S = new Int32Array(m);
  for (let x = 0; x < m; x++) {
    const lx = 1 << local[x]!;
    let s = lx;
    for (let e = off[x]!; e < off[x + 1]!; e++) if (R[to[e]!]! & lx) s |= 1 << local[to[e]!]!;
    S[x] = s;
  }
  const dense = o.dense;
  const outOff = new Int32Array(m + 1);
  // At most one cycle arc per state plus a subset of the original arcs.
  const outTo = new Int32Array(m + to.length);
  let e2 = 0;
  for (let x = 0; x < m; x++) {
    outOff[x] = e2;
    const lx = local[x]!;
    const sx = S[x]!;
    // Cycle arc to the next member of x's class (by local index, wrapping).
    if (sx !== 1 << lx) {
      const higher = sx & ~((2 << lx) - 1);
      const next = higher !== 0 ? higher & -higher : sx & -sx;
      const c = (codes[x]! & ~mask) | expand[31 - Math.clz32(next)]!;
      outTo[e2++] = dense ? dense[c]! : codeIndex(o, c);
    }
    // Only the class representative (lowest local index) carries the arcs to other classes.
    if ((sx & -sx) !== 1 << lx) continue;
    const outside = R[x]! & ~sx;
    if (outside === 0) continue;
    // U: everything reachable strictly beyond some other class that x reaches.
    let U = 0;
    for (let e = off[x]!; e < off[x + 1]!; e++) {
      const z = to[e]!;
      if ((outside >>> local[z]!) & 1) U |= R[z]! & ~S[z]!;
    }
    for (let e = off[x]!; e < off[x + 1]!; e++) {
      const y = to[e]!;
      const ly = local[y]!;
      if (!((outside >>> ly) & 1) || (U >>> ly) & 1) continue;
      if ((S[y]! & -S[y]!) !== 1 << ly) continue; // one arc per target class: to its representative
      outTo[e2++] = y;
    }
  }
  outOff[m] = e2;
  return { off: outOff, to: outTo.slice(0, e2) };
}
