#!/usr/bin/env node
// The `parley` command: runs the compiled CLI (npm run build compiles it into ../dist).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('parley is not built yet: run "npm run build" in the repository first\n');
  process.exit(2);
}
await import(main.href);
