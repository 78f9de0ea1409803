// The reader pool (electron/hosts/common/reader-pool.ts) with readers that cannot open their
// database: real worker threads, a real seeded data directory. A reader that dies before opening
// is started again after a pause, a few times at most; past that the heavy reads fail with a
// Spanish message and the error is in the log file "Copiar diagnóstico" reads.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/core/context';
import { lastLogProblems } from '../../electron/core/ops/diagnostics';
import { SOURCE_WORKER } from '../../electron/hosts/common/core-thread';
import { fileLogger } from '../../electron/hosts/common/log';
import { createReaderPool, READERS_DOWN_MESSAGE, type ReaderInit, type ReaderRestarts } from '../../electron/hosts/common/reader-pool';
import { seededDesk, tempDir } from '../support/desk';

let dataDir: string;
let schemaVersion: number;
const dirs: string[] = [];

beforeAll(async () => {
  const desk = await seededDesk({ requests: 5 });
  dataDir = desk.dataDir;
  schemaVersion = desk.core.ctx.schemaVersion;
  desk.close();
}, 60_000);

afterAll(() => {
  for (const d of [dataDir, ...dirs]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

const ADMIN: Actor = {
  userId: 'u-admin',
  username: 'admin',
  displayName: 'Administración',
  role: 'administrador',
  agencyId: 'a',
  agencyCode: 'A',
  sessionHash: null,
  locked: false,
  mustChangePassword: false,
};

const readerInit = (dir: string): ReaderInit => ({ dataDir: dir, host: 'web', schemaVersion, secrets: { kind: 'file' } });

/** The pauses the pool asked for, and none long: the test waits on events, not on time. */
function recordedRestarts(max: number): ReaderRestarts & { asked: number[] } {
  const asked: number[] = [];
  return { max, asked, delay: (n) => (asked.push(n), 1) };
}

describe('reader pool: readers that cannot open', () => {
  it('stops starting readers that cannot open, fails heavy reads in Spanish, and logs it for the diagnostics', async () => {
    const logDir = tempDir();
    dirs.push(logDir);
    const log = fileLogger({ dataDir: logDir, host: 'web' });
    const missing = path.join(logDir, 'no-existe');
    const restarts = recordedRestarts(3);
    const pool = createReaderPool({ spec: SOURCE_WORKER, size: 1, init: () => readerInit(missing), log, restarts });
    try {
      // Queued while the readers keep dying: answered once the pool gives up, not left waiting.
      await expect(pool.run('audit.verify', {}, ADMIN)).rejects.toMatchObject({ code: 'unavailable', message: READERS_DOWN_MESSAGE });
      expect(pool.stats()).toMatchObject({ started: 4, down: true, queued: 0 });
      expect(restarts.asked).toEqual([1, 2, 3]);
      // Later heavy reads fail at once, and no reader is started again.
      await expect(pool.run('dashboard.stats', {}, ADMIN)).rejects.toMatchObject({ code: 'unavailable', message: READERS_DOWN_MESSAGE });
      expect(pool.stats().started).toBe(4);
    } finally {
      await pool.close();
      await log.close();
    }
    expect(lastLogProblems(logDir).some((line) => line.includes('reader workers cannot open the database'))).toBe(true);
  }, 120_000);

  it('keeps a heavy read queued while a reader that could not open is started again, and runs it once one opens', async () => {
    const missing = path.join(tempDir(), 'todavia-no');
    dirs.push(path.dirname(missing));
    let starts = 0;
    const restarts = recordedRestarts(5);
    const logs: string[] = [];
    const log = { info: () => {}, warn: (m: string) => void logs.push(m), error: (m: string) => void logs.push(m) };
    // The first two readers find no database (a disk not mounted yet); the third opens it.
    const pool = createReaderPool({ spec: SOURCE_WORKER, size: 1, init: () => readerInit(starts++ < 2 ? missing : dataDir), log, restarts });
    try {
      await expect(pool.run('audit.verify', {}, ADMIN)).resolves.toMatchObject({ value: { ok: true } });
      expect(restarts.asked).toEqual([1, 2]);
      expect(pool.stats()).toMatchObject({ started: 3, down: false });
      expect(logs).not.toContain('reader workers cannot open the database: heavy reads are refused until the app restarts');
    } finally {
      await pool.close();
    }
  }, 120_000);
});
