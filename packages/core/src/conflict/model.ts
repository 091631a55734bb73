/**
 * The compiled graph model G = <N, S, (A_i), (≿_i)> that every analysis works on (conflict-gmcr.md §1).
 * Both input forms (graph form, option form) compile to this shape. States are 0-based indices inside the engine;
 * `stateName` gives the public name (1-based number in graph form, decimal code in option form).
 */

/** Compressed sparse rows: the arcs leaving state x are to[off[x]] … to[off[x + 1] - 1]. */
export interface Csr {
  off: Int32Array;
  to: Int32Array;
}

export interface DecisionMaker {
  id: string;
  name: string;
  /** Scenario actor this decision maker stands for, when given. */
  actor?: string;
}

export type Reversibility = 'both' | 'forwardOnly' | 'backwardOnly';
export type MovesPerStep = 'anySubset' | 'single';

/** Option-form structure kept after compilation (needed for SIM, joint coalition moves and state names). */
export interface OptionStructure {
  ids: string[];
  names: string[];
  /** Owner (decision-maker index) of each option, in bit order. */
  owner: Int32Array;
  reversibility: Reversibility[];
  /** Bit mask of each decision maker's options. */
  dmMask: Int32Array;
  /** Decimal code of each feasible state, ascending. */
  codes: Int32Array;
  /** code → state index (-1 when infeasible); null when the option count is too large for a dense table. */
  dense: Int32Array | null;
  movesPerStep: MovesPerStep;
  /** Infeasibility as (mask, value) pairs: a state is infeasible iff (code & mask) === value for some pair. */
  patterns: { mask: number; value: number }[];
  /** Counts for reporting. */
  rawStates: number;
  /** Raw states matched by each infeasibility rule on its own (file order); absent for very large models. */
  removedByRule?: number[];
}

export interface CompiledConflict {
  form: 'graph' | 'option';
  title?: string;
  dms: DecisionMaker[];
  /** Number of feasible states. */
  m: number;
  /** Graph form: the state labels of the input. */
  labels?: string[];
  /** Per decision maker: unilateral moves. */
  moves: Csr[];
  /** Per decision maker: order-preserving score p_i (dense rank, higher = more preferred). */
  score: Int32Array[];
  /**
   * True when every decision maker's move relation is transitive (option form with `anySubset` moves), which lets the
   * engine replace legal sequences by plain reachability in the union graph (§12.4).
   */
  transitive: boolean;
  options?: OptionStructure;
  /** Status quo state index, when the input names one. */
  statusQuo?: number;
  /** Coalition structure named in the input (blocks of decision-maker indices). */
  coalitions?: number[][];
}

/** Public name of a state: 1-based index in graph form, decimal code in option form. */
export function stateName(model: CompiledConflict, s: number): number {
  return model.options ? model.options.codes[s]! : s + 1;
}

/** State index for a public name, or -1. */
export function stateIndex(model: CompiledConflict, name: number): number {
  if (!Number.isInteger(name)) return -1;
  const o = model.options;
  if (!o) return name >= 1 && name <= model.m ? name - 1 : -1;
  return codeIndex(o, name);
}

/** Index of a decimal code among the feasible states, or -1. */
export function codeIndex(o: OptionStructure, code: number): number {
  if (o.dense) return code >= 0 && code < o.dense.length ? o.dense[code]! : -1;
  let lo = 0;
  let hi = o.codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = o.codes[mid]!;
    if (c === code) return mid;
    if (c < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** YN string of a code, option 0 first. */
export function ynString(code: number, optionCount: number): string {
  let s = '';
  for (let k = 0; k < optionCount; k++) s += (code >>> k) & 1 ? 'Y' : 'N';
  return s;
}

/** Human-readable label of a state. */
export function stateLabel(model: CompiledConflict, s: number): string {
  if (model.options) return ynString(model.options.codes[s]!, model.options.ids.length);
  return model.labels?.[s] ?? String(s + 1);
}

/** Build a CSR from per-state adjacency lists. */
export function csrFromLists(lists: number[][]): Csr {
  const off = new Int32Array(lists.length + 1);
  for (let x = 0; x < lists.length; x++) off[x + 1] = off[x]! + lists[x]!.length;
  const to = new Int32Array(off[lists.length]!);
  for (let x = 0; x < lists.length; x++) to.set(lists[x]!, off[x]!);
  return { off, to };
}

/** Convert raw scores (higher = better, any numbers) into dense ranks 0..r-1. */
export function denseRank(raw: Float64Array): Int32Array {
  // Small non-negative integers (rankings, statement vectors): counting instead of sorting, same ranks.
  let max = 0;
  let small = true;
  for (let x = 0; x < raw.length; x++) {
    const v = raw[x]!;
    if (!(v >= 0 && v <= 1 << 26 && Math.floor(v) === v)) {
      small = false;
      break;
    }
    if (v > max) max = v;
  }
  if (small && max <= 4 * raw.length + 1024) {
    const rankOf = new Int32Array(max + 1);
    for (let x = 0; x < raw.length; x++) rankOf[raw[x]!] = 1;
    let r = 0;
    for (let v = 0; v <= max; v++) {
      const present = rankOf[v]!;
      rankOf[v] = r;
      r += present;
    }
    const out = new Int32Array(raw.length);
    for (let x = 0; x < raw.length; x++) out[x] = rankOf[raw[x]!]!;
    return out;
  }
  const sorted = Float64Array.from(raw).sort();
  const uniq: number[] = [];
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) uniq.push(sorted[k]!);
  const out = new Int32Array(raw.length);
  for (let x = 0; x < raw.length; x++) {
    const v = raw[x]!;
    let lo = 0;
    let hi = uniq.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    out[x] = lo;
  }
  return out;
}
