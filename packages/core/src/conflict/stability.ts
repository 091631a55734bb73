/**
 * Stability analysis (conflict-gmcr.md §7, §8.2, §12): Nash, GMR, SMR, SEQ, SIM and SEQ+SIM for every mover and state.
 * A mover ("unit") is a decision maker or a block of a coalition structure; a block's improvement needs every member
 * strictly better off, and a sanction against it succeeds when some member is not strictly better off.
 */
import { codeIndex, type CompiledConflict, type Csr, type OptionStructure } from './model.js';
import { INF, legalSearch, reachMin } from './reach.js';
import { reduceBlockRelation, reduceBlockTargets } from './reduction.js';
import { cubeClose, cubeKinds, sweepReachMin } from './sweep.js';
import { blockMoves, countermoveFromBlocks, improvementsFromBlocks, type BlockMoves } from './blocks.js';

/** Rounds of block sweeps over the opponents before the Tarjan pass finishes the minima. */
const SWEEP_ROUNDS = 4;

export const CONCEPTS = ['nash', 'gmr', 'smr', 'seq', 'sim', 'seqsim'] as const;
export type Concept = (typeof CONCEPTS)[number];

export interface Unit {
  name: string;
  /** Decision-maker indices. */
  members: number[];
  moves: Csr;
  /** Unilateral improvements: moves after which every member is strictly better off. */
  ui: Csr;
  /** True when the move relation is transitive (option form, `anySubset`). */
  transitive: boolean;
  /** Option form: bit mask of the options this mover controls (its moves stay inside blocks of this mask). */
  mask?: number;
}

/** Keep the arcs after which every member is strictly better off. */
export function improvementArcs(moves: Csr, members: number[], score: Int32Array[]): Csr {
  const m = moves.off.length - 1;
  const off = new Int32Array(m + 1);
  const keep = new Uint8Array(moves.to.length);
  let e = 0;
  const sc = members.map((k) => score[k]!);
  if (sc.length === 1) {
    const p = sc[0]!;
    for (let x = 0; x < m; x++) {
      off[x] = e;
      const px = p[x]!;
      for (let a = moves.off[x]!; a < moves.off[x + 1]!; a++)
        if (p[moves.to[a]!]! > px) {
          keep[a] = 1;
          e++;
        }
    }
  } else
    for (let x = 0; x < m; x++) {
      off[x] = e;
      for (let a = moves.off[x]!; a < moves.off[x + 1]!; a++) {
        const y = moves.to[a]!;
        let all = true;
        for (const s of sc)
          if (s[y]! <= s[x]!) {
            all = false;
            break;
          }
        if (all) {
          keep[a] = 1;
          e++;
        }
      }
    }
  off[m] = e;
  const to = new Int32Array(e);
  let t = 0;
  for (let a = 0; a < moves.to.length; a++) if (keep[a]) to[t++] = moves.to[a]!;
  return { off, to };
}

/** Block move masks behind a unit's improvement lists (option form, movers with at most 5 options). */
const blockInfo = new WeakMap<Csr, { bm: BlockMoves; uiTargets: Int32Array }>();

/** One unit per decision maker. */
export function individualUnits(model: CompiledConflict): Unit[] {
  const o = model.options;
  return model.dms.map((dm, k) => {
    const bm = o ? blockMoves(o, o.dmMask[k]!, o.movesPerStep === 'single') : null;
    let ui: Csr;
    if (o && bm) {
      const r = improvementsFromBlocks(o, bm, model.score[k]!);
      ui = r.ui;
      blockInfo.set(ui, { bm, uiTargets: r.targets });
    } else ui = improvementArcs(model.moves[k]!, [k], model.score);
    return {
      name: dm.name,
      members: [k],
      // The move lists are built on first use (option form lists them lazily).
      get moves(): Csr {
        return model.moves[k]!;
      },
      ui,
      transitive: model.transitive,
      ...(o ? { mask: o.dmMask[k]! } : {}),
    };
  });
}

export interface StabilityOptions {
  /** Largest number of opponent combinations SIM examines per state before giving up on it (default 200,000). */
  simCap?: number;
}

export interface StabilityTable {
  units: Unit[];
  concepts: Concept[];
  /** stable[u][concept][s] = 1 when state s is stable for unit u. */
  stable: Partial<Record<Concept, Uint8Array>>[];
  equilibria: Partial<Record<Concept, Uint8Array>>;
  /** Per unit: states where SIM hit the cap and was not computed (reported unstable). */
  simNotComputed: number[][];
}

