/**
 * SMP scaling on KTAB's random one-dimensional sets dummyData-a040/-a080/-a160 (reference §9, P9).
 * Target: 80 actors in < 350 ms (KTAB's Debug build: ~346 s); per-turn growth ≤ ~8× per doubling (O(N³)).
 * Small problems: seeded 20-actor × 3-issue problems like the Monte Carlo sweep's (bench/sweep.bench.ts), run as
 * the sweep runs them (outcome only, no trajectory); target ≤ 2.5 ms CPU per run. The issue's 10,000 runs in 30 s
 * on 2 cores allow 6 ms per run in all; 2.5 ms for the model leaves room for drawing the inputs, building the
 * problem and a speed-up below 2×.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForecastProblem } from '../packages/core/src/forecast/problem.js';
import { smp } from '../packages/core/src/forecast/smp.js';
import { importKtabCsv } from '../packages/core/src/importers/ktab.js';
import { medianMs, report } from './util.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = process.env.PARLEY_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');

/**
 * A seeded n × d problem drawn like sweep.bench.ts's generatedScenario (same generator and draw order):
 * capabilities 5–100, positions 0–100, saliences 10–100 %, all rounded. With `run` > 0, every input is then moved
 * uniformly within that scenario's uncertainty ranges (capability ±20 %, position ±10, salience ±15, clipped to the
 * scales) by a second generator seeded with `run`, like one run of a Monte Carlo sweep.
 */
export function smallProblem(seed: number, n = 20, d = 3, run = 0): ForecastProblem {
  const lcg = (s0: number): (() => number) => {
    let s = s0 >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  };
  const rnd = lcg(seed);
  const capability = Float64Array.from({ length: n }, () => Math.round(5 + rnd() * 95));
  const position = new Float64Array(n * d);
  const salience = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    position[i] = Math.round(rnd() * 100);
    salience[i] = Math.round(10 + rnd() * 90) / 100;
  }
  if (run > 0) {
    const r = lcg(0x9e3779b9 ^ run);
    const within = (lo: number, hi: number): number => lo + r() * (hi - lo);
    for (let i = 0; i < n; i++) capability[i] = within(0.8 * capability[i]!, 1.2 * capability[i]!);
    for (let i = 0; i < n * d; i++) {
      const v = position[i]!;
      const sv = salience[i]! * 100;
      position[i] = within(Math.max(0, v - 10), Math.min(100, v + 10));
      salience[i] = within(Math.max(0, sv - 15), Math.min(100, sv + 15)) / 100;
    }
  }
  return {
    actors: Array.from({ length: n }, (_, i) => `a${i}`),
    issues: Array.from({ length: d }, (_, k) => ({ id: `i${k}`, lo: 0, hi: 100 })),
    capability,
    position,
    salience,
  };
}

/** Median CPU time per run over 40 sweep-like runs: perturbations of the sweep's base scenario (seed 20). */
function smallProblems(): void {
  const problems = Array.from({ length: 40 }, (_, c) => smallProblem(20, 20, 3, c + 1));
  for (let w = 0; w < 2; w++) for (const p of problems) smp(p, {}, false);
  const turns = problems.reduce((acc, p) => acc + smp(p).rounds.length - 1, 0) / problems.length;
  // CPU time per run, median over repetitions of the whole set (less sensitive than wall time to a loaded machine).
  const cpu: number[] = [];
  for (let r = 0; r < 15; r++) {
    const c0 = process.cpuUsage();
    for (const p of problems) smp(p, {}, false);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / problems.length);
  }
  cpu.sort((a, b) => a - b);
  const median = cpu[cpu.length >> 1]!;
  console.log(
    `smp 20 actors × 3 issues, ${problems.length} sweep-like runs (mean ${turns.toFixed(1)} turns): cpu median ` +
      `${median.toFixed(2)} ms per run (min ${cpu[0]!.toFixed(2)}, max ${cpu[cpu.length - 1]!.toFixed(2)})` +
      `  (target ≤ 2.5 ms: ${median <= 2.5 ? 'met' : 'MISSED'}; 10,000 runs ≈ ${((median * 10_000) / 2 / 1000).toFixed(1)} s on 2 fully used cores)`,
  );
}

export default async function (): Promise<void> {
  smallProblems();
  const rows: { n: number; total: number; perTurn: number; turns: number }[] = [];
  for (const [file, runs, target] of [
    ['dummyData-a040.csv', 7, undefined],
    ['dummyData-a080.csv', 7, 350],
    ['dummyData-a160.csv', 3, undefined],
  ] as const) {
    const { problem } = importKtabCsv(readFileSync(path.join(sharedData, 'ktab', file), 'utf8'), file);
    const turns = smp(problem).rounds.length - 1;
    const cpu: number[] = [];
    const r = medianMs(
      () => {
        const c0 = process.cpuUsage();
        smp(problem);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      },
      runs,
      1,
    );
    report(`smp ${file} (${problem.actors.length} actors, ${turns} turns)`, r, target);
    // CPU time is less sensitive than wall time to other processes sharing the machine.
    cpu.sort((a, b) => a - b);
    console.log(`  cpu median ${cpu[cpu.length >> 1]!.toFixed(2)} ms (includes the warm-up run)`);
    rows.push({ n: problem.actors.length, total: r.median, perTurn: r.median / turns, turns });
  }
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    console.log(
      `growth ${a.n} → ${b.n} actors: total ×${(b.total / a.total).toFixed(2)}, per turn ×${(b.perTurn / a.perTurn).toFixed(2)} ` +
        `(${a.perTurn.toFixed(2)} → ${b.perTurn.toFixed(2)} ms/turn; O(N³) would be ×8)`,
    );
  }
}
