/**
 * Explanations (conflict-gmcr.md §7.1): for a state, a mover and a concept, every unilateral improvement with the
 * sanction that blocks it (a legal sequence of opponents' moves ending in a state the mover does not prefer), or the
 * note that nothing blocks it. Computed by breadth-first search straight from the definitions, independently of the
 * SCC engine, so the two cross-check each other.
 */
import { codeIndex, type CompiledConflict } from './model.js';
import { legalSearch, type Step } from './reach.js';
import type { Concept, Unit } from './stability.js';

export interface Sanction {
  /** Opponents' moves: `by` is an index into the movers (units). */
  path: Step[];
  /** SIM: the opponents' simultaneous choices (unit index → state it moves to from the original state). */
  simultaneous?: { by: number; to: number }[];
  /** State where the sanction ends. */
  end: number;
}

export interface ImprovementVerdict {
  /** The improving move's target state. */
  to: number;
  sanctioned: boolean;
  sanction?: Sanction;
}

export interface Verdict {
  unit: number;
  concept: Concept;
  stable: boolean;
  improvements: ImprovementVerdict[];
  /** SIM gave up (too many combinations). */
  notComputed?: boolean;
}

const SIM_CAP = 200_000;

/** Verdict of one concept for one mover at one state, with witnesses. */
export function explainState(
  model: CompiledConflict,
  units: Unit[],
  u: number,
  s: number,
  concept: Concept,
): Verdict {
  const unit = units[u]!;
  const members = unit.members.map((k) => model.score[k]!);
  const notPreferred = (x: number): boolean => members.some((p) => p[x]! <= p[s]!);
  const oppIdx = units.map((_, k) => k).filter((k) => k !== u);
  const uis: number[] = [];
  for (let e = unit.ui.off[s]!; e < unit.ui.off[s + 1]!; e++) uis.push(unit.ui.to[e]!);
  const mapPath = (p: Step[]): Step[] => p.map((st) => ({ by: oppIdx[st.by]!, to: st.to }));
  if (concept === 'seqsim') {
    const seq = explainState(model, units, u, s, 'seq');
    if (seq.stable) return { ...seq, concept };
    const sim = explainState(model, units, u, s, 'sim');
    return { ...sim, concept };
  }
  if (concept === 'nash') {
    return {
      unit: u,
      concept,
      stable: uis.length === 0,
      improvements: uis.map((to) => ({ to, sanctioned: false })),
    };
  }
  if (concept === 'sim') return explainSim(model, units, u, s, uis, notPreferred);
  const csrs = oppIdx.map((k) => (concept === 'seq' ? units[k]!.ui : units[k]!.moves));
  const accept =
    concept === 'smr'
      ? (x: number): boolean => {
          if (!notPreferred(x)) return false;
          for (let a = unit.moves.off[x]!; a < unit.moves.off[x + 1]!; a++)
            if (!notPreferred(unit.moves.to[a]!)) return false;
          return true;
        }
      : notPreferred;
  const improvements = uis.map((to): ImprovementVerdict => {
    const p = legalSearch(model.m, csrs, to, accept);
    return p
      ? { to, sanctioned: true, sanction: { path: mapPath(p), end: p[p.length - 1]!.to } }
      : { to, sanctioned: false };
  });
  return { unit: u, concept, stable: improvements.every((i) => i.sanctioned), improvements };
}

function explainSim(
  model: CompiledConflict,
  units: Unit[],
  u: number,
  s: number,
  uis: number[],
  notPreferred: (x: number) => boolean,
): Verdict {
  const o = model.options;
  if (!o) throw new Error('SIM needs an option-form model (graph form has no option values)');
  if (units.some((x) => x.members.length > 1))
    throw new Error('SIM is not defined for coalition structures in Parley');
  const opp = units.map((_, k) => k).filter((k) => k !== u);
  const choices = opp.map((k) => {
    const c = units[k]!.ui;
    const list = [-1];
    for (let e = c.off[s]!; e < c.off[s + 1]!; e++) list.push(c.to[e]!);
    return list;
  });
  const maskOf = (k: number): number => o.dmMask[units[k]!.members[0]!]!;
  const cs = o.codes[s]!;
  let budget = SIM_CAP;
  let gaveUp = false;
  const improvements: ImprovementVerdict[] = [];
  for (const s1 of uis) {
    const pick = new Array<number>(opp.length).fill(0);
    let found: ImprovementVerdict | undefined;
    for (;;) {
      let q = o.codes[s1]! & maskOf(u);
      opp.forEach((k, t) => {
        const y = choices[t]![pick[t]!]!;
        q |= (y < 0 ? cs : o.codes[y]!) & maskOf(k);
      });
      const y = codeIndex(o, q);
      if (y >= 0 && notPreferred(y)) {
        const simultaneous = opp.flatMap((k, t) =>
          pick[t]! > 0 ? [{ by: k, to: choices[t]![pick[t]!]! }] : [],
        );
        found = { to: s1, sanctioned: true, sanction: { path: [], simultaneous, end: y } };
        break;
      }
      if (--budget <= 0) {
        gaveUp = true;
        break;
      }
      let t = 0;
      while (t < opp.length) {
        if (pick[t]! + 1 < choices[t]!.length) {
          pick[t]!++;
          break;
        }
        pick[t] = 0;
        t++;
      }
      if (t === opp.length) break;
    }
    if (gaveUp) break;
    improvements.push(found ?? { to: s1, sanctioned: false });
  }
  if (gaveUp) return { unit: u, concept: 'sim', stable: false, improvements, notComputed: true };
  return { unit: u, concept: 'sim', stable: improvements.every((i) => i.sanctioned), improvements };
}
