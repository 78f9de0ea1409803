// Over 400 lines: the whole wire contract in one file, so that desk and central read one definition.
// The desk ↔ central protocol (docs/protocol/README.md), declared once with zod and shared by the desk's sync
// client and the stand-in central in test/central. Pure: no Node, DOM or Electron.
//
// Compatibility rules (docs/protocol/README.md): every path carries the major version (/v1);
// objects are parsed with zod's default "strip" mode, so fields a newer peer adds are ignored,
// never an error; a change kind the desk does not know is refused loudly (never skipped).
import { z } from 'zod';
import { REQUEST_TYPE_CODES } from '../domain/request-types';
import { catalogCodes, CHANNELS, DOCUMENT_STATUSES, isCatalogCode, PRINTED_FORMS, SIGNATURE_KINDS } from '../domain/catalogs';
import { REQUEST_EVENTS, REQUEST_STATES, type RequestEvent } from '../domain/lifecycle';
import { OUTBOX_EVENT_TYPES, type OutboxEventType } from '../domain/outbox';
import { ROLES } from '../domain/roles';
import { WORK_ACTIVITY_CODES } from '../domain/desks';

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

const Base64 = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const EnrolRequest = z.object({
  /** One-time code an IESS operator issues for the agency. */
  enrolmentCode: z.string().min(4).max(64),
  agencyCode: z.string().min(2).max(10),
  deviceName: z.string().min(1).max(80),
  /**
   * The desk's Ed25519 public key (SPKI DER, base64): from then on central requires each pushed
   * event to be signed with it. Optional: a desk of an older version sends none and signs nothing.
   */
  publicKey: Base64(200).optional(),
});
/** Two digits: the desk's station within its agency, printed in every request number it hands out. */
export const StationCode = z.string().regex(/^\d{2}$/);

/** The station central assigned the desk, and where its numbering continues. */
export const EnrolStation = z.object({
  code: StationCode,
  /** A replacement: the device this enrolment replaces (its token no longer works). */
  replacedDevice: Id.nullable(),
  /** The station's last request number per year central has received: numbering continues after it. */
  numbering: z.array(z.object({ year: z.number().int().min(2000).max(9999), last: z.number().int().nonnegative() })).max(100),
});
export type EnrolStation = z.infer<typeof EnrolStation>;

export const EnrolResponse = z.object({
  deviceId: Id,
  /** Bearer token for every later call; the desk keeps it in its secrets store only. */
  token: z.string().min(32).max(256),
  agencyCode: z.string(),
  agencyName: z.string(),
  /** Absent from a central of the first version: the desk then numbers without a station code. */
  station: EnrolStation.optional(),
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
  /** Who signs it (representante_legal | tercero_autorizado); absent from older desks. */
  signer: z.enum(['representante_legal', 'tercero_autorizado']).nullable().optional(),
  /** A signed paper: brought signed (traido) or printed at the counter (impreso). */
  origin: z.enum(['traido', 'impreso']).nullable().optional(),
});
export type RecordDocument = z.infer<typeof RecordDocument>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** Largest file (a scan, an archived form) a desk uploads to central. */
export const MAX_FILE_BYTES = 16 * 1_048_576;

/** A scan of the request's file. Central keeps its content too (`PUT /v1/files/{sha256}`). */
export const RecordFile = z.object({
  id: Id,
  documentType: ShortText(40),
  /** PERSONAL: the name the file had on the clerk's computer. */
  fileName: ShortText(255).nullable(),
  mime: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  size: z.number().int().positive().max(MAX_FILE_BYTES),
  sha256: Sha256Hex,
  createdAt: Millis,
});
export type RecordFile = z.infer<typeof RecordFile>;

/**
 * A print or reprint of a form: the archived PDF (central keeps it, by its SHA-256) and the data
 * printed on it, with which any desk of the agency checks a paper's QR code.
 */
export const RecordPrint = z.object({
  kind: ShortText(40),
  at: Millis,
  /** Who printed it (display name), for the history. */
  printedBy: ShortText(120).nullable(),
  reprint: z.boolean(),
  reason: ShortText(300).nullable(),
  /** The date printed on the paper. */
  printedAt: Millis,
  templateVersion: z.number().int().positive(),
  sha256: Sha256Hex,
  /** PERSONAL: the printed data (JSON text); null once purged by retention. */
  snapshot: z.string().max(64_000).nullable(),
  /** The wording of a template version the administrator published (version 1 ships with the app). */
  template: z.object({ title: ShortText(300), paragraphs: z.array(z.string().max(4_000)).max(60) }).optional(),
});
export type RecordPrint = z.infer<typeof RecordPrint>;

