import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run the library from source.
    alias: { '@parley/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CLI tests spawn `tsx packages/cli/src/main.ts`; the condition makes '@parley/core' resolve to its source.
    env: { NODE_OPTIONS: '--conditions=source' },
  },
});
