/**
 * Reachability machinery (conflict-gmcr.md §6.2, §12): minimum of per-state values over everything a group of movers
 * can reach, for all start states at once, by strongly connected components (iterative Tarjan, no recursion, typed
 * arrays); and breadth-first legal-sequence search for witnesses.
 */
import type { Csr } from './model.js';

export const INF = 0x7fffffff;

/**
 * Minimum of each value array over the states reachable from every node of a graph whose arcs are the union of `csrs`.
 *
 * - `product = false` (union graph): nodes are states; result[v][x] = min of vals[v] over x and every state reachable
 *   from x by any walk in the union graph. Valid as legal-sequence reachability only when every mover's relation is
 *   transitive (§12.4).
 * - `product = true` (legal sequences, §12.2): nodes are (state, last mover); a mover never moves twice in succession.
 *   result[v][s] = min of vals[v] over R_H(s) (states reachable from s by a non-empty legal sequence); INF if none.
 */
export function reachMin(m: number, csrs: Csr[], vals: Int32Array[], product: boolean): Int32Array[] {
  if (!product && vals.length <= 2 && vals.length > 0 && csrs.length > 0) return unionReachMin(m, csrs, vals);
  const H = csrs.length;
  const V = vals.length;
  const Hn = product ? H : 1;
  const N = m * Hn;
  const acc: Int32Array[] = [];
  for (let v = 0; v < V; v++) {
    const a = new Int32Array(N);
    const src = vals[v]!;
    if (product) for (let node = 0; node < N; node++) a[node] = src[(node / Hn) | 0]!;
    else a.set(src);
    acc.push(a);
  }
  if (H === 0) {
    return product ? vals.map(() => new Int32Array(m).fill(INF)) : acc;
  }
  const index = new Int32Array(N).fill(-1);
  const low = new Int32Array(N);
  const onStack = new Uint8Array(N);
  const stack = new Int32Array(N);
  const csNode = new Int32Array(N);
  const csH = new Int32Array(N);
  const csPos = new Int32Array(N);
  let sp = 0;
  let csp: number;
  let counter = 0;
  const firstMover = (last: number): number => (last === 0 ? 1 : 0);

  for (let root = 0; root < N; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    {
      const x0 = product ? (root / Hn) | 0 : root;
      const h0 = product ? firstMover(root - x0 * Hn) : 0;
      csNode[0] = root;
      csH[0] = h0;
      csPos[0] = h0 < H ? csrs[h0]!.off[x0]! : 0;
      csp = 1;
    }
    while (csp > 0) {
      const top = csp - 1;
      const node = csNode[top]!;
      const x = product ? (node / Hn) | 0 : node;
      const last = product ? node - x * Hn : -1;
      let h = csH[top]!;
      let pos = csPos[top]!;
      let descended = false;
      while (h < H) {
        const c = csrs[h]!;
        const end = c.off[x + 1]!;
        const to = c.to;
        while (pos < end) {
          const y = to[pos++]!;
          const w = product ? y * Hn + h : y;
          if (index[w] === -1) {
            csH[top] = h;
            csPos[top] = pos;
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            const hw = product ? firstMover(h) : 0;
            csNode[csp] = w;
            csH[csp] = hw;
            csPos[csp] = hw < H ? csrs[hw]!.off[y]! : 0;
            csp++;
            descended = true;
            break;
          } else if (onStack[w] === 1) {
            if (index[w]! < low[node]!) low[node] = index[w]!;
          } else {
            for (let v = 0; v < V; v++) {
              const a = acc[v]!;
              if (a[w]! < a[node]!) a[node] = a[w]!;
            }
          }
        }
        if (descended) break;
        h++;
        if (product && h === last) h++;
        if (h < H) pos = csrs[h]!.off[x]!;
      }
      if (descended) continue;
      if (low[node] === index[node]) {
        let j = sp - 1;
        while (stack[j] !== node) j--;
        for (let v = 0; v < V; v++) {
          const a = acc[v]!;
          let best = INF;
          for (let t = j; t < sp; t++) if (a[stack[t]!]! < best) best = a[stack[t]!]!;
          for (let t = j; t < sp; t++) a[stack[t]!] = best;
        }
        for (let t = j; t < sp; t++) onStack[stack[t]!] = 0;
        sp = j;
      }
      csp--;
      if (csp > 0) {
        const p = csNode[csp - 1]!;
        if (low[node]! < low[p]!) low[p] = low[node]!;
        for (let v = 0; v < V; v++) {
          const a = acc[v]!;
          if (a[node]! < a[p]!) a[p] = a[node]!;
        }
      }
    }
  }
  if (!product) return acc;
  // Minimum over the first-move nodes of each start state.
  return acc.map((a) => {
    const out = new Int32Array(m).fill(INF);
    for (let s = 0; s < m; s++) {
      let best = INF;
      for (let h = 0; h < H; h++) {
        const c = csrs[h]!;
        for (let e = c.off[s]!; e < c.off[s + 1]!; e++) {
          const val = a[c.to[e]! * Hn + h]!;
          if (val < best) best = val;
        }
      }
      out[s] = best;
    }
    return out;
  });
}