/**
 * The request's file as recorded at its desk: the intake answers and the checklist, so a
 * supervisor at another desk of the agency reviews what the clerk verified; its scans and prints,
 * so a desk replacing a broken one recovers them. Optional: desks of an older version send none.
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
  /**
   * A contact update's own answers beyond the intake columns (shared/domain/contact-update.ts): who
   * the affiliate is and the landline (PERSONAL), so another desk of the agency can finish it.
   * Absent from desks of an older version and from other types.
   */
  contactUpdate: z
    .object({ affiliateKind: z.enum(['afiliado', 'jubilado', 'derechohabiente']).nullable(), landline: ShortText(20).nullable() })
    .nullable()
    .optional(),
  /** Absent from desks of an older version. */
  files: z.array(RecordFile).max(100).optional(),
  prints: z.array(RecordPrint).max(200).optional(),
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
  /**
   * The clerk the request is assigned to, by name, for the agency-wide lists (their account lives
   * at the origin desk only). Absent from desks of an older version.
   */
  clerkName: ShortText(120).nullable().optional(),
  /** The procedure (shared/domain/request-types.ts); absent from desks of an older version. */
  requestType: z.enum(REQUEST_TYPE_CODES).optional(),
  record: RequestRecord.optional(),
});
export type RequestSnapshot = z.infer<typeof RequestSnapshot>;

/** The person who made a change at the desk (their account there), signed with the event. */
export const EventActor = z.object({ userId: Id, name: ShortText(120).min(1), role: z.enum(ROLES) });
export type EventActor = z.infer<typeof EventActor>;

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
 * request.working: the actor opened the request to work on it (`working`, renewed while the screen
 * stays open, lapsing at `until`), or closed it / decided (`working: false`). Advisory: central
 * relays the markers it holds to the agency's desks (`GET /v1/working`), never refuses work for them.
 */
export const RequestWorkingPayload = z.object({
  working: z.boolean(),
  activity: z.enum(WORK_ACTIVITY_CODES),
  at: Millis,
  /** When the marker lapses unless renewed (desk clock); central caps it (WORK_MARKER_MAX_TTL_MS). */
  until: Millis.optional(),
});

/**
 * contact.updated: an affiliate's contact data registered in person (request type
 * actualizacion_contacto, docs/seeds/001_be6632d3648d6043.txt:21): what central keeps so that the
 * portal's «ACTIVACIÓN CLAVE» e-mail reaches them. PERSONAL: identification, names, e-mail, phones.
 */
export const ContactUpdatedPayload = z.object({
  number: ShortText(40),
  at: Millis,
  affiliateKind: z.enum(['afiliado', 'jubilado', 'derechohabiente']),
  idType: z.enum(['cedula', 'codigo_extranjero']),
  idNumber: ShortText(30).min(6),
  names: ShortText(160).min(1),
  email: ShortText(254).regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,63}$/),
  mobile: z.string().regex(/^09\d{8}$/),
  landline: z.string().regex(/^0[2-7]\d{7}$/).nullable(),
  /** How the e-mail was proven at the counter (a code sent by central, or not, with a reason the desk keeps). */
  emailProof: z.enum(['verificado', 'no_verificado']),
});

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * foreigner.registration: a foreigner without cédula registered in person (request type
 * registro_extranjero, docs/seeds/002_7cf0ad12e8c8a3b1.txt:14–18), approved by the supervisor: the
 * person and the SUT contract central registers, answering with the foreigner's code (the
 * `asignar_codigo` decision). PERSONAL: passport, names, birth date, sex, nationality, contract.
 */
export const ForeignerRegistrationPayload = z.object({
  number: ShortText(40),
  at: Millis,
  passportNumber: z.string().regex(/^[A-Z0-9]{3,20}$/),
  passportExpiryDate: IsoDate,
  nationality: z.string().regex(/^[A-Z]{1,3}$/),
  names: ShortText(160).min(1),
  birthDate: IsoDate,
  sex: z.enum(['F', 'M', 'X']),
  employerRuc: z.string().regex(/^\d{13}$/),
  contractNumber: ShortText(40).min(1),
  contractDate: IsoDate,
  position: ShortText(120).min(1),
  startDate: IsoDate,
});

/**
 * Each outbox event type (shared/domain/outbox.ts) with the schema of its payload: a type without
 * a schema does not compile, and the desk's writer (appendOutbox) is typed from these, so a
 * payload central would not understand does not compile either.
 */
