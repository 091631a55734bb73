/**
 * `parley serve [--db FILE.sqlite | postgres://…] [--port N] [--host H] [--demo]`: the Parley HTTP API
 * (@parley/server). The server is loaded only when this command runs, so other commands start as fast as before.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { numberOption, UsageError } from '../util.js';

interface ServeOpts {
  db: string;
  port: string;
  host: string;
  demo?: boolean;
  rateLimit?: string;
  secureCookies?: boolean;
  signup: boolean;
  quiet?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI document at /openapi.json): scenarios, workspaces, roles and every analysis')
    .option('--db <file|url>', 'SQLite file, or a postgres:// URL', 'parley.sqlite')
    .option('--port <n>', 'port', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--demo', 'create a demo user and a workspace with the worked case; print the URL and credentials')
    .option('--rate-limit <n>', 'requests per minute per session or IP (0: off)', '600')
    .option('--secure-cookies', 'mark the session cookie Secure (when served over HTTPS)')
    .option('--no-signup', 'do not let visitors create accounts')
    .option('--quiet', 'no request log')
    .action(async (opts: ServeOpts) => {
      const port = numberOption('--port', opts.port);
      if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs an integer from 0 to 65535, got "${opts.port}"`);
      const rate = numberOption('--rate-limit', opts.rateLimit);
      if (rate === undefined || !Number.isInteger(rate) || rate < 0) throw new UsageError(`--rate-limit needs a non-negative integer, got "${opts.rateLimit}"`);
      const { buildServer, seedDemo } = await import('@parley/server');
      const { chromiumPath, htmlToPdf } = await import('./report.js');
      const webRoot = findWebApp();
      const app = await buildServer({
        db: opts.db,
        logger: !opts.quiet,
        rateLimit: rate === 0 ? false : rate,
        secureCookies: opts.secureCookies ?? false,
        allowSignup: opts.signup,
        // Cookie-signing secret: $PARLEY_SECRET, else one generated once and kept in the database.
        ...(process.env.PARLEY_SECRET ? { secret: process.env.PARLEY_SECRET } : {}),
        ...(webRoot ? { webRoot } : {}),
        ...(existsSync(chromiumPath()) ? { renderPdf: htmlToPdf } : {}),
      });
      const demo = opts.demo ? await seedDemo(app.store.db) : null;
      const address = await app.listen({ port, host: opts.host });
      const url = address.replace('://[::1]', '://localhost');
      process.stderr.write(`Parley API on ${url} (OpenAPI: ${url}/openapi.json; database: ${opts.db})\n`);
      if (webRoot) process.stdout.write(`Workbench:      ${url}/\n`);
      else process.stderr.write('The web workbench is not built (npm run build builds it); serving the API only.\n');
      if (demo) {
        process.stdout.write(
          `Demo workspace: ${url}/api/workspaces/${demo.workspaceId}\n` +
            `Demo scenario:  ${url}/api/workspaces/${demo.workspaceId}/scenarios/${demo.scenarioId}\n` +
            `Log in with:    ${demo.email} / ${demo.password}\n`,
        );
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void app.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

/** The built web app (packages/web/dist), next to this package in the repository; undefined when not built. */
function findWebApp(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../web/dist', '../../web/dist']) {
    const dir = path.resolve(here, up);
    if (existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return undefined;
}
