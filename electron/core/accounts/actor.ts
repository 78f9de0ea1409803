import { createHash } from 'node:crypto';
import type { Actor, CoreContext } from '../context';
import type { UserRole } from '../../../shared/contract';
import { appendAudit } from '../security/audit/chain';
import { getSetting } from '../settings';
import { connectionOf } from '../../../db/open';
import { get, readable, sql, type Writer } from '../../../db/sql';
import { releaseAllWork } from '../counter/working';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sessions end 12 h after login at the latest: a counter day, never overnight. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * last_seen_at is written at most this often (not on every call). The idle lock allows for it:
 * a session is locked once it has certainly been idle longer than the setting, at most this late.
 */
export const LAST_SEEN_RESOLUTION_MS = 10_000;

interface ActorRow {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  agencyId: string;
  agencyCode: string;
  disabled: number;
  mustChangePassword: number;
  lockedAt: number | null;
  lastSeenAt: number;
}

const ACTOR_COLUMNS = sql`u.id AS userId, u.username, u.display_name AS displayName, u.role,
  u.agency_id AS agencyId, a.code AS agencyCode, u.disabled, u.must_change_password AS mustChangePassword`;

/**
 * The end of a session (logout, expiry): the person's «en atención» markers at this desk are
 * released with it when no other session of theirs is open here (counter/working.ts). Call inside
 * the transaction that ends the session, after its row is gone.
 */
export function endSessionWork(db: Writer, actor: Actor, now: number): void {
  const open = get(db, sql`SELECT 1 FROM sessions WHERE user_id = ${actor.userId} AND expires_at > ${now}`);
  if (!open) releaseAllWork(db, actor, now);
}

/**
 * endSessionWork for a user whose sessions were ended by someone or something else (an
 * administrator disabling them or resetting their password, a lockout): the markers are released
 * in their name, as their own logout would. Call inside the transaction that deleted the sessions.
 */
export function endUserWork(db: Writer, userId: string, now: number): void {
  const row = get<ActorRow>(db, sql`SELECT ${ACTOR_COLUMNS}, NULL AS lockedAt, 0 AS lastSeenAt FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = ${userId}`);
  if (row) endSessionWork(db, toActor(row, null), now);
}

export function resolveSessionActor(ctx: CoreContext, token: string | null): Actor | null {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const sqlite = connectionOf(ctx.db);
  const now = ctx.clock.now();
  const row = get<ActorRow & { expiresAt: number }>(
    readable(sqlite),
    sql`SELECT ${ACTOR_COLUMNS}, s.locked_at AS lockedAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt FROM sessions s
       JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
       WHERE s.token_hash = ${tokenHash}`,
  );
  if (row && row.expiresAt <= now) {
    // Expired (SESSION_TTL_MS): found by the screen's next call, usually the renewal of a marker.
    // The session ends here, and with it the work it held, in one transaction, audited as a
    // change the core makes on its own (the call that found it is refused as unauthenticated).
    sqlite
      .transaction(() => {
        const ended = sqlite.prepare('DELETE FROM sessions WHERE token_hash = ? AND expires_at <= ?').run(tokenHash, now);
        if (ended.changes !== 1) return;
        endSessionWork(sqlite, toActor(row, tokenHash), now);
        appendAudit(sqlite, { at: now, actorId: row.userId, call: 'session.expire', target: `user:${row.userId}`, outcome: 'ok' });
      })
      .immediate();
    return null;
  }
  if (!row || row.disabled) return null;
  if (row.lockedAt === null && now - row.lastSeenAt > getSetting(ctx.db, 'idleLockMinutes') * 60_000 + LAST_SEEN_RESOLUTION_MS) {
    // Idle past the setting: the core locks the session itself, whatever the screen did. Only
    // session.unlock (with the password), logout and current run until it is unlocked.
    // Audited as a change of its own: the call that found it idle may be one that is not audited.
    sqlite
      .transaction(() => {
        const locked = sqlite.prepare('UPDATE sessions SET locked_at = ? WHERE token_hash = ? AND locked_at IS NULL').run(now, tokenHash);
        if (locked.changes === 1) appendAudit(sqlite, { at: now, actorId: row.userId, call: 'session.idleLock', target: `user:${row.userId}`, outcome: 'ok' });
      })
      .immediate();
    return toActor({ ...row, lockedAt: now }, tokenHash);
  }
  sqlite
    .prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?')
    .run(now, tokenHash, now - LAST_SEEN_RESOLUTION_MS);
  return toActor(row, tokenHash);
}

/** The CLI acts as a named, enabled user; whoever runs it already holds the data directory. */
export function resolveCliActor(ctx: CoreContext, username: string): Actor | null {
  const row = get<ActorRow>(
    ctx.db,
    sql`SELECT ${ACTOR_COLUMNS}, NULL AS lockedAt, 0 AS lastSeenAt FROM users u JOIN agencies a ON a.id = u.agency_id WHERE lower(u.username) = lower(${username})`,
  );
  return row && !row.disabled ? toActor(row, null) : null;
}

function toActor(row: ActorRow, sessionHash: string | null): Actor {
  const { userId, username, displayName, role, agencyId, agencyCode } = row;
  return {
    userId,
    username,
    displayName,
    role,
    agencyId,
    agencyCode,
    sessionHash,
    locked: row.lockedAt !== null,
    mustChangePassword: row.mustChangePassword === 1,
  };
}
