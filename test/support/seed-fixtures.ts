// What every seeded test desk has and is slow to make: the demo users' password hashes (scrypt)
// and the keys of the DEMO certification authority (RSA). A test run's global set-up
// (test/support/global-setup.ts for vitest, test/e2e/global-setup.ts for Playwright) makes them
// once into a directory named by VP_SEED_FIXTURES; each desk seeded in that run then takes them
// from there instead of making its own. Without the variable (a benchmark, a script run by hand)
// every seed makes its own, as before. The desks are otherwise seeded from scratch, each its own.
// This module only reads them (it is light: Playwright's workers load it); ./make-seed-fixtures.ts makes them.
import fs from 'node:fs';
import path from 'node:path';

export const SEED_FIXTURES_ENV = 'VP_SEED_FIXTURES';
export const HASHES_FILE = 'password-hashes.json';
/** Where db/seed/pki/demo.ts keeps the DEMO PKI in a data directory (and reads it if present). */
const PKI_DIR = 'anclas';

const fixturesDir = () => process.env[SEED_FIXTURES_ENV] || null;

let hashes: Map<string, string> | undefined;
/** The run's hashes of the demo passwords (seedDemo's `passwordHashes`), or undefined: the seed hashes them. */
export function seedPasswordHashes(): Map<string, string> | undefined {
  const dir = fixturesDir();
  if (!dir) return undefined;
  hashes ??= new Map(Object.entries(JSON.parse(fs.readFileSync(path.join(dir, HASHES_FILE), 'utf8')) as Record<string, string>));
  return hashes;
}

/**
 * Puts the run's DEMO PKI into a new data directory, owner-only as demoPki writes it: the seed
 * (in this process or a spawned db/seed/cli.ts) then reads its keys there instead of generating them.
 */
export function placeDemoPki(dataDir: string): void {
  const dir = fixturesDir();
  if (!dir) return;
  fs.cpSync(path.join(dir, PKI_DIR), path.join(dataDir, PKI_DIR), { recursive: true });
}
