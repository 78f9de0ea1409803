// Pull: central's changes for this agency, by cursor, a page at a time. A page is validated whole
// before anything is applied (bad input changes nothing); its changes are then applied in short
// transactions, each committing its changes with the applied-seq watermark, the last one also the
// new cursor. A crash between them re-fetches the page and the watermark skips what was already
// applied: nothing lost, nothing applied twice. Between two transactions the pull lets other work
// run: a clerk's call waits for one short transaction, never for a page. The page asked for ahead
// is checked the same way, a slice at a time (http.ts exchangeList), its slices and the
// transactions taking turns: a call waits for one slice of either, never for two in a row.
import type Database from 'better-sqlite3';
import { autocheckpointMode, setAutocheckpoint } from '../../../db/open';
import { API_PREFIX, Change, PullResponseHead } from '../../../shared/sync/protocol';
import type { Clock } from '../context';
import { batchAudit } from '../security/audit/chain';
import { applyChange, inspectVirtualScans, type ApplyContext } from './apply';
import { exchangeList } from './http';
import { readSyncState, updateSyncState } from './state';

export interface PullOptions {
  pageSize: number;
  timeoutMs: number;
  maxResponseBytes: number;
  /** How long one transaction applies changes before it commits and lets other calls write. */
  sliceMs?: number;
  /** At most this many changes per transaction. */
  maxChangesPerTransaction?: number;
  /** After each commit, the seq applied so far (tests stop a pull there, as a crash would). */
  onCommitted?: (appliedSeq: number) => void;
}

/**
 * A light call's p99 stays ≤ 20 ms while a pull runs (test/bench/concurrency.ts): a transaction
 * holds the writer for about this long.
 */
export const PULL_SLICE_MS = 8;
const MAX_CHANGES_PER_TRANSACTION = 1_000;
/**
 * Changes applied between two checkpoints of the WAL (and one after the last page, so a clerk's
 * next commit never inherits it). Each checkpoint fsyncs the WAL and the database on the writer's
 * thread, 20–50 ms here: one per 1,000-change page was ten of them in a 10,000-change pull. Every
 * 3,000 the WAL peaks near 40 MB; the checkpoint copies each page once however often it changed.
 */
const CHECKPOINT_EVERY = 3_000;

export interface PullTally {
  pages: number;
  applied: number;
  conflicts: number;
  skipped: number;
}

/**
 * Lets whatever waits on the event loop (a clerk's call, the status bar) run before the pull's next
 * slice of work. The slices waiting here (the page applied, the next page checked) go one per turn
 * of the loop: two setImmediate callbacks queued together would run back to back, and a call that
 * came in meanwhile would wait for both.
 */
const waiting: (() => void)[] = [];
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(takeTurn);
  });
}
function takeTurn(): void {
  const resolve = waiting.shift();
  // Queued from inside an immediate callback: it runs on the loop's next turn, after the calls that came in.
  if (waiting.length > 0) setImmediate(takeTurn);
  resolve?.();
}

