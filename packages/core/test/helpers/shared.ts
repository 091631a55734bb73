/** Paths to the shared reference data (../shared/data beside the repo; CI sets PARLEY_SHARED_DATA). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const sharedData = process.env.PARLEY_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');

export function dataFile(...parts: string[]): string {
  const p = path.join(sharedData, ...parts);
  if (!existsSync(p)) throw new Error(`shared data file missing: ${p} (set PARLEY_SHARED_DATA)`);
  return p;
}
