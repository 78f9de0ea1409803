// WAL checkpoints off the writer's thread. SQLite's default runs a checkpoint inside the commit
// that takes the write-ahead log past 1,000 pages: that call copies the pages into the database
// file and fsyncs it, ten to twenty milliseconds on the counter PC. A check-in writes about fifty
// pages (the request, its indexes, its search entry, history, outbox and audit rows), so one
// check-in in twenty paid for it — the whole tail of appointments.checkIn's p95.
//
// Here a worker thread with its own connection runs PASSIVE checkpoints on a timer: every half
// second, and soon after each look that found new commits (CATCH_UP_MS). PASSIVE never
// takes the write lock nor waits for readers: the writer keeps committing while it copies, and a
// writer that finds the log fully copied starts it again from the beginning as before. The
// writer keeps a high autocheckpoint as a backstop (db/open.ts AUTOCHECKPOINT_PAGES), for the case the
// checkpointer falls behind; and if the checkpointer stops, SQLite's default comes back.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { DB_FILE_NAME, setAutocheckpoint } from '../../../db/open';
import type { Logger } from '../../core/context';
import type { WorkerSpec } from './core-protocol';
import { spawnWorker } from './reader-pool';

/** How often the checkpointer copies what the log holds; a no-op costs a fraction of a millisecond. */
export const CHECKPOINT_INTERVAL_MS = 500;
/**
 * After a look that found new commits, the next one comes this soon: while the writer keeps
 * writing (a pull commits a transaction every ten milliseconds), a checkpointer half a second
 * behind left the backstop thousands of pages to copy inside one of the writer's commits
 * (30–50 ms); one a commit behind, a few hundred.
 */
export const CATCH_UP_MS = 20;

export type ToCheckpointer = { t: 'init'; dataDir: string; intervalMs: number };
export type FromCheckpointer = { t: 'ready' } | { t: 'checkpointed'; pages: number } | { t: 'log'; level: 'warn'; message: string; fields?: Record<string, unknown> };

export interface Checkpointer {
  /** Resolves when the worker has stopped; call before the writer closes (the last connection removes the log). */
  close(): Promise<void>;
}

/**
 * Starts the checkpointer for a writer connection. The writer's autocheckpoint is raised only
 * once the checkpointer has opened, and put back to SQLite's default if it ends unexpectedly.
 */
export function startCheckpointer(o: { spec: WorkerSpec; dataDir: string; writer: Database.Database; log: Logger; onReady?: () => void; onCheckpoint?: (pages: number) => void }): Checkpointer {
  const worker: Worker = spawnWorker(o.spec, 'checkpointer');
  let closing = false;
  const restore = () => {
    if (o.writer.open) setAutocheckpoint(o.writer, 'default');
  };
  worker.on('message', (m: FromCheckpointer) => {
    if (m.t === 'ready') {
      if (closing || !o.writer.open) return;
      setAutocheckpoint(o.writer, 'backstop');
      o.onReady?.();
    }
    else if (m.t === 'checkpointed') o.onCheckpoint?.(m.pages);
    else if (m.t === 'log') o.log.warn(m.message, m.fields);
  });
  worker.on('error', (err) => o.log.error('checkpointer worker failed', { error: err.name }));
  worker.on('exit', () => {
    if (closing) return;
    o.log.warn('checkpointer worker ended unexpectedly: the writer checkpoints by itself again');
    restore();
  });
  worker.postMessage({ t: 'init', dataDir: o.dataDir, intervalMs: CHECKPOINT_INTERVAL_MS } satisfies ToCheckpointer);
  return {
    async close() {
      closing = true;
      restore();
      await worker.terminate();
    },
  };
}

/** The worker's side (core-worker.ts, role 'checkpointer'); `stop` closes its connection (the worker ends otherwise). */
export function runCheckpointer(port: { post(m: FromCheckpointer): void; on(l: (m: unknown) => void): void }): { stop(): void } {
  let sqlite: Database.Database | null = null;
  let timer: NodeJS.Timeout | undefined;
  port.on((raw) => {
    const m = raw as ToCheckpointer;
    if (m.t !== 'init' || sqlite) return;
    // Read-write (a checkpoint writes the database file) but it never changes a row.
    sqlite = new Database(path.join(m.dataDir, DB_FILE_NAME), { fileMustExist: true });
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('wal_autocheckpoint = 0');
    const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    port.post({ t: 'ready' });
    // Another connection's commit changes it: someone writes.
    const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
    let seen: unknown = dataVersion.get();
    const tick = () => {
      let next = m.intervalMs;
      try {
        const version: unknown = dataVersion.get();
        const r = checkpoint.get() as { busy: number; log: number; checkpointed: number };
        if (version !== seen && r.checkpointed > 0) port.post({ t: 'checkpointed', pages: r.checkpointed });
        // Written since the last look, or some of the log left to copy: look again soon.
        if (version !== seen || r.log > r.checkpointed) next = CATCH_UP_MS;
        seen = version;
      } catch (err) {
        // Busy or locked now (a restore check, a backup): the next tick tries again.
        port.post({ t: 'log', level: 'warn', message: 'checkpoint skipped', fields: { error: err instanceof Error ? err.name : typeof err } });
      }
      timer = setTimeout(tick, next);
    };
    timer = setTimeout(tick, m.intervalMs);
  });
  return {
    stop() {
      clearTimeout(timer);
      sqlite?.close();
    },
  };
}
