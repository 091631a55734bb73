/**
 * `parley report FILE --format md|html|pdf [-o OUT]`: a brief (highlights, analysis with charts and tables, sources)
 * from the framework, forecast and agreement engines. Charts are Observable Plot SVG drawn in a happy-dom document;
 * PDF is Chromium's `page.pdf()` through playwright-core with the Debian browser (nothing is downloaded).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  analyseAgreement,
  analyzeConflict,
  compare,
  conflictFromDocument,
  forecast,
  FORECAST_MODELS,
  publicScenario,
  renderBrief,
  scenarioProblem,
  seatReport,
  type BriefAnalyses,
  type ForecastModel,
  type Scenario,
} from '@parley/core';
import { InputError, loadScenarioOrExit, UsageError, writeOut } from '../util.js';
import { parseTolerance } from './compare.js';

/** Chromium for PDF output: $PARLEY_CHROMIUM, else Debian's. */
export function chromiumPath(): string {
  return process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--headless',
];

/** Print an HTML page to an A4 PDF in headless Chromium, offline. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new InputError(`PDF output needs Chromium at ${exe}: install the Debian package "chromium" or set PARLEY_CHROMIUM`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    // The brief is self-contained (inline SVG and CSS): render it offline, with no scripts and no requests, so an
    // HTML page sent to the server's export route cannot reach anything.
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await browser.close();
  }
}

const ALL_SEATS = ['party', 'mediator', 'guarantor', 'observer', 'absent'] as const;

export interface ReportOptions {
  model: ForecastModel;
  actors: 'all' | 'parties';
  tolerance?: number;
}

/** Run the engines a brief reports on. An engine that cannot run on this scenario is left out, with the reason. */
export function briefAnalyses(scenario: Scenario, opts: ReportOptions): { analyses: BriefAnalyses; skipped: string[] } {
  const skipped: string[] = [];
  const analyses: BriefAnalyses = { compare: compare(scenario, opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}) };
  try {
    analyses.forecast = forecast(scenario, { model: opts.model, ...(opts.actors === 'all' ? { seats: [...ALL_SEATS] } : {}) });
  } catch (e) {
    skipped.push(`forecast: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    analyses.agreement = analyseAgreement(scenarioProblem(scenario));
  } catch (e) {
    skipped.push(`agreement: ${e instanceof Error ? e.message : String(e)}`);
  }
  // What a seat changes, for the actors without one (the seat-seeking actors).
  const absent = scenario.actors.filter((a) => a.seat === 'absent');
  if (absent.length > 0) {
    try {
      analyses.seats = absent.map((a) => seatReport(scenario, a.id, { model: opts.model }));
    } catch (e) {
      skipped.push(`seats: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (scenario.conflict) {
    const c = conflictFromDocument(scenario);
    if (c.ok) {
      analyses.conflictModel = c.value;
      analyses.conflict = analyzeConflict(c.value);
    } else skipped.push(`conflict: ${c.problems.map((p) => p.message).join('; ')}`);
  }
  return { analyses, skipped };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a brief: highlights, the analysis with charts and tables, and the sources cited')
    .argument('<file>', 'scenario file')
    .option('--format <fmt>', 'md, html or pdf', 'md')
    .option('-o, --output <file>', 'write the brief to a file (default: stdout)')
    .option('--model <model>', `forecast model: ${FORECAST_MODELS.join(', ')}`, 'eum')
    .option('--actors <who>', 'forecast actors: all or parties', 'all')
    .option('--tolerance <x>', 'common-ground tolerance as a fraction of each scale (0.1 or 10%)')
    .option('--include-confidential', 'keep confidential initiatives and positions (left out by default)')
    .option('--no-charts', 'leave the charts out')
    .action(
      async (
        file: string,
        opts: { format: string; output?: string; model: string; actors: string; tolerance?: string; includeConfidential?: boolean; charts: boolean },
      ) => {
        if (!['md', 'html', 'pdf'].includes(opts.format)) throw new UsageError(`--format must be md, html or pdf, got "${opts.format}"`);
        if (!(FORECAST_MODELS as readonly string[]).includes(opts.model))
          throw new UsageError(`--model must be one of ${FORECAST_MODELS.join(', ')}, got "${opts.model}"`);
        if (opts.actors !== 'all' && opts.actors !== 'parties') throw new UsageError(`--actors must be all or parties, got "${opts.actors}"`);
        if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
        const tolerance = parseTolerance(opts.tolerance);
        const loaded = loadScenarioOrExit(file);
        const scenario = opts.includeConfidential ? loaded : publicScenario(loaded);
        const { analyses, skipped } = briefAnalyses(scenario, {
          model: opts.model as ForecastModel,
          actors: opts.actors,
          ...(tolerance !== undefined ? { tolerance } : {}),
        });
        for (const s of skipped) process.stderr.write(`note: left out of the brief: ${s}\n`);
        let document: object | undefined;
        let window: { happyDOM: { close: () => Promise<void> } } | undefined;
        if (opts.charts) {
          const { Window } = await import('happy-dom');
          const w = new Window();
          window = w;
          document = w.document;
        }
        try {
          const format = opts.format === 'md' ? 'md' : 'html';
          const text = renderBrief(scenario, analyses, { format, charts: opts.charts, ...(document ? { document } : {}) });
          if (opts.format !== 'pdf') {
            writeOut(text, opts.output);
          } else {
            const pdf = await htmlToPdf(text);
            if (opts.output) {
              mkdirSync(path.dirname(path.resolve(opts.output)), { recursive: true });
              writeFileSync(opts.output, pdf);
            } else process.stdout.write(pdf);
          }
          if (opts.output) process.stderr.write(`wrote ${opts.output}\n`);
        } finally {
          await window?.happyDOM.close();
        }
      },
    );
}
