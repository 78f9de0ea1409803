// The purge as one step for both callers: the administrator's button (retention.purge) and
// the daily background service. Database first, in one transaction with its audit entry; the
// files of the purged requests after the commit (retention/files.ts).
import { writeTransaction, type ReadDb, type WriteDb } from '../../../../db/open';
import { exec, run, sql, value } from '../../../../db/sql';
import { appendAudit } from '../audit/chain';
import type { CoreContext } from '../../context';
import type { BackgroundService } from '../../scheduler';
import { getSetting, setSetting } from '../../settings';
import { sweepPurgedFiles } from './files';
import { purgeExpiredPersonalData, type PurgeCounts } from './purge';

export interface PurgeRun extends PurgeCounts {
  /** Files of purged requests removed in this run (including ones left by an earlier run). */
  files: number;
}

/** Where a purge writes: a call's ctx.write (with its audit entry), the daily service's own transaction. */
export type PurgeWrite = <T>(fn: (db: WriteDb) => T) => T;

/** What a purge reads with: a call's context or the service's (a ReadDb is enough). */
export type PurgeContext = { db: ReadDb } & Pick<CoreContext, 'clock'>;

/**
 * The database part of a purge, committed in one IMMEDIATE transaction (`write`, which also
 * appends the run's audit entry). Leaves the stamp of the purged requests in
 * 'retention.pendingFiles' for sweepPurgedFiles.
 */
export function purgeDatabase(ctx: PurgeContext, write: PurgeWrite): PurgeCounts {
  const now = ctx.clock.now();
  return write((db) => {
    // Blanked values are overwritten with zeros in the file too, not just unlinked from the b-tree.
    const secureDelete = value<number>(db, sql`PRAGMA secure_delete`);
    exec(db, sql`PRAGMA secure_delete = ON`);
    try {
      const c = purgeExpiredPersonalData(db, now, getSetting(db, 'retention'));
      if (c.requests > 0 || c.guidanceSheets > 0) setSetting(db, 'retention.pendingFiles', [...getSetting(db, 'retention.pendingFiles'), now]);
      setSetting(db, 'retention.lastRunAt', now);
      // The names index is contentless: a deleted row's terms stay in its segments until they are
      // merged. Merging them now drops the purged names from the file (secure_delete zeroes the pages).
      if (c.requests > 0) run(db, sql`INSERT INTO requests_fts (requests_fts) VALUES ('optimize')`);
      return c;
    } finally {
      // The mode found before (0 off, 1 on, 2 fast), put back by its literal pragma.
      if (secureDelete === 1) exec(db, sql`PRAGMA secure_delete = ON`);
      else if (secureDelete === 2) exec(db, sql`PRAGMA secure_delete = FAST`);
      else exec(db, sql`PRAGMA secure_delete = OFF`);
    }
  });
}

/** A whole purge: the database, then the files of this run and of any run a crash interrupted. */
export function runPurge(ctx: PurgeContext & Pick<CoreContext, 'dataDir' | 'log'>, write: PurgeWrite): PurgeRun {
  const counts = purgeDatabase(ctx, write);
  const files = sweepPurgedFiles(ctx.db, ctx.dataDir, ctx.log, write);
  ctx.log.info('retention purge done', { ...counts, files: files.removed, filesPending: files.pending });
  return { ...counts, files: files.removed };
}

const DAY = 86_400_000;

/** Due once a day: when the last completed purge is a day old, or there was none. */
export function purgeDue(ctx: Pick<CoreContext, 'db'>, now: number): boolean {
  const last = getSetting(ctx.db, 'retention.lastRunAt');
  return last === null || now - last >= DAY || now < last;
}

export type ScheduledPurge = { outcome: 'no_corresponde' } | { outcome: 'hecho'; run: PurgeRun } | { outcome: 'fallo'; error: string };

/** The daily service's run; audited as the desk's own act ('retention.scheduled'). */
export function purgeIfDue(ctx: CoreContext): ScheduledPurge {
  const now = ctx.clock.now();
  if (!purgeDue(ctx, now)) return { outcome: 'no_corresponde' };
  const target = `agency:${getSetting(ctx.db, 'agencyId')}:retention`;
  const audit = (db: WriteDb, outcome: string) => appendAudit(db, { at: now, actorId: null, call: 'retention.scheduled', target, outcome });
  // As a call's ctx.write: the first transaction (the database part) carries the run's one audit entry.
  let audited = false;
  try {
    const run = runPurge(ctx, (fn) => {
      const value = writeTransaction(ctx.db, (db) => {
        const v = fn(db);
        if (!audited) audit(db, 'ok');
        return v;
      });
      audited = true;
      return value;
    });
    return { outcome: 'hecho', run };
  } catch (err) {
    try {
      writeTransaction(ctx.db, (db) => audit(db, 'failed'));
    } catch {
      // The database itself is the problem: the log line below is all there is.
    }
    ctx.log.error('scheduled retention purge failed', { error: err instanceof Error ? `${err.name} ${(err as NodeJS.ErrnoException).code ?? ''}`.trim() : typeof err });
    return { outcome: 'fallo', error: err instanceof Error ? err.name : String(err) };
  }
}

/**
 * The daily purge as a background service (core/scheduler.ts runs it, in every host): looks
 * every hour whether a day has passed since the last completed purge, the first time a few
 * minutes after start-up.
 */
export const retentionService: BackgroundService = {
  name: 'retention',
  firstRunAfterMs: 5 * 60_000,
  everyMs: 60 * 60_000,
  run: (ctx) => {
    const r = purgeIfDue(ctx);
    if (r.outcome === 'hecho') ctx.log.info('scheduled retention purge done', { requests: r.run.requests, appointments: r.run.appointments, sessions: r.run.sessions, files: r.run.files });
    return r;
  },
};
