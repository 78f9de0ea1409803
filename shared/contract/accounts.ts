// Calls of the accounts capability: sessions, first-start setup, user management, the audit
// trail, security settings and retention (issue #4).
import { z } from 'zod';
import { AgencyView, Empty, Id, IsoDate, UserView, Username } from './common';
import { ALL_ROLES, USER_ROLES, defineCall } from './define';
import { PASSWORD_MAX_LENGTH } from './password-policy';

const ADMIN = ['administrador'] as const;

const Password = z
  .string({ error: 'Ingrese la contraseña.' })
  .min(1, { error: 'Ingrese la contraseña.' })
  .max(PASSWORD_MAX_LENGTH, { error: `La contraseña no puede superar ${PASSWORD_MAX_LENGTH} caracteres.` });

const DisplayName = z
  .string({ error: 'Ingrese el nombre completo.' })
  .trim()
  .min(3, { error: 'El nombre completo debe tener al menos 3 caracteres.' })
  .max(120, { error: 'El nombre completo no puede superar 120 caracteres.' });

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

export const RetentionSettings = z
  .object({
    requestPersonalDataDays: z.number().int().min(30, { error: 'La retención de solicitudes debe ser de al menos 30 días.' }).max(36_500),
    appointmentDays: z.number().int().min(1, { error: 'La retención de turnos debe ser de al menos 1 día.' }).max(3_650),
    sessionDays: z.number().int().min(1).max(365),
  })
  .strict();

export const SecuritySettings = z
  .object({
    lockoutMinutes: z.number().int().min(1, { error: 'El bloqueo debe durar al menos 1 minuto.' }).max(1_440, { error: 'El bloqueo no puede superar 1440 minutos (24 horas).' }),
    idleLockMinutes: z.number().int().min(1, { error: 'El bloqueo por inactividad debe ser de al menos 1 minuto.' }).max(120, { error: 'El bloqueo por inactividad no puede superar 120 minutos.' }),
    retention: RetentionSettings,
  })
  .strict();
export type SecuritySettings = z.infer<typeof SecuritySettings>;

export const UserAdminRow = UserView.extend({
  disabled: z.boolean(),
  /** Locked out by failed logins right now. */
  locked: z.boolean(),
  lockedUntil: z.number().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.number(),
});

export const AuditBreak = z.object({
  seq: z.number().int(),
  reason: z.enum(['hash', 'link', 'sequence', 'head', 'key']),
  message: z.string(),
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
            name: z.string().trim().min(3, { error: 'Ingrese el nombre de la agencia.' }).max(120),
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
    access: ALL_ROLES,
    audit: 'none',
    input: Empty,
    output: SessionInfo,
  }),

  'session.logout': defineCall({
    summary: 'Cierra la sesión activa.',
    access: ALL_ROLES,
    audit: 'change',
    input: Empty,
    output: z.object({}),
  }),

  'session.lock': defineCall({
    summary: 'Bloquea la sesión por inactividad; solo la contraseña la desbloquea.',
    access: ALL_ROLES,
    audit: 'change',
    input: Empty,
    output: z.object({}),
  }),

  'session.unlock': defineCall({
    summary: 'Desbloquea la sesión con la contraseña del mismo usuario.',
    access: ALL_ROLES,
    audit: 'change',
    input: z.object({ password: Password }).strict(),
    output: SessionInfo,
  }),

  'account.changePassword': defineCall({
    summary: 'Cambia la contraseña del usuario de la sesión.',
    access: ALL_ROLES,
    audit: 'change',
    input: z.object({ currentPassword: Password, newPassword: Password }).strict(),
    output: SessionInfo,
  }),

  'users.list': defineCall({
    summary: 'Usuarios de la agencia.',
    access: ADMIN,
    audit: 'read',
    input: Empty,
    output: z.object({ items: z.array(UserAdminRow) }),
  }),

  'users.create': defineCall({
    summary: 'Crea un usuario de la agencia con una contraseña temporal.',
    access: ADMIN,
    audit: 'change',
    input: z.object({ username: NewUsername, displayName: DisplayName, role: z.enum(USER_ROLES, { error: 'Seleccione el rol.' }), password: Password }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'users.update': defineCall({
    summary: 'Cambia el nombre o el rol de un usuario.',
    access: ADMIN,
    audit: 'change',
    input: z.object({ userId: Id, displayName: DisplayName.optional(), role: z.enum(USER_ROLES).optional() }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'users.setDisabled': defineCall({
    summary: 'Deshabilita o habilita un usuario (los usuarios no se borran: el historial los nombra).',
    access: ADMIN,
    audit: 'change',
    input: z.object({ userId: Id, disabled: z.boolean() }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'users.resetPassword': defineCall({
    summary: 'Asigna una contraseña temporal, desbloquea la cuenta y cierra sus sesiones.',
    access: ADMIN,
    audit: 'change',
    input: z.object({ userId: Id, password: Password }).strict(),
    output: z.object({ user: UserAdminRow }),
  }),

  'audit.verify': defineCall({
    summary: 'Verifica la cadena de hashes del registro de auditoría.',
    access: ADMIN,
    audit: 'none',
    input: Empty,
    output: z.object({ ok: z.boolean(), entries: z.number().int(), firstBroken: AuditBreak.nullable() }),
  }),

  'audit.export': defineCall({
    summary: 'Exporta el registro de auditoría de un rango de fechas en CSV.',
    access: ADMIN,
    audit: 'read',
    input: z
      .object({ from: IsoDate, to: IsoDate })
      .strict()
      .refine((v) => v.from <= v.to, { error: 'La fecha inicial debe ser anterior o igual a la final.', path: ['to'] }),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
  }),

  'settings.get': defineCall({
    summary: 'Parámetros de seguridad de la estación.',
    access: ADMIN,
    audit: 'none',
    input: Empty,
    output: SecuritySettings.extend({ secretsEncrypted: z.boolean(), agency: AgencyView }),
  }),

  'settings.update': defineCall({
    summary: 'Cambia parámetros de seguridad: bloqueo, inactividad y plazos de retención.',
    access: ADMIN,
    audit: 'change',
    input: SecuritySettings.partial().strict(),
    output: SecuritySettings,
  }),

  'retention.purge': defineCall({
    summary: 'Elimina los datos personales vencidos según los plazos de retención (LOPDP Art. 10).',
    access: ADMIN,
    audit: 'change',
    input: Empty,
    output: z.object({ requests: z.number().int(), appointments: z.number().int(), sessions: z.number().int() }),
  }),
} as const;
