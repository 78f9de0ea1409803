// Over 400 lines on purpose: the counter capability is one contract (shared/contract/calls.ts merges one file per capability), its calls read together.
// Calls of the counter capability (prefixes appointments., requests., attachments.): the day's
// turnos and their check-in, the request list, intake drafts, the verification checklist,
// attachments and the clerk's transitions.
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import {
  APPOINTMENT_STATUSES,
  catalogCodes as codes,
  CHANNELS,
  DOCUMENT_REJECTION_REASONS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  E_SIGNATURE_VERDICTS,
  EMAIL_UNVERIFIED_REASONS,
  PAPER_ORIGINS,
  PRESENTATIONS,
  REJECTION_REASONS,
  SIGNATURE_KINDS,
  SIGNERS,
} from '../domain/catalogs';
import { REQUEST_EVENTS, REQUEST_STATES, type RequestEvent } from '../domain/lifecycle';
import { REQUEST_ACTIVITIES, SIGNATURE_MARKS } from '../domain/request-history';
import { Id, IsoDate } from './common';
import { defineCall } from './define';
import { DocumentSignatures } from './signature-report';
import { WorkMarker, DeskColumns } from './agency';
import { WORK_ACTIVITY_CODES } from '../domain/desks';
import { REQUEST_TYPE_CODES } from '../domain/request-types';
import { ContactUpdateDraftSchema } from '../domain/contact-update';
import { foreignerCounterCalls, ForeignerRegistrationView } from './foreigner';
import { IntakeDraftSchema } from './intake-draft';

export { IntakeDraftSchema } from './intake-draft';


/** The events a clerk fires through requests.transition (the others have calls of their own). */
const CLERK_TRANSITIONS = ['enviar_a_revision', 'rechazar', 'anular'] as const satisfies readonly RequestEvent[];

const Version = z.number().int().min(1);

