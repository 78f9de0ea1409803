// A real data directory, migrated by the real migrations, seeded with the demo agency:
// the integration tests' subject. No mocks: SQLite on disk, the real handlers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../db/seed/demo';
import { installDemoTrustAnchor } from '../../db/seed/scans';
import type { Clock, Logger } from '../../electron/core/context';
import { type OpenedCore } from '../../electron/core/open';
import { openDesk } from '../../electron/hosts/common/open-desk';
import type { Auth } from '../../electron/core/registry';
import { placeDemoPki, seedPasswordHashes } from './seed-fixtures';

export function tempDir(prefix = 'vp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 20, 14, 0, 0)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

export interface TestDesk extends OpenedCore {
  dataDir: string;
  clock: ReturnType<typeof manualClock>;
  logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  /** Logs in and returns an Auth for that user's session. */
  login(username: string, password: string): Promise<Auth>;
  dispose(): void;
}

/**
 * `call(name, input, auth?)` against a desk's core that answers the value, or throws naming the
 * call and its error. `desk` is read at each call (tests assign it in beforeAll).
 */
export function okCaller(desk: () => Pick<OpenedCore, 'core'>, defaultAuth: Auth) {
  return async <T = unknown>(name: string, input: unknown, auth: Auth = defaultAuth): Promise<T> => {
    const r = await desk().core.call(name, input, auth);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
}

export async function seededDesk(opts: { requests?: number; history?: boolean } = {}): Promise<TestDesk> {
  const dataDir = tempDir();
  const clock = manualClock();
  const logs: TestDesk['logs'] = [];
  const log: Logger = {
    info: (message, fields) => void logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => void logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => void logs.push({ level: 'error', message, fields }),
  };
  const opened = openDesk({ dataDir, host: 'cli', clock, log });
  // The run's password hashes and DEMO PKI, made once by the global set-up (./seed-fixtures.ts).
  const passwordHashes = seedPasswordHashes();
  await seedDemo(opened.core.ctx.db.$client, { requests: opts.requests ?? 120, now: clock.now(), history: opts.history ?? false, ...(passwordHashes ? { passwordHashes } : {}) });
  placeDemoPki(dataDir);
  // The demo agency trusts the demo CA, as seed:demo installs it (docs/signatures.md).
  await installDemoTrustAnchor(opened.core.ctx.db.$client, dataDir);
  return {
    ...opened,
    dataDir,
    clock,
    logs,
    async login(username, password) {
      const r = await opened.core.call('session.login', { username, password }, { kind: 'session', token: null });
      if (!r.ok) throw new Error(`login failed: ${r.error.message}`);
      return { kind: 'session', token: (r.value as { token: string }).token };
    },
    dispose() {
      opened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
