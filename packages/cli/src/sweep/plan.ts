/**
 * Sweep planning: the identity of a sweep (a hash of everything its results depend on) and the batches still to run
 * given the batches already done. Results depend on (scenario, engine, model, seed, actors) and the run index alone,
 * so batch size, worker count and transport are free to change between a sweep and its resumption.
 */
import { createHash } from 'node:crypto';
import type { ChunkResult, SweepSpec } from '@parley/core';

export function sweepKey(spec: SweepSpec): string {
  const canonical = JSON.stringify({
    scenario: spec.scenario,
    engine: spec.engine,
    model: spec.engine === 'agreement' ? null : (spec.model ?? 'mean'),
    seed: spec.seed,
    actors: spec.actors ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

/** A batch: runs [from, to), numbered by its index in the plan. */
export interface Batch {
  index: number;
  from: number;
  to: number;
}

/**
 * Batches of at most `size` runs covering 0..runs−1 except the runs `done` already covers, in run order.
 *
 * With `slots` > 1 (workers running batches at once) the batches shrink towards the end, as in guided
 * self-scheduling: each takes at most 1/(2·slots) of the runs still unplanned, so the last batches are small and no
 * worker sits idle while another finishes a full batch. Run times vary (SMP's number of turns depends on the draw), and
 * with fixed batches the tail cost up to one batch's time. Results depend on the run index alone, so the plan changes
 * only scheduling.
 */
export function planBatches(
  runs: number,
  size: number,
  done: { from: number; to: number }[] = [],
  slots = 1,
): Batch[] {
  const covered = new Uint8Array(runs);
  for (const d of done) for (let r = Math.max(0, d.from); r < Math.min(d.to, runs); r++) covered[r] = 1;
  let left = runs - covered.reduce((s, c) => s + c, 0);
  const out: Batch[] = [];
  let r = 0;
  while (r < runs) {
    if (covered[r]) {
      r++;
      continue;
    }
    const cap = slots > 1 ? Math.max(1, Math.min(size, Math.ceil(left / (2 * slots)))) : size;
    const from = r;
    while (r < runs && !covered[r] && r - from < cap) r++;
    left -= r - from;
    out.push({ index: out.length, from, to: r });
  }
  return out;
}

/**
 * Keep each run once: from stored batches (which may overlap or run past `runs`), the pieces that cover new runs,
 * trimmed to [0, runs). Earlier batches win.
 */
export function usableChunks(chunks: ChunkResult[], runs: number, m: number, q: number): ChunkResult[] {
  const covered = new Uint8Array(runs);
  const out: ChunkResult[] = [];
  for (const c of chunks) {
    let r = c.from;
    const end = Math.min(c.to, runs);
    while (r < end) {
      if (covered[r]) {
        r++;
        continue;
      }
      const a = r;
      while (r < end && !covered[r]) covered[r++] = 1;
      const i = a - c.from;
      const j = r - c.from;
      out.push({
        from: a,
        to: r,
        inputs: c.inputs.slice(i * m, j * m),
        outputs: c.outputs.slice(i * q, j * q),
      });
    }
  }
  return out;
}
