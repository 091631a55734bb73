/**
 * Conflict engine (GMCR) bench: random option-form models with 6 decision makers, all concepts (Nash, GMR, SMR, SEQ,
 * SIM, SEQ+SIM) for all decision makers. Targets: 2^17 states < 1 s; 2^20 states < 10 s and < 4 GB.
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
import { medianMs, report } from './util.js';

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

export default async function (): Promise<void> {
  for (const [options, runs, target] of [
    [17, 5, 1000],
    [20, 3, 10_000],
  ] as const) {
    const input = randomModel(options, 42 + options);
    const model = compile(input);
    const arcs = model.moves.reduce((a, c) => a + c.to.length, 0);
    console.log(`2^${options} = ${model.m} states, 6 DMs, ${arcs} unilateral moves`);
    report(
      `  compile option form (2^${options})`,
      medianMs(() => compile(input), 1, 0),
    );
    const cpu: number[] = [];
    const r = medianMs(
      () => {
        const c0 = process.cpuUsage();
        analyzeStability(model, individualUnits(model), ALL);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      },
      runs,
      1,
    );
    report(`  all concepts, all DMs (2^${options})`, r, target);
    cpu.sort((a, b) => a - b);
    console.log(
      `  CPU time median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(0)} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    );
    const t = analyzeStability(model, individualUnits(model), ALL);
    const eq = t.concepts.map((c) => `${c} ${t.equilibria[c]!.reduce((a, v) => a + v, 0)}`).join(', ');
    console.log(
      `  equilibria: ${eq}; SIM not computed at ${t.simNotComputed.flat().length} (state, DM) pairs`,
    );
    console.log(`  peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
}
