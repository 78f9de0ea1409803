// One sync cycle (push everything, then pull everything), and the background service that runs
// cycles when due: after a failure it backs off with jitter, honouring Retry-After.
import { connectionOf } from '../../../db/open';
import type { CoreContext } from '../context';
import type { BackgroundService } from '../scheduler';
import { getSetting, setSetting } from '../settings';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff';
import { SyncError } from './http';
import { PULL_SLICE_MS, pullAll, type PullTally } from './pull';
import { downloadPending } from './files';
import { pushAll, type PushTally } from './push';
import { sendRoutingIfChanged } from './routing';
import { virtualRouting } from '../ops/agency-config';
import { eventSigner } from './signing';
import { refreshWorking } from './working';
import { currentEnrolment, readSyncState, updateSyncState } from './state';

export type SyncDeps = Pick<CoreContext, 'db' | 'clock' | 'log' | 'secrets' | 'dataDir'>;

export interface SyncOptions {
  batchSize: number;
  pageSize: number;
  /** How long one pull transaction holds the writer (pull.ts). */
  pullSliceMs: number;
  /** A call that has not answered by then is abandoned (and retried later). */
  timeoutMs: number;
  maxResponseBytes: number;
  backoff: BackoffPolicy;
  /** How often the service looks for work. */
  pollMs: number;
  /** How often it asks central for changes when nothing is pending. */
  pullIntervalMs: number;
  random: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: 500,
  pageSize: 1000,
  pullSliceMs: PULL_SLICE_MS,
  timeoutMs: 20_000,
  // A pull page of 1,000 changes may carry virtual-channel scans (up to 1 MB each, base64).
  maxResponseBytes: 64 * 1_048_576,
  backoff: DEFAULT_BACKOFF,
  pollMs: 1_000,
  pullIntervalMs: 10_000,
  random: Math.random,
};

export type CycleResult =
  | { ok: true; push: PushTally; pull: PullTally }
  | { ok: false; error: string; retryInMs: number; kind: SyncError['kind'] }
  | { ok: false; error: null; kind: 'not_enrolled' };

/** Runs one push + pull cycle now, whatever the backoff says; records the outcome for the screens. */
export async function syncOnce(deps: SyncDeps, options: Partial<SyncOptions> = {}): Promise<CycleResult> {
  const opts = { ...DEFAULT_SYNC_OPTIONS, ...options };
  const sqlite = connectionOf(deps.db);
  const enrolment = currentEnrolment(deps.db, deps.secrets);
  if (!enrolment) return { ok: false, error: null, kind: 'not_enrolled' };
  const target = { url: enrolment.centralUrl.replace(/\/+$/, ''), token: enrolment.token };
  const now = () => deps.clock.now();
  try {
    const push = await pushAll(sqlite, target, now, { batchSize: opts.batchSize, timeoutMs: opts.timeoutMs, maxResponseBytes: opts.maxResponseBytes, dataDir: deps.dataDir, sign: eventSigner(deps.secrets) });
    // Before pulling: central routes virtual requests by what this agency attends.
    await sendRoutingIfChanged(deps, target, opts);
    const pull = await pullAll(
      sqlite,
      target,
      {
        dataDir: deps.dataDir,
        agencyId: getSetting(deps.db, 'agencyId'),
        deviceId: enrolment.deviceId,
        stationCode: readSyncState(sqlite).stationCode,
        virtualRouting: virtualRouting(deps.db),
      },
      deps.clock,
      { pageSize: opts.pageSize, sliceMs: opts.pullSliceMs, timeoutMs: opts.timeoutMs, maxResponseBytes: opts.maxResponseBytes },
    );
    await recover(deps, target, now, opts);
    await refreshWorking(sqlite, target, now, { timeoutMs: opts.timeoutMs, maxResponseBytes: opts.maxResponseBytes });
    recordSuccess(deps);
    return { ok: true, push, pull };
  } catch (err) {
    const failure = err instanceof SyncError ? err : new SyncError('dropped', 'Error inesperado durante la sincronización. Se reintentará.');
    if (!(err instanceof SyncError)) deps.log.error('sync cycle failed', { error: err instanceof Error ? err.name : typeof err });
    const retryInMs = recordFailure(deps, failure, opts);
    return { ok: false, error: failure.message, retryInMs, kind: failure.kind };
  }
}

