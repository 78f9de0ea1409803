// Adversarial review (second round) of the reader pool's bounded restart
// (electron/hosts/common/reader-pool.ts): only a reader that dies BEFORE opening is paused and
// counted; one that opens and then dies is replaced at once, and its 'ready' resets the count.
// A reader that opens and dies every time (a corrupt page hit by its first query, a native
// crash in a driver, an out-of-memory worker limit) is started again forever, with no pause:
// on the 2-core counter PC the writer's thread starves. The pool must give up on it too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { silentLogger, type Actor } from '../../electron/core/context';
import type { CallFailure } from '../../electron/core/errors';
import { createReaderPool, READER_FAILED_MESSAGE, READERS_DOWN_MESSAGE, type ReaderRestarts } from '../../electron/hosts/common/reader-pool';

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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-adv2-pool-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A reader that opens (says 'ready') and dies right after, every time. */
const FLAPPING = path.join(dir, 'flapping-reader.cjs');
fs.writeFileSync(
  FLAPPING,
  "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => { if (m.t === 'init') { parentPort.postMessage({ t: 'ready' }); setImmediate(() => process.exit(1)); } });\n",
);

describe('reader pool: a reader that opens and then dies, again and again', () => {
  it('is not started again without bound: the pool gives up (down) after a few starts', async () => {
    const asked: number[] = [];
    const restarts: ReaderRestarts = { max: 3, delay: (n) => (asked.push(n), 1) };
    const pool = createReaderPool({ spec: { kind: 'bundle', file: FLAPPING }, size: 1, init: () => ({ dataDir: dir, host: 'web', schemaVersion: 1, secrets: { kind: 'file' } }), log: silentLogger, restarts });
    try {
      // Wait for an outcome, not a duration: either the pool gave up, or it is past any bound.
      await vi.waitFor(
        () => {
          const s = pool.stats();
          if (!s.down && s.started < 40) throw new Error('still deciding');
        },
        { timeout: 30_000, interval: 20 },
      );
      const s = pool.stats();
      expect({ down: s.down, boundedStarts: s.started <= 1 + restarts.max + 1 }).toEqual({ down: true, boundedStarts: true });
    } finally {
      await pool.close();
    }
  }, 40_000);

  it('answers every heavy read asked of it in Spanish: none waits for a reader that will never come', async () => {
    const pool = createReaderPool({ spec: { kind: 'bundle', file: FLAPPING }, size: 1, init: () => ({ dataDir: dir, host: 'web', schemaVersion: 1, secrets: { kind: 'file' } }), log: silentLogger, restarts: { max: 3, delay: () => 1 } });
    const asked = [] as Promise<unknown>[];
    try {
      // Asked while readers come and go: each is answered (a reader failed, or the pool is down), none hangs.
      const answered = await vi.waitFor(
        async () => {
          asked.push(pool.run('audit.verify', {}, ADMIN).then(() => 'ran', (e: CallFailure) => e.message));
          if (!pool.stats().down) throw new Error('still deciding');
          return Promise.all(asked);
        },
        { timeout: 30_000, interval: 5 },
      );
      expect(answered.every((m) => m === READER_FAILED_MESSAGE || m === READERS_DOWN_MESSAGE)).toBe(true);
      expect(pool.stats()).toMatchObject({ down: true, queued: 0 });
      await expect(pool.run('dashboard.stats', {}, ADMIN)).rejects.toMatchObject({ code: 'unavailable', message: READERS_DOWN_MESSAGE });
    } finally {
      await pool.close();
    }
  }, 40_000);
});