/** v_i(x) = max(p_i(x), max over i's moves z from x of p_i(z)): "i's best outcome at or one move from x". */
function countermoveValue(moves: Csr, p: Int32Array): Int32Array {
  const m = p.length;
  const v = new Int32Array(m);
  for (let x = 0; x < m; x++) {
    let best = p[x]!;
    for (let e = moves.off[x]!; e < moves.off[x + 1]!; e++) {
      const z = p[moves.to[e]!]!;
      if (z > best) best = z;
    }
    v[x] = best;
  }
  return v;
}

/** For each state s: every UI s1 satisfies ∃ value index k with minReach[k][s1] ≤ ref[k][s]. */
function allSanctioned(ui: Csr, minReach: Int32Array[], ref: Int32Array[], m: number): Uint8Array {
  const out = new Uint8Array(m);
  const K = minReach.length;
  for (let s = 0; s < m; s++) {
    let ok = 1;
    for (let e = ui.off[s]!; e < ui.off[s + 1]! && ok; e++) {
      const s1 = ui.to[e]!;
      let sanctioned = false;
      for (let k = 0; k < K; k++)
        if (minReach[k]![s1]! !== INF && minReach[k]![s1]! <= ref[k]![s]!) {
          sanctioned = true;
          break;
        }
      if (!sanctioned) ok = 0;
    }
    out[s] = ok;
  }
  return out;
}