export async function pullAll(
  sqlite: Database.Database,
  target: { url: string; token: string },
  apply: Omit<ApplyContext, 'now'>,
  clock: Clock,
  opts: PullOptions,
): Promise<PullTally> {
  const tally: PullTally = { pages: 0, applied: 0, conflicts: 0, skipped: 0 };
  const sliceMs = opts.sliceMs ?? PULL_SLICE_MS;
  const most = Math.max(1, opts.maxChangesPerTransaction ?? MAX_CHANGES_PER_TRANSACTION);
  let first = true;
  let sinceCheckpoint = 0;
  // What the last transaction took after its changes (the watermark, the audit head, the commit):
  // the next one stops its changes that much before the slice ends, so the whole of it fits.
  let closingMs = 0;
  // Short transactions would each let SQLite checkpoint the WAL (and fsync) once it passes 1,000
  // pages, and a pull's changes touch pages all over the indexes: many times the checkpoints of
  // one transaction per page. The pull checkpoints itself every CHECKPOINT_EVERY changes instead,
  // then gives SQLite's default back. A core whose checkpoints run on their own thread
  // (electron/hosts/common/checkpointer.ts: the writer at the backstop) leaves them to it: a
  // checkpoint here would only stop this thread for what that one copies anyway.
  const selfCheckpoint = autocheckpointMode(sqlite) === 'default';
  const fetchPage = (cursor: string) =>
    exchangeList(
      PullResponseHead,
      'changes',
      Change,
      {
        method: 'GET',
        url: `${target.url}${API_PREFIX}/changes?cursor=${encodeURIComponent(cursor)}&limit=${opts.pageSize}`,
        token: target.token,
        timeoutMs: opts.timeoutMs,
        maxBytes: opts.maxResponseBytes,
        now: clock.now(),
      },
      { sliceMs, pause: nextTurn },
    );
  let ahead: { cursor: string; page: ReturnType<typeof fetchPage> } | null = null;
  if (selfCheckpoint) sqlite.pragma('wal_autocheckpoint = 0');
  try {
    for (;;) {
      const state = readSyncState(sqlite);
      // The page asked for while the one before was applied, when it is the one the cursor names.
      const page: Awaited<ReturnType<typeof fetchPage>> = await (ahead?.cursor === state.pullCursor ? ahead.page : fetchPage(state.pullCursor));
      ahead = null;
      if (page.remaining > 0 && page.changes.length > 0) {
        // Central builds the next page, and it travels, while this one is applied: a round trip
        // per page no longer adds to the pull. Its answer (or error) is taken only if the pull gets there.
        const next = fetchPage(page.nextCursor);
        next.catch(() => undefined);
        ahead = { cursor: page.nextCursor, page: next };
      }
      const changes = ordered(page.changes, state.pullAppliedSeq);
      const scanProblems = await inspectVirtualScans(changes);
      const now = clock.now();
      const ctx: ApplyContext = { ...apply, now, scanProblems };
      const running = page.remaining > 0;
      tally.skipped += page.changes.length - changes.length;
      let applied = state.pullAppliedSeq;
      let received = first ? 0 : state.pullReceived;
      let next = 0;
      // At least one transaction per page, even an empty one: it moves the cursor.
      do {
        const started = performance.now();
        const changesUntil = started + sliceMs - closingMs;
        let closing = started;
        sqlite
          .transaction(() => batchAudit(sqlite, () => {
            for (let n = 0; next < changes.length && n < most && (n === 0 || performance.now() < changesUntil); n++) {
              const change = changes[next++]!;
              if (applyChange(sqlite, change, ctx) === 'conflict') tally.conflicts++;
              else tally.applied++;
              applied = change.seq;
              received++;
            }
            const done = next === changes.length;
            closing = performance.now();
            updateSyncState(sqlite, {
              pullAppliedSeq: applied,
              pullReceived: received,
              pullTotal: received + (changes.length - next) + page.remaining,
              // The cursor moves only with the page's last change: a crash before re-fetches the page.
              ...(done ? { pullCursor: page.nextCursor, pullRunning: running ? 1 : 0, ...(running ? {} : { lastPullAt: now }) } : { pullRunning: 1 }),
            });
          }))
          .immediate();
        // At most half the slice: one slow commit (a checkpoint in it) does not shrink the next to nothing.
        closingMs = Math.min(performance.now() - closing, sliceMs / 2);
        opts.onCommitted?.(applied);
        // Also after a page's last transaction: the next page's first one is another turn.
        await nextTurn();
      } while (next < changes.length);
      first = false;
      tally.pages++;
      if (selfCheckpoint) sinceCheckpoint += changes.length;
      if (sinceCheckpoint >= CHECKPOINT_EVERY) {
        sqlite.pragma('wal_checkpoint(PASSIVE)');
        sinceCheckpoint = 0;
      }
      if (page.remaining === 0 || page.changes.length === 0) return tally;
    }
  } catch (err) {
    updateSyncState(sqlite, { pullRunning: 0 });
    throw err;
  } finally {
    // Also after a failed page: what was committed leaves the WAL now, not in a clerk's next commit.
    if (sinceCheckpoint > 0) sqlite.pragma('wal_checkpoint(PASSIVE)');
    if (selfCheckpoint) setAutocheckpoint(sqlite, 'default');
  }
}

/** Sorted by seq, each once, none already applied: answers may arrive duplicated or reordered. */
function ordered(changes: Change[], appliedSeq: number): Change[] {
  const bySeq = new Map<number, Change>();
  for (const c of changes) if (c.seq > appliedSeq && !bySeq.has(c.seq)) bySeq.set(c.seq, c);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
