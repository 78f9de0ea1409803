// Calls of the supervisor capability (prefixes queues., review., dashboard., reports., day.,
// search.): workqueues, review decisions, search, dashboard and the end-of-day report.
import { z } from 'zod';
import { REQUEST_TYPE_CODES } from '../domain/request-types';
import { ROLE_GROUPS } from '../domain/roles';
import { catalogCodes as codes, CHANNELS, REJECTION_REASONS, RETURN_REASONS } from '../domain/catalogs';
import { DocumentSignatures } from './signature-report';
import { REQUEST_STATES } from '../domain/lifecycle';
import { DateRange, Id, IsoDate } from './common';
import { AttachmentRow } from './counter';
import { defineCall } from './define';
import { DeskColumns, StationFilter } from './agency';

export const QUEUES = [
  { code: 'por_revisar', label: 'Por revisar (presencial)' },
  { code: 'virtual_por_revisar', label: 'Ventanilla Virtual por revisar' },
  { code: 'devueltas', label: 'Devueltas' },
  { code: 'aprobadas_sin_enviar', label: 'Aprobadas sin enviar' },
  { code: 'error_envio', label: 'Con error de envío' },
  { code: 'clave_emitida_hoy', label: 'Clave emitida hoy' },
  { code: 'rechazadas', label: 'Rechazadas (últimos 30 días)' },
] as const;
export type QueueCode = (typeof QUEUES)[number]['code'];
export const QueueCode = z.enum(codes(QUEUES));

export const QueueRow = z.object({
  id: Id,
  number: z.string(),
  version: z.number().int(),
  channel: z.enum(codes(CHANNELS)),
  requestType: z.enum(REQUEST_TYPE_CODES),
  state: z.enum(REQUEST_STATES),
  stateSince: z.number(),
  createdAt: z.number(),
  employerRuc: z.string(),
  employerLegalName: z.string(),
  representativeNames: z.string().nullable(),
  clerkId: z.string().nullable(),
  clerkName: z.string().nullable(),
  ...DeskColumns,
  /** Seen by this supervisor since its last change: bulk approval requires it. */
  viewed: z.boolean(),
});
export type QueueRow = z.infer<typeof QueueRow>;

/** One scan of a Ventanilla Virtual request, judged against seed 004's rules. */
export const ScanCheck = AttachmentRow.pick({ id: true, documentType: true, fileName: true, mime: true, size: true }).extend({
  /** JPG or PDF (judged by content). */
  formatOk: z.boolean(),
  /** At most 1 MB. */
  sizeOk: z.boolean(),
  /** The verified electronic signatures of a PDF (docs/signatures.md); null for an image, which cannot carry one. */
  signature: DocumentSignatures.nullable(),
  /**
   * Whether the signature lets the document pass as e-signed: «válida» ('si'), valid with its
   * revocation unchecked under the agency's exception ('con_excepcion'), or not ('no').
   */
  acceptance: z.enum(['si', 'con_excepcion', 'no']).nullable(),
});
export type ScanCheck = z.infer<typeof ScanCheck>;

/** Minutes in a state after which a row turns amber (warn) and red (breach). */
export const SlaThresholds = z.object({ warnMinutes: z.number().int().min(0), breachMinutes: z.number().int().min(1) });
export type SlaThresholds = z.infer<typeof SlaThresholds>;

/**
 * The agency's SLA (agencia.json `sla`) as the queues apply it: the general thresholds, and the
 * effective ones for each state a request waits in (the final states have none: nothing is late
 * once the clave is issued or the request rejected). A state with its own deadline
 * (`sla.byState`) turns red at that deadline and amber at the same fraction of it as the general
 * warning (20 of 60 minutes: at a third); the others use the general thresholds.
 */
export const SlaPlan = SlaThresholds.extend({ byState: z.partialRecord(z.enum(REQUEST_STATES), SlaThresholds) });
export type SlaPlan = z.infer<typeof SlaPlan>;

const Decision = z.object({ id: Id, version: z.number().int().min(1) });
const Decided = z.object({ version: z.number().int(), state: z.enum(REQUEST_STATES) });


const Durations = z.object({ n: z.number().int(), medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable() });

const ChannelFigures = z.object({ received: z.number().int(), approved: z.number().int(), rejected: z.number().int() });

export const DashboardStats = z.object({
  perDay: z.array(
    z.object({ date: z.string(), received: z.number().int(), receivedPresencial: z.number().int(), receivedVirtual: z.number().int(), approved: z.number().int(), rejected: z.number().int() }),
  ),
  /** Presencial and Ventanilla Virtual apart, over the whole range. */
  byChannel: z.object({ presencial: ChannelFigures, virtual: ChannelFigures }),
  perClerk: z.array(z.object({ clerkId: z.string(), name: z.string(), received: z.number().int(), submitted: z.number().int() })),
  checkInToSubmission: Durations,
  checkInToApproval: Durations,
  rejectionReasons: z.array(z.object({ code: z.string(), label: z.string(), count: z.number().int() })),
  returnReasons: z.array(z.object({ code: z.string(), label: z.string(), count: z.number().int() })),
  appointments: z.object({ attended: z.number().int(), noShow: z.number().int(), pending: z.number().int() }),
  syncBacklog: z.object({ pending: z.number().int(), failed: z.number().int() }),
});
export type DashboardStats = z.infer<typeof DashboardStats>;

