// The desk ↔ central protocol (issue #7), declared once with zod and shared by the desk's sync
// client and the stand-in central in test/central. Pure: no Node, DOM or Electron.
//
// Compatibility rules (docs/protocol/README.md): every path carries the major version (/v1);
// objects are parsed with zod's default "strip" mode, so fields a newer peer adds are ignored,
// never an error; a change kind the desk does not know is refused loudly (never skipped).
import { z } from 'zod';
import { REQUEST_EVENTS, REQUEST_STATES } from '../domain/lifecycle';

export const PROTOCOL_VERSION = 1;
export const API_PREFIX = `/v${PROTOCOL_VERSION}`;

/** Largest number of events in one push; central refuses bigger batches with 413. */
export const MAX_PUSH_BATCH = 500;
/** Largest page of changes central sends in one pull. */
export const MAX_PULL_PAGE = 1000;
/** A virtual-channel scan is JPG or PDF of at most 1 MB (seed 004, Ventanilla Virtual). */
export const VIRTUAL_ATTACHMENT_MAX_BYTES = 1_048_576;
/** Base64 of 1 MB, rounded up: the schema rejects anything larger before decoding. */
const MAX_BASE64 = Math.ceil(VIRTUAL_ATTACHMENT_MAX_BYTES / 3) * 4;

const Id = z.string().min(1).max(64);
const Millis = z.number().int().nonnegative();
/** Province codes as in cédula and RUC (DOMAIN §9). */
export const ProvinceCode = z.string().regex(/^(0[1-9]|1\d|2[0-4]|30)$/);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ShortText = (max: number) => z.string().max(max);

// --- Health ------------------------------------------------------------------------------

export const HealthResponse = z.object({
  ok: z.literal(true),
  protocol: z.number().int(),
  time: Millis,
});

// --- Enrolment ---------------------------------------------------------------------------

export const EnrolRequest = z.object({
  /** One-time code an IESS operator issues for the agency. */
  enrolmentCode: z.string().min(4).max(64),
  agencyCode: z.string().min(2).max(10),
  deviceName: z.string().min(1).max(80),
});
export const EnrolResponse = z.object({
  deviceId: Id,
  /** Bearer token for every later call; the desk keeps it in its secrets store only. */
  token: z.string().min(32).max(256),
  agencyCode: z.string(),
  agencyName: z.string(),
});

// --- Push --------------------------------------------------------------------------------

/** One row of the desk's verification checklist, as the other desks of the agency need it. */
export const RecordDocument = z.object({
  documentType: ShortText(40),
  ruleId: ShortText(200),
  presentation: ShortText(40),
  signature: z.enum(['manuscrita', 'electronica']).nullable(),
  presented: z.boolean(),
  presentedAs: ShortText(40).nullable(),
  /** The clerk's confirmed checks ({ numberValid, namesMatch, … }: no personal data). */
  checks: z.record(z.string(), z.boolean()).nullable(),
  status: z.enum(['pendiente', 'verificado', 'rechazado']),
  rejectionReason: ShortText(60).nullable(),
  /** PERSONAL (free text). */
  note: ShortText(500).nullable(),
  signatureMarked: z.boolean(),
  /** Who signs it (representante_legal | tercero_autorizado); absent from older desks. */
  signer: z.enum(['representante_legal', 'tercero_autorizado']).nullable().optional(),
  /** A signed paper: brought signed (traido) or printed at the counter (impreso). */
  origin: z.enum(['traido', 'impreso']).nullable().optional(),
});
export type RecordDocument = z.infer<typeof RecordDocument>;

/**
 * The request's file as recorded at its desk: the intake answers and the checklist, so a
 * supervisor at another desk of the agency reviews what the clerk verified. Scans stay at the
 * origin desk (only their count travels). Optional: desks of an older version send none.
 */
export const RequestRecord = z.object({
  /** Intake answers (PERSONAL): field name → text, as the intake stores them. */
  intake: z.record(z.string(), ShortText(300)),
  viaThirdParty: z.boolean(),
  artisan: z.boolean(),
  documents: z.array(RecordDocument).max(40),
  scansAtOrigin: z.number().int().nonnegative(),
  /** A foreigner by passport: registered in the IESS or not, and who said so (seed 004, line 63). */
  foreignerRegistration: z.enum(['registrado', 'no_registrado', 'no_registrado_sin_consulta']).nullable().optional(),
  /** The active e-mail proof (seed 004, line 43), as the supervisor reads it. */
  emailProof: z
    .object({ status: z.enum(['verificado', 'no_verificado']), reason: ShortText(60).nullable(), note: ShortText(300).nullable(), at: Millis })
    .nullable()
    .optional(),
});
export type RequestRecord = z.infer<typeof RequestRecord>;

