/** Compile a graph-form model (states, moves and rankings listed explicitly) into the engine's graph model. */
import type { GraphFormConflict } from './schema.js';
import type { ConflictProblem, ConflictResult } from './problem.js';
import { csrFromLists, denseRank, type CompiledConflict } from './model.js';
import { resolveCoalitions } from './coalitionStructure.js';

/** Scores from a ranking (most preferred first, nested arrays = ties): score = length − position, then dense ranks. */
function rankingScores(
  ranking: (number | number[])[],
  m: number,
  path: string,
  problems: ConflictProblem[],
): Int32Array {
  const raw = new Float64Array(m).fill(NaN);
  const L = ranking.length;
  ranking.forEach((el, pos) => {
    for (const s of Array.isArray(el) ? el : [el]) {
      if (s < 1 || s > m)
        problems.push({ path: `${path}.${pos}`, message: `state ${s} does not exist (1..${m})` });
      else if (!Number.isNaN(raw[s - 1]!))
        problems.push({ path: `${path}.${pos}`, message: `state ${s} is ranked twice` });
      else raw[s - 1] = L - pos;
    }
  });
  const missing: number[] = [];
  raw.forEach((v, s) => {
    if (Number.isNaN(v)) missing.push(s + 1);
  });
  if (missing.length) problems.push({ path, message: `states not ranked: ${missing.join(', ')}` });
  return denseRank(raw.map((v) => (Number.isNaN(v) ? 0 : v)));
}

export function compileGraphForm(g: GraphFormConflict): ConflictResult<CompiledConflict> {
  const problems: ConflictProblem[] = [];
  const m = g.states.length;
  const names = g.decisionMakers;
  if (new Set(names).size !== names.length)
    problems.push({ path: 'decisionMakers', message: 'decision makers must have distinct names' });
  for (const key of Object.keys(g.moves))
    if (!names.includes(key))
      problems.push({ path: `moves.${key}`, message: `"${key}" is not a decision maker` });
  for (const key of Object.keys(g.preferenceRanking))
    if (!names.includes(key))
      problems.push({ path: `preferenceRanking.${key}`, message: `"${key}" is not a decision maker` });
  const moves = names.map((dm) => {
    const lists: number[][] = Array.from({ length: m }, () => []);
    for (const [from, tos] of Object.entries(g.moves[dm] ?? {})) {
      const x = Number(from);
      const path = `moves.${dm}.${from}`;
      if (!Number.isInteger(x) || x < 1 || x > m) {
        problems.push({ path, message: `"${from}" is not a state number (1..${m})` });
        continue;
      }
      const seen = new Set<number>();
      for (const y of tos) {
        if (y > m) problems.push({ path, message: `state ${y} does not exist (1..${m})` });
        else if (y === x) problems.push({ path, message: `a move from ${x} to itself is not allowed` });
        else if (!seen.has(y)) {
          seen.add(y);
          lists[x - 1]!.push(y - 1);
        }
      }
      lists[x - 1]!.sort((a, b) => a - b);
    }
    return csrFromLists(lists);
  });
  const score = names.map((dm) => {
    const r = g.preferenceRanking[dm];
    if (!r) {
      problems.push({ path: 'preferenceRanking', message: `no ranking for "${dm}"` });
      return new Int32Array(m);
    }
    return rankingScores(r, m, `preferenceRanking.${dm}`, problems);
  });
  if (g.statusQuo !== undefined && g.statusQuo > m)
    problems.push({ path: 'statusQuo', message: `state ${g.statusQuo} does not exist (1..${m})` });
  const dms = names.map((n) => ({ id: n, name: n }));
  const coalitions = g.coalitions ? resolveCoalitions(g.coalitions, dms, 'coalitions', problems) : undefined;
  if (problems.length) return { ok: false, problems };
  const model: CompiledConflict = {
    form: 'graph',
    dms,
    m,
    labels: [...g.states],
    moves,
    score,
    transitive: false,
  };
  if (g.title !== undefined) model.title = g.title;
  if (g.statusQuo !== undefined) model.statusQuo = g.statusQuo - 1;
  if (coalitions) model.coalitions = coalitions;
  return { ok: true, value: model, warnings: [] };
}
