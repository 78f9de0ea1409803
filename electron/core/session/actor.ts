import { createHash } from 'node:crypto';
import type { Actor, CoreContext } from '../context';
import type { UserRole } from '../../../shared/contract';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sessions end 12 h after login at the latest: a counter day, never overnight. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const LAST_SEEN_RESOLUTION_MS = 60_000;

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
}

const ACTOR_COLUMNS = `u.id AS userId, u.username, u.display_name AS displayName, u.role,
  u.agency_id AS agencyId, a.code AS agencyCode, u.disabled, u.must_change_password AS mustChangePassword`;

export function resolveSessionActor(ctx: CoreContext, token: string | null): Actor | null {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const sqlite = ctx.db.$client;
  const now = ctx.clock.now();
  const row = sqlite
    .prepare(
      `SELECT ${ACTOR_COLUMNS}, s.locked_at AS lockedAt FROM sessions s
       JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    )
    .get(tokenHash, now) as ActorRow | undefined;
  if (!row || row.disabled) return null;
  sqlite
    .prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?')
    .run(now, tokenHash, now - LAST_SEEN_RESOLUTION_MS);
  return toActor(row, tokenHash);
}

/** The CLI acts as a named, enabled user; whoever runs it already holds the data directory. */
export function resolveCliActor(ctx: CoreContext, username: string): Actor | null {
  const row = ctx.db.$client
    .prepare(`SELECT ${ACTOR_COLUMNS}, NULL AS lockedAt FROM users u JOIN agencies a ON a.id = u.agency_id WHERE lower(u.username) = lower(?)`)
    .get(username) as ActorRow | undefined;
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
