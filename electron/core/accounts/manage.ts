import { and, asc, count, eq, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { agencies, sessions, users } from '../../../db/schema';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { checkPassword, openSession, sessionInfo } from './session';
import { endUserWork } from './actor';
import { setSetting } from '../settings';
import { hashPassword } from './password';
import { assertNotLastAdmin, assertPasswordPolicy, assertUsernameFree, findUser, toAdminRow, userColumns, type UserRecord } from './users';

/** A user of the administrator's own agency, or not_found: agencies never see each other's staff. */
function agencyUser(ctx: AuthedContext, userId: string): UserRecord {
  const user = findUser(ctx.db, { id: userId });
  if (!user || user.agencyId !== ctx.actor.agencyId) throw new CallFailure('not_found', 'El usuario no existe en esta agencia.');
  ctx.audit.target(`user:${user.id}`);
  return user;
}

const reload = (ctx: AuthedContext, id: string) => toAdminRow(findUser(ctx.db, { id })!, ctx.clock.now());

export const manageHandlers: Pick<
  HandlersOf<'accounts'>,
  'setup.createAdmin' | 'account.changePassword' | 'users.list' | 'users.create' | 'users.update' | 'users.setDisabled' | 'users.resetPassword'
> = {
  'setup.createAdmin': async ({ agency, username, displayName, password }, ctx) => {
    const hasUsers = () => (ctx.db.select({ n: count() }).from(users).get()?.n ?? 0) > 0;
    if (hasUsers()) throw new CallFailure('conflict', 'Esta estación ya tiene usuarios: el administrador inicial solo se crea en el primer arranque.');
    assertPasswordPolicy(password, username);
    const passwordHash = await hashPassword(password);
    const now = ctx.clock.now();
    const userId = uuidv7();
    ctx.audit.actor(userId);
    ctx.audit.target(`user:${userId}`);
    const token = ctx.write((db) => {
      // Checked again inside the transaction: two first-start screens must not both win.
      if (hasUsers()) throw new CallFailure('conflict', 'Esta estación ya tiene usuarios: el administrador inicial solo se crea en el primer arranque.');
      const agencyId = `agency-${agency.code.toLowerCase()}`;
      db.insert(agencies).values({ id: agencyId, code: agency.code, name: agency.name, provinceCode: agency.provinceCode, createdAt: now }).onConflictDoNothing().run();
      db.insert(users).values({ id: userId, agencyId, username, displayName, role: 'administrador', passwordHash, createdAt: now, updatedAt: now }).run();
      setSetting(db, 'agencyId', agencyId);
      return openSession(ctx, db, userId);
    });
    return { token, session: sessionInfo(ctx, findUser(ctx.db, { id: userId })!) };
  },

  'account.changePassword': async ({ currentPassword, newPassword }, ctx) => {
    const user = findUser(ctx.db, { id: ctx.actor.userId });
    if (!user) throw new CallFailure('unauthenticated');
    ctx.audit.target(`user:${user.id}`);
    await checkPassword(ctx, user, currentPassword);
    assertPasswordPolicy(newPassword, user.username, 'newPassword');
    if (currentPassword === newPassword) {
      throw new CallFailure('invalid_input', 'La nueva contraseña debe ser distinta de la actual.', [{ path: 'newPassword', message: 'Debe ser distinta de la actual.' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    const current = ctx.actor.sessionHash;
    ctx.write((db) => {
      db.update(users).set({ passwordHash, mustChangePassword: false, failedAttempts: 0, updatedAt: ctx.clock.now() }).where(eq(users.id, user.id)).run();
      // A new password is often a reaction to a suspected leak: every other session of this user
      // (another computer, a stolen token) ends with the old password; the one making the change
      // stays open. From the CLI (no session) all of them end.
      const others = current ? and(eq(sessions.userId, user.id), ne(sessions.tokenHash, current)) : eq(sessions.userId, user.id);
      db.delete(sessions).where(others).run();
      // From the CLI no session of theirs remains: what they had «en atención» is released.
      endUserWork(db, user.id, ctx.clock.now());
    });
    return sessionInfo(ctx, findUser(ctx.db, { id: user.id })!, ctx.actor.locked);
  },

  'users.list': (_input, ctx) => {
    ctx.audit.target(`agency:${ctx.actor.agencyId}:users`);
    const rows = ctx.db
      .select(userColumns)
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(eq(users.agencyId, ctx.actor.agencyId))
      .orderBy(asc(users.displayName))
      .all();
    return { items: rows.map((u) => toAdminRow(u, ctx.clock.now())) };
  },

  'users.create': async ({ username, displayName, role, password }, ctx) => {
    assertUsernameFree(ctx.db, username);
    assertPasswordPolicy(password, username);
    const passwordHash = await hashPassword(password);
    const now = ctx.clock.now();
    const id = uuidv7();
    ctx.audit.target(`user:${id}`);
    ctx.write((db) => {
      assertUsernameFree(ctx.db, username);
      db
        .insert(users)
        .values({ id, agencyId: ctx.actor.agencyId, username, displayName, role, passwordHash, mustChangePassword: true, createdAt: now, updatedAt: now })
        .run();
    });
    return { user: reload(ctx, id) };
  },

  'users.update': ({ userId, displayName, role }, ctx) => {
    const user = agencyUser(ctx, userId);
    if (role && role !== user.role) assertNotLastAdmin(ctx.db, user);
    ctx.write((db) =>
      db
        .update(users)
        .set({ ...(displayName ? { displayName } : {}), ...(role ? { role } : {}), updatedAt: ctx.clock.now() })
        .where(eq(users.id, user.id))
        .run(),
    );
    return { user: reload(ctx, user.id) };
  },

  'users.setDisabled': ({ userId, disabled }, ctx) => {
    const user = agencyUser(ctx, userId);
    if (disabled && user.id === ctx.actor.userId) throw new CallFailure('conflict', 'No puede deshabilitar su propio usuario.');
    if (disabled) assertNotLastAdmin(ctx.db, user);
    ctx.write((db) => {
      db.update(users).set({ disabled, updatedAt: ctx.clock.now() }).where(eq(users.id, user.id)).run();
      if (disabled) {
        db.delete(sessions).where(eq(sessions.userId, user.id)).run();
        // Signed out by the administrator: the other desks stop showing them «en atención».
        endUserWork(db, user.id, ctx.clock.now());
      }
    });
    return { user: reload(ctx, user.id) };
  },

  'users.resetPassword': async ({ userId, password }, ctx) => {
    const user = agencyUser(ctx, userId);
    assertPasswordPolicy(password, user.username);
    const passwordHash = await hashPassword(password);
    ctx.write((db) => {
      db
        .update(users)
        .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: ctx.clock.now() })
        .where(eq(users.id, user.id))
        .run();
      db.delete(sessions).where(eq(sessions.userId, user.id)).run();
      endUserWork(db, user.id, ctx.clock.now());
    });
    return { user: reload(ctx, user.id) };
  },
};
