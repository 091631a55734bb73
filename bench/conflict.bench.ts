/**
 * Conflict engine (GMCR) bench: random option-form models with 6 decision makers, all concepts (Nash, GMR, SMR, SEQ,
 * SIM, SEQ+SIM) for all decision makers. Targets: 2^17 states < 1 s; 2^20 states < 10 s and < 4 GB. Prints compile
 * time, analysis time (wall and CPU medians) and peak RSS separately.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import {
  analyzeStability,
  compileOptionForm,
  individualUnits,
  OptionFormConflict,
  type CompiledConflict,
} from '../packages/core/src/conflict/index.js';
import os from 'node:os';

/** Random rankings (setup, not timed): a seeded Fisher–Yates shuffle of all codes per decision maker. */
function randomRankings(options: number, seed: number): Int32Array[] {
  const rng = xoroshiro128plus(seed);
  const n = 1 << options;
  return Array.from({ length: 6 }, () => {
    const codes = new Int32Array(n);
    for (let c = 0; c < n; c++) codes[c] = c;
    for (let k = n - 1; k > 0; k--) {
      const j = uniformInt(rng, 0, k);
      const t = codes[k]!;
      codes[k] = codes[j]!;
      codes[j] = t;
    }
    return codes;
  });
}

/** Random model: `options` options split over 6 decision makers, one in ten forward-only, random strict rankings. */
function randomModel(options: number, seed: number): OptionFormConflict {
  const rng = xoroshiro128plus(seed);
  const per = [0, 0, 0, 0, 0, 0];
  for (let k = 0; k < options; k++) per[k % 6]!++;
  let bit = 0;
  const model = OptionFormConflict.parse({
    decisionMakers: per.map((c, d) => ({
      id: `dm${d}`,
      options: Array.from({ length: c }, () => ({
        id: `o${bit++}`,
        reversibility: uniformInt(rng, 0, 9) === 0 ? 'forwardOnly' : 'both',
      })),
      preferences: { ranking: [0] },
    })),
  });
  // Rankings are attached after validation: zod over 6 × 2^20 entries would dominate the setup time.
  const rankings = randomRankings(options, seed + 1);
  model.decisionMakers.forEach((dm, d) => (dm.preferences = { ranking: Array.from(rankings[d]!) }));
  return model;
}

function compile(model: OptionFormConflict): CompiledConflict {
  const r = compileOptionForm(model);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const ALL = ['nash', 'gmr', 'smr', 'seq', 'sim', 'seqsim'] as const;

const peakMb = (): string => (process.resourceUsage().maxRSS / 1024).toFixed(0);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall and CPU (user + system) time of each of `runs` calls after `warmup` calls, in ms. */
function timed(fn: () => unknown, runs: number, warmup: number): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

function line(name: string, t: { wall: number[]; cpu: number[] }, target?: number): void {
  const w = median(t.wall);
  const flag = target === undefined ? '' : `  (target < ${target} ms: ${w < target ? 'met' : 'MISSED'})`;
  console.log(
    `${name}: wall median ${w.toFixed(0)} ms (min ${Math.min(...t.wall).toFixed(0)}, max ${Math.max(...t.wall).toFixed(0)}), CPU median ${median(t.cpu).toFixed(0)} ms${flag}`,
  );
}

export default async function (): Promise<void> {
  for (const [options, runs, target] of [
    [17, 5, 1000],
    [20, 3, 10_000],
  ] as const) {
    const input = randomModel(options, 42 + options);
    console.log(`2^${options} states, 6 DMs (peak RSS after setup ${peakMb()} MB)`);
    // Compilation (state enumeration, preferences; move lists are built lazily): not in the timed target.
    line(
      `  compile option form (2^${options})`,
      timed(() => compile(input), runs, 0),
    );
    const model = compile(input);
    console.log(`  ${model.m} feasible states; peak RSS after compile ${peakMb()} MB`);
    // The first analysis of a model also builds the block move masks (cached on the model, as the move lists were).
    line(
      `  first analysis (2^${options})`,
      timed(() => analyzeStability(model, individualUnits(model), ALL), 1, 0),
    );
    const analysis = timed(() => analyzeStability(model, individualUnits(model), ALL), runs, 0);
    line(`  analysis: all concepts, all DMs (2^${options})`, analysis, target);
    console.log(
      `  peak RSS after analysis ${peakMb()} MB; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    );
    const t = analyzeStability(model, individualUnits(model), ALL);
    const eq = t.concepts.map((c) => `${c} ${t.equilibria[c]!.reduce((a, v) => a + v, 0)}`).join(', ');
    console.log(
      `  equilibria: ${eq}; SIM not computed at ${t.simNotComputed.flat().length} (state, DM) pairs`,
    );
  }
}
