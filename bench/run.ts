/**
 * `npm run bench`: runs every bench/*.bench.ts module (each exports `default async function (): Promise<void>`
 * that prints its medians). Pass names to run a subset: `npm run bench -- forecast conflict`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
/** Benches of sweeps run as `parley sweep` runs them: with single-threaded GC (see packages/cli/bin/parley.js). */
const SINGLE_THREADED_GC = new Set(['sweep.bench.ts']);
for (const f of files) {
  if (SINGLE_THREADED_GC.has(f) && !process.execArgv.includes('--single-threaded-gc')) {
    const self = fileURLToPath(import.meta.url);
    const r = spawnSync(process.execPath, ['--single-threaded-gc', '--import', 'tsx', self, f.replace(/\.bench\.ts$/, '')], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
    continue;
  }
  console.log(`\n== ${f}`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: () => Promise<void> };
  await mod.default();
}
