/** PDF rendering is offline: a page that points at a local server makes no request to it. */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumPath, htmlToPdf } from '../src/commands/report.js';

describe('htmlToPdf', () => {
  it('prints without scripts or network requests', async () => {
    expect(existsSync(chromiumPath()), 'Debian chromium is installed by .ci/run').toBe(true);
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const html = `<!doctype html><h1>Brief</h1><img src="http://127.0.0.1:${port}/img.png"><link rel="stylesheet" href="http://127.0.0.1:${port}/s.css"><script>fetch('http://127.0.0.1:${port}/js')</script>`;
      const pdf = await htmlToPdf(html);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
