#!/usr/bin/env node
/** The `parley` command. Each command lives in its own module under commands/ and registers itself here. */
import { Command, CommanderError } from 'commander';
import { EXIT_INVALID, EXIT_USAGE, InputError, UsageError } from './util.js';
import { registerValidate } from './commands/validate.js';
import { registerShow } from './commands/show.js';
import { registerCompare } from './commands/compare.js';
import { registerSchema } from './commands/schema.js';
import { registerSeats } from './commands/seats.js';
import { registerSweep } from './commands/sweep.js';
import { registerTornado } from './commands/tornado.js';
import { registerWorker } from './commands/worker.js';
import { registerDiff } from './commands/diff.js';
import { registerAgree } from './commands/agree.js';
import { registerDivide } from './commands/divide.js';
import { registerNegotiate } from './commands/negotiate.js';
import { registerForecast } from './commands/forecast.js';
import { registerImport } from './commands/import.js';
import { registerBacktest } from './commands/backtest.js';
import { registerConflict } from './commands/conflict.js';
import { registerReport } from './commands/report.js';
import { registerServe } from './commands/serve.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('parley')
    .description('Analyse multi-party negotiations and peace processes from one scenario file')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerValidate(program);
  registerShow(program);
  registerCompare(program);
  registerSchema(program);
  // Engine commands register below, one line each.
  registerSeats(program);
  registerSweep(program);
  registerTornado(program);
  registerWorker(program);
  registerDiff(program);
  registerAgree(program);
  registerDivide(program);
  registerNegotiate(program);
  registerForecast(program);
  registerImport(program);
  registerBacktest(program);
  registerConflict(program);
  registerReport(program);
  registerServe(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return 0;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`parley: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof InputError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT_INVALID;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`parley: ${msg}\n`);
    return EXIT_INVALID;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
