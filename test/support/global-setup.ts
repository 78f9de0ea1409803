// The global set-up of vitest (vitest.config.ts) and of Playwright (playwright.config.ts): the seed
// fixtures every seeded desk of the run shares (test/support/seed-fixtures.ts), made once before
// the first test file and removed after the last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSeedFixtures } from './make-seed-fixtures';
import { SEED_FIXTURES_ENV } from './seed-fixtures';

export default async function setup(): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-seed-fixtures-'));
  await makeSeedFixtures(dir);
  // The test files run in child processes started after this (vitest's forks, Playwright's
  // workers, and the seed and host processes they spawn): they inherit the variable.
  process.env[SEED_FIXTURES_ENV] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
