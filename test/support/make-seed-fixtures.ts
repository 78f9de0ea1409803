// Makes the seed fixtures a test run shares (./seed-fixtures.ts): the DEMO PKI as demoPki writes
// it into a data directory, and the hashes of the demo users' passwords.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_USERS } from '../../db/seed/demo';
import { demoPki } from '../../db/seed/pki/demo';
import { hashPassword } from '../../electron/core/accounts/password';
import { HASHES_FILE } from './seed-fixtures';

export async function makeSeedFixtures(dir: string): Promise<void> {
  await demoPki(dir);
  const hashes: Record<string, string> = {};
  for (const u of DEMO_USERS) hashes[u.password] ??= await hashPassword(u.password);
  fs.writeFileSync(path.join(dir, HASHES_FILE), JSON.stringify(hashes), { mode: 0o600 });
}
