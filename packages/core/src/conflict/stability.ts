/**
 * Stability analysis (conflict-gmcr.md §7, §8.2, §12): Nash, GMR, SMR, SEQ, SIM and SEQ+SIM for every mover and state.
 * A mover ("unit") is a decision maker or a block of a coalition structure; a block's improvement needs every member
 * strictly better off, and a sanction against it succeeds when some member is not strictly better off.
 */
import { codeIndex, type CompiledConflict, type Csr, type OptionStructure } from './model.js';
import { INF, legalSearch, reachMin } from './reach.js';
import { reduceBlockRelation } from './reduction.js';

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

/** One unit per decision maker. */
export function individualUnits(model: CompiledConflict): Unit[] {
  return model.dms.map((dm, k) => ({
    name: dm.name,
    members: [k],
    moves: model.moves[k]!,
    ui: improvementArcs(model.moves[k]!, [k], model.score),
    transitive: model.transitive,
    ...(model.options ? { mask: model.options.dmMask[k]! } : {}),
  }));
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
  const needUm = want.has('gmr') || want.has('smr');
  const reachUm = needUm ? units.map((u) => sparse(u, u.moves)) : [];
  const reachUi = want.has('seq') ? units.map((u) => sparse(u, u.ui)) : [];
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
      if (want.has('smr') && single) vals.push(countermoveValue(u.moves, memberScores[0]!));
      const mins = reachMin(
        m,
        reachUm.filter((_, k) => k !== ui),
        vals,
        !fast,
      );
      if (want.has('gmr')) res.gmr = allSanctioned(u.ui, mins.slice(0, memberScores.length), memberScores, m);
      if (want.has('smr'))
        res.smr = single
          ? allSanctioned(u.ui, [mins[1]!], memberScores, m)
          : blockSmr(m, u, opp, memberScores);
    }
    if (want.has('seq')) {
      const mins = reachMin(
        m,
        reachUi.filter((_, k) => k !== ui),
        memberScores,
        !fast,
      );
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
  const choice = new Int32Array(J);
  const bits = new Int32Array(J);
  const stay = new Int32Array(J);
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
    let budget = cap;
    let ok = true;
    let gaveUp = false;
    // The last opponent's choices form the inner loop; an odometer runs over the others.
    const L = J - 1;
    const innerStart = oppOff[L]![s]!;
    const innerEnd = oppOff[L]![s + 1]!;
    const innerBits = oppBits[L]!;
    const innerStay = stay[L]!;
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
      for (;;) {
        const base = iBits | rest;
        if (pByCode) {
          if (pByCode[base | innerStay]! <= ps) sanctioned = true;
          else
            for (let a = innerStart; a < innerEnd; a++)
              if (pByCode[base | innerBits[a]!]! <= ps) {
                sanctioned = true;
                break;
              }
        } else {
          if (scoreOfCode(o, p, base | innerStay) <= ps) sanctioned = true;
          else
            for (let a = innerStart; a < innerEnd; a++)
              if (scoreOfCode(o, p, base | innerBits[a]!) <= ps) {
                sanctioned = true;
                break;
              }
        }
        if (sanctioned) break;
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
