/**
 * SMP scaling on KTAB's random one-dimensional sets dummyData-a040/-a080/-a160 (reference §9, P9).
 * Target: 80 actors in < 350 ms (KTAB's Debug build: ~346 s); per-turn growth ≤ ~8× per doubling (O(N³)).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { smp } from '../packages/core/src/forecast/smp.js';
import { importKtabCsv } from '../packages/core/src/importers/ktab.js';
import { medianMs, report } from './util.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = process.env.PARLEY_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');

export default async function (): Promise<void> {
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
