/**
 * Status quo analysis (conflict-gmcr.md §9): from a status quo, which states can the conflict reach by legal sequences
 * of moves (all movers; no mover twice in succession), in how many steps, and who moves at each step.
 */
import type { CompiledConflict } from './model.js';
import { legalTree, type Step } from './reach.js';
import type { Unit } from './stability.js';

export interface StatusQuoReach {
  state: number;
  steps: number;
  path: Step[];
}

export interface StatusQuoResult {
  start: number;
  /** 'ui': every step is an improvement for its mover; 'um': any unilateral move. */
  mode: 'ui' | 'um';
  /** Reached states (the start included, 0 steps), by fewest steps then state index. */
  reached: StatusQuoReach[];
}

export function statusQuoAnalysis(
  model: CompiledConflict,
  units: Unit[],
  start: number,
  mode: 'ui' | 'um' = 'ui',
  maxSteps = Infinity,
): StatusQuoResult {
  if (start < 0 || start >= model.m) throw new Error(`status quo ${start} is not a state`);
  const tree = legalTree(
    model.m,
    units.map((u) => (mode === 'ui' ? u.ui : u.moves)),
    start,
    maxSteps,
  );
  const reached: StatusQuoReach[] = [];
  for (let x = 0; x < model.m; x++)
    if (tree.steps[x]! >= 0) reached.push({ state: x, steps: tree.steps[x]!, path: tree.pathTo(x) });
  reached.sort((a, b) => a.steps - b.steps || a.state - b.state);
  return { start, mode, reached };
}