export const DayFigures = z.object({
  received: z.number().int(),
  approved: z.number().int(),
  returned: z.number().int(),
  rejected: z.number().int(),
  pending: z.number().int(),
  printedForms: z.number().int(),
  reprints: z.number().int(),
  walkInsAuthorized: z.number().int(),
  /** «Hojas de orientación» printed (first prints; electron/core/forms/guidance.ts). */
  guidanceSheets: z.number().int(),
  /** Contact updates registered at the counter (request type actualizacion_contacto: no review, so reported here). */
  contactUpdates: z.number().int(),
  /** Foreigners' registrations received at the counter (request type registro_extranjero; they also count in the columns before). */
  foreignerRegistrations: z.number().int(),
});
export type DayFigures = z.infer<typeof DayFigures>;

/** The end-of-day columns, in order, as the screen, the PDF and the CSV show them. */
export const DAY_FIGURE_COLUMNS: readonly [keyof DayFigures, string][] = [
  ['received', 'Recibidas'],
  ['approved', 'Aprobadas'],
  ['returned', 'Devueltas'],
  ['rejected', 'Rechazadas'],
  ['pending', 'Pendientes'],
  ['printedForms', 'Formularios impresos'],
  ['reprints', 'Reimpresiones'],
  ['walkInsAuthorized', 'Sin turno autorizadas'],
  ['guidanceSheets', 'Hojas de orientación'],
  ['contactUpdates', 'Actualizaciones de contacto'],
  ['foreignerRegistrations', 'Registros de extranjero'],
];

/** Why a day closes with pending items carried over; the end-of-day screen checks it before asking to confirm. */
export const CarryOverReason = z
  .string({ error: 'Escriba el motivo para arrastrar los pendientes.' })
  .trim()
  .min(1, { error: 'Escriba el motivo para arrastrar los pendientes.' })
  .min(10, { error: 'Explique por qué se arrastran pendientes (al menos 10 caracteres).' })
  .max(500, { error: 'El motivo no puede superar 500 caracteres.' });

export const EndOfDayReport = z.object({
  date: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  total: DayFigures,
  /** This desk's clerks (their accounts live here). */
  perClerk: z.array(DayFigures.extend({ clerkId: z.string(), name: z.string() })),
  /** This desk, as the other rows name it. */
  desk: z.object({ station: z.string().nullable(), label: z.string() }),
  /**
   * The agency-wide view: the requests of every desk this desk knows of (its own and the copies
   * synced from the others), by the desk that recorded them; decisions are counted wherever they
   * were taken. Station null: the Ventanilla Virtual and numbers printed without a station.
   */
  perDesk: z.array(DayFigures.extend({ station: z.string().nullable(), label: z.string(), own: z.boolean() })),
  /** What keeps the day from closing: unsent events, open drafts of the day. */
  pendingLocally: z.object({ unsentEvents: z.number().int(), openRequests: z.number().int() }),
  closure: z.object({ closedAt: z.number(), closedBy: z.string(), carriedOver: z.boolean(), reason: z.string().nullable() }).nullable(),
  /**
   * Attentions at the counter outside the agency's opening hours or on a day it does not open
   * (agencia.json openingHours): how many, and the first ones, each with why.
   */
  outsideHours: z.object({
    hours: z.string(),
    count: z.number().int(),
    items: z.array(z.object({ number: z.string(), at: z.number(), clerkName: z.string().nullable(), station: z.string().nullable(), reason: z.enum(['fuera_de_horario', 'dia_no_laborable']) })),
  }),
});
export type EndOfDayReport = z.infer<typeof EndOfDayReport>;

