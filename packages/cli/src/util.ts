/** Shared plumbing for commands: loading scenarios, exit codes, JSON output. No model logic here. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateString, formatProblem, loadScenarioFile, scenarioAt, type Scenario } from '@parley/core';

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

/** Parse an integer option of at least `min` (default 1) or raise a usage error naming the option. */
export function positiveInt(name: string, v: string | undefined, min = 1): number {
  const x = numberOption(name, v);
  if (x === undefined || !Number.isInteger(x) || x < min)
    throw new UsageError(`${name} needs an integer ≥ ${min}, got "${v ?? ''}"`);
  return x;
}

/** Load a scenario as `loadScenarioOrExit` does, then apply its snapshots up to `at` (the --at option) if given. */
export function loadScenarioAt(file: string, at: string | undefined): Scenario {
  if (at !== undefined && !DateString.safeParse(at).success)
    throw new UsageError(`--at needs a date YYYY-MM-DD (or YYYY-MM, YYYY), got "${at}"`);
  const scenario = loadScenarioOrExit(file);
  return at ? scenarioAt(scenario, at) : scenario;
}

/** The --actor option: comma-separated actor ids, each checked against the scenario (undefined when not given). */
export function actorList(scenario: Scenario, raw: string | undefined): string[] | undefined {
  const actors = raw
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const id of actors ?? [])
    if (!scenario.actors.some((a) => a.id === id))
      throw new UsageError(
        `unknown actor "${id}" (scenario actors: ${scenario.actors.map((a) => a.id).join(', ')})`,
      );
  return actors;
}

/** Table styling: no colour codes when stdout is not a terminal (pipes, files, CI). */
export function tableStyle(): { head: string[]; border: string[] } {
  return process.stdout.isTTY ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] };
}
