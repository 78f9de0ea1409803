import { defineConfig } from '@playwright/test';

// npm run test:desktop only (test/desktop/run.ts): the real Electron build, never part of npm test.
export default defineConfig({
  testDir: '.',
  testMatch: 'desktop.spec.ts',
  outputDir: '../../test-results/desktop',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list']],
});
