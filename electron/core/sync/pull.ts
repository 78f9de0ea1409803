// Pull: central's changes for this agency, by cursor, a page at a time. A page is validated whole
// before anything is applied (bad input changes nothing); its changes and the new cursor are then
// committed in one transaction, so a crash re-fetches the page and the applied-seq watermark
// skips what was already applied: nothing lost, nothing applied twice.
import type Database from 'better-sqlite3';
import { API_PREFIX, PullResponse, type Change } from '../../../shared/sync/protocol';
import type { Clock } from '../context';
import { applyChange, inspectVirtualScans, type ApplyContext } from './apply';
import { exchange } from './http';
import { readSyncState, updateSyncState } from './state';

export interface PullOptions {
  pageSize: number;
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface PullTally {
  pages: number;
  applied: number;
  conflicts: number;
  skipped: number;
}

export async function pullAll(
  sqlite: Database.Database,
  target: { url: string; token: string },
  apply: Omit<ApplyContext, 'now'>,
  clock: Clock,
  opts: PullOptions,
): Promise<PullTally> {
  const tally: PullTally = { pages: 0, applied: 0, conflicts: 0, skipped: 0 };
  let first = true;
  try {
    for (;;) {
      const state = readSyncState(sqlite);
      const page = await exchange(PullResponse, {
        method: 'GET',
        url: `${target.url}${API_PREFIX}/changes?cursor=${encodeURIComponent(state.pullCursor)}&limit=${opts.pageSize}`,
        token: target.token,
        timeoutMs: opts.timeoutMs,
        maxBytes: opts.maxResponseBytes,
        now: clock.now(),
      });
      const changes = ordered(page.changes, state.pullAppliedSeq);
      const scanProblems = await inspectVirtualScans(changes);
      const now = clock.now();
      sqlite
        .transaction(() => {
          let applied = state.pullAppliedSeq;
          for (const change of changes) {
            const outcome = applyChange(sqlite, change, { ...apply, now, scanProblems });
            if (outcome === 'conflict') tally.conflicts++;
            else tally.applied++;
            applied = change.seq;
          }
          tally.skipped += page.changes.length - changes.length;
          const running = page.remaining > 0;
          const received = (first ? 0 : state.pullReceived) + changes.length;
          updateSyncState(sqlite, {
            pullCursor: page.nextCursor,
            pullAppliedSeq: applied,
            pullRunning: running ? 1 : 0,
            pullReceived: received,
            pullTotal: received + page.remaining,
            ...(running ? {} : { lastPullAt: now }),
          });
        })
        .immediate();
      first = false;
      tally.pages++;
      if (page.remaining === 0 || page.changes.length === 0) return tally;
    }
  } catch (err) {
    updateSyncState(sqlite, { pullRunning: 0 });
    throw err;
  }
}

/** Sorted by seq, each once, none already applied: answers may arrive duplicated or reordered. */
function ordered(changes: Change[], appliedSeq: number): Change[] {
  const bySeq = new Map<number, Change>();
  for (const c of changes) if (c.seq > appliedSeq && !bySeq.has(c.seq)) bySeq.set(c.seq, c);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
