/** Shared plumbing for commands: loading scenarios, exit codes, JSON output. No model logic here. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, loadScenarioFile, type Scenario } from '@parley/core';

/** Exit code for invalid input files. */
export const EXIT_INVALID = 1;
/** Exit code for usage errors (unknown option, missing argument, bad option value). */
export const EXIT_USAGE = 2;

/** An error the user caused by how they called the command: printed without a stack trace, exit 2. */
export class UsageError extends Error {}
/** An error in an input file: printed without a stack trace, exit 1. */
export class InputError extends Error {}

/** Load and validate a scenario; print every problem and exit 1 if it is invalid. */
export function loadScenarioOrExit(file: string): Scenario {
  const r = loadScenarioFile(file);
  if (!r.ok) {
    for (const p of r.problems) process.stderr.write(formatProblem(p) + '\n');
    process.stderr.write(`${file}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`);
    process.exit(EXIT_INVALID);
  }
  return r.scenario;
}

/** Print exactly one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Write text to a file, or to stdout when no file is given. */
export function writeOut(text: string, file?: string): void {
  if (file) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  }
  else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

/** Parse a number option or raise a usage error naming the option. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x)) throw new UsageError(`option ${name} needs a number, got "${value}"`);
  return x;
}

/** Table styling: no colour codes when stdout is not a terminal (pipes, files, CI). */
export function tableStyle(): { head: string[]; border: string[] } {
  return process.stdout.isTTY ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] };
}
