// Calls of the security capability: the audit trail, the desk's security settings and the
// retention purge (prefixes audit., settings., retention.). LOPDP Arts. 10, 37, 47.
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import { AgencyView, DateRange, Empty } from './common';

/** The most audit entries one export answers with (about 10 MB of CSV); more: a shorter range. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;
import { defineCall } from './define';


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

export const AuditBreak = z.object({
  seq: z.number().int(),
  /** 'restart': the whole trail was erased (and maybe started again). */
  reason: z.enum(['hash', 'link', 'sequence', 'head', 'key', 'restart']),
  message: z.string(),
  /** For 'key': no key covers the entries, this desk never had it, or has it but cannot read it. */
  key: z.enum(['unsigned', 'missing', 'unreadable']).optional(),
});

export const securityCalls = {
  'audit.verify': defineCall({
    summary: 'Verifica la cadena de hashes del registro de auditoría.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: Empty,
    output: z.object({ ok: z.boolean(), entries: z.number().int(), firstBroken: AuditBreak.nullable() }),
  }),

  'audit.anchor': defineCall({
    summary: 'La última cabecera del registro de auditoría que el IESS confirmó para esta estación, y si el registro de aquí aún la contiene.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: Empty,
    output: z.object({
      enrolled: z.boolean(),
      /** Central's answer to the last push: the head it holds for this desk. */
      confirmed: z.object({ seq: z.number().int(), hash: z.string(), at: z.number() }).nullable(),
      /** Whether this desk's trail still holds that entry with that hash (null when nothing was confirmed). */
      present: z.boolean().nullable(),
      head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
      /** Central refused the trail (it went back or forked), in Spanish, and when. */
      refusal: z.object({ message: z.string(), at: z.number() }).nullable(),
    }),
  }),

  'audit.export': defineCall({
    summary: 'Exporta el registro de auditoría de un rango de fechas en CSV.',
    access: ROLE_GROUPS.admin,
    audit: 'read',
    input: DateRange,
    output: z.object({ csv: z.string(), rows: z.number().int() }),
  }),

  'settings.get': defineCall({
    summary: 'Parámetros de seguridad de la estación.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: Empty,
    output: SecuritySettings.extend({ secretsEncrypted: z.boolean(), agency: AgencyView }),
  }),

  'settings.update': defineCall({
    summary: 'Cambia parámetros de seguridad: bloqueo, inactividad y plazos de retención.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: SecuritySettings.partial().strict(),
    output: SecuritySettings,
  }),

  'retention.purge': defineCall({
    summary: 'Elimina los datos personales vencidos según los plazos de retención (LOPDP Art. 10).',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: Empty,
    output: z.object({ requests: z.number().int(), appointments: z.number().int(), sessions: z.number().int(), guidanceSheets: z.number().int() }),
  }),
} as const;