/** One step of a path: `by` moved the conflict to state `to`. */
export interface Step {
  by: number;
  to: number;
}

/**
 * Breadth-first legal-sequence search (§6.2) from `start` over movers `csrs` (no mover twice in succession; pass
 * `firstLast` to forbid a first move by that mover). Calls `accept(state)` for every reached (state, last mover) pair in
 * BFS order and returns the shortest path to the first accepted state, or null. `maxSteps` bounds the depth.
 */
export function legalSearch(
  m: number,
  csrs: Csr[],
  start: number,
  accept: (state: number) => boolean,
  maxSteps = Infinity,
  firstLast = -1,
): Step[] | null {
  const H = csrs.length;
  const seen = new Uint8Array(m * H);
  const parent = new Int32Array(m * H).fill(-1);
  const depth = new Int32Array(m * H);
  let queue = new Int32Array(64);
  let qh = 0;
  let qt = 0;
  const push = (w: number): void => {
    if (qt === queue.length) {
      const q2 = new Int32Array(queue.length * 2);
      q2.set(queue);
      queue = q2;
    }
    queue[qt++] = w;
  };
  const path = (w: number): Step[] => {
    const out: Step[] = [];
    for (let cur = w; cur !== -1; cur = parent[cur]!) out.push({ by: cur % H, to: (cur / H) | 0 });
    return out.reverse();
  };
  for (let h = 0; h < H; h++) {
    if (h === firstLast) continue;
    const c = csrs[h]!;
    for (let e = c.off[start]!; e < c.off[start + 1]!; e++) {
      const w = c.to[e]! * H + h;
      if (seen[w]) continue;
      seen[w] = 1;
      depth[w] = 1;
      if (accept(c.to[e]!)) return path(w);
      push(w);
    }
  }
  while (qh < qt) {
    const node = queue[qh++]!;
    if (depth[node]! >= maxSteps) continue;
    const x = (node / H) | 0;
    const last = node - x * H;
    for (let h = 0; h < H; h++) {
      if (h === last) continue;
      const c = csrs[h]!;
      for (let e = c.off[x]!; e < c.off[x + 1]!; e++) {
        const w = c.to[e]! * H + h;
        if (seen[w]) continue;
        seen[w] = 1;
        parent[w] = node;
        depth[w] = depth[node]! + 1;
        if (accept(c.to[e]!)) return path(w);
        push(w);
      }
    }
  }
  return null;
}

/** Breadth-first tree of legal sequences from `start`: fewest steps to each state and one shortest path. */
export interface LegalTree {
  /** steps[x] = fewest moves from start to x (0 for start, -1 when unreachable). */
  steps: Int32Array;
  /** Shortest path from start to x (empty for start itself). */
  pathTo(x: number): Step[];
}