/** Stability of every state for every unit under the requested concepts. */
export function analyzeStability(
  model: CompiledConflict,
  units: Unit[],
  concepts: readonly Concept[],
  opts: StabilityOptions = {},
): StabilityTable {
  const m = model.m;
  const want = new Set(concepts);
  if (want.has('seqsim')) {
    want.add('seq');
    want.add('sim');
  }
  if (want.has('sim') && !model.options)
    throw new Error('SIM needs an option-form model (graph form has no option values)');
  if (want.has('sim') && units.some((u) => u.members.length > 1))
    throw new Error('SIM is not defined for coalition structures in Parley');
  const fast = units.every((u) => u.transitive);
  // Fast path: reachability through sparse generators of each mover's (transitive) relations.
  const o = model.options;
  const sparse = (u: Unit, rel: Csr): Csr =>
    fast && o && u.mask !== undefined ? (reduceBlockRelation(o, u.mask, rel) ?? rel) : rel;
  const info = units.map((u) => blockInfo.get(u.ui));
  // Every code feasible and state index = decimal code: closures over moves are per-bit passes over the code space.
  const cube = !!o && o.patterns.length === 0 && model.m === 2 ** o.ids.length && o.ids.length <= 30;
  // Sparse generators (Tarjan fallback), built only when needed.
  const umMemo: (Csr | undefined)[] = [];
  const uiMemo: (Csr | undefined)[] = [];
  const reachUm = (k: number): Csr => {
    const b = info[k];
    return (umMemo[k] ??=
      fast && o && b
        ? reduceBlockTargets(o, b.bm.mask, b.bm.local, b.bm.expand, b.bm.targets)
        : sparse(units[k]!, units[k]!.moves));
  };
  const reachUi = (k: number): Csr => {
    const b = info[k];
    return (uiMemo[k] ??=
      fast && o && b
        ? reduceBlockTargets(o, b.bm.mask, b.bm.local, b.bm.expand, b.uiTargets)
        : sparse(units[k]!, units[k]!.ui));
  };
  /** Minima of `vals` over what the opponents of unit `focal` reach (by moves, or by improvements with `ui`). */
  const oppMin = (focal: number, vals: Int32Array[], ui: boolean): Int32Array[] => {
    const oppIdx = units.map((_, k) => k).filter((k) => k !== focal);
    const rel = ui ? reachUi : reachUm;
    if (fast && o && !ui && cube && oppIdx.every((k) => units[k]!.mask !== undefined)) {
      const acc = vals.map((v) => Int32Array.from(v));
      cubeClose(
        acc,
        o.ids.length,
        cubeKinds(
          o,
          oppIdx.reduce((a, k) => a | units[k]!.mask!, 0),
        ),
      );
      return acc;
    }
    if (fast && o && !ui && oppIdx.every((k) => info[k])) {
      const acc = vals.map((v) => Int32Array.from(v));
      const done = sweepReachMin(
        o,
        oppIdx.map((k) => info[k]!.bm),
        acc,
        SWEEP_ROUNDS,
      );
      if (done) return acc;
      // Not settled: finish exactly from the partial minima.
      return reachMin(m, oppIdx.map(rel), acc, false);
    }
    return reachMin(m, oppIdx.map(rel), vals, !fast);
  };
  const stable: Partial<Record<Concept, Uint8Array>>[] = [];
  const simNotComputed: number[][] = [];
  units.forEach((u, ui) => {
    const res: Partial<Record<Concept, Uint8Array>> = {};
    const opp = units.filter((_, k) => k !== ui);
    const memberScores = u.members.map((k) => model.score[k]!);
    if (want.has('nash')) {
      const r = new Uint8Array(m);
      for (let s = 0; s < m; s++) r[s] = u.ui.off[s + 1] === u.ui.off[s] ? 1 : 0;
      res.nash = r;
    }
    if (want.has('gmr') || want.has('smr')) {
      const single = u.members.length === 1;
      const vals = [...memberScores];
      if (want.has('smr') && single) {
        const b = info[ui];
        if (o && cube && u.mask !== undefined && o.movesPerStep === 'anySubset') {
          // v(x) = max of p over x and i's moves from x: a product set when every code is feasible.
          const v = Int32Array.from(memberScores[0]!);
          cubeClose([v], o.ids.length, cubeKinds(o, u.mask), true);
          vals.push(v);
        } else
          vals.push(
            o && b
              ? countermoveFromBlocks(o, b.bm, memberScores[0]!)
              : countermoveValue(u.moves, memberScores[0]!),
          );
      }
      const mins = oppMin(ui, vals, false);
      if (want.has('gmr')) res.gmr = allSanctioned(u.ui, mins.slice(0, memberScores.length), memberScores, m);
      if (want.has('smr'))
        res.smr = single
          ? allSanctioned(u.ui, [mins[1]!], memberScores, m)
          : blockSmr(m, u, opp, memberScores);
    }
    if (want.has('seq')) {
      const mins = oppMin(ui, memberScores, true);
      res.seq = allSanctioned(u.ui, mins, memberScores, m);
    }
    const skipped: number[] = [];
    if (want.has('sim')) res.sim = simStable(model, ui, units, opts.simCap ?? 200_000, skipped);
    if (want.has('seqsim')) {
      const r = new Uint8Array(m);
      for (let s = 0; s < m; s++) r[s] = res.seq![s]! | res.sim![s]!;
      res.seqsim = r;
    }
    simNotComputed.push(skipped);
    stable.push(res);
  });
  const order = CONCEPTS.filter((c) => want.has(c) && concepts.includes(c));
  const equilibria: Partial<Record<Concept, Uint8Array>> = {};
  for (const c of order) {
    const r = new Uint8Array(m).fill(1);
    for (const res of stable) {
      const t = res[c]!;
      for (let s = 0; s < m; s++) r[s]! &= t[s]!;
    }
    equilibria[c] = r;
  }
  for (const res of stable) for (const c of CONCEPTS) if (!order.includes(c)) delete res[c];
  return { units, concepts: order, stable, equilibria, simNotComputed };
}

/** SMR for a block (several members): exact search per improvement (coalition analyses are small). */
function blockSmr(m: number, u: Unit, opp: Unit[], sc: Int32Array[]): Uint8Array {
  const out = new Uint8Array(m);
  const csrs = opp.map((o) => o.moves);
  for (let s = 0; s < m; s++) {
    const sanc = (x: number): boolean => sc.some((p) => p[x]! <= p[s]!);
    let ok = true;
    for (let e = u.ui.off[s]!; e < u.ui.off[s + 1]! && ok; e++) {
      const path = legalSearch(m, csrs, u.ui.to[e]!, (x) => {
        if (!sanc(x)) return false;
        for (let a = u.moves.off[x]!; a < u.moves.off[x + 1]!; a++) if (!sanc(u.moves.to[a]!)) return false;
        return true;
      });
      if (!path) ok = false;
    }
    out[s] = ok ? 1 : 0;
  }
  return out;
}

/**
 * SIM (§7.5, GMCR+ n-DM extension): each opponent independently stays or takes one of its own UIs from s; the combined
 * state takes the focal DM's options from s1. A UI is sanctioned when some feasible combination is not preferred to s.
 */