export const OUTBOX_PAYLOADS = {
  'request.created': RequestCreatedPayload,
  'request.transition': RequestTransitionPayload,
  'request.working': RequestWorkingPayload,
  'contact.updated': ContactUpdatedPayload,
  'foreigner.registration': ForeignerRegistrationPayload,
} as const satisfies Readonly<Record<OutboxEventType, z.ZodType>>;

export type OutboxPayload<T extends OutboxEventType> = z.infer<(typeof OUTBOX_PAYLOADS)[T]>;
/** One event of the outbox: its type and that type's payload. */
export type OutboxEvent = { [T in OutboxEventType]: { type: T; payload: OutboxPayload<T> } }[OutboxEventType];

/** The same union as one schema (for the OpenAPI document: what `type` and `payload` of a PushEvent may be). */
export const OutboxEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request.created'), payload: RequestCreatedPayload }),
  z.object({ type: z.literal('request.transition'), payload: RequestTransitionPayload }),
  z.object({ type: z.literal('request.working'), payload: RequestWorkingPayload }),
  z.object({ type: z.literal('contact.updated'), payload: ContactUpdatedPayload }),
  z.object({ type: z.literal('foreigner.registration'), payload: ForeignerRegistrationPayload }),
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
  /** Who made it (absent from a desk of an older version): central checks the role may make it. */
  actor: EventActor.optional(),
  /** Ed25519 signature (base64) of eventSigningInput by the key the desk enrolled with. */
  signature: Base64(200).optional(),
});
export type PushEvent = z.infer<typeof PushEvent>;

/**
 * The bytes a desk signs for an event: what it claims happened and who did it. The request
 * snapshot is left out (a resend carries the request as it is by then).
 */
export function eventSigningInput(e: Pick<PushEvent, 'key' | 'type' | 'requestId' | 'occurredAt' | 'payload' | 'actor'>): string {
  return JSON.stringify(['vp-event-v1', e.key, e.type, e.requestId, e.occurredAt, e.payload, e.actor ?? null]);
}

/**
 * The head of the desk's audit trail (its newest entry's number and keyed hash) when it pushed:
 * central keeps the last one per device, an anchor outside the desk that a later rewrite or
 * rollback of the trail cannot reach. Optional: desks of an older version send none.
 */
export const AuditHeadAnchor = z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditHeadAnchor = z.infer<typeof AuditHeadAnchor>;

export const PushRequest = z.object({
  events: z.array(PushEvent).min(1).max(MAX_PUSH_BATCH),
  auditHead: AuditHeadAnchor.optional(),
  /**
   * The desk's own entry at the seq of the anchor central holds (from the last `auditAnchor`, or the
   * `anchorSeq` of an `audit_proof_required` answer): central compares its hash with the anchor's,
   * so a trail that was rewritten and has grown past the anchor again is caught (a fork).
   * Optional: a desk of an older version sends none, and central can only tell a head that went back.
   */
  auditProof: AuditHeadAnchor.optional(),
  /**
   * The desk's clock when it sent the batch: central measures what is left of a request.working
   * marker on the desk's own clock (`until` − `sentAt`), so clocks that disagree neither stretch nor
   * cut it, and a marker that lapsed while the desk was offline is dropped. Optional (older desks).
   */
  sentAt: Millis.optional(),
});

export type PushRequest = z.infer<typeof PushRequest>;

/** The audit head central holds for the device after this push, with when it first received it. */
export const ConfirmedAuditHead = AuditHeadAnchor.extend({ at: Millis });
export type ConfirmedAuditHead = z.infer<typeof ConfirmedAuditHead>;

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
  /** Absent from a central of the first version, or when the push carried no audit head. */
  auditAnchor: ConfirmedAuditHead.optional(),
});

/**
 * The codes of a 409 that refuses a push for its audit evidence (nothing of the batch is applied):
 * the head went back from the anchor, the trail forked from it, or central needs the desk's entry at
 * `anchorSeq` to tell (the desk resends the batch with that entry as `auditProof`).
 */
export const AUDIT_REFUSALS = ['audit_rewound', 'audit_forked', 'audit_proof_required'] as const;
export type AuditRefusalCode = (typeof AUDIT_REFUSALS)[number];

// --- Pull --------------------------------------------------------------------------------

export const RequestState = z.enum(REQUEST_STATES);
/** The lifecycle events only central fires (lifecycle.ts TRANSITIONS, actor 'central'). */
export const CENTRAL_EVENTS = ['confirmar_envio', 'rechazo_central', 'emitir_clave', 'asignar_codigo'] as const satisfies readonly RequestEvent[];
export type CentralEvent = (typeof CENTRAL_EVENTS)[number];

