/** Agreement engine benches (issue 5 targets): Pareto sweeps on synthetic points, one SAO negotiation on Genius Travel. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  analyseAgreement,
  paretoFront2,
  readGeniusDomain,
  readGeniusProfile,
  runSao,
  skyline,
  STRATEGIES,
} from '../packages/core/src/agreement/index.js';
import { medianMs, report } from './util.js';

/** Small deterministic generator (xorshift32) so the bench data are the same on every run. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export default async function (): Promise<void> {
  const r = xorshift(12345);
  const n1 = 1_000_000;
  const a1 = new Float64Array(n1);
  const b1 = new Float64Array(n1);
  for (let i = 0; i < n1; i++) {
    a1[i] = r();
    b1[i] = r();
  }
  let size = 0;
  const rnd = medianMs(() => (size = paretoFront2(a1, b1).length), 7, 2);
  report(`pareto 2 parties, 1M uniform random (frontier ${size})`, rnd, 80);

  const n2 = 100_000;
  const a2 = new Float64Array(n2);
  const b2 = new Float64Array(n2);
  for (let i = 0; i < n2; i++) {
    a2[i] = r();
    b2[i] = 1 - a2[i]! + 0.01 * r();
  }
  const anti = medianMs(() => (size = paretoFront2(a2, b2).length), 9, 2);
  report(`pareto 2 parties, 100k anti-correlated (frontier ${size})`, anti, 20);

  const n3 = 1_000_000;
  const c3 = [new Float64Array(n3), new Float64Array(n3), new Float64Array(n3)];
  for (let i = 0; i < n3; i++) for (const c of c3) c[i] = r();
  const sky = medianMs(() => (size = skyline(c3).length), 5, 1);
  report(`skyline 3 parties, 1M uniform random (frontier ${size}; NegMAS 1,077 ms)`, sky);

  const dataDir = process.env.PARLEY_SHARED_DATA ?? path.resolve(import.meta.dirname, '../../shared/data');
  const g = (f: string): string => readFileSync(path.join(dataDir, 'genius', 'Travel', f), 'utf8');
  const dom = readGeniusDomain(g('travel_domain.xml'));
  const problem = {
    space: dom.space,
    parties: ['travel_chox.xml', 'travel_fanny.xml'].map((f) => readGeniusProfile(dom, g(f), f)),
    source: 'genius' as const,
  };
  const full = medianMs(() => (size = analyseAgreement(problem).pareto.length), 5, 1);
  report(`agree analysis on Genius Travel (zone, frontier ${size}, bargaining points)`, full);
  for (const s of ['boulware', 'conceder', 'tit-for-tat'] as const) {
    let turns = 0;
    let agreed = false;
    const t = medianMs(
      () => {
        const res = runSao(problem, { strategy: STRATEGIES[s], seed: 1, trace: false });
        turns = res.turns;
        agreed = res.agreement !== null;
      },
      7,
      1,
    );
    report(
      `SAO on Genius Travel (188,160 outcomes), ${s} vs ${s}: ${turns} turns, ${agreed ? 'agreement' : 'no agreement'}`,
      t,
      70,
    );
  }
}
