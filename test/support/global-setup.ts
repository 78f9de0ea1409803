// vitest's global set-up: the seed fixtures every seeded desk of the run shares
// (test/support/seed-fixtures.ts), made once before the first test file and removed after the last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSeedFixtures, SEED_FIXTURES_ENV } from './seed-fixtures';

export default async function setup(): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-seed-fixtures-'));
  await makeSeedFixtures(dir);
  // The test files run in child processes started after this: they inherit the variable.
  process.env[SEED_FIXTURES_ENV] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
