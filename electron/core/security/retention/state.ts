// What the retention purge keeps between runs, in the settings table under 'retention.' keys
// (apart from core/settings.ts because only this capability reads or writes them).
import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/open';
import { settings } from '../../../../db/schema';

export interface RetentionState {
  /**
   * Stamps (personal_data_purged_at values) of purges whose files (scans, archived forms) are
   * not yet known to be removed. Written in the purge's transaction and cleared once the files
   * are gone: a crash between the commit and the deletions leaves the stamp, and the next run
   * removes what was left behind.
   */
  'retention.pendingFiles': number[];
  /** Last purge that completed (manual or scheduled): the daily schedule counts from it. */
  'retention.lastRunAt': number | null;
}

const DEFAULTS: RetentionState = { 'retention.pendingFiles': [], 'retention.lastRunAt': null };

export function getRetention<K extends keyof RetentionState>(db: Db, key: K): RetentionState[K] {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row === undefined ? DEFAULTS[key] : (row.value as RetentionState[K]);
}

export function setRetention<K extends keyof RetentionState>(db: Db, key: K, value: RetentionState[K]): void {
  // The settings column is NOT NULL: null means "no row".
  if (value === null) {
    db.delete(settings).where(eq(settings.key, key)).run();
    return;
  }
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}
