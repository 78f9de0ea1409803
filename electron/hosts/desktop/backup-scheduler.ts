// The desktop app's backup timer. The rule (when a backup is due, retry after a failure) is in
// core/ops/service.ts#backupIfDue; this only wakes it up. It runs in the main process, where
// the database is open: SQLite's backup API copies it online while the clerks keep working.
import type { Logger } from '../../core/context';
import type { DueOutcome } from '../../core/ops/service';

export interface BackupSchedulerOptions {
  runIfDue(): Promise<DueOutcome>;
  log: Logger;
  /** How often to ask whether a backup is due (the schedule itself is in hours). */
  tickMs?: number;
  /** The first look, shortly after start-up: a desk opened each morning backs up then. */
  firstTickMs?: number;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
}

export interface BackupScheduler {
  /** Resolves when the tick has finished (tests); ticks never overlap. */
  tick(): Promise<void>;
  stop(): void;
}

export function startBackupScheduler(o: BackupSchedulerOptions): BackupScheduler {
  const timers = o.timers ?? globalThis;
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    if (running) return running;
    running = o
      .runIfDue()
      .then((r) => {
        if (r.outcome === 'hecho') o.log.info('scheduled backup done', { name: r.result.name });
        else if (r.outcome === 'fallo') o.log.warn('scheduled backup failed', { error: r.error });
      })
      .catch((err: unknown) => o.log.error('scheduled backup crashed', { error: err instanceof Error ? err : String(err) }))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const first = timers.setTimeout(() => void tick(), o.firstTickMs ?? 2 * 60_000);
  const every = timers.setInterval(() => void tick(), o.tickMs ?? 10 * 60_000);
  return {
    tick,
    stop() {
      timers.clearTimeout(first);
      timers.clearInterval(every);
    },
  };
}
