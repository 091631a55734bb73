/**
 * Coalitions (conflict-gmcr.md §8): a coalition structure turns each block into one mover (GMCR+ practice, §8.2), and
 * coalitional improvements R_H^{++} list what a coalition can reach by legal sequences with every member better off (§8.1).
 */
import { csrFromLists, type CompiledConflict, type Csr } from './model.js';
import { optionMoves } from './optionForm.js';
import { legalTree } from './reach.js';
import { improvementArcs, individualUnits, type Unit } from './stability.js';

/** States reachable from each state by a non-empty legal sequence of the given movers (the state itself excluded). */
export function legalClosure(m: number, csrs: Csr[]): Csr {
  const lists: number[][] = [];
  for (let s = 0; s < m; s++) {
    const t = legalTree(m, csrs, s);
    const out: number[] = [];
    for (let x = 0; x < m; x++) if (x !== s && t.steps[x]! > 0) out.push(x);
    lists.push(out);
  }
  return csrFromLists(lists);
}

/**
 * Movers for a coalition structure (blocks of decision-maker indices; every decision maker in exactly one block).
 * A block moves jointly: in option form with `anySubset` moves, any change of its members' options in one step; otherwise
 * any state its members reach by a legal sequence. Its improvements need every member strictly better off.
 */
export function coalitionUnits(model: CompiledConflict, blocks: number[][]): Unit[] {
  const seen = blocks.flat();
  if (
    new Set(seen).size !== seen.length ||
    seen.length !== model.dms.length ||
    seen.some((k) => k < 0 || k >= model.dms.length)
  )
    throw new Error('a coalition structure must place every decision maker in exactly one block');
  const singles = individualUnits(model);
  return blocks.map((block) => {
    if (block.length === 1) return singles[block[0]!]!;
    const o = model.options;
    let moves: Csr;
    let transitive = false;
    if (o && model.transitive) {
      const mask = block.reduce((acc, k) => acc | o.dmMask[k]!, 0);
      moves = optionMoves(o, mask, false);
      transitive = true;
    } else
      moves = legalClosure(
        model.m,
        block.map((k) => model.moves[k]!),
      );
    return {
      name: block.map((k) => model.dms[k]!.name).join(' + '),
      members: [...block],
      moves,
      ui: improvementArcs(moves, block, model.score),
      transitive,
    };
  });
}

/** Coalitional improvements of coalition H (§8.1): for each state, the states in R_H(s) where every member strictly gains. */
export function coalitionalImprovements(
  model: CompiledConflict,
  members: number[],
): { from: number; to: number[] }[] {
  const closure = legalClosure(
    model.m,
    members.map((k) => model.moves[k]!),
  );
  const out: { from: number; to: number[] }[] = [];
  for (let s = 0; s < model.m; s++) {
    const to: number[] = [];
    for (let e = closure.off[s]!; e < closure.off[s + 1]!; e++) {
      const x = closure.to[e]!;
      if (members.every((k) => model.score[k]![x]! > model.score[k]![s]!)) to.push(x);
    }
    if (to.length) out.push({ from: s, to });
  }
  return out;
}
