/**
 * Issue 2 bench: validate and compare a generated scenario of 200 actors × 50 issues × 100 initiatives.
 * Targets: each < 200 ms.
 */
import { stringify } from 'yaml';
import { compare, parseScenario } from '../packages/core/src/index.js';
import { medianMs, report } from './util.js';

/** Deterministic generator (mulberry32) so every run measures the same scenario. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateScenario(nActors: number, nIssues: number, nInitiatives: number, seed = 1): Record<string, unknown> {
  const u = rng(seed);
  const seats = ['party', 'mediator', 'guarantor', 'observer', 'absent'];
  const sources = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, citation: `Generated source ${i}, 2026` }));
  const actors = Array.from({ length: nActors }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}`, capability: 1 + Math.floor(u() * 100), seat: seats[i % 5]! }));
  const issues = Array.from({ length: nIssues }, (_, k) =>
    k % 2 === 0
      ? { id: `q${k}`, title: `Issue ${k}`, scale: { min: 0, max: 100 } }
      : { id: `q${k}`, title: `Issue ${k}`, scale: { levels: Array.from({ length: 5 }, (_, j) => ({ value: j, label: `L${j}`, code: `Q${k}-${j}` })) } },
  );
  const val = (k: number) => (k % 2 === 0 ? Math.round(u() * 100) : Math.floor(u() * 5));
  const positions = [];
  for (const a of actors)
    for (let k = 0; k < nIssues; k++) {
      const v = val(k);
      positions.push({ actor: a.id, issue: `q${k}`, value: v, salience: Math.round(u() * 100), accept: [v, v], sources: [`s${k % 20}`] });
    }
  const initiatives = Array.from({ length: nInitiatives }, (_, i) => ({
    id: `p${i}`,
    title: `Initiative ${i}`,
    sponsor: `a${i % nActors}`,
    date: '2025-01-01',
    provisions: Array.from({ length: nIssues }, (_, k) => k)
      .filter(() => u() < 0.7)
      .map((k) => ({ issue: `q${k}`, stance: val(k), text: 'generated', sources: [`s${k % 20}`] })),
  }));
  return { parley: 1, title: 'Generated', sources, actors, issues, positions, initiatives };
}

export default async function (): Promise<void> {
  const data = generateScenario(200, 50, 100);
  const text = stringify(data);
  const r = parseScenario(text, 'generated.yaml');
  if (!r.ok) throw new Error('generated scenario is invalid: ' + r.problems[0]!.message);
  const scenario = r.scenario;
  console.log(`scenario: 200 actors × 50 issues × 100 initiatives, ${scenario.positions.length} positions, ${(text.length / 1024).toFixed(0)} KiB of YAML`);
  report('validate (YAML text → Scenario)', medianMs(() => parseScenario(text, 'generated.yaml'), 9, 2), 200);
  report('compare', medianMs(() => compare(scenario), 9, 2), 200);
}
