/** `parley negotiate`: run a seeded negotiation protocol (stacked alternating offers or single-text mediation). */
import type { Command } from 'commander';
import pc from 'picocolors';
import {
  analyseAgreement,
  dealQuality,
  packageAt,
  parseStrategy,
  runSao,
  runSingleText,
  type Strategy,
} from '@parley/core';
import { numberOption, printJson, UsageError } from '../util.js';
import { loadProblem, type ProblemOptions } from './agree.js';

export function registerNegotiate(program: Command): void {
  program
    .command('negotiate')
    .description(
      'simulate a negotiation between the seated parties: stacked alternating offers (sao) or a single-text mediator',
    )
    .argument('<files...>', 'a scenario file, or a Genius DOMAIN.xml followed by PROFILE.xml files')
    .option('--protocol <p>', 'sao or single-text', 'sao')
    .option(
      '--strategy <names>',
      'sao: boulware, linear, conceder, hardheaded, tit-for-tat or time:<e>; one, or one per party, comma-separated',
      'linear',
    )
    .option('--rounds <n>', 'deadline in rounds (sao, default 100) or proposals (single-text, default 500)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--parties <ids>', 'comma-separated actor ids (default: actors with seat "party")')
    .option('--resolution <n>', 'levels per continuous issue (default 11)')
    .option('--shape <shape>', 'value-function shape: linear, peaked or step (default linear)')
    .option('--json', 'print one JSON document')
    .action(
      (
        files: string[],
        opts: ProblemOptions & {
          protocol: string;
          strategy: string;
          rounds?: string;
          seed?: string;
          json?: boolean;
        },
      ) => {
        if (opts.protocol !== 'sao' && opts.protocol !== 'single-text')
          throw new UsageError(`--protocol must be sao or single-text, got "${opts.protocol}"`);
        const seed = numberOption('--seed', opts.seed) ?? 1;
        const rounds = numberOption('--rounds', opts.rounds);
        if (rounds !== undefined && !(rounds >= 1)) throw new UsageError('--rounds needs a number ≥ 1');
        let strategies: Strategy[];
        try {
          strategies = opts.strategy.split(',').map((s) => parseStrategy(s.trim()));
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
        const problem = loadProblem(files, opts);
        if (strategies.length !== 1 && strategies.length !== problem.parties.length)
          throw new UsageError(`give one strategy or one per party (${problem.parties.length})`);
        const r =
          opts.protocol === 'sao'
            ? runSao(problem, {
                strategy: strategies.length === 1 ? strategies[0]! : strategies,
                seed,
                ...(rounds ? { rounds } : {}),
              })
            : runSingleText(problem, { seed, ...(rounds ? { rounds } : {}) });
        const trace = r.trace.map((e) => ({ ...e, package: packageAt(problem.space, e.outcome) }));
        // How far the deal is from the frontier and the bargaining points (seeded sampling for large spaces).
        const quality = r.agreement ? dealQuality(analyseAgreement(problem, { seed }), r.utilities) : null;
        if (opts.json)
          return printJson({
            ...r,
            seed,
            strategy: opts.protocol === 'sao' ? opts.strategy : null,
            quality,
            trace,
          });
        const out: string[] = [
          pc.bold(
            `${r.protocol === 'sao' ? 'Stacked alternating offers' : 'Single-text mediation'}: ${r.parties.join(', ')} (seed ${seed})`,
          ),
        ];
        if (r.start)
          out.push(
            `Starting text: ${Object.entries(r.start)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}`,
          );
        out.push(
          `${r.turns} ${r.protocol === 'sao' ? 'turns' : 'proposals'}${r.revisions !== undefined ? `, ${r.revisions} revisions adopted` : ''}, ended at t = ${r.time.toFixed(2)}`,
        );
        if (r.agreement) {
          out.push(
            pc.green('Agreement: ') +
              Object.entries(r.agreement)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
          );
          out.push(`Utilities: ${r.parties.map((p, i) => `${p} ${r.utilities[i]!.toFixed(4)}`).join(', ')}`);
          if (quality) {
            const d = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));
            out.push(
              `Distance to the Pareto frontier ${d(quality.paretoDistance)}, to Nash ${d(quality.distances.nash)}, to Kalai–Smorodinsky ${d(quality.distances.kalaiSmorodinsky)}; welfare ${quality.welfare.toFixed(4)}`,
            );
          }
        } else {
          out.push(
            pc.red('No agreement') +
              `: each party keeps its reservation value (${r.parties.map((p, i) => `${p} ${r.utilities[i]!.toFixed(4)}`).join(', ')})`,
          );
        }
        process.stdout.write(out.join('\n') + '\n');
      },
    );
}
