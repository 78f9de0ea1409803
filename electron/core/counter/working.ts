// «En atención»: who is working which request, agency-wide (docs/protocol/README.md, «Vista de la
// agencia»). Opening a request to work on it records this desk's marker and a request.working
// event in the outbox (central relays it to the other desks, sync/working.ts); the lists read the
// markers of everyone else. Advisory, never a lock: a desk offline neither sees nor is seen, so
// the core refuses nothing because of a marker; the screen asks the person to confirm.
import type { RequestTableRow } from '../../../db/rows';
import { all, get, pluck, returning, run, sql, value, type Reader, type Sql, type Writer } from '../../../db/sql';
import type { WorkMarker } from '../../../shared/contract/agency';
import { WORK_MARKER_RENEW_MS, WORK_MARKER_TTL_MS, type WorkActivity } from '../../../shared/domain/desks';
import { isTerminal, type RequestState } from '../../../shared/domain/lifecycle';
import type { AuthedContext, AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { appendOutbox } from './store';

/**
 * The least a renewal must move a marker's expiry to be written and told to central: half the
 * screen's renewal period, so the screen's own renewals always go through and a flood does not.
 */
const RENEW_STEP_MS = WORK_MARKER_RENEW_MS / 2;

/** This desk's own markers carry no device id (it may not be enrolled yet). */
export const OWN_DESK = '';

const MARKER_JSON = sql`json_object('station', w.station, 'deskName', w.desk_name, 'ownDesk', w.device_id = '', 'userName', w.user_name,
  'role', w.role, 'activity', w.activity, 'since', w.since)`;

/**
 * A list column (alias r): the earliest live marker of anybody but the reader at this desk, as
 * JSON; read it back with parseWorking.
 */
export const workingColumn = (ctx: Pick<AuthedReadContext, 'clock' | 'actor'>): Sql => sql`(SELECT ${MARKER_JSON} FROM work_markers w
  WHERE w.request_id = r.id AND w.expires_at > ${ctx.clock.now()} AND NOT (w.device_id = '' AND w.user_id = ${ctx.actor.userId}) ORDER BY w.since LIMIT 1)`;

export function parseWorking(text: unknown): WorkMarker | null {
  if (typeof text !== 'string') return null;
  const m = JSON.parse(text) as Omit<WorkMarker, 'ownDesk'> & { ownDesk: number };
  return { ...m, ownDesk: m.ownDesk === 1 };
}

/** Every live marker of someone else on one request, the earliest first. */
function othersOn(db: Reader, requestId: string, userId: string, now: number): WorkMarker[] {
  const rows = pluck<string>(
    db,
    sql`SELECT ${MARKER_JSON} AS m FROM work_markers w WHERE w.request_id = ${requestId} AND w.expires_at > ${now} AND NOT (w.device_id = '' AND w.user_id = ${userId}) ORDER BY w.since`,
  );
  return rows.map((m) => parseWorking(m)!);
}

type Actor = AuthedContext['actor'];

/**
 * Ends the actor's marker on the request, and tells central: call inside the transaction of the
 * decision or the closing that ends the work. Nothing happens when there was none.
 */
export function releaseWork(db: Writer, actor: Actor, req: { id: string; agencyId: string }, now: number): boolean {
  const mine = returning<{ activity: WorkActivity; expiresAt: number }>(
    db,
    sql`DELETE FROM work_markers WHERE request_id = ${req.id} AND device_id = '' AND user_id = ${actor.userId} RETURNING activity, expires_at AS expiresAt`,
  );
  const live = mine.find((m) => m.expiresAt > now);
  if (!live) return false;
  appendOutbox(db, { agencyId: req.agencyId, requestId: req.id, type: 'request.working', payload: { working: false, activity: live.activity, at: now }, now, actor });
  return true;
}

/**
 * Ends every marker of the user at this desk, and tells central: call inside the transaction
 * that ends the user's session (session.logout, a session found expired), when no other session
 * of theirs is still open here — that one's screen may still hold a request and renews it.
 */
export function releaseAllWork(db: Writer, actor: Actor, now: number): number {
  const held = all<{ id: string; agencyId: string }>(
    db,
    sql`SELECT r.id, r.agency_id AS agencyId FROM work_markers w JOIN requests r ON r.id = w.request_id WHERE w.device_id = '' AND w.user_id = ${actor.userId}`,
  );
  return held.filter((req) => releaseWork(db, actor, req, now)).length;
}

function loadForWork(ctx: AuthedContext, id: string): { id: string; agencyId: string; state: RequestState } {
  const req = get<Pick<RequestTableRow, 'id' | 'agencyId' | 'state'>>(ctx.db, sql`SELECT id, agency_id AS agencyId, state FROM requests WHERE id = ${id}`);
  if (!req || req.agencyId !== ctx.actor.agencyId) throw new CallFailure('not_found', 'La solicitud no existe en esta agencia.');
  ctx.audit.target(`request:${id}`);
  return req;
}

export const workHandlers: Pick<HandlersOf<'counter'>, 'requests.workStart' | 'requests.workRenew' | 'requests.workEnd'> = {
  'requests.workStart': ({ id, activity, confirmed }, ctx) => {
    const req = loadForWork(ctx, id);
    const now = ctx.clock.now();
    const others = othersOn(ctx.db, id, ctx.actor.userId, now);
    // A request whose procedure ended has no work left: it is only read.
    if (isTerminal(req.state)) return { started: false, others, expiresAt: null };
    const renewing = get(ctx.db, sql`SELECT 1 FROM work_markers WHERE request_id = ${id} AND device_id = '' AND user_id = ${ctx.actor.userId} AND expires_at > ${now}`) !== undefined;
    // Someone else works it: nothing is recorded until the person confirms (the screen asks).
    if (others.length > 0 && !confirmed && !renewing) return { started: false, others, expiresAt: null };
    const expiresAt = now + WORK_MARKER_TTL_MS;
    const station = value<string | null>(ctx.db, sql`SELECT station_code FROM sync_state WHERE id = 1`) ?? null;
    ctx.write((db) => {
      run(
        db,
        sql`INSERT INTO work_markers (request_id, device_id, station, desk_name, user_id, user_name, role, activity, since, expires_at)
           VALUES (${id}, '', ${station}, NULL, ${ctx.actor.userId}, ${ctx.actor.displayName}, ${ctx.actor.role}, ${activity}, ${now}, ${expiresAt})
           ON CONFLICT (request_id, device_id, user_id) DO UPDATE SET activity = excluded.activity, expires_at = excluded.expires_at, station = excluded.station,
             since = CASE WHEN work_markers.expires_at > ${now} THEN work_markers.since ELSE excluded.since END`,
      );
      appendOutbox(db, { agencyId: req.agencyId, requestId: id, type: 'request.working', payload: { working: true, activity, at: now, until: expiresAt }, now, actor: ctx.actor });
    });
    return { started: true, others, expiresAt };
  },

  // Not audited (contract): the screen renews every WORK_MARKER_RENEW_MS while it stays open, and
  // only the start and the end say who worked the request. It extends a live marker of the
  // person's and nothing else: a lapsed one is started again with requests.workStart, audited.
  // Each extension is an event central relays to every desk of the agency, so one is written only
  // when the expiry moves by at least RENEW_STEP_MS: a screen (or a script) calling it again and
  // again gets the live expiry back and floods nothing.
  'requests.workRenew': ({ id }, ctx) => {
    const req = loadForWork(ctx, id);
    const now = ctx.clock.now();
    // A request whose procedure ended (a central verdict applied by sync) has no work left, as in workStart.
    if (isTerminal(req.state)) return { renewed: false, expiresAt: null };
    const expiresAt = now + WORK_MARKER_TTL_MS;
    return ctx.write((db) => {
      const live = get<{ activity: WorkActivity; expiresAt: number }>(
        db,
        sql`SELECT activity, expires_at AS expiresAt FROM work_markers WHERE request_id = ${id} AND device_id = '' AND user_id = ${ctx.actor.userId} AND expires_at > ${now}`,
      );
      if (!live) return { renewed: false, expiresAt: null };
      if (expiresAt - live.expiresAt < RENEW_STEP_MS) return { renewed: true, expiresAt: live.expiresAt };
      run(db, sql`UPDATE work_markers SET expires_at = ${expiresAt} WHERE request_id = ${id} AND device_id = '' AND user_id = ${ctx.actor.userId}`);
      appendOutbox(db, { agencyId: req.agencyId, requestId: id, type: 'request.working', payload: { working: true, activity: live.activity, at: now, until: expiresAt }, now, actor: ctx.actor });
      return { renewed: true, expiresAt };
    });
  },

  'requests.workEnd': ({ id }, ctx) => {
    const req = loadForWork(ctx, id);
    return { released: ctx.write((db) => releaseWork(db, ctx.actor, req, ctx.clock.now())) };
  },
};
