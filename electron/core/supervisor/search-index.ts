// The names' search index merged in the background. FTS5 keeps its index as segments and merges
// them; left to itself (automerge) it merges inside whichever write comes along, now and then
// hundreds of pages in one clerk's check-in. Migration 0021 turns that off, and this service
// merges a few pages at a time between calls instead: a call that arrives meanwhile waits for one
// step (a couple of milliseconds), never for a whole merge. Without it segments would pile up
// until FTS5's own bound (64 on a level, db/migrations/0021_fts_names_changed.sql) merges them at
// once, and every search reads each segment.
import { writeTransaction } from '../../../db/open';
import { run, sql, value } from '../../../db/sql';
import type { CoreContext } from '../context';
import type { BackgroundService } from '../scheduler';

/** Leaf pages one step merges: about 50 pages written, 1–2 ms on the counter PC. */
export const MERGE_STEP_PAGES = 16;
/** Steps per run, each its own short transaction with the event loop let through between them. */
const STEPS_PER_RUN = 25;

const yieldToCalls = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One step of merge work; false when there was none. FTS5's 'merge' command changes no row of
 * its own: total_changes() moves by more than that one statement only when it wrote segments.
 */
export function mergeStep(ctx: Pick<CoreContext, 'db'>): boolean {
  return writeTransaction(ctx.db, (db) => {
    const before = value<number>(db, sql`SELECT total_changes()`) ?? 0;
    run(db, sql`INSERT INTO requests_fts (requests_fts, rank) VALUES ('merge', ${MERGE_STEP_PAGES})`);
    return (value<number>(db, sql`SELECT total_changes()`) ?? 0) - before > 1;
  });
}

/** Merges until there is nothing to merge or the run's steps are spent; returns the steps that merged. */
export async function mergeSearchIndex(ctx: Pick<CoreContext, 'db'>, steps = STEPS_PER_RUN): Promise<number> {
  let merged = 0;
  while (merged < steps && mergeStep(ctx)) {
    merged++;
    await yieldToCalls();
  }
  return merged;
}

export const searchIndexService: BackgroundService = {
  name: 'search-index',
  firstRunAfterMs: 10_000,
  everyMs: 2_000,
  run: (ctx) => mergeSearchIndex(ctx),
};
