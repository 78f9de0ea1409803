// Reading and writing staff accounts: shared by sessions, setup and user management.
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agencies, users } from '../../../db/schema';
import { type UserView } from '../../../shared/contract';
import { passwordProblem } from '../../../shared/contract/password-policy';
import type { UserAdminRow } from '../../../shared/contract/accounts';
import type { ReadDb } from '../../../db/open';
import { CallFailure } from '../errors';

export type AdminRow = z.infer<typeof UserAdminRow>;

export const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  agencyCode: agencies.code,
  agencyId: users.agencyId,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
  passwordHash: users.passwordHash,
  failedAttempts: users.failedAttempts,
};

export function findUser(db: ReadDb, where: { id: string } | { username: string }) {
  return db
    .select(userColumns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where('id' in where ? eq(users.id, where.id) : sql`lower(${users.username}) = lower(${where.username})`)
    .get();
}

export type UserRecord = NonNullable<ReturnType<typeof findUser>>;

export const toUserView = (u: UserRecord): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  agencyCode: u.agencyCode,
});

export const toAdminRow = (u: UserRecord, now: number): AdminRow => ({
  ...toUserView(u),
  disabled: u.disabled,
  locked: u.lockedUntil !== null && u.lockedUntil > now,
  lockedUntil: u.lockedUntil,
  mustChangePassword: u.mustChangePassword,
  createdAt: u.createdAt,
});

/** Throws the Spanish policy message when the password is not acceptable. */
export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new CallFailure('invalid_input', problem, [{ path: field, message: problem }]);
}

export function assertUsernameFree(db: ReadDb, username: string): void {
  const taken = db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`).get();
  if (taken) throw new CallFailure('conflict', `Ya existe un usuario "${username}". Elija otro nombre de usuario.`, [{ path: 'username', message: 'Este usuario ya existe.' }]);
}

/** Nobody may leave the agency without an enabled administrator. */
export function assertNotLastAdmin(db: ReadDb, user: UserRecord): void {
  if (user.role !== 'administrador' || user.disabled) return;
  const others = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.agencyId, user.agencyId), eq(users.role, 'administrador'), eq(users.disabled, false), ne(users.id, user.id)))
    .get();
  if (!others) throw new CallFailure('conflict', 'No se puede quitar el último administrador habilitado de la agencia. Cree otro administrador primero.');
}
