/**
 * `npm run bench`: runs every bench/*.bench.ts module (each exports `default async function (): Promise<void>`
 * that prints its medians). Pass names to run a subset: `npm run bench -- forecast conflict`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const f of files) {
  console.log(`\n== ${f}`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: () => Promise<void> };
  await mod.default();
}
