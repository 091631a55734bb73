/** `parley schema`: print the JSON Schema of scenario files (for editors). */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '@parley/core';
import { printJson } from '../util.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (editors use it for completion and checks)')
    .action(() => printJson(scenarioJsonSchema()));
}
