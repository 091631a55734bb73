/** `parley agree`: zone of agreement, blocking red lines, Pareto frontier and bargaining points for the seated parties. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import {
  analyseAgreement,
  GeniusFormatError,
  readGeniusDomain,
  readGeniusProfile,
  scenarioProblem,
  type AgreementPoint,
  type AgreementProblem,
  type ValueShape,
} from '@parley/core';
import { InputError, loadScenarioOrExit, numberOption, printJson, tableStyle, UsageError } from '../util.js';

export interface ProblemOptions {
  parties?: string;
  resolution?: string;
  shape?: string;
}

/** Load a scenario (one file) or a Genius domain plus profiles (DOMAIN.xml PROFILE.xml PROFILE.xml …). */
export function loadProblem(files: string[], opts: ProblemOptions): AgreementProblem {
  for (const f of files) if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
  const resolution = numberOption('--resolution', opts.resolution);
  if (resolution !== undefined && (!Number.isInteger(resolution) || resolution < 2))
    throw new UsageError('--resolution needs an integer ≥ 2');
  const shape = opts.shape ?? 'linear';
  if (!['linear', 'peaked', 'step'].includes(shape))
    throw new UsageError(`--shape must be linear, peaked or step, got "${shape}"`);
  if (files[0]!.toLowerCase().endsWith('.xml')) {
    if (files.length < 3)
      throw new UsageError('Genius input needs a domain file and at least two profile files');
    if (opts.parties)
      throw new UsageError('--parties applies to scenarios; for Genius input the parties are the profiles');
    try {
      const dom = readGeniusDomain(
        readFileSync(files[0]!, 'utf8'),
        files[0]!,
        resolution ? { realResolution: resolution } : {},
      );
      const parties = files
        .slice(1)
        .map((f) =>
          readGeniusProfile(dom, readFileSync(f, 'utf8'), path.basename(f).replace(/\.xml$/i, ''), f),
        );
      return { space: dom.space, parties, source: 'genius' };
    } catch (e) {
      if (e instanceof GeniusFormatError) throw new InputError(e.message);
      throw e;
    }
  }
  if (files.length !== 1)
    throw new UsageError('give one scenario file, or a Genius domain followed by profiles');
  const scenario = loadScenarioOrExit(files[0]!);
  try {
    return scenarioProblem(scenario, {
      ...(opts.parties
        ? {
            parties: opts.parties
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
      ...(resolution ? { resolution } : {}),
      shape: shape as ValueShape,
    });
  } catch (e) {
    throw new InputError(`${files[0]}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const fmt = (x: number): string => x.toFixed(4);
const range = (v: (string | number)[]): string =>
  v.length === 0
    ? 'nothing'
    : v.every((x) => typeof x === 'number') && v.length > 2
      ? `${v[0]}…${v[v.length - 1]}`
      : v.join(', ');
const pkg = (p: Record<string, string | number>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export function registerAgree(program: Command): void {
  program
    .command('agree')
    .description(
      'find packages every seated party accepts: zone of agreement, blocking red lines, Pareto frontier, Nash/KS/egalitarian/utilitarian points',
    )
    .argument('<files...>', 'a scenario file, or a Genius DOMAIN.xml followed by PROFILE.xml files')
    .option('--parties <ids>', 'comma-separated actor ids (default: actors with seat "party")')
    .option('--resolution <n>', 'levels per continuous issue (default 11)')
    .option('--shape <shape>', 'value-function shape: linear, peaked or step (default linear)')
    .option('--max-outcomes <n>', 'enumerate up to this many packages, sample above (default 2000000)')
    .option('--seed <n>', 'seed for sampling (default 1)')
    .option('--json', 'print one JSON document')
    .action(
      (files: string[], opts: ProblemOptions & { maxOutcomes?: string; seed?: string; json?: boolean }) => {
        const problem = loadProblem(files, opts);
        const maxOutcomes = numberOption('--max-outcomes', opts.maxOutcomes);
        const seed = numberOption('--seed', opts.seed);
        const a = analyseAgreement(problem, {
          ...(maxOutcomes ? { maxOutcomes } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
        if (opts.json)
          return printJson({
            semantics: problem.source === 'genius' ? 'genius-10.4' : 'parley-scenario',
            ...a,
          });
        const out: string[] = [];
        out.push(
          pc.bold(`Parties: ${a.parties.join(', ')}`) +
            `  (${problem.source === 'genius' ? 'Genius semantics' : 'scenario preferences'})`,
        );
        out.push(
          `Packages: ${a.outcomes.toLocaleString('en')} (${a.issues.length} issues)` +
            (problem.source === 'scenario'
              ? `; meeting every red line: ${a.redLineBox.toLocaleString('en')}`
              : '') +
            (a.sampled ? `; sampled ${a.evaluated.toLocaleString('en')} (seeded)` : ''),
        );
        out.push(
          `Reservation values: ${a.parties.map((p, i) => `${p} ${fmt(a.reservation[i]!)}`).join(', ')}`,
        );
        if (a.zopa > 0)
          out.push(
            pc.green(
              `Zone of possible agreement: ${a.zopa.toLocaleString('en')} packages${a.sampled ? ' (estimated)' : ''}`,
            ),
          );
        else {
          out.push(pc.red('No zone of possible agreement: no package is acceptable to every party.'));
          for (const [p, b] of Object.entries(a.blockingRedLines))
            out.push(
              `  ${p}: ${b.relax === null ? b.reason : b.relax.length > 0 ? `relaxing its red line${b.relax.length > 1 ? 's' : ''} on ${b.relax.join(', ')} would open it` : b.reason}`,
            );
          for (const [issue, j] of Object.entries(a.jointRelaxation)) {
            const acc = Object.entries(j.accepts)
              .map(([p, v]) => `${p} accepts ${range(v)}`)
              .join('; ');
            const how = j.options.map((o) => o.relax.join(' and ')).join(' or ');
            out.push(`  ${issue}: no level meets every red line (${acc}); ${how} would have to relax`);
          }
        }
        if (a.pareto.length > 0) {
          const t = new Table({
            head: ['#', ...a.parties, 'package'],
            style: tableStyle(),
            wordWrap: true,
            colWidths: [5, ...a.parties.map((p) => Math.max(10, p.length + 2)), 70],
          });
          a.pareto
            .slice(0, 20)
            .forEach((p, k) => t.push([String(k + 1), ...p.utilities.map(fmt), pkg(p.package)]));
          out.push(
            '',
            pc.bold(`Pareto frontier of the acceptable packages: ${a.pareto.length} points`) +
              (a.pareto.length > 20 ? ' (first 20)' : ''),
            t.toString(),
          );
          const pts: [string, AgreementPoint | null][] = [
            ['Nash', a.nash],
            ['Kalai–Smorodinsky', a.kalaiSmorodinsky],
            ['egalitarian', a.egalitarian],
            ['utilitarian', a.utilitarian],
          ];
          out.push('', pc.bold('Bargaining solutions'));
          for (const [name, p] of pts)
            if (p) out.push(`  ${name.padEnd(18)} (${p.utilities.map(fmt).join(', ')})  ${pkg(p.package)}`);
        }
        if (a.packageDeal && a.baseline) {
          out.push('', pc.bold('Package deal over the midpoint baseline'));
          out.push(`  baseline (${a.baseline.utilities.map(fmt).join(', ')})  ${pkg(a.baseline.package)}`);
          out.push(
            `  best    (${a.packageDeal.utilities.map(fmt).join(', ')})  minimum gain ${fmt(a.packageDeal.minGain)}  ${pkg(a.packageDeal.package)}`,
          );
        }
        if (a.logrolls.length > 0) {
          out.push('', pc.bold('Logrolls (trades by relative salience, from the baseline)'));
          for (const l of a.logrolls.slice(0, 5))
            out.push(
              `  ${l.party} gets ${l.gets}, ${l.partner} gets ${l.gives}: gains ${l.gains.map(fmt).join(', ')}`,
            );
        }
        process.stdout.write(out.join('\n') + '\n');
      },
    );
}
