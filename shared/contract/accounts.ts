// Calls of the accounts capability: first-start setup, sessions, the signed-in user's own
// account and user management (prefixes setup., session., account., users.).
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import { Empty, Id, UserView, Username, printableText } from './common';
import { USER_ROLES, defineCall } from './define';

/** The password policy's bounds (password-policy.ts enforces the rest). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const Password = z
  .string({ error: 'Ingrese la contraseña.' })
  .min(1, { error: 'Ingrese la contraseña.' })
  .max(PASSWORD_MAX_LENGTH, { error: `La contraseña no puede superar ${PASSWORD_MAX_LENGTH} caracteres.` });

const DisplayName = z
  .string({ error: 'Ingrese el nombre completo.' })
  .trim()
  .min(3, { error: 'El nombre completo debe tener al menos 3 caracteres.' })
  .max(120, { error: 'El nombre completo no puede superar 120 caracteres.' })
  .superRefine(printableText('Nombre completo'));

const NewUsername = Username.regex(/^[a-z0-9][a-z0-9._-]{2,31}$/i, {
  error: 'El usuario debe tener de 3 a 32 caracteres: letras sin tilde, números, punto, guion o guion bajo.',
});

export const SessionInfo = z.object({
  user: UserView,
  /** Minutes of inactivity after which the screen locks. */
  idleLockMinutes: z.number().int(),
  /** The administrator reset the password: the user must choose a new one first. */
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const UserAdminRow = UserView.extend({
  disabled: z.boolean(),
  /** Locked out by failed logins right now. */
  locked: z.boolean(),
  lockedUntil: z.number().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.number(),
});

export const accountCalls = {
  'setup.createAdmin': defineCall({
    summary: 'Primer arranque: crea la agencia de la estación y su primer administrador.',
    access: 'public',
    audit: 'change',
    input: z
      .object({
        agency: z
          .object({
            code: z.string().trim().toUpperCase().regex(/^[A-Z]{2,6}$/, { error: 'El código de agencia debe tener de 2 a 6 letras, por ejemplo UIO.' }),
            name: z.string().trim().min(3, { error: 'Ingrese el nombre de la agencia.' }).max(120).superRefine(printableText('Nombre de la agencia')),
            provinceCode: z.string().regex(/^(0[1-9]|1\d|2[0-4]|30)$/, { error: 'Seleccione la provincia de la agencia.' }),
          })
          .strict(),
        username: NewUsername,
        displayName: DisplayName,
        password: Password,
      })
      .strict(),
    output: z.object({ token: z.string(), session: SessionInfo }),
  }),

  'session.login': defineCall({
    summary: 'Inicia sesión con usuario y contraseña.',
    access: 'public',
    audit: 'change',
    input: z.object({ username: Username, password: Password }).strict(),
    output: z.object({ token: z.string(), session: SessionInfo }),
  }),

  'session.current': defineCall({
    summary: 'Usuario y estado de la sesión activa.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: Empty,
    output: SessionInfo,
  }),

  'session.logout': defineCall({
    summary: 'Cierra la sesión activa.',
    access: ROLE_GROUPS.everyone,
    audit: 'change',
    input: Empty,
    output: z.object({}),
  }),

  'session.lock': defineCall({
    summary: 'Bloquea la sesión por inactividad; solo la contraseña la desbloquea.',
    access: ROLE_GROUPS.everyone,
    audit: 'change',
    input: Empty,
    output: z.object({}),
  }),

  'session.unlock': defineCall({
    summary: 'Desbloquea la sesión con la contraseña del mismo usuario.',
    access: ROLE_GROUPS.everyone,
    audit: 'change',
    input: z.object({ password: Password }).strict(),
    output: SessionInfo,
  }),

  'account.changePassword': defineCall({
    summary: 'Cambia la contraseña del usuario de la sesión.',
    access: ROLE_GROUPS.everyone,
    audit: 'change',
    input: z.object({ currentPassword: Password, newPassword: Password }).strict(),
    output: SessionInfo,
  }),

  'users.list': defineCall({
    summary: 'Usuarios de la agencia.',
    access: ROLE_GROUPS.admin,
    audit: 'read',
    input: Empty,
    output: z.object({ items: z.array(UserAdminRow) }),
  }),

  'users.create': defineCall({
    summary: 'Crea un usuario de la agencia con una contraseña temporal.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z.object({ username: NewUsername, displayName: DisplayName, role: z.enum(USER_ROLES, { error: 'Seleccione el rol.' }), password: Password }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'users.update': defineCall({
    summary: 'Cambia el nombre o el rol de un usuario.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z.object({ userId: Id, displayName: DisplayName.optional(), role: z.enum(USER_ROLES).optional() }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'users.setDisabled': defineCall({
    summary: 'Deshabilita o habilita un usuario (los usuarios no se borran: el historial los nombra).',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z.object({ userId: Id, disabled: z.boolean() }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'users.resetPassword': defineCall({
    summary: 'Asigna una contraseña temporal, desbloquea la cuenta y cierra sus sesiones.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z.object({ userId: Id, password: Password }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

} as const;