export const ChecklistItem = z.object({
  documentType: z.enum(codes(DOCUMENT_TYPES)),
  label: z.string(),
  ruleId: z.string(),
  presentation: z.enum(codes(PRESENTATIONS)),
  signature: z.enum(codes(SIGNATURE_KINDS)).nullable(),
  /** Who signs it (the representative, or the third party on the Autorización de Retiro). */
  signer: z.enum(codes(SIGNERS)).nullable(),
  /** How the paper may reach the counter (empty: not a signed paper). */
  origins: z.array(z.enum(codes(PAPER_ORIGINS))),
  /** How it did: brought signed, or printed here; null until the clerk says. */
  origin: z.enum(codes(PAPER_ORIGINS)).nullable(),
  /** A section of another paper of the list (the Autorización de Retiro of the Solicitud). */
  partOf: z.enum(codes(DOCUMENT_TYPES)).nullable(),
  citation: z.string(),
  presented: z.boolean(),
  presentedAs: z.string().nullable(),
  checks: z.record(z.string(), z.boolean()),
  status: z.enum(codes(DOCUMENT_STATUSES)),
  rejectionReason: z.string().nullable(),
  note: z.string().nullable(),
  signatureMarked: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const AttachmentRow = z.object({
  id: Id,
  documentType: z.string(),
  fileName: z.string().nullable(),
  mime: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.number(),
});

/**
 * One line of a request's history: what was done (`activity`), and when it moved the request, the
 * lifecycle `event` with its catalogued reason and note; for a document, which one and the
 * verdict. `source` says who acted: a user of the desk (`actor` is their name, or another desk
 * of the agency), central services (through sync), or the system.
 */
export const HistoryEntry = z.object({
  at: z.number(),
  source: z.enum(['user', 'central', 'system']),
  actor: z.string().nullable(),
  activity: z.enum(codes(REQUEST_ACTIVITIES)),
  event: z.enum(REQUEST_EVENTS).nullable(),
  documentType: z.enum(codes(DOCUMENT_TYPES)).nullable(),
  /** A document's checklist status (documento_revisado), a signature mark (firma_marcada) or how the paper came (origen_formulario). */
  verdict: z.enum([...codes(DOCUMENT_STATUSES), ...codes(SIGNATURE_MARKS), ...codes(E_SIGNATURE_VERDICTS), ...codes(PAPER_ORIGINS)]).nullable(),
  /** Code of REJECTION_REASONS (rechazar) or RETURN_REASONS (devolver). */
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  /** 'ok', or the error code of a refused attempt. */
  outcome: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The active e-mail proof of a presencial request (seed 004, line 43). */
export const EmailProofView = z.object({
  status: z.enum(['pendiente', 'verificado', 'no_verificado']),
  /** Code of EMAIL_UNVERIFIED_REASONS, for «no_verificado». */
  reason: z.string().nullable(),
  note: z.string().nullable(),
  at: z.number().nullable(),
  /** A code sent and not settled yet. */
  challenge: z.object({ expiresAt: z.number(), attemptsLeft: z.number().int() }).nullable(),
});
export type EmailProofView = z.infer<typeof EmailProofView>;

export const RequestDetail = z.object({
  id: Id,
  number: z.string(),
  version: z.number().int(),
  channel: z.enum(codes(CHANNELS)),
  /** The procedure (shared/domain/request-types.ts): which workspace the screen shows. */
  requestType: z.enum(REQUEST_TYPE_CODES),
  /** actualizacion_contacto: the affiliate and the new contact data (null for the other types). */
  contactUpdate: ContactUpdateDraftSchema.nullable(),
  /** registro_extranjero: the foreigner's data and the code central assigned (null for the other types). */
  foreignerRegistration: ForeignerRegistrationView.nullable(),
  state: z.enum(REQUEST_STATES),
  stateSince: z.number(),
  createdAt: z.number(),
  attentionDate: z.string(),
  clerkName: z.string().nullable(),
  appointment: z.object({ time: z.string(), confirmationCode: z.string() }).nullable(),
  walkIn: z.object({ authorizedBy: z.string(), reason: z.string() }).nullable(),
  intake: IntakeDraftSchema,
  acknowledgedWarnings: z.array(z.string()),
  emailProof: EmailProofView,
  checklist: z.array(ChecklistItem),
  attachments: z.array(AttachmentRow),
  /** Events the caller may fire now (lifecycle + role), for the buttons. */
  availableEvents: z.array(z.enum(REQUEST_EVENTS)),
  history: z.array(HistoryEntry),
  /**
   * What central refused about this request (a pushed change it rejected, or a change of its
   * that this desk could not apply), newest first: shown on the request, never swallowed.
   */
  syncIssues: z.array(z.object({ at: z.number(), kind: z.enum(['rechazado_iess', 'conflicto']), message: z.string() })),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

const Saved = z.object({ version: z.number().int(), updatedAt: z.number() });

export const RequestState = z.enum(REQUEST_STATES);

export const RequestRow = z.object({
  id: Id,
  number: z.string(),
  channel: z.enum(codes(CHANNELS)),
  requestType: z.enum(REQUEST_TYPE_CODES),
  state: RequestState,
  stateSince: z.number(),
  createdAt: z.number(),
  employerRuc: z.string(),
  employerBranch: z.string(),
  employerLegalName: z.string(),
  representativeNames: z.string().nullable(),
  clerkName: z.string().nullable(),
  ...DeskColumns,
});
export type RequestRow = z.infer<typeof RequestRow>;

export const AppointmentRow = z.object({
  id: Id,
  time: z.string(),
  confirmationCode: z.string(),
  cedula: z.string(),
  names: z.string(),
  status: z.enum(codes(APPOINTMENT_STATUSES)),
  requestType: z.enum(REQUEST_TYPE_CODES),
});

export const counterCalls = {
  'appointments.today': defineCall({
    summary: 'Turnos en línea del día en la agencia, de cada tipo de trámite.',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z.object({ date: IsoDate.optional() }).strict(),
    output: z.object({ date: z.string(), items: z.array(AppointmentRow) }),
  }),

  'requests.list': defineCall({
    summary: 'Solicitudes de la agencia, las más recientes primero, por páginas.',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z
      .object({
        state: RequestState.optional(),
        /** «Tipo de trámite» filter. */
        requestType: z.enum(REQUEST_TYPE_CODES).optional(),
        /** Opaque cursor from the previous page. */
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(RequestRow), nextCursor: z.string().nullable() }),
  }),
  'appointments.checkIn': defineCall({
    summary: 'Registra la llegada de un turno (por código de confirmación o cédula) y abre su solicitud.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'turno_atendido',
    input: z.object({ query: z.string().trim().min(1, { error: 'Ingrese el código de confirmación o la cédula del turno.' }).max(40) }).strict(),
    output: z.object({
      requestId: Id,
      alreadyCheckedIn: z.boolean(),
      /** When the turno was already attended: its request, which the clerk may choose to open. */
      existing: z.object({ number: z.string(), state: RequestState }).nullable(),
      /** Guardrail: too many requests wait for review at the agency (configured cap). */
      warning: z.string().nullable(),
    }),
  }),

  'appointments.markNoShow': defineCall({
    summary: 'Marca un turno del día como "no asistió".',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    input: z.object({ appointmentId: Id }).strict(),
    output: z.object({}),
  }),

  'appointments.walkIn': defineCall({
    summary: 'Atención sin turno: requiere la autorización de un supervisor de la agencia y el motivo.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'atencion_sin_turno',
    input: z
      .object({
        reason: z.string().trim().min(10, { error: 'Detalle el motivo de la atención sin turno (al menos 10 caracteres).' }).max(300),
        supervisorUsername: z.string().trim().min(1, { error: 'Ingrese el usuario del supervisor que autoriza.' }).max(64),
        supervisorPassword: z.string().min(1, { error: 'Ingrese la contraseña del supervisor.' }).max(128),
        /** The procedure to open (shared/domain/request-types.ts). */
        requestType: z.enum(REQUEST_TYPE_CODES, { error: 'Elija el tipo de trámite.' }).default('clave_patronal'),
      })
      .strict(),
    output: z.object({ requestId: Id, warning: z.string().nullable() }),
  }),

  'requests.get': defineCall({
    summary: 'Una solicitud completa: datos, lista de verificación, adjuntos e historial.',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    history: 'vista',
    input: z.object({ id: Id }).strict(),
    output: RequestDetail,
  }),

  'requests.myOpen': defineCall({
    summary: 'Solicitudes abiertas del ventanillero (borradores, en verificación, devueltas).',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(z.object({ id: Id, number: z.string(), state: z.enum(REQUEST_STATES), employerLegalName: z.string(), updatedAt: z.number() })) }),
  }),

  'requests.findOpenByEmployer': defineCall({
    summary: 'Solicitudes abiertas de la agencia para el mismo RUC y sucursal (detección de duplicados).',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z.object({ ruc: z.string().trim().max(20), branch: z.string().trim().max(4).default('0001'), excludeId: Id.optional() }).strict(),
    output: z.object({ items: z.array(z.object({ id: Id, number: z.string(), state: z.enum(REQUEST_STATES), createdAt: z.number(), clerkName: z.string().nullable() })) }),
  }),

  'requests.saveDraft': defineCall({
    summary: 'Guarda el borrador de la solicitud mientras se escribe.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'datos_guardados',
    input: z.object({ id: Id, version: Version, intake: IntakeDraftSchema }).strict(),
    output: Saved,
  }),

  'requests.startVerification': defineCall({
    summary: 'Valida los datos de la solicitud y genera la lista de verificación de documentos.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'verificacion_iniciada',
    input: z.object({ id: Id, version: Version, acknowledgedWarnings: z.array(z.string().max(80)).max(50).default([]) }).strict(),
    output: Saved,
  }),

  'requests.verifyDocument': defineCall({
    summary: 'Registra la verificación (o el rechazo) de un documento de la lista.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'documento_revisado',
    input: z
      .object({
        id: Id,
        version: Version,
        documentType: z.enum(codes(DOCUMENT_TYPES)),
        presented: z.boolean(),
        presentedAs: z.enum(codes(PRESENTATIONS)).nullable().default(null),
        checks: z.record(z.string().max(40), z.boolean()).default({}),
        status: z.enum(codes(DOCUMENT_STATUSES)),
        rejectionReason: z.enum(codes(DOCUMENT_REJECTION_REASONS)).nullable().default(null),
        note: z.string().trim().max(500).nullable().default(null),
      })
      .strict(),
    output: Saved,
  }),

  'requests.markSignature': defineCall({
    summary: 'Marca (o desmarca) la firma manuscrita de un formulario impreso.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'firma_marcada',
    input: z.object({ id: Id, version: Version, documentType: z.enum(codes(DOCUMENT_TYPES)), marked: z.boolean() }).strict(),
    output: Saved,
  }),

  'requests.setPaperOrigin': defineCall({
    summary: 'Registra cómo llegó un formulario firmado: traído firmado por el solicitante o impreso en ventanilla.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'origen_formulario',
    input: z.object({ id: Id, version: Version, documentType: z.enum(codes(DOCUMENT_TYPES)), origin: z.enum(codes(PAPER_ORIGINS)) }).strict(),
    output: Saved,
  }),

  'requests.sendEmailCode': defineCall({
    summary: 'Pide al IESS que envíe un código al correo registrado, para comprobar que está activo.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'correo_codigo_enviado',
    input: z.object({ id: Id, version: Version }).strict(),
    output: Saved.extend({ expiresAt: z.number(), maxAttempts: z.number().int() }),
  }),

  'requests.confirmEmailCode': defineCall({
    summary: 'Comprueba con el IESS el código que el solicitante leyó en su correo.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'correo_codigo_comprobado',
    input: z.object({ id: Id, version: Version, code: z.string().trim().regex(/^\d{4,8}$/, { error: 'El código tiene solo dígitos (6, como llega en el correo).' }) }).strict(),
    output: Saved.extend({ status: z.enum(['verificado', 'codigo_incorrecto', 'vencido', 'bloqueado']), attemptsLeft: z.number().int() }),
  }),

  'requests.recordEmailUnverified': defineCall({
    summary: 'Registra que el correo no se pudo verificar y por qué (lo ve el supervisor).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'correo_no_verificado',
    input: z
      .object({
        id: Id,
        version: Version,
        reason: z.enum(codes(EMAIL_UNVERIFIED_REASONS), { error: 'Seleccione por qué no se pudo verificar el correo.' }),
        note: z.string().trim().max(300).nullable().default(null),
      })
      .strict(),
    output: Saved,
  }),

  'requests.transition': defineCall({
    summary: 'Envía a revisión, rechaza en ventanilla o anula una solicitud.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'cambio_estado',
    input: z
      .object({
        id: Id,
        version: Version,
        event: z.enum(CLERK_TRANSITIONS),
        reasonCode: z.enum(codes(REJECTION_REASONS)).optional(),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
    output: Saved.extend({ state: z.enum(REQUEST_STATES) }),
  }),

  'requests.saveContactUpdate': defineCall({
    summary: 'Guarda los datos de una actualización presencial de datos de contacto mientras se escriben.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'datos_guardados',
    input: z.object({ id: Id, version: Version, data: ContactUpdateDraftSchema }).strict(),
    output: Saved,
  }),

  'requests.completeContactUpdate': defineCall({
    summary: 'Registra la actualización de datos de contacto una vez firmada a mano la constancia (sin revisión del supervisor).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'cambio_estado',
    input: z.object({ id: Id, version: Version, signed: z.literal(true, { error: 'Confirme que el afiliado firmó la constancia.' }) }).strict(),
    output: z.object({ version: z.number().int(), state: z.enum(REQUEST_STATES) }),
  }),

  'requests.workStart': defineCall({
    summary: 'Marca la solicitud como «en atención» por esta persona (aviso a las demás estaciones de la agencia); si otra persona la atiende, pide confirmación.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    input: z.object({ id: Id, activity: z.enum(WORK_ACTIVITY_CODES), confirmed: z.boolean().default(false) }).strict(),
    output: z.object({
      /** False when someone else works it and the person has not confirmed yet: nothing recorded. */
      started: z.boolean(),
      others: z.array(WorkMarker),
      /** When this desk's marker lapses unless renewed. */
      expiresAt: z.number().nullable(),
    }),
  }),

  'requests.workRenew': defineCall({
    summary: 'Renueva la marca «en atención» de esta persona mientras la solicitud sigue abierta en su pantalla.',
    access: ROLE_GROUPS.counter,
    // A renewal every few minutes is no decision: the start and the end (workStart, workEnd) are
    // the audited changes, and the trail is not flooded while a screen stays open.
    audit: 'none',
    writes: true,
    input: z.object({ id: Id }).strict(),
    output: z.object({
      /** False when the person had no live marker on it (it lapsed): the screen starts it again. */
      renewed: z.boolean(),
      expiresAt: z.number().nullable(),
    }),
  }),

  'requests.workEnd': defineCall({
    summary: 'Deja de marcar la solicitud como «en atención» (al cerrarla o decidir).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    input: z.object({ id: Id }).strict(),
    output: z.object({ released: z.boolean() }),
  }),

  'attachments.add': defineCall({
    summary: 'Adjunta el escaneo de un documento (JPG, PNG o PDF).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'escaneo_adjuntado',
    input: z
      .object({
        requestId: Id,
        documentType: z.enum(codes(DOCUMENT_TYPES)),
        fileName: z.string().max(255),
        /** Base64 of the file; the type is judged by its content, never by its name. */
        dataBase64: z.string().max(16 * 1024 * 1024, { error: 'El archivo supera el tamaño máximo permitido.' }),
      })
      .strict(),
    output: AttachmentRow,
  }),

  'attachments.verifySignature': defineCall({
    summary: 'Verifica las firmas electrónicas (PAdES) de un PDF adjunto: integridad, cambios posteriores, certificado, revocación y firmante frente al representante legal.',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    history: 'firma_electronica_consultada',
    input: z.object({ id: Id }).strict(),
    output: DocumentSignatures.extend({ documentType: z.string(), fileName: z.string().nullable() }),
  }),

  'attachments.get': defineCall({
    summary: 'Contenido de un adjunto para verlo en la aplicación.',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    input: z.object({ id: Id }).strict(),
    output: z.object({ mime: z.string(), fileName: z.string().nullable(), dataBase64: z.string() }),
  }),
  ...foreignerCounterCalls,
} as const;
