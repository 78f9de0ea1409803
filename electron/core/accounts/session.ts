import type { UserRow } from '../../../db/rows';
import type { WriteDb } from '../../../db/open';
import { get, run, sql } from '../../../db/sql';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { findUser, toUserView, type UserRecord } from './users';
import type { HandlerContext, ReadContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { getSetting } from '../settings';
import { SESSION_TTL_MS, endSessionWork, endUserWork, hashToken } from './actor';

/** The IESS portal locks an account after 3 failures (seeds 002–003); so do we. */
export const MAX_FAILED_LOGINS = 3;
/**
 * The one answer of a failed login, whether the user does not exist, the password is wrong or
 * the account is locked: a different answer for a locked account told anyone at the login
 * screen which usernames exist. The lockout duration is the desk's setting, the same for all.
 */
function badCredentials(ctx: HandlerContext): CallFailure {
  return new CallFailure(
    'unauthenticated',
    `Usuario o contraseña incorrectos. Tras ${MAX_FAILED_LOGINS} intentos fallidos seguidos la cuenta se bloquea por ${getSetting(ctx.db, 'lockoutMinutes')} minutos; si no puede ingresar, pida al administrador que la desbloquee.`,
  );
}
const WRONG_PASSWORD = 'La contraseña no es correcta.';
/** A hash of a random password nobody knows, with today's parameters: the cost of a real check. */
const DECOY_HASH = 'scrypt$32768$8$1$OBiYwRrtB2+aGNNwQnBn+g==$Yf5itC0ZQmWzRlUJDPT0bAyUqPBwEyp/zinV2PAqTtg=';

export function sessionInfo(ctx: Pick<ReadContext, 'db'>, user: UserRecord, locked = false): SessionInfo {
  return {
    user: toUserView(user),
    idleLockMinutes: getSetting(ctx.db, 'idleLockMinutes'),
    mustChangePassword: user.mustChangePassword,
    locked,
  };
}

/** Minutes until a lockout ends, as the messages say it ("1 minuto", "15 minutos"). */
export function minutesLeft(until: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return `${minutes} minuto${minutes === 1 ? '' : 's'}`;
}

function lockedOut(until: number, now: number): CallFailure {
  return new CallFailure(
    'locked_out',
    `La cuenta está bloqueada por ${MAX_FAILED_LOGINS} intentos fallidos. Intente nuevamente en ${minutesLeft(until, now)} o pida al administrador que la desbloquee.`,
  );
}

export type PasswordCheck = { ok: true } | { ok: false; lockedUntil: number | null };

/**
 * Checks a user's password with the lockout rule: 3 consecutive failures lock the account for
 * the configured minutes. Failures are committed even though the call then fails. Answers what
 * happened; checkPassword turns it into the errors of a login.
 */
export async function verifyWithLockout(ctx: HandlerContext, user: UserRecord, password: string): Promise<PasswordCheck> {
  // A locked account costs the same hash as any attempt: answering at once would tell which
  // usernames are locked (and so exist) by the time the answer takes.
  const matches = await verifyPassword(password, user.passwordHash);
  if (user.lockedUntil && user.lockedUntil > ctx.clock.now()) return { ok: false, lockedUntil: user.lockedUntil };
  // The hash takes ~100 ms and other attempts run meanwhile (the hosts serve calls concurrently):
  // the count is read and written again in one immediate transaction after it, never from the
  // row read before, so parallel wrong attempts all count and none can slip past a lockout.
  const now = ctx.clock.now();
  // The count stands whatever the call's outcome (a refused login is what it counts): the
  // attempt's own transaction (ctx.writeAttempt), the call's audit entry then says the outcome.
  const outcome = ctx.writeAttempt((db): { lockedUntil: number | null; failed: boolean } => {
    const fresh = get<Pick<UserRow, 'failedAttempts' | 'lockedUntil'>>(db, sql`SELECT failed_attempts AS failedAttempts, locked_until AS lockedUntil FROM users WHERE id = ${user.id}`);
    if (!fresh) return { lockedUntil: null, failed: true };
    if (fresh.lockedUntil && fresh.lockedUntil > now) return { lockedUntil: fresh.lockedUntil, failed: !matches };
    if (matches) return { lockedUntil: null, failed: false };
    const failures = (fresh.lockedUntil ? 0 : fresh.failedAttempts) + 1;
    const lockedUntil = failures >= MAX_FAILED_LOGINS ? now + getSetting(db, 'lockoutMinutes') * 60_000 : null;
    run(db, sql`UPDATE users SET failed_attempts = ${lockedUntil ? 0 : failures}, locked_until = ${lockedUntil}, updated_at = ${now} WHERE id = ${user.id}`);
    if (lockedUntil) {
      // Locked out: every session ends, and with them the work they held (as a logout).
      run(db, sql`DELETE FROM sessions WHERE user_id = ${user.id}`);
      endUserWork(db, user.id, now);
    }
    return { lockedUntil, failed: true };
  });
  // Locked by a parallel attempt while this one was hashing: even the right password waits.
  if (outcome.lockedUntil) return { ok: false, lockedUntil: outcome.lockedUntil };
  return outcome.failed ? { ok: false, lockedUntil: null } : { ok: true };
}

/**
 * verifyWithLockout for the signed-in user's own password (unlock, password change): the user is
 * known to the caller, so the lockout is said as it is.
 */
export async function checkPassword(ctx: HandlerContext, user: UserRecord, password: string): Promise<void> {
  const r = await verifyWithLockout(ctx, user, password);
  if (r.ok) return;
  if (r.lockedUntil) throw lockedOut(r.lockedUntil, ctx.clock.now());
  throw new CallFailure('unauthenticated', WRONG_PASSWORD);
}

/** Creates a session for a user who just proved their password, inside ctx.write (its `db`); returns the bearer token. */
export function openSession(ctx: HandlerContext, db: WriteDb, userId: string): string {
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt: now + SESSION_TTL_MS }).run();
  return token;
}

