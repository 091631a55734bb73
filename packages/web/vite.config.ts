import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Put the script and the styles inside index.html, so the built workbench is one file that also works when opened
 * straight from disk (browsers refuse module scripts from file:// pages), e.g. on a machine with no network.
 */
function singleFile(): Plugin {
  return {
    name: 'parley-single-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (!page || page.type !== 'asset') return;
      let html = String(page.source);
      for (const [name, item] of Object.entries(bundle)) {
        const ref = new RegExp(`<script type="module" crossorigin src="\\./${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"></script>`);
        if (item.type === 'chunk' && ref.test(html)) {
          const code = item.code.replace(/<\/script/gi, '<\\/script');
          html = html.replace(ref, () => `<script type="module">${code}</script>`);
          delete bundle[name];
        } else if (item.type === 'asset' && name.endsWith('.css')) {
          const link = new RegExp(`<link rel="stylesheet" crossorigin href="\\./${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`);
          if (link.test(html)) {
            html = html.replace(link, () => `<style>${String(item.source)}</style>`);
            delete bundle[name];
          }
        }
      }
      page.source = html;
    },
  };
}

// The engines run in the browser straight from the core's TypeScript sources.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react(), singleFile()],
  resolve: {
    alias: {
      '@parley/core': here('../core/src/index.ts'),
      // The core's file loader is Node-only; the browser reads files through the File API instead.
      'node:fs': here('src/shims/node-fs.ts'),
      // The CSV importer needs Node's Buffer; importing runs in the CLI.
      'csv-parse/sync': here('src/shims/csv-parse-sync.ts'),
    },
  },
  server: { fs: { allow: [here('../..')] } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    modulePreload: false,
    // One file: the bundled examples are inlined rather than split into chunks.
    rolldownOptions: { output: { codeSplitting: false } },
    chunkSizeWarningLimit: 1200,
  },
});
