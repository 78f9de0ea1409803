// The desk's sync state (one row of sync_state) and the connection state the status bar shows.
import type Database from 'better-sqlite3';
import type { Db } from '../../../db/open';
import type { SecretStore } from '../context';
import { getSetting } from '../settings';
import type { CentralState } from '../../../shared/contract/sync';

/** Name of the enrolment token in the secrets store (never in the database, never logged). */
export const TOKEN_SECRET = 'centralSyncToken';

/** A contact older than this, with no newer success, no longer counts as "en línea". */
export const ONLINE_WINDOW_MS = 2 * 60_000;

export interface SyncStateRow {
  deviceId: string | null;
  deviceName: string | null;
  agencyCode: string | null;
  enrolledAt: number | null;
  pullCursor: string;
  pullAppliedSeq: number;
  nextAttemptAt: number | null;
  failures: number;
  lastError: string | null;
  lastErrorAt: number | null;
  lastPullAt: number | null;
  pullRunning: number;
  pullReceived: number;
  pullTotal: number;
}

const EMPTY: SyncStateRow = {
  deviceId: null,
  deviceName: null,
  agencyCode: null,
  enrolledAt: null,
  pullCursor: '',
  pullAppliedSeq: 0,
  nextAttemptAt: null,
  failures: 0,
  lastError: null,
  lastErrorAt: null,
  lastPullAt: null,
  pullRunning: 0,
  pullReceived: 0,
  pullTotal: 0,
};

export function readSyncState(sqlite: Database.Database): SyncStateRow {
  const row = sqlite
    .prepare(
      `SELECT device_id AS deviceId, device_name AS deviceName, agency_code AS agencyCode, enrolled_at AS enrolledAt,
        pull_cursor AS pullCursor, pull_applied_seq AS pullAppliedSeq, next_attempt_at AS nextAttemptAt, failures,
        last_error AS lastError, last_error_at AS lastErrorAt, last_pull_at AS lastPullAt, pull_running AS pullRunning,
        pull_received AS pullReceived, pull_total AS pullTotal
       FROM sync_state WHERE id = 1`,
    )
    .get() as SyncStateRow | undefined;
  return row ?? EMPTY;
}

const COLUMN: Record<keyof SyncStateRow, string> = {
  deviceId: 'device_id',
  deviceName: 'device_name',
  agencyCode: 'agency_code',
  enrolledAt: 'enrolled_at',
  pullCursor: 'pull_cursor',
  pullAppliedSeq: 'pull_applied_seq',
  nextAttemptAt: 'next_attempt_at',
  failures: 'failures',
  lastError: 'last_error',
  lastErrorAt: 'last_error_at',
  lastPullAt: 'last_pull_at',
  pullRunning: 'pull_running',
  pullReceived: 'pull_received',
  pullTotal: 'pull_total',
};

export function updateSyncState(sqlite: Database.Database, patch: Partial<SyncStateRow>): void {
  sqlite.prepare('INSERT INTO sync_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING').run();
  const keys = Object.keys(patch) as (keyof SyncStateRow)[];
  if (keys.length === 0) return;
  sqlite.prepare(`UPDATE sync_state SET ${keys.map((k) => `${COLUMN[k]} = @${k}`).join(', ')} WHERE id = 1`).run(patch);
}

export interface Enrolment {
  centralUrl: string;
  token: string;
  deviceId: string;
}

/** The enrolment in force, or null: the loop idles and the status bar says "sin configurar". */
export function currentEnrolment(db: Db, secrets: SecretStore): Enrolment | null {
  const centralUrl = getSetting(db, 'centralUrl');
  const deviceId = readSyncState(db.$client).deviceId;
  if (!centralUrl || !deviceId) return null;
  const token = secrets.get(TOKEN_SECRET);
  return token ? { centralUrl, token, deviceId } : null;
}

export type ConnectionState = CentralState;

export function connectionState(db: Db, secrets: SecretStore, now: number): ConnectionState {
  if (!currentEnrolment(db, secrets)) return 'sin_configurar';
  const lastContactAt = getSetting(db, 'centralLastContactAt');
  const state = readSyncState(db.$client);
  if (lastContactAt === null) return 'sin_conexion';
  const failedSince = state.lastErrorAt !== null && state.lastErrorAt > lastContactAt;
  return !failedSince && now - lastContactAt <= ONLINE_WINDOW_MS ? 'en_linea' : 'sin_conexion';
}