export const sessionHandlers: Pick<HandlersOf<'accounts'>, 'session.login' | 'session.current' | 'session.logout' | 'session.lock' | 'session.unlock'> = {
  'session.login': async ({ username, password }, ctx) => {
    const user = findUser(ctx.db, { username });
    if (!user) {
      // Unknown users cost the same time as known ones: no username probing by timing.
      await verifyPassword(password, DECOY_HASH);
      throw badCredentials(ctx);
    }
    ctx.audit.actor(user.id);
    ctx.audit.target(`user:${user.id}`);
    if (!(await verifyWithLockout(ctx, user, password)).ok) throw badCredentials(ctx);
    if (user.disabled) throw new CallFailure('unauthenticated', 'El usuario está deshabilitado. Consulte al administrador.');
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
    const token = ctx.write((db) => {
      db.update(users)
        .set({ failedAttempts: 0, lockedUntil: null, updatedAt: ctx.clock.now(), ...(rehash ? { passwordHash: rehash } : {}) })
        .where(eq(users.id, user.id))
        .run();
      return openSession(ctx, db, user.id);
    });
    ctx.log.info('login', { userId: user.id });
    return { token, session: sessionInfo(ctx, user) };
  },

  'session.current': (_input, ctx) => {
    const user = findUser(ctx.db, { id: ctx.actor.userId });
    if (!user) throw new CallFailure('unauthenticated');
    return sessionInfo(ctx, user, ctx.actor.locked);
  },

  'session.logout': (_input, ctx) => {
    const hash = ctx.actor.sessionHash;
    if (hash)
      ctx.write((db) => {
        db.delete(sessions).where(eq(sessions.tokenHash, hash)).run();
        // Signed out: the requests this person had «en atención» are theirs no more.
        endSessionWork(db, ctx.actor, ctx.clock.now());
      });
    return {};
  },

  'session.lock': (_input, ctx) => {
    const hash = ctx.actor.sessionHash;
    if (!hash) throw new CallFailure('invalid_input', 'Solo una sesión de pantalla puede bloquearse.');
    ctx.write((db) => db.update(sessions).set({ lockedAt: ctx.clock.now() }).where(eq(sessions.tokenHash, hash)).run());
    return {};
  },

  'session.unlock': async ({ password }, ctx) => {
    const user = findUser(ctx.db, { id: ctx.actor.userId });
    const hash = ctx.actor.sessionHash;
    if (!user || !hash) throw new CallFailure('unauthenticated');
    await checkPassword(ctx, user, password);
    ctx.write((db) => {
      db.update(users).set({ failedAttempts: 0, updatedAt: ctx.clock.now() }).where(eq(users.id, user.id)).run();
      db.update(sessions).set({ lockedAt: null, lastSeenAt: ctx.clock.now() }).where(eq(sessions.tokenHash, hash)).run();
    });
    return sessionInfo(ctx, user, false);
  },
};