export const supervisorCalls = {
  'queues.summary': defineCall({
    summary: 'Cuántas solicitudes hay en cada cola de la agencia y desde cuándo espera la más antigua.',
    access: ROLE_GROUPS.supervisor,
    audit: 'none',
    input: z.object({}).strict(),
    output: z.object({
      queues: z.array(z.object({ code: QueueCode, label: z.string(), count: z.number().int(), oldestSince: z.number().nullable() })),
      sla: SlaPlan,
    }),
  }),

  'queues.list': defineCall({
    summary: 'Solicitudes de una cola, las que más esperan primero, por páginas.',
    access: ROLE_GROUPS.supervisor,
    audit: 'read',
    input: z.object({ queue: QueueCode, station: StationFilter.optional(), cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({ items: z.array(QueueRow), nextCursor: z.string().nullable() }),
  }),

  'review.approve': defineCall({
    summary: 'Aprueba una solicitud revisada (una de la Ventanilla Virtual, después de verificar sus escaneos y firmas electrónicas).',
    access: ROLE_GROUPS.supervisor,
    audit: 'change',
    history: 'aprobada',
    input: Decision.strict(),
    output: Decided,
  }),

  'review.scans': defineCall({
    summary: 'Escaneos de una solicitud de la Ventanilla Virtual comprobados contra las reglas: JPG o PDF de hasta 1 MB y firma electrónica.',
    access: ROLE_GROUPS.supervisor,
    audit: 'read',
    history: 'escaneos_revisados',
    input: z.object({ id: Id }).strict(),
    output: z.object({ maxBytes: z.number().int(), items: z.array(ScanCheck) }),
  }),

  'review.bulkApprove': defineCall({
    summary: 'Aprueba varias solicitudes a la vez; cada una debe haber sido abierta por el supervisor después de su último cambio.',
    access: ROLE_GROUPS.supervisor,
    audit: 'change',
    history: 'aprobada_en_lote',
    input: z.object({ items: z.array(Decision).min(1, { error: 'Seleccione al menos una solicitud.' }).max(100, { error: 'Apruebe como máximo 100 solicitudes por vez.' }) }).strict(),
    output: z.object({ results: z.array(z.object({ id: Id, ok: z.boolean(), message: z.string(), state: z.enum(REQUEST_STATES).nullable() })) }),
  }),

  'review.return': defineCall({
    summary: 'Devuelve la solicitud al ventanillero con un motivo del catálogo y una observación.',
    access: ROLE_GROUPS.supervisor,
    audit: 'change',
    history: 'devuelta',
    input: Decision.extend({ reasonCode: z.enum(codes(RETURN_REASONS), { error: 'Seleccione el motivo de la devolución.' }), note: z.string().trim().max(500).optional() }).strict(),
    output: Decided,
  }),

  'review.reject': defineCall({
    summary: 'Rechaza la solicitud con un motivo del catálogo.',
    access: ROLE_GROUPS.supervisor,
    audit: 'change',
    history: 'rechazada',
    input: Decision.extend({ reasonCode: z.enum(codes(REJECTION_REASONS), { error: 'Seleccione el motivo del rechazo.' }), note: z.string().trim().max(500).optional() }).strict(),
    output: Decided,
  }),

  'review.reassign': defineCall({
    summary: 'Reasigna la solicitud a otro ventanillero de la agencia.',
    access: ROLE_GROUPS.supervisor,
    audit: 'change',
    history: 'reasignada',
    input: Decision.extend({ clerkId: Id }).strict(),
    output: z.object({ version: z.number().int() }),
  }),

  'review.clerks': defineCall({
    summary: 'Ventanilleros habilitados de la agencia (para reasignar y filtrar).',
    access: ROLE_GROUPS.supervisor,
    audit: 'none',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(z.object({ id: Id, displayName: z.string() })) }),
  }),
  'dashboard.stats': defineCall({
    summary: 'Cifras del tablero de la agencia en un rango de fechas.',
    access: ROLE_GROUPS.supervisor,
    audit: 'none',
    input: DateRange,
    output: DashboardStats,
  }),

  'reports.endOfDay': defineCall({
    summary: 'Cierre del día: cifras por ventanillero y de la agencia, y lo que queda pendiente.',
    access: ROLE_GROUPS.supervisor,
    audit: 'none',
    input: z.object({ date: IsoDate }).strict(),
    output: EndOfDayReport,
  }),

  'reports.endOfDayFile': defineCall({
    summary: 'El reporte de cierre del día en PDF o CSV.',
    access: ROLE_GROUPS.supervisor,
    audit: 'read',
    input: z.object({ date: IsoDate, format: z.enum(['pdf', 'csv']) }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() }),
  }),

  'day.close': defineCall({
    summary: 'Cierra el día cuando no queda nada pendiente en la estación, o lo arrastra con un motivo.',
    access: ROLE_GROUPS.supervisor,
    audit: 'change',
    input: z.object({ date: IsoDate, carryOverReason: CarryOverReason.optional() }).strict(),
    output: z.object({ closedAt: z.number(), carriedOver: z.boolean() }),
  }),

  'search.desks': defineCall({
    summary: 'Ventanillas (estaciones) de la agencia con solicitudes en esta estación, para filtrar.',
    access: ROLE_GROUPS.supervisor,
    audit: 'none',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(z.object({ station: z.string(), label: z.string(), own: z.boolean() })) }),
  }),

  'search.requests': defineCall({
    summary: 'Busca solicitudes por número, RUC, documento, nombres (sin importar tildes), fechas, ventanillero o estado.',
    access: ROLE_GROUPS.supervisor,
    audit: 'read',
    input: z
      .object({
        text: z.string().trim().max(120).optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        clerkId: Id.optional(),
        station: StationFilter.optional(),
        state: z.enum(REQUEST_STATES).optional(),
        /** «Tipo de trámite». */
        requestType: z.enum(REQUEST_TYPE_CODES).optional(),
        sort: z.enum(['recientes', 'antiguas']).default('recientes'),
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(100).default(25),
      })
      .strict(),
    output: z.object({ items: z.array(QueueRow.omit({ viewed: true, version: true })), nextCursor: z.string().nullable() }),
  }),
} as const;
