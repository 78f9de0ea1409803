// The desk's sync state (one row of sync_state) and the connection state the status bar shows.
import { get, ident, join, run, sql, transaction, type Reader, type Writer } from '../../../db/sql';
import type { ReadDb } from '../../../db/open';
import type { ReadSecrets } from '../context';
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
  stationCode: string | null;
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
  auditConfirmedSeq: number | null;
  auditConfirmedHash: string | null;
  auditConfirmedAt: number | null;
  auditRefusal: string | null;
  auditRefusalAt: number | null;
  recoveredAt: number | null;
}

const EMPTY: SyncStateRow = {
  deviceId: null,
  deviceName: null,
  agencyCode: null,
  stationCode: null,
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
  auditConfirmedSeq: null,
  auditConfirmedHash: null,
  auditConfirmedAt: null,
  auditRefusal: null,
  auditRefusalAt: null,
  recoveredAt: null,
};

export function readSyncState(db: Reader): SyncStateRow {
  const columns = join((Object.keys(COLUMN) as (keyof SyncStateRow)[]).map((k) => sql`${ident(COLUMN[k])} AS ${ident(k)}`), ', ');
  const row = get<SyncStateRow>(db, sql`SELECT ${columns} FROM sync_state WHERE id = 1`);
  return row ?? EMPTY;
}

const COLUMN: Record<keyof SyncStateRow, string> = {
  deviceId: 'device_id',
  deviceName: 'device_name',
  agencyCode: 'agency_code',
  stationCode: 'station_code',
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
  auditConfirmedSeq: 'audit_confirmed_seq',
  auditConfirmedHash: 'audit_confirmed_hash',
  auditConfirmedAt: 'audit_confirmed_at',
  auditRefusal: 'audit_refusal',
  auditRefusalAt: 'audit_refusal_at',
  recoveredAt: 'recovered_at',
};

/** A call's ctx.write passes its WriteDb (a savepoint of the call's transaction); the sync loop its connection. */
export function updateSyncState(writer: Writer, patch: Partial<SyncStateRow>): void {
  transaction(writer, (db) => {
    run(db, sql`INSERT INTO sync_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
    const keys = Object.keys(patch) as (keyof SyncStateRow)[];
    if (keys.length === 0) return;
    run(db, sql`UPDATE sync_state SET ${join(keys.map((k) => sql`${ident(COLUMN[k])} = ${patch[k]}`), ', ')} WHERE id = 1`);
  });
}

export interface Enrolment {
  centralUrl: string;
  token: string;
  deviceId: string;
}

/** The enrolment in force, or null: the loop idles and the status bar says "sin configurar". */
export function currentEnrolment(db: ReadDb, secrets: ReadSecrets): Enrolment | null {
  const centralUrl = getSetting(db, 'centralUrl');
  const deviceId = readSyncState(db).deviceId;
  if (!centralUrl || !deviceId) return null;
  const token = secrets.get(TOKEN_SECRET);
  return token ? { centralUrl, token, deviceId } : null;
}

export type ConnectionState = CentralState;

export function connectionState(db: ReadDb, secrets: ReadSecrets, now: number): ConnectionState {
  if (!currentEnrolment(db, secrets)) return 'sin_configurar';
  const lastContactAt = getSetting(db, 'centralLastContactAt');
  const state = readSyncState(db);
  if (lastContactAt === null) return 'sin_conexion';
  const failedSince = state.lastErrorAt !== null && state.lastErrorAt > lastContactAt;
  return !failedSince && now - lastContactAt <= ONLINE_WINDOW_MS ? 'en_linea' : 'sin_conexion';
}