/** Score of the state with decimal code q, INF when q is infeasible (sparse code tables). */
function scoreOfCode(o: OptionStructure, p: Int32Array, q: number): number {
  const y = codeIndex(o, q);
  return y >= 0 ? p[y]! : INF;
}

function simStable(
  model: CompiledConflict,
  focal: number,
  units: Unit[],
  cap: number,
  skipped: number[],
): Uint8Array {
  const o = model.options!;
  const m = model.m;
  const codes = o.codes;
  const dense = o.dense;
  const i = units[focal]!.members[0]!;
  const p = model.score[i]!;
  const maskI = o.dmMask[i]!;
  const ui = units[focal]!.ui;
  // The opponent with the most options goes last: it runs the tight inner loop.
  const popcount = (x: number): number => x.toString(2).replace(/0/g, '').length;
  const opp = units
    .map((_, k) => k)
    .filter((k) => k !== focal)
    .sort(
      (a, b) =>
        popcount(o.dmMask[units[a]!.members[0]!]!) - popcount(o.dmMask[units[b]!.members[0]!]!) || a - b,
    );
  const J = opp.length;
  // Per opponent: its UI arcs and, aligned with them, the option bits it sets by each UI.
  const oppOff = opp.map((k) => units[k]!.ui.off);
  const oppBits = opp.map((k) => {
    const c = units[k]!.ui;
    const mask = o.dmMask[units[k]!.members[0]!]!;
    const b = new Int32Array(c.to.length);
    for (let e = 0; e < b.length; e++) b[e] = codes[c.to[e]!]! & mask;
    return b;
  });
  const oppMask = Int32Array.from(opp, (k) => o.dmMask[units[k]!.members[0]!]!);
  // With a dense code table: i's score by decimal code (INF for infeasible codes), one memory access per combination.
  let pByCode: Int32Array | null = null;
  if (dense) {
    pByCode = new Int32Array(dense.length).fill(INF);
    for (let c = 0; c < dense.length; c++) if (dense[c]! >= 0) pByCode[c] = p[dense[c]!]!;
  }
  // A one-byte summary of pByCode (score >> shift; 255 for infeasible codes), four times smaller: a lower byte decides
  // "not preferred" at once, a higher one "preferred"; only equal bytes need the exact score.
  let shift = 0;
  let maxP = 0;
  for (let x = 0; x < m; x++) if (p[x]! > maxP) maxP = p[x]!;
  while (maxP >> shift > 254) shift++;
  let byteByCode: Uint8Array | null = null;
  if (pByCode) {
    byteByCode = new Uint8Array(pByCode.length);
    for (let c = 0; c < pByCode.length; c++) byteByCode[c] = pByCode[c] === INF ? 255 : pByCode[c]! >> shift;
  }
  const choice = new Int32Array(J);
  const bits = new Int32Array(J);
  const stay = new Int32Array(J);
  const pairs = new Int32Array(32 * 32);
  const out = new Uint8Array(m);
  for (let s = 0; s < m; s++) {
    const uiStart = ui.off[s]!;
    const uiEnd = ui.off[s + 1]!;
    if (uiStart === uiEnd) {
      out[s] = 1;
      continue;
    }
    const cs = codes[s]!;
    for (let t = 0; t < J; t++) stay[t] = cs & oppMask[t]!;
    const ps = p[s]!;
    const bs = ps >> shift;
    let budget = cap;
    let ok = true;
    let gaveUp = false;
    // The last opponent's choices form the inner loop; an odometer runs over the others.
    const L = J - 1;
    const innerStart = oppOff[L]![s]!;
    const innerEnd = oppOff[L]![s + 1]!;
    const innerBits = oppBits[L]!;
    const innerStay = stay[L]!;
    if (pByCode && byteByCode && J >= 3) {
      // When the search below cannot reach the cap (every combination of every UI costs less than the budget), the
      // order of the combinations does not matter: the last two opponents' choices are paired once per state and
      // scanned as one inner list, with an odometer over the rest.
      let outer = 1;
      for (let t = 0; t < L - 1; t++) outer *= 1 + oppOff[t]![s + 1]! - oppOff[t]![s]!;
      const n2 = 1 + oppOff[L - 1]![s + 1]! - oppOff[L - 1]![s]!;
      const n1 = 1 + innerEnd - innerStart;
      if ((uiEnd - uiStart) * outer * n2 * n1 < cap) {
        let np = 0;
        const b2 = oppOff[L - 1]![s]!;
        for (let a2 = -1; a2 < n2 - 1; a2++) {
          const x2 = a2 < 0 ? stay[L - 1]! : oppBits[L - 1]![b2 + a2]!;
          pairs[np++] = x2 | innerStay;
          for (let a = innerStart; a < innerEnd; a++) pairs[np++] = x2 | innerBits[a]!;
        }
        for (let e = uiStart; e < uiEnd && ok; e++) {
          const iBits = codes[ui.to[e]!]! & maskI;
          let rest = 0;
          for (let t = 0; t < L - 1; t++) {
            choice[t] = -1;
            bits[t] = stay[t]!;
            rest |= bits[t]!;
          }
          let sanctioned = false;
          // The first combination (everyone stays) is s1 itself, an improvement: never a sanction.
          let k0 = 1;
          for (;;) {
            const base = iBits | rest;
            for (let k = k0; k < np; k++) {
              const q = base | pairs[k]!;
              const bq = byteByCode[q]!;
              if (bq < bs || (bq === bs && pByCode[q]! <= ps)) {
                sanctioned = true;
                break;
              }
            }
            if (sanctioned) break;
            k0 = 0;
            let t = 0;
            while (t < L - 1) {
              rest ^= bits[t]!;
              const b0 = oppOff[t]![s]!;
              const next = choice[t]! + 1;
              if (b0 + next < oppOff[t]![s + 1]!) {
                choice[t] = next;
                bits[t] = oppBits[t]![b0 + next]!;
                rest |= bits[t]!;
                break;
              }
              choice[t] = -1;
              bits[t] = stay[t]!;
              rest |= bits[t]!;
              t++;
            }
            if (t === L - 1) break;
          }
          if (!sanctioned) ok = false;
        }
        out[s] = ok ? 1 : 0;
        continue;
      }
    }
    for (let e = uiStart; e < uiEnd && ok; e++) {
      const iBits = codes[ui.to[e]!]! & maskI;
      // Outer choices: -1 = stay, otherwise an index into that opponent's UI arcs from s.
      let rest = 0;
      for (let t = 0; t < L; t++) {
        choice[t] = -1;
        bits[t] = stay[t]!;
        rest |= bits[t]!;
      }
      let sanctioned = false;
      // The first combination (everyone stays) is s1 itself, an improvement: never a sanction, not looked up.
      let first = true;
      for (;;) {
        const base = iBits | rest;
        if (pByCode && byteByCode) {
          if (!first) {
            const q = base | innerStay;
            const bq = byteByCode[q]!;
            if (bq < bs || (bq === bs && pByCode[q]! <= ps)) sanctioned = true;
          }
          if (!sanctioned)
            for (let a = innerStart; a < innerEnd; a++) {
              const q = base | innerBits[a]!;
              const bq = byteByCode[q]!;
              if (bq < bs || (bq === bs && pByCode[q]! <= ps)) {
                sanctioned = true;
                break;
              }
            }
        } else {
          if (!first && scoreOfCode(o, p, base | innerStay) <= ps) sanctioned = true;
          else
            for (let a = innerStart; a < innerEnd; a++)
              if (scoreOfCode(o, p, base | innerBits[a]!) <= ps) {
                sanctioned = true;
                break;
              }
        }
        if (sanctioned) break;
        first = false;
        budget -= 1 + innerEnd - innerStart;
        if (budget <= 0) {
          gaveUp = true;
          break;
        }
        let t = 0;
        while (t < L) {
          rest ^= bits[t]!;
          const b0 = oppOff[t]![s]!;
          const next = choice[t]! + 1;
          if (b0 + next < oppOff[t]![s + 1]!) {
            choice[t] = next;
            bits[t] = oppBits[t]![b0 + next]!;
            rest |= bits[t]!;
            break;
          }
          choice[t] = -1;
          bits[t] = stay[t]!;
          rest |= bits[t]!;
          t++;
        }
        if (t === L) break;
      }
      if (gaveUp) break;
      if (!sanctioned) ok = false;
    }
    if (gaveUp) {
      skipped.push(s);
      out[s] = 0;
    } else out[s] = ok ? 1 : 0;
  }
  return out;
}
