import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // Set-up hooks seed databases, spawn the CLI through tsx and bundle workers with esbuild: on a
    // loaded 2-core machine that takes more than vitest's default 10 s (a hook timing out is load,
    // not a defect; assertions keep their own limits).
    hookTimeout: 60_000,
    // Once per run: the demo password hashes and DEMO PKI every seeded desk shares (test/support/seed-fixtures.ts).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
