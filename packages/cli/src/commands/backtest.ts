/**
 * `parley backtest deu [--models …] [--folds K] [--seed N] [--json]`: mean absolute error (0–100 scale) of each
 * forecast model on the DEU III issues, and K-fold cross-validated error for the fitted models.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { backtestDeu, DEU_DEFAULT_MODELS, DEU_MODELS, importDeuTsv, type DeuModel } from '@parley/core';
import { InputError, numberOption, printJson, tableStyle, UsageError } from '../util.js';

function defaultDeuFile(): string {
  return path.join(process.env['PARLEY_SHARED_DATA'] ?? path.resolve('../shared/data'), 'deu', 'deu3.tsv');
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('score the forecast models against recorded outcomes (data set: deu)')
    .argument('<dataset>', 'data set: deu (DEU III, reference/forecast-models.md §8)')
    .option('--models <list>', `comma-separated models (${DEU_MODELS.join(', ')}); default: all`)
    .option('--folds <k>', 'folds for cross-validating fitted models (over proposals)', '10')
    .option('--seed <n>', 'seed of the fold assignment', '1')
    .option('--fold-by <unit>', 'fold unit: proposal (whole proposals, default) or issue', 'proposal')
    .option(
      '--data <file>',
      'path to deu3.tsv (default: $PARLEY_SHARED_DATA/deu/deu3.tsv or ../shared/data/deu/deu3.tsv)',
    )
    .option('--json', 'print the table as one JSON document')
    .action(
      (
        dataset: string,
        opts: { models?: string; folds: string; seed: string; foldBy: string; data?: string; json?: boolean },
      ) => {
        if (dataset !== 'deu') throw new UsageError(`unknown data set "${dataset}" (available: deu)`);
        const models = opts.models
          ? opts.models
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '')
          : DEU_DEFAULT_MODELS;
        for (const m of models)
          if (!(DEU_MODELS as readonly string[]).includes(m))
            throw new UsageError(`unknown model "${m}" (models: ${DEU_MODELS.join(', ')})`);
        const folds = numberOption('--folds', opts.folds)!;
        if (!(Number.isInteger(folds) && folds >= 2))
          throw new UsageError(`--folds needs an integer ≥ 2, got "${opts.folds}"`);
        const seed = numberOption('--seed', opts.seed)!;
        if (!(Number.isInteger(seed) && seed >= 0))
          throw new UsageError(`--seed needs a non-negative integer, got "${opts.seed}"`);
        if (opts.foldBy !== 'proposal' && opts.foldBy !== 'issue')
          throw new UsageError(`--fold-by must be proposal or issue, got "${opts.foldBy}"`);
        const foldBy = opts.foldBy;
        const file = opts.data ?? defaultDeuFile();
        if (!existsSync(file))
          throw new UsageError(`DEU data not found at ${file} (give --data or set PARLEY_SHARED_DATA)`);
        let data;
        try {
          data = importDeuTsv(readFileSync(file, 'utf8'), file);
        } catch (e) {
          throw new InputError(e instanceof Error ? e.message : String(e));
        }
        const r = backtestDeu(data, { models: models as DeuModel[], folds, seed, foldBy });
        if (opts.json) {
          printJson({ dataset: 'deu', file, scoreableIssues: r.issues, folds, seed, foldBy, rows: r.rows });
          return;
        }
        const t = new Table({
          head: ['model', 'MAE', 'n', `CV MAE (${folds}-fold)`, 'fitted parameters', 'description'],
          style: tableStyle(),
        });
        for (const row of r.rows)
          t.push([
            row.model,
            row.mae.toFixed(2),
            row.n,
            row.cv ? pc.bold(row.cv.mae.toFixed(2)) : '–',
            row.params
              ? Object.entries(row.params)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(' ')
              : '–',
            row.description,
          ]);
        process.stdout.write(
          `${pc.bold(`DEU III back-test: ${r.issues} scoreable issues`)} (mean absolute error, 0–100 scale; folds over ${foldBy === 'proposal' ? 'proposals' : 'issues'}, seed ${seed})\n${t.toString()}\n`,
        );
      },
    );
}
