import { defineConfig } from '@playwright/test';
import { ECUADOR_TIME_ZONE } from './shared/domain/dates';

// End-to-end tests drive the real renderer in Debian's Chromium against the browser host
// (the Electron runtime cannot be downloaded on our build machines: ../shared/ENVIRONMENT.md).
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Once per run: the DEMO PKI every seeded desk shares (test/support/seed-fixtures.ts).
  globalSetup: './test/support/global-setup.ts',
  reporter: [['list']],
  use: {
    locale: 'es-EC',
    timezoneId: ECUADOR_TIME_ZONE,
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        // As the desktop app does: dates in inputs as dd/mm/aaaa whatever the OS language.
        '--lang=es-EC',
      ],
    },
  },
});
