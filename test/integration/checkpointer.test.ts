// The WAL checkpointer (electron/hosts/common/checkpointer.ts): a real worker thread with its own
// connection to a real migrated database copies the write-ahead log while the writer keeps its
// checkpoints out of its commits; when the checkpointer stops, SQLite's default comes back. While
// the writer keeps writing it copies again soon after each commit, not half a second later.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/core/context';
import { AUTOCHECKPOINT_PAGES, setAutocheckpoint } from '../../db/open';
import { CATCH_UP_MS, CHECKPOINT_INTERVAL_MS, runCheckpointer, startCheckpointer, type FromCheckpointer, type ToCheckpointer } from '../../electron/hosts/common/checkpointer';
import { SOURCE_WORKER } from '../../electron/hosts/common/core-thread';
import { seededDesk } from '../support/desk';

let desk: Awaited<ReturnType<typeof seededDesk>>;

beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
}, 60_000);

afterAll(() => {
  desk.close();
  fs.rmSync(desk.dataDir, { recursive: true, force: true });
});

const autocheckpoint = () => Number(desk.core.ctx.db.$client.pragma('wal_autocheckpoint', { simple: true }));

describe('WAL checkpointer', () => {
  it('copies the log on its own thread, the writer keeping only a backstop, and gives the writer its checkpoints back when it stops', async () => {
    const writer = desk.core.ctx.db.$client;
    expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES.default);
    let checkpointed!: (pages: number) => void;
    const copied = new Promise<number>((resolve) => (checkpointed = resolve));
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const cp = startCheckpointer({ spec: SOURCE_WORKER, dataDir: desk.dataDir, writer, log: silentLogger, onReady: () => started(), onCheckpoint: (pages) => pages >= 300 && checkpointed(pages) });
    try {
      await ready;
      expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES.backstop);
      // A few hundred pages in the log, fewer than the backstop: only the checkpointer copies them.
      writer.exec('CREATE TABLE checkpoint_probe (x BLOB)');
      const insert = writer.prepare('INSERT INTO checkpoint_probe (x) VALUES (randomblob(4000))');
      writer.transaction(() => {
        for (let i = 0; i < 300; i++) insert.run();
      })();
      // Its 300 blobs of 4,000 bytes are at least 300 pages: that checkpoint came after them.
      expect(await copied).toBeGreaterThanOrEqual(300);
    } finally {
      await cp.close();
    }
    expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES.default);
  }, 30_000);

  it('while the writer keeps writing, copies again soon after; once the log is copied and still, only at its interval', () => {
    const writer = desk.core.ctx.db.$client;
    setAutocheckpoint(writer, 'backstop'); // as startCheckpointer leaves the writer
    writer.exec('CREATE TABLE catch_up_probe (x BLOB)');
    const insert = writer.prepare('INSERT INTO catch_up_probe (x) VALUES (randomblob(4000))');
    const write = () => writer.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run();
    })();
    // The worker's side on this thread, its timers under the test's hand.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const posted: FromCheckpointer[] = [];
    let deliver!: (m: unknown) => void;
    const cp = runCheckpointer({ post: (m) => posted.push(m), on: (l) => (deliver = l) });
    const copies = () => posted.filter((m) => m.t === 'checkpointed').length;
    try {
      deliver({ t: 'init', dataDir: desk.dataDir, intervalMs: CHECKPOINT_INTERVAL_MS } satisfies ToCheckpointer);
      write();
      vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS);
      expect(copies()).toBe(1);
      // A writer that goes on (a pull): each commit copied CATCH_UP_MS later, not half a second.
      for (let n = 2; n <= 4; n++) {
        write();
        vi.advanceTimersByTime(CATCH_UP_MS);
        expect(copies()).toBe(n);
      }
      // One more look finds the log copied and still: the next one comes at the interval.
      vi.advanceTimersByTime(CATCH_UP_MS);
      write();
      vi.advanceTimersByTime(CATCH_UP_MS);
      expect(copies()).toBe(4);
      vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS - CATCH_UP_MS);
      expect(copies()).toBe(5);
      expect(posted.filter((m) => m.t === 'log')).toEqual([]);
    } finally {
      cp.stop();
      vi.useRealTimers();
      setAutocheckpoint(writer, 'default');
    }
  });
});
