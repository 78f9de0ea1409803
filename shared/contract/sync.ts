// Calls of the sync with IESS central services (docs/protocol/README.md): what the sync screen shows, the
// manual "Reintentar", the administrator's enrolment and the employer registry lookup.
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import { AffiliateContactLookup, EmployerLookup, ForeignerLookup } from '../sync/protocol';
import { CentralUrl, Id } from './common';
import { defineCall } from './define';


export const OUTBOX_STATUSES = ['pendiente', 'enviando', 'fallido', 'rechazado', 'enviado'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The desk's link with central, as the status bar and the sync screen show it. */
export const CENTRAL_STATES = ['sin_configurar', 'en_linea', 'sin_conexion'] as const;
export type CentralState = (typeof CENTRAL_STATES)[number];

export const SyncStatus = z.object({
  enrolled: z.boolean(),
  centralUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  /** Two digits central assigned at enrolment (null before, or from a central of the first version). */
  stationCode: z.string().nullable(),
  enrolledAt: z.number().nullable(),
  /** A replacement desk still recovering its station's requests and files from central. */
  recovering: z.boolean(),
  state: z.enum(CENTRAL_STATES),
  lastContactAt: z.number().nullable(),
  /** Last failure of a push or pull, Spanish. Null once a cycle succeeds. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
  counts: z.object({ pending: z.number().int(), failed: z.number().int(), rejected: z.number().int(), conflicts: z.number().int() }),
  pull: z.object({ running: z.boolean(), received: z.number().int(), total: z.number().int(), lastPullAt: z.number().nullable() }),
  /** False when the token sits in a plain owner-only file (browser host, CLI). */
  secretsEncrypted: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const OutboxItem = z.object({
  seq: z.number().int(),
  type: z.string(),
  event: z.string().nullable(),
  requestId: z.string().nullable(),
  requestNumber: z.string().nullable(),
  createdAt: z.number(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const SyncConflict = z.object({
  id: z.number().int(),
  at: z.number(),
  requestId: z.string().nullable(),
  requestNumber: z.string().nullable(),
  event: z.string().nullable(),
  reason: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const syncCalls = {
  'sync.status': defineCall({
    summary: 'Estado de la sincronización con el IESS: conexión, pendientes, errores y recepción en curso.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),

  'sync.items': defineCall({
    summary: 'Envíos al IESS pendientes, con error o rechazados, con su último error y el próximo intento.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: z
      .object({
        filter: z.enum(['pendientes', 'fallidos', 'rechazados']).default('pendientes'),
        /** Opaque cursor from the previous page. */
        cursor: z.string().max(40).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(OutboxItem), nextCursor: z.string().nullable() }),
  }),

  'sync.conflicts': defineCall({
    summary: 'Decisiones del IESS que no se pudieron aplicar, con su motivo.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({ items: z.array(SyncConflict) }),
  }),

  'sync.retry': defineCall({
    summary: 'Reintenta ahora los envíos pendientes o con error (salen en orden, desde el primero).',
    access: ROLE_GROUPS.everyone,
    audit: 'change',
    input: z.object({ seq: z.number().int().positive().optional() }).strict(),
    output: z.object({ retried: z.number().int() }),
  }),

  'sync.enrol': defineCall({
    summary: 'Enrola esta estación en los servicios centrales del IESS con el código entregado para la agencia.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z
      .object({
        centralUrl: CentralUrl(),
        enrolmentCode: z.string().trim().min(4, { error: 'Ingrese el código de enrolamiento.' }).max(64),
        deviceName: z.string().trim().min(1, { error: 'Ingrese un nombre para esta estación.' }).max(80),
      })
      .strict(),
    output: z.object({
      deviceId: Id,
      agencyName: z.string(),
      /** The station central assigned: printed in every request number from now on. */
      stationCode: z.string().nullable(),
      /** Enrolled in place of a broken desk of the same station: its requests and files are being recovered. */
      replacement: z.boolean(),
    }),
  }),

  'sync.unenrol': defineCall({
    summary: 'Retira el enrolamiento: borra el token de sincronización de esta estación.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z.object({}).strict(),
    output: z.object({}),
  }),

  'sync.lookupForeigner': defineCall({
    summary: 'Consulta al IESS si un extranjero sin cédula está registrado o afiliado, y su código (requiere conexión).',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z
      .object({
        passport: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,20}$/, { error: 'El número de pasaporte tiene de 3 a 20 letras o números.' }),
        nationality: z.string().trim().toUpperCase().regex(/^[A-Z]{1,3}$/, { error: 'La nacionalidad es el código del pasaporte (COL, VEN, D…).' }),
      })
      .strict(),
    output: ForeignerLookup,
  }),

  'sync.lookupAffiliateContact': defineCall({
    summary: 'Consulta, enmascarados, el correo y los teléfonos que el IESS tiene del afiliado (requiere conexión).',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z.object({ idType: z.enum(['cedula', 'codigo_extranjero']), idNumber: z.string().trim().min(1, { error: 'Escriba la identificación.' }).max(30) }).strict(),
    output: AffiliateContactLookup,
  }),

  'sync.lookupEmployer': defineCall({
    summary: 'Consulta el registro de empleadores del IESS por RUC (requiere conexión).',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z.object({ ruc: z.string().trim().regex(/^\d{13}$/, { error: 'El RUC tiene 13 dígitos.' }) }).strict(),
    output: EmployerLookup,
  }),
} as const;
