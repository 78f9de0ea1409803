// «En atención» at the stand-in central: the request.working markers the desks push, kept per
// request and device, and handed to the agency's other desks (GET /v1/working). What is left of a
// marker is measured on the desk's own clock (`until` − the push's `sentAt`) and held on central's,
// capped at WORK_MARKER_MAX_TTL_MS (a desk's clock or a forged event cannot pin a request for
// ever); a marker already lapsed when it arrives (the desk was offline) is accepted and dropped.
import type Database from 'better-sqlite3';
import { WORK_MARKER_MAX_TTL_MS } from '../../shared/domain/desks';
import type { OutboxPayload, PushEvent, WorkingMarker } from '../../shared/sync/protocol';
import type { Device } from './devices';

export const WORKING_SCHEMA = `
CREATE TABLE IF NOT EXISTS working (
  request_id TEXT NOT NULL, device_id TEXT NOT NULL, agency_code TEXT NOT NULL, user_id TEXT NOT NULL, user_name TEXT NOT NULL,
  role TEXT NOT NULL, activity TEXT NOT NULL, since INTEGER NOT NULL, until INTEGER NOT NULL,
  PRIMARY KEY (request_id, device_id));
CREATE INDEX IF NOT EXISTS working_agency ON working (agency_code, until);
`;

/** Null when taken; otherwise the Spanish reason of the refusal. */
export function receiveWorking(db: Database.Database, device: Device, e: PushEvent, payload: OutboxPayload<'request.working'>, now: number, sentAt: number | null): string | null {
  if (!e.requestId) return 'El aviso «en atención» llegó sin su solicitud.';
  if (!e.actor) return 'El aviso «en atención» no dice quién atiende la solicitud.';
  const request = db.prepare('SELECT agency_code AS agencyCode FROM requests WHERE id = ?').get(e.requestId) as { agencyCode: string } | undefined;
  if (request && request.agencyCode !== device.agencyCode) return 'La solicitud pertenece a otra agencia.';
  const held = db.prepare('SELECT since, user_id AS userId FROM working WHERE request_id = ? AND device_id = ?').get(e.requestId, device.id) as { since: number; userId: string } | undefined;
  if (!payload.working) {
    // A release ends only the marker of the person who releases (a later one of someone else at the desk stays).
    if (held && held.userId === e.actor.userId) db.prepare('DELETE FROM working WHERE request_id = ? AND device_id = ?').run(e.requestId, device.id);
    return null;
  }
  // A desk without `sentAt` (none sends request.working) would be read as sending at the event's time.
  const left = Math.min((payload.until ?? payload.at) - (sentAt ?? payload.at), WORK_MARKER_MAX_TTL_MS);
  if (left <= 0) return null; // lapsed on the way (the desk was offline): nothing to show
  const until = now + left;
  // When they opened it, on central's clock too (the desk's `at`, as long ago as the desk says).
  const since = held && held.userId === e.actor.userId ? held.since : now - Math.max(0, (sentAt ?? payload.at) - payload.at);
  db.prepare(
    `INSERT INTO working (request_id, device_id, agency_code, user_id, user_name, role, activity, since, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (request_id, device_id) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name, role = excluded.role,
       activity = excluded.activity, since = excluded.since, until = excluded.until`,
  ).run(e.requestId, device.id, device.agencyCode, e.actor.userId, e.actor.name, e.actor.role, payload.activity, since, until);
  return null;
}

/** The agency's live markers, but the asking device's own. */
export function workingFor(db: Database.Database, device: Device, now: number): { items: WorkingMarker[]; time: number } {
  const rows = db
    .prepare(
      `SELECT w.request_id AS requestId, w.device_id AS deviceId, d.station, d.name, w.user_id AS userId, w.user_name AS userName, w.role, w.activity, w.since, w.until
       FROM working w JOIN devices d ON d.id = w.device_id WHERE w.agency_code = ? AND w.until > ? AND w.device_id <> ? ORDER BY w.since LIMIT 5000`,
    )
    .all(device.agencyCode, now, device.id) as { requestId: string; deviceId: string; station: string | null; name: string; userId: string; userName: string; role: WorkingMarker['actor']['role']; activity: WorkingMarker['activity']; since: number; until: number }[];
  return {
    time: now,
    items: rows.map((r) => ({
      requestId: r.requestId,
      desk: { deviceId: r.deviceId, station: r.station, name: r.name },
      actor: { userId: r.userId, name: r.userName, role: r.role },
      activity: r.activity,
      since: r.since,
      until: r.until,
    })),
  };
}