/** Descriptive data of the request an event belongs to, read when the event is sent. */
export const RequestSnapshot = z.object({
  id: Id,
  number: ShortText(40),
  channel: z.enum(['presencial', 'virtual']),
  applicantKind: ShortText(40),
  employerRuc: ShortText(20),
  employerBranch: ShortText(4),
  employerLegalName: ShortText(200),
  representativeNames: ShortText(160).nullable(),
  email: ShortText(254).nullable(),
  createdAt: Millis,
  record: RequestRecord.optional(),
});
export type RequestSnapshot = z.infer<typeof RequestSnapshot>;

export const PushEvent = z.object({
  /** The outbox row's idempotency key: central applies each key once. */
  key: z.string().min(8).max(64),
  /** 'request.created' | 'request.transition' (others are answered 'rejected', not lost). */
  type: ShortText(40),
  requestId: Id.nullable(),
  occurredAt: Millis,
  payload: z.record(z.string(), z.unknown()),
  request: RequestSnapshot.nullable(),
});
export type PushEvent = z.infer<typeof PushEvent>;

/**
 * The head of the desk's audit trail (its newest entry's number and keyed hash) when it pushed:
 * central keeps the last one per device, an anchor outside the desk that a later rewrite or
 * rollback of the trail cannot reach. Optional: desks of an older version send none.
 */
export const AuditHeadAnchor = z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditHeadAnchor = z.infer<typeof AuditHeadAnchor>;

export const PushRequest = z.object({ events: z.array(PushEvent).min(1).max(MAX_PUSH_BATCH), auditHead: AuditHeadAnchor.optional() });

export const PUSH_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export const PushResult = z.object({
  key: z.string(),
  status: z.enum(PUSH_STATUSES),
  /** Spanish, for the clerk: why central refused the event. */
  reason: ShortText(500).optional(),
});
export type PushResult = z.infer<typeof PushResult>;
export const PushResponse = z.object({
  results: z.array(PushResult).max(MAX_PUSH_BATCH * 2),
  /**
   * The audit head central held for this desk before this push (null: none yet), with when it
   * received it: the desk checks that its trail still holds that entry. Optional: older centrals send none.
   */
  auditAnchor: AuditHeadAnchor.extend({ receivedAt: Millis }).nullable().optional(),
});

// --- Pull --------------------------------------------------------------------------------

export const RequestState = z.enum(REQUEST_STATES);
export const CENTRAL_EVENTS = ['confirmar_envio', 'rechazo_central', 'emitir_clave'] as const;

/** A request recorded or moved at another desk of the same agency. */
const RequestUpsert = z.object({
  kind: z.literal('request.upsert'),
  request: RequestSnapshot.extend({
    state: RequestState,
    stateSince: Millis,
    /** The event that led to `state`, so the desk re-checks it against the lifecycle. */
    lastEvent: z.enum(REQUEST_EVENTS).nullable(),
    previousState: RequestState.nullable(),
    /** The reason and note given with `lastEvent` (a return, a rejection), when there was one. */
    decision: z.object({ reasonCode: ShortText(60).nullable(), note: ShortText(1000).nullable() }).nullable().optional(),
  }),
  originDevice: Id,
});

/** Central's own decision on a request: receipt confirmed, rejected, password issued. */
const RequestDecision = z.object({
  kind: z.literal('request.decision'),
  requestId: Id,
  event: z.enum(CENTRAL_EVENTS),
  note: ShortText(500).nullable(),
  /** For emitir_clave: where the password went, masked (j***@empresa.com.ec). */
  maskedEmail: ShortText(254).nullable(),
  at: Millis,
});