export function legalTree(m: number, csrs: Csr[], start: number, maxSteps = Infinity): LegalTree {
  const H = csrs.length;
  const N = m * H;
  const seen = new Uint8Array(N);
  const parent = new Int32Array(N).fill(-1);
  const depth = new Int32Array(N);
  const firstNode = new Int32Array(m).fill(-1);
  const steps = new Int32Array(m).fill(-1);
  steps[start] = 0;
  const queue: number[] = [];
  const visit = (w: number, from: number, d: number): void => {
    seen[w] = 1;
    parent[w] = from;
    depth[w] = d;
    const y = (w / H) | 0;
    if (steps[y] === -1) {
      steps[y] = d;
      firstNode[y] = w;
    }
    queue.push(w);
  };
  for (let h = 0; h < H; h++) {
    const c = csrs[h]!;
    for (let e = c.off[start]!; e < c.off[start + 1]!; e++) {
      const w = c.to[e]! * H + h;
      if (!seen[w] && maxSteps >= 1) visit(w, -1, 1);
    }
  }
  for (let qh = 0; qh < queue.length; qh++) {
    const node = queue[qh]!;
    if (depth[node]! >= maxSteps) continue;
    const x = (node / H) | 0;
    const last = node - x * H;
    for (let h = 0; h < H; h++) {
      if (h === last) continue;
      const c = csrs[h]!;
      for (let e = c.off[x]!; e < c.off[x + 1]!; e++) {
        const w = c.to[e]! * H + h;
        if (!seen[w]) visit(w, node, depth[node]! + 1);
      }
    }
  }
  return {
    steps,
    pathTo(x: number): Step[] {
      const out: Step[] = [];
      for (let cur = firstNode[x]!; cur !== -1; cur = parent[cur]!)
        out.push({ by: cur % H, to: (cur / H) | 0 });
      return out.reverse();
    },
  };
}

/**
 * Union-graph specialisation of `reachMin` for one or two value arrays: the arcs of all movers are merged into one CSR
 * first, so the iterative Tarjan loop touches a single pair of typed arrays.
 */
function unionReachMin(m: number, csrs: Csr[], vals: Int32Array[]): Int32Array[] {
  const off = new Int32Array(m + 1);
  for (const c of csrs) for (let x = 0; x < m; x++) off[x + 1]! += c.off[x + 1]! - c.off[x]!;
  for (let x = 0; x < m; x++) off[x + 1]! += off[x]!;
  const to = new Int32Array(off[m]!);
  const fill = off.slice(0, m);
  for (const c of csrs)
    for (let x = 0; x < m; x++) {
      let f = fill[x]!;
      for (let e = c.off[x]!; e < c.off[x + 1]!; e++) to[f++] = c.to[e]!;
      fill[x] = f;
    }
  const two = vals.length === 2;
  const a = Int32Array.from(vals[0]!);
  const b = two ? Int32Array.from(vals[1]!) : a;
  // index[y]: -1 unvisited, DONE once y's component is finished, otherwise y's DFS number (y is on the stack).
  const DONE = 0x7fffffff;
  const index = new Int32Array(m).fill(-1);
  const low = new Int32Array(m);
  const stack = new Int32Array(m);
  const csNode = new Int32Array(m);
  const csPos = new Int32Array(m);
  let sp = 0;
  let counter = 0;
  for (let root = 0; root < m; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    csNode[0] = root;
    csPos[0] = off[root]!;
    let csp = 1;
    while (csp > 0) {
      const top = csp - 1;
      const x = csNode[top]!;
      let pos = csPos[top]!;
      const end = off[x + 1]!;
      let descended = false;
      while (pos < end) {
        const y = to[pos++]!;
        const iy = index[y]!;
        if (iy === -1) {
          csPos[top] = pos;
          index[y] = low[y] = counter++;
          stack[sp++] = y;
          csNode[csp] = y;
          csPos[csp] = off[y]!;
          csp++;
          descended = true;
          break;
        }
        if (iy !== DONE) {
          if (iy < low[x]!) low[x] = iy;
        } else {
          if (a[y]! < a[x]!) a[x] = a[y]!;
          if (two && b[y]! < b[x]!) b[x] = b[y]!;
        }
      }
      if (descended) continue;
      if (low[x] === index[x]) {
        let j = sp - 1;
        let ba = a[x]!;
        let bb = b[x]!;
        while (stack[j] !== x) {
          const w = stack[j]!;
          if (a[w]! < ba) ba = a[w]!;
          if (b[w]! < bb) bb = b[w]!;
          j--;
        }
        for (let t = j; t < sp; t++) {
          const w = stack[t]!;
          a[w] = ba;
          if (two) b[w] = bb;
          index[w] = DONE;
        }
        sp = j;
      }
      csp--;
      if (csp > 0) {
        const p = csNode[csp - 1]!;
        if (low[x]! < low[p]!) low[p] = low[x]!;
        if (a[x]! < a[p]!) a[p] = a[x]!;
        if (two && b[x]! < b[p]!) b[p] = b[x]!;
      }
    }
  }
  return two ? [a, b] : [a];
}