/** The desk a change comes from: its station and name, for the agency-wide view. */
export const DeskRef = z.object({ deviceId: Id, station: StationCode.nullable(), name: ShortText(80) });
export type DeskRef = z.infer<typeof DeskRef>;

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
  /** The origin desk's station and name (absent from a central of the first version). */
  origin: DeskRef.optional(),
  /** Who made `lastEvent` at the origin desk, as its signed event said (absent: not known). */
  actor: EventActor.nullable().optional(),
});

/** Central's own decision on a request: receipt confirmed, rejected, password issued. */
const RequestDecision = z.object({
  kind: z.literal('request.decision'),
  requestId: Id,
  event: z.enum(CENTRAL_EVENTS),
  note: ShortText(500).nullable(),
  /** For emitir_clave: where the password went, masked (j***@empresa.com.ec). */
  maskedEmail: ShortText(254).nullable(),
  /** For asignar_codigo: the foreigner's identification code central assigned (PERSONAL); absent otherwise. */
  foreignerCode: ShortText(40).nullable().optional(),
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
  /** The procedure booked (shared/domain/request-types.ts); absent from an older central: the employer procedure. */
  requestType: z.enum(REQUEST_TYPE_CODES).optional(),
});

/** The agency's turnos of one day, of every procedure booked at the counter. */
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

/** The most changes one answer may carry (a page, with room for repeats). */
const MAX_PULL_ANSWER = MAX_PULL_PAGE * 2;
export const PullResponse = z.object({
  changes: z.array(Change).max(MAX_PULL_ANSWER),
  /** Opaque: send it back as ?cursor= to get what follows. */
  nextCursor: z.string().max(100),
  /** Changes still waiting after this page (for the progress bar). */
  remaining: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof PullResponse>;
/**
 * PullResponse with its changes not looked into: the desk checks this first, then each change
 * with Change, a slice at a time (electron/core/sync/pull.ts). Together they accept what
 * PullResponse accepts.
 */
export const PullResponseHead = PullResponse.extend({ changes: z.array(z.unknown()).max(MAX_PULL_ANSWER) });

// --- Working markers ---------------------------------------------------------------------

/** Someone at another desk of the agency working a request, as central holds it. */
export const WorkingMarker = z.object({
  requestId: Id,
  desk: DeskRef,
  actor: EventActor,
  activity: z.enum(WORK_ACTIVITY_CODES),
  /** When they opened it (central's clock, like `until`). */
  since: Millis,
  /** When central lets the marker lapse unless renewed (central's clock: compare with `time`). */
  until: Millis,
});
export type WorkingMarker = z.infer<typeof WorkingMarker>;

/** Answer of `GET /v1/working`: the agency's live markers, but the asking desk's own. */
export const WorkingResponse = z.object({
  items: z.array(WorkingMarker).max(5000),
  /** Central's clock when it answered: the desk measures each marker's remaining time against it. */
  time: Millis,
});
export type WorkingResponse = z.infer<typeof WorkingResponse>;

// --- Files ---------------------------------------------------------------------------------

/** Answer of `PUT /v1/files/{sha256}`: central holds the content (already did, or now does). */
export const FileStored = z.object({ sha256: Sha256Hex, size: z.number().int().nonnegative() });

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

// --- Affiliate contact data registered in the IESS ---------------------------------------

/** Who is asked about: the identification the counter checked (shared/domain/contact-update.ts). */
export const AffiliateContactQuery = z.object({ idType: z.enum(['cedula', 'codigo_extranjero']), idNumber: ShortText(30) });
/**
 * What central holds of the affiliate's contact data, masked by central itself («j***@g***.com»,
 * «09******12»): the clerk and the affiliate recognize it, nothing personal travels in clear.
 * Asked with POST so the identification never sits in a URL (nor in a log of one).
 */
export const AffiliateContactLookup = z.object({
  found: z.boolean(),
  email: ShortText(254).nullable(),
  mobile: ShortText(20).nullable(),
  landline: ShortText(20).nullable(),
});
export type AffiliateContactLookup = z.infer<typeof AffiliateContactLookup>;

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
export const ErrorResponse = z.object({
  error: z.object({
    code: ShortText(60),
    message: ShortText(500),
    /** With an audit refusal (AUDIT_REFUSALS): the seq of the anchor central holds for the device. */
    anchorSeq: z.number().int().positive().optional(),
    /**
     * With audit_rewound or audit_forked: the anchor itself (the desk's entry central holds), so the
     * desk writes in its own trail that the entry is gone or differs (security/audit/continuity.ts).
     */
    anchor: ConfirmedAuditHead.optional(),
  }),
});