/**
 * A replacement desk fetches its station's files queued by the pull; once the feed is read to its
 * end and no file is left to fetch, the recovery is over (the sync screen stops saying so).
 */
async function recover(deps: SyncDeps, target: { url: string; token: string }, now: () => number, opts: SyncOptions): Promise<void> {
  const sqlite = connectionOf(deps.db);
  await downloadPending(sqlite, deps.dataDir, target, now, { timeoutMs: opts.timeoutMs });
  const state = readSyncState(sqlite);
  if (state.recoveredAt !== null || state.pullRunning === 1) return;
  // A file central keeps failing to give (it never had it) does not hold the recovery for ever: it stays listed with its error.
  const left = sqlite.prepare('SELECT count(*) AS n FROM sync_downloads WHERE attempts < 3').get() as { n: number };
  if (left.n === 0) updateSyncState(sqlite, { recoveredAt: now() });
}

function recordSuccess(deps: SyncDeps): void {
  const sqlite = connectionOf(deps.db);
  sqlite
    .transaction(() => {
      updateSyncState(sqlite, { failures: 0, lastError: null, nextAttemptAt: null });
      setSetting(deps.db, 'centralLastContactAt', deps.clock.now());
    })
    .immediate();
}

/** Schedules the next try: on the cycle (status bar, sync screen) and on each failed item. */
function recordFailure(deps: SyncDeps, failure: SyncError, opts: SyncOptions): number {
  const sqlite = connectionOf(deps.db);
  const now = deps.clock.now();
  const failures = readSyncState(sqlite).failures + 1;
  const delay = retryDelay(failures, failure.retryAfterMs, opts.backoff, opts.random);
  const at = now + delay;
  sqlite
    .transaction(() => {
      updateSyncState(sqlite, { failures, lastError: failure.message, lastErrorAt: now, nextAttemptAt: at, pullRunning: 0 });
      // Items that were never tried wait behind the failed ones: they get the same next try.
      sqlite.prepare("UPDATE outbox SET next_attempt_at = ?, status = CASE WHEN status = 'enviando' THEN 'fallido' ELSE status END WHERE acked_at IS NULL").run(at);
    })
    .immediate();
  deps.log.warn('sync failed', { kind: failure.kind, status: failure.status, failures, retryInMs: delay });
  return delay;
}

/** After a crash, nothing is really "sending": show those items as pending again. */
export function recoverAfterRestart(deps: SyncDeps): void {
  connectionOf(deps.db).prepare("UPDATE outbox SET status = 'pendiente' WHERE status = 'enviando' AND acked_at IS NULL").run();
  updateSyncState(connectionOf(deps.db), { pullRunning: 0 });
}

/** What the loop has to do now: a push (something unacknowledged) or a periodic pull. */
function isDue(deps: SyncDeps, opts: SyncOptions): boolean {
  const now = deps.clock.now();
  const state = readSyncState(deps.db);
  if (state.nextAttemptAt !== null && state.nextAttemptAt > now) return false;
  if (state.lastPullAt === null || now - state.lastPullAt >= opts.pullIntervalMs || state.failures > 0) return true;
  return connectionOf(deps.db).prepare('SELECT 1 FROM outbox WHERE acked_at IS NULL LIMIT 1').get() !== undefined;
}

/**
 * The sync loop as a background service (core/scheduler.ts runs it): every `pollMs` it looks at
 * the database for work (so a change made by any process, or a "Reintentar" from the CLI, is
 * picked up) and runs a cycle when one is due, honouring the backoff and Retry-After.
 * Idle until an administrator enrols the desk.
 */
export function syncService(options: Partial<SyncOptions> = {}): BackgroundService {
  const opts = { ...DEFAULT_SYNC_OPTIONS, ...options };
  return {
    name: 'sync',
    firstRunAfterMs: 0,
    everyMs: opts.pollMs,
    onStart: (ctx) => recoverAfterRestart(ctx),
    run: (ctx): Promise<CycleResult> | null => (isDue(ctx, opts) ? syncOnce(ctx, opts) : null),
  };
}
