/** Forecast engine benchmarks: EUM with 100 actors × 10 issues (target < 100 ms), plus the other models. */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { eum } from '../packages/core/src/forecast/eum.js';
import { exchange } from '../packages/core/src/forecast/exchange.js';
import { weightedMean } from '../packages/core/src/forecast/mean.js';
import { weightedMedian } from '../packages/core/src/forecast/median.js';
import { makeProblem, type ForecastProblem } from '../packages/core/src/forecast/problem.js';
import { medianMs, report } from './util.js';

/** A seeded random problem: n actors × d issues on 0–100, capability (0, 1], salience (0, 1]. */
export function randomProblem(n: number, d: number, seed: number): ForecastProblem {
  const rng = xoroshiro128plus(seed);
  const u = (): number => uniformFloat64(rng);
  const actors = Array.from({ length: n }, (_, i) => ({ id: `a${i}`, capability: 0.01 + u() }));
  const issues = Array.from({ length: d }, (_, k) => ({ id: `i${k}`, lo: 0, hi: 100 }));
  const stances = actors.flatMap((a) =>
    issues.map((s) => ({ actor: a.id, issue: s.id, position: 100 * u(), salience: 0.01 + 0.99 * u() })),
  );
  return makeProblem({ actors, issues, stances });
}

export default async function (): Promise<void> {
  const big = randomProblem(100, 10, 20240501);
  const r = eum(big);
  const rounds = Object.values(r.details!['issues'] as Record<string, { rounds: number }>).map(
    (x) => x.rounds,
  );
  console.log(`EUM 100×10: rounds per issue ${rounds.join(' ')}; stop: ${r.stop.slice(0, 100)}`);
  report(
    'eum 100 actors × 10 issues',
    medianMs(() => eum(big)),
    100,
  );
  report(
    'eum 100 actors × 10 issues, fixed 20 rounds',
    medianMs(() => eum(big, { rounds: 20 })),
  );
  report(
    'mean 100 × 10',
    medianMs(() => weightedMean(big)),
  );
  report(
    'median 100 × 10',
    medianMs(() => weightedMedian(big)),
  );
  const mid = randomProblem(30, 8, 7);
  report(
    'exchange 30 actors × 8 issues, 10 rounds',
    medianMs(() => exchange(mid), 3),
  );
}
