// The desk ↔ central protocol (issue #7), declared once with zod and shared by the desk's sync
// client and the stand-in central in test/central. Pure: no Node, DOM or Electron.
//
// Compatibility rules (docs/protocol/README.md): every path carries the major version (/v1);
// objects are parsed with zod's default "strip" mode, so fields a newer peer adds are ignored,
// never an error; a change kind the desk does not know is refused loudly (never skipped).
import { z } from 'zod';
import { catalogCodes, CHANNELS, DOCUMENT_STATUSES, isCatalogCode, PRINTED_FORMS, SIGNATURE_KINDS } from '../domain/catalogs';
import { REQUEST_EVENTS, REQUEST_STATES, type RequestEvent } from '../domain/lifecycle';
import { OUTBOX_EVENT_TYPES, type OutboxEventType } from '../domain/outbox';

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
  signature: z.enum(catalogCodes(SIGNATURE_KINDS)).nullable(),
  presented: z.boolean(),
  presentedAs: ShortText(40).nullable(),
  /** The clerk's confirmed checks ({ numberValid, namesMatch, … }: no personal data). */
  checks: z.record(z.string(), z.boolean()).nullable(),
  status: z.enum(catalogCodes(DOCUMENT_STATUSES)),
  rejectionReason: ShortText(60).nullable(),
  /** PERSONAL (free text). */
  note: ShortText(500).nullable(),
  signatureMarked: z.boolean(),
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
});
export type RequestRecord = z.infer<typeof RequestRecord>;

/** Descriptive data of the request an event belongs to, read when the event is sent. */
export const RequestSnapshot = z.object({
  id: Id,
  number: ShortText(40),
  channel: z.enum(catalogCodes(CHANNELS)),
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

// --- Outbox events: what the desk tells central, one payload schema per type ----------------

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** request.created: a request was opened at the counter (its data rides in `request`). */
export const RequestCreatedPayload = z.object({
  number: ShortText(40),
  channel: z.enum(catalogCodes(CHANNELS)),
  at: Millis,
});

/** request.transition: one lifecycle event, which central re-checks against the same lifecycle. */
export const RequestTransitionPayload = z.object({
  event: z.enum(REQUEST_EVENTS),
  from: z.enum(REQUEST_STATES),
  to: z.enum(REQUEST_STATES),
  at: Millis,
  /** The catalogued reason of a rejection or return (REJECTION_REASONS / RETURN_REASONS). */
  reasonCode: ShortText(60).nullable().optional(),
  /** PERSONAL (free text): the note given with the event. */
  note: ShortText(1000).nullable().optional(),
  /** iniciar_verificacion / corregir: the rule set the checklist was drawn from. */
  ruleSet: ShortText(80).optional(),
  /** imprimir_formularios: the forms printed, with their template version and digest. */
  forms: z.array(z.object({ kind: z.enum(catalogCodes(PRINTED_FORMS)), sha256: Sha256, templateVersion: z.number().int().positive() })).max(10).optional(),
});

/**
 * Each outbox event type (shared/domain/outbox.ts) with the schema of its payload: a type without
 * a schema does not compile, and the desk's writer (appendOutbox) is typed from these, so a
 * payload central would not understand does not compile either.
 */
export const OUTBOX_PAYLOADS = {
  'request.created': RequestCreatedPayload,
  'request.transition': RequestTransitionPayload,
} as const satisfies Readonly<Record<OutboxEventType, z.ZodType>>;

export type OutboxPayload<T extends OutboxEventType> = z.infer<(typeof OUTBOX_PAYLOADS)[T]>;
/** One event of the outbox: its type and that type's payload. */
export type OutboxEvent = { [T in OutboxEventType]: { type: T; payload: OutboxPayload<T> } }[OutboxEventType];

/** The same union as one schema (for the OpenAPI document: what `type` and `payload` of a PushEvent may be). */
export const OutboxEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request.created'), payload: RequestCreatedPayload }),
  z.object({ type: z.literal('request.transition'), payload: RequestTransitionPayload }),
]);

/** Compile-time check that the schema above is exactly the typed union: a type added to one only does not compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaIsTheUnion: Same<z.infer<typeof OutboxEvent>, OutboxEvent> = true;
void _schemaIsTheUnion;

export type OutboxEventParse = { ok: true; event: OutboxEvent } | { ok: false; problem: 'unknown_type' | 'invalid_payload' };

/** How central reads a pushed event's type and payload: a type it does not know, or a payload that fails its type's schema, is refused. */
export function parseOutboxEvent(type: unknown, payload: unknown): OutboxEventParse {
  if (!isCatalogCode(OUTBOX_EVENT_TYPES, type)) return { ok: false, problem: 'unknown_type' };
  const parsed = OUTBOX_PAYLOADS[type].safeParse(payload);
  // The payload was parsed with the schema of `type` itself; TypeScript cannot pair the two.
  return parsed.success ? { ok: true, event: { type, payload: parsed.data } as OutboxEvent } : { ok: false, problem: 'invalid_payload' };
}

export const PushEvent = z.object({
  /** The outbox row's idempotency key: central applies each key once. */
  key: z.string().min(8).max(64),
  /**
   * An OUTBOX_EVENT_TYPES code; `payload` follows that type's schema (OutboxEvent). Read per
   * event, not per batch: a type or payload central cannot read is answered 'rejected', not lost.
   */
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
/** The lifecycle events only central fires (lifecycle.ts TRANSITIONS, actor 'central'). */
export const CENTRAL_EVENTS = ['confirmar_envio', 'rechazo_central', 'emitir_clave'] as const satisfies readonly RequestEvent[];
export type CentralEvent = (typeof CENTRAL_EVENTS)[number];

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

// --- Errors ------------------------------------------------------------------------------

/** Body of every non-2xx answer. */
export const ErrorResponse = z.object({ error: z.object({ code: ShortText(60), message: ShortText(500) }) });