export const VirtualAttachment = z.object({
  documentType: ShortText(40),
  fileName: ShortText(255),
  mime: z.enum(['image/jpeg', 'application/pdf']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dataBase64: z.string().max(MAX_BASE64),
});
export type VirtualAttachment = z.infer<typeof VirtualAttachment>;

/** A request filed through the Ventanilla Virtual, routed to this agency's back office. */
const VirtualRequest = z.object({
  kind: z.literal('request.virtual'),
  request: z.object({
    id: Id,
    number: ShortText(40),
    receivedAt: Millis,
    /** The province the applicant chose in the portal form, by which central routed it (seed 004, line 102). */
    province: ProvinceCode.optional(),
    intake: z.record(z.string(), z.union([z.string().max(300), z.boolean()])),
  }),
  attachments: z.array(VirtualAttachment).max(20),
});

const Appointment = z.object({
  id: Id,
  time: z.string().regex(/^\d{2}:\d{2}$/),
  confirmationCode: ShortText(40),
  cedula: ShortText(20),
  names: ShortText(160),
  email: ShortText(254).nullable(),
  mobile: ShortText(20).nullable(),
});

/** The agency's turnos of one day ("Clave patronal portal IESS"). */
const AppointmentsDay = z.object({
  kind: z.literal('appointments.day'),
  date: IsoDay,
  items: z.array(Appointment).max(2000),
});

const Catalog = z.object({
  kind: z.literal('catalog'),
  name: ShortText(60),
  version: z.number().int().positive(),
  entries: z.array(z.object({ code: ShortText(60), label: ShortText(300) })).max(5000),
});

export const CHANGE_KINDS = ['request.upsert', 'request.decision', 'request.virtual', 'appointments.day', 'catalog'] as const;
/** What central stores for a change; the page adds its position (`seq`). */
export const ChangeBody = z.discriminatedUnion('kind', [RequestUpsert, RequestDecision, VirtualRequest, AppointmentsDay, Catalog]);
export type ChangeBody = z.infer<typeof ChangeBody>;

const Seq = { seq: z.number().int().positive() };
export const Change = z.discriminatedUnion('kind', [
  RequestUpsert.extend(Seq),
  RequestDecision.extend(Seq),
  VirtualRequest.extend(Seq),
  AppointmentsDay.extend(Seq),
  Catalog.extend(Seq),
]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change).max(MAX_PULL_PAGE * 2),
  /** Opaque: send it back as ?cursor= to get what follows. */
  nextCursor: z.string().max(100),
  /** Changes still waiting after this page (for the progress bar). */
  remaining: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// --- Employer registry -------------------------------------------------------------------

export const EmployerLookup = z.object({
  ruc: z.string(),
  found: z.boolean(),
  legalName: ShortText(200).nullable(),
  /** Whether the employer completed the "registro de empleador" (precondition, seed 004). */
  registered: z.boolean(),
  branches: z.array(z.object({ code: z.string().regex(/^\d{4}$/), name: ShortText(200) })).max(500),
});
export type EmployerLookup = z.infer<typeof EmployerLookup>;

// --- Foreigners registered in the IESS ----------------------------------------------------

/**
 * Whether a foreigner without cédula is registered or affiliated in the IESS, and their
 * identification code (seed 004, line 63: the code is asked only of them).
 */
export const ForeignerLookup = z.object({
  passport: ShortText(20),
  nationality: ShortText(3),
  registered: z.boolean(),
  code: ShortText(40).nullable(),
});
export type ForeignerLookup = z.infer<typeof ForeignerLookup>;

// --- Active e-mail proof ------------------------------------------------------------------

/** Central sends a short code to the address; the applicant reads it at the counter. */
export const EmailChallengeRequest = z.object({ email: ShortText(254) });
export const EmailChallenge = z.object({
  id: ShortText(80),
  /** Until when the code is accepted (ms since the epoch). */
  expiresAt: Millis,
  /** How many wrong codes are allowed before the challenge locks. */
  maxAttempts: z.number().int().positive(),
});
export type EmailChallenge = z.infer<typeof EmailChallenge>;

export const EmailConfirmRequest = z.object({ code: ShortText(12) });
export const EMAIL_CONFIRM_STATUSES = ['verificado', 'codigo_incorrecto', 'vencido', 'bloqueado'] as const;
export const EmailConfirmation = z.object({
  status: z.enum(EMAIL_CONFIRM_STATUSES),
  attemptsLeft: z.number().int().min(0),
});
export type EmailConfirmation = z.infer<typeof EmailConfirmation>;

// --- Ventanilla Virtual routing -------------------------------------------------------------


/**
 * Which virtual requests this agency attends (agencia.json): central routes a request filed for a
 * province only to an agency that declared it (seed 004, line 45).
 */
export const VirtualRouting = z.object({
  attends: z.boolean(),
  provinces: z.array(ProvinceCode).max(25),
});
export type VirtualRouting = z.infer<typeof VirtualRouting>;

// --- Errors ------------------------------------------------------------------------------

/** Body of every non-2xx answer. */
export const ErrorResponse = z.object({ error: z.object({ code: ShortText(60), message: ShortText(500) }) });
