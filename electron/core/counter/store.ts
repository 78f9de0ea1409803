// Reading and writing one request of the counter: the intake columns, the checklist, the
// outbox event of each transition. Shared by the counter's handlers (and later the forms).
import { all, get, ident, join, pluck, returning, run, sql, type Reader, type Sql, type WritableDB, type Writer } from '../../../db/sql';
import { v7 as uuidv7 } from 'uuid';
import type { IntakeDraft } from '../../../shared/domain/intake';
import { EVENT_LABELS, STATE_LABELS, TRANSITIONS, type Readiness, type RequestEvent, type RequestState } from '../../../shared/domain/lifecycle';
import { DOCUMENT_TYPES, FOREIGNER_REGISTRATIONS, type Channel, type DocumentStatusCode, type DocumentType, type ForeignerRegistration, type PaperOrigin, type SignatureKind } from '../../../shared/domain/catalogs';
import { formatRequestNumber } from '../../../shared/domain/request-number';
import { allowedOrigins, type RequirementRule } from '../../../shared/domain/requirements';
import { CLAVE_PATRONAL_RULE_SETS } from '../../../shared/domain/rule-sets';
import type { AuthedContext, AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import { ecuadorDate, ecuadorYear } from '../../../shared/domain/dates';
import type { EventActor, OutboxEvent } from '../../../shared/sync/protocol';
import { documentsAffectedBy } from '../../../shared/domain/document-checks';
import { foreignerDocumentOf } from '../../../shared/domain/foreigner-registration';
import { REQUEST_TYPE_LABELS, requestTypeSpec, typeAllows, type RequestType } from '../../../shared/domain/request-types';

/** Intake fields that live in their own (PERSONAL or not) columns of `requests`. */
export const INTAKE_COLUMNS = {
  applicantKind: 'applicant_kind',
  employerRuc: 'employer_ruc',
  employerBranch: 'employer_branch',
  employerLegalName: 'employer_legal_name',
  representativeIdType: 'representative_id_type',
  representativeIdNumber: 'representative_id_number',
  representativeNames: 'representative_names',
  representativeNationality: 'representative_nationality',
  passportExpiryDate: 'passport_expiry_date',
  foreignerCode: 'foreigner_code',
  visaCategory: 'visa_category',
  visaNumber: 'visa_number',
  visaIssueDate: 'visa_issue_date',
  visaExpiryDate: 'visa_expiry_date',
  email: 'email',
  mobile: 'mobile',
  address: 'address',
  thirdPartyNames: 'third_party_names',
  thirdPartyCedula: 'third_party_cedula',
  artisanNumber: 'artisan_number',
  artisanBranch: 'artisan_branch',
  artisanIssueDate: 'artisan_issue_date',
  artisanExpiryDate: 'artisan_expiry_date',
} as const satisfies Partial<Record<keyof IntakeDraft, string>>;
type ColumnField = keyof typeof INTAKE_COLUMNS;
const COLUMN_FIELDS = Object.keys(INTAKE_COLUMNS) as ColumnField[];

/**
 * The active e-mail proof (seed 004, line 43): verified with a code central sent to the address,
 * or recorded «no verificado» with a reason the supervisor reads. Reset when the e-mail changes.
 */
export interface EmailProof {
  status: 'verificado' | 'no_verificado';
  reason: string | null;
  note: string | null;
  at: number;
  by: string | null;
}

/** A code central sent and the counter has not settled yet. */
export interface EmailChallengeState {
  id: string;
  expiresAt: number;
  attemptsLeft: number;
}

/** Non-personal answers kept in `details` (JSON). */
export interface RequestDetails {
  viaThirdParty?: boolean;
  artisan?: boolean;
  acknowledgedWarnings?: string[];
  foreignerRegistration?: ForeignerRegistration | null;
  emailProof?: EmailProof | null;
  emailChallenge?: EmailChallengeState | null;
  /** actualizacion_contacto: its non-personal answers (shared/domain/contact-update.ts ContactUpdateDetailsSchema). */
  contactUpdate?: { affiliateKind: 'afiliado' | 'jubilado' | 'derechohabiente' | null };
  /** registro_extranjero: its non-personal answers (shared/domain/foreigner-registration.ts ForeignerRegistrationDetailsSchema). */
  foreigner?: { mrzChecked: boolean };
}

export interface RequestRecord {
  id: string;
  agencyId: string;
  number: string;
  channel: Channel;
  requestType: RequestType;
  state: RequestState;
  stateSince: number;
  clerkId: string | null;
  appointmentId: string | null;
  walkInAuthorizedBy: string | null;
  walkInReason: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  /** PERSONAL: the affiliate's landline (actualizacion_contacto). */
  landline: string | null;
  intake: IntakeDraft;
  details: RequestDetails;
}

/** The intake columns of `requests`, each as its field's name (`employer_ruc AS employerRuc`, …). */
export const INTAKE_SELECT: Sql = join(
  COLUMN_FIELDS.map((f) => sql`${ident(INTAKE_COLUMNS[f])} AS ${ident(f)}`),
  ', ',
);

const SELECT = sql`SELECT id, agency_id AS agencyId, number, channel, request_type AS requestType, state, state_since AS stateSince, clerk_id AS clerkId,
  appointment_id AS appointmentId, walk_in_authorized_by AS walkInAuthorizedBy, walk_in_reason AS walkInReason,
  created_at AS createdAt, updated_at AS updatedAt, version, landline, details, ${INTAKE_SELECT}
  FROM requests`;

/** The request of the caller's agency, or not_found: agencies never see each other's records. */
export function loadRequest(ctx: AuthedReadContext, id: string): RequestRecord {
  const row = get<Record<string, unknown> & RequestRecord>(ctx.db, sql`${SELECT} WHERE id = ${id}`);
  if (!row || row.agencyId !== ctx.actor.agencyId) throw new CallFailure('not_found', 'La solicitud no existe en esta agencia.');
  ctx.audit.target(`request:${id}`);
  ctx.history.subject(id);
  const details = (row.details ? JSON.parse(row.details as unknown as string) : {}) as RequestDetails;
  const registration = FOREIGNER_REGISTRATIONS.find((r) => r.code === details.foreignerRegistration)?.code ?? null;
  const intake: IntakeDraft = { viaThirdParty: details.viaThirdParty ?? false, artisan: details.artisan ?? false, ...(registration ? { foreignerRegistration: registration } : {}) };
  for (const f of COLUMN_FIELDS) {
    const v = row[f];
    // NOT NULL columns hold '' until the clerk types: for the intake that is "not given yet".
    if (v !== null && v !== undefined && v !== '') (intake as Record<string, unknown>)[f] = v;
  }
  return { ...row, details, intake };
}

/**
 * A call that belongs to one procedure (the employer intake, its checklist and forms) refuses a
 * request of another type: each type's screens use the calls its registry entry names.
 */
export function assertType(req: RequestRecord, type: RequestType): void {
  if (req.requestType !== type) {
    throw new CallFailure('invalid_input', `Esta acción no corresponde a un trámite de «${requestTypeSpec(req.requestType).label}».`);
  }
}

/**
 * The request's type may take `event` from its state (shared/domain/request-types.ts). A move the
 * lifecycle itself does not have is left to the lifecycle's own message.
 */
export function assertTypeAllows(req: RequestRecord, event: RequestEvent): void {
  const inLifecycle = (TRANSITIONS[req.state] as Partial<Record<RequestEvent, unknown>>)[event] !== undefined;
  if (inLifecycle && !typeAllows(req.requestType, req.state, event)) {
    throw new CallFailure('conflict', `Un trámite de «${REQUEST_TYPE_LABELS[req.requestType]}» no admite «${EVENT_LABELS[event]}» en estado «${STATE_LABELS[req.state]}».`);
  }
}

/** Clerks edit their own requests; a supervisor may take over any of the agency's. */
export function assertEditable(ctx: AuthedContext, req: RequestRecord, version: number): void {
  if (ctx.actor.role === 'ventanillero' && req.clerkId !== null && req.clerkId !== ctx.actor.userId) {
    throw new CallFailure('forbidden', 'La solicitud está asignada a otro ventanillero.');
  }
  if (req.version !== version) {
    throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Se cargó la versión más reciente; revise y vuelva a intentar.');
  }
}

/** Writes the intake columns and bumps the version (optimistic concurrency). */
export function writeIntake(db: WritableDB, req: RequestRecord, intake: IntakeDraft, now: number, extra: Partial<RequestDetails> = {}): number {
  const values = intakeColumnValues(intake);
  const details: RequestDetails = {
    ...req.details,
    viaThirdParty: intake.viaThirdParty === true,
    artisan: intake.artisan === true,
    foreignerRegistration: intake.foreignerRegistration ?? null,
    ...extra,
  };
  // The proof was about one address: another address has to be proven again.
  if (normalizedEmail(values.email) !== normalizedEmail(req.intake.email)) {
    details.emailProof = null;
    details.emailChallenge = null;
  }
  const columns: Record<string, string | null> = {};
  for (const f of COLUMN_FIELDS) columns[INTAKE_COLUMNS[f]] = values[f];
  if (!updateRequestColumns(db, req, columns, { details: JSON.stringify(details), updated_at: now })) {
    throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  }
  // As loadRequest reads it back, so an unchanged registration is not taken for a change.
  const stored: IntakeDraft = { viaThirdParty: details.viaThirdParty, artisan: details.artisan, ...(details.foreignerRegistration ? { foreignerRegistration: details.foreignerRegistration } : {}) };
  for (const f of COLUMN_FIELDS) if (values[f] !== null) (stored as Record<string, unknown>)[f] = values[f];
  undoVerificationsOfChanged(db, req, stored, now);
  return req.version + 1;
}

/** The intake's column values as stored: blanks as NULL, the keys duplicates are looked up by canonical. */
function intakeColumnValues(intake: IntakeDraft): Record<ColumnField, string | null> {
  const values = {} as Record<ColumnField, string | null>;
  for (const f of COLUMN_FIELDS) {
    const v = intake[f];
    values[f] = v === undefined || v === '' ? null : (v as string);
  }
  // The keys duplicates are looked up by are kept canonical even in a draft.
  if (typeof values.employerRuc === 'string') values.employerRuc = values.employerRuc.replace(/[\s-]/g, '');
  if (typeof values.employerBranch === 'string' && /^\d{1,4}$/.test(values.employerBranch)) values.employerBranch = values.employerBranch.padStart(4, '0');
  // applicant_kind, employer_ruc and employer_legal_name are NOT NULL: a draft keeps '' there.
  for (const f of ['applicantKind', 'employerRuc', 'employerLegalName'] as const) values[f] ??= '';
  values.employerBranch ??= '0001';
  return values;
}

/**
 * Writes a request's columns at `req.version` and bumps the version (optimistic concurrency):
 * only the `columns` whose value differs from the stored one, and every one of `always`. SQLite
 * rewrites an index entry, and the names' search entry, for every column in the SET list, changed
 * or not: an autosave that changed one field wrote a page of every index on the intake's columns
 * (docs/architecture.md «Pages a call writes»). Column names come from this code, never from input.
 * False when the row is not at that version any more.
 */
export function updateRequestColumns(db: WritableDB, req: Pick<RequestRecord, 'id' | 'version'>, columns: Record<string, string | null>, always: Record<string, string | number | null>): boolean {
  const names = Object.keys(columns);
  const stored = get<Record<string, unknown>>(db, sql`SELECT ${join(names.map((c) => ident(c)), ', ')} FROM requests WHERE id = ${req.id} AND version = ${req.version}`);
  if (!stored) return false;
  const sets = [
    ...names.filter((c) => stored[c] !== columns[c]).map((c) => sql`${ident(c)} = ${columns[c]}`),
    ...Object.entries(always).map(([c, v]) => sql`${ident(c)} = ${v}`),
    sql`version = version + 1`,
  ];
  return run(db, sql`UPDATE requests SET ${join(sets, ', ')} WHERE id = ${req.id} AND version = ${req.version}`).changes === 1;
}

const normalizedEmail = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : '');
/**
 * A verified document vouches for the data its checks compared (a returned request's third
 * party renamed, say): when that data changes, its verification and signature mark are undone,
 * and the clerk checks it again (shared/domain/document-checks.ts).
 */
function undoVerificationsOfChanged(db: WritableDB, req: RequestRecord, stored: IntakeDraft, now: number): void {
  const held = pluck<DocumentType>(
    db,
    sql`SELECT document_type AS documentType FROM request_documents WHERE request_id = ${req.id} AND (status <> 'pendiente' OR checks IS NOT NULL OR signature_marked = 1)`,
  );
  if (held.length === 0) return;
  for (const d of documentsAffectedBy(req.intake, stored, held)) {
    run(
      db,
      sql`UPDATE request_documents SET status = 'pendiente', checks = NULL, rejection_reason = NULL, note = NULL, signature_marked = 0, updated_at = ${now}
        WHERE request_id = ${req.id} AND document_type = ${d}`,
    );
  }
}

export function bumpVersion(db: Writer, req: RequestRecord, now: number): number {
  const changed = run(db, sql`UPDATE requests SET updated_at = ${now}, version = version + 1 WHERE id = ${req.id} AND version = ${req.version}`).changes;
  if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  return req.version + 1;
}

/**
 * Next human number of this desk for the year: CAU-UIO-2026-03-000124 once central assigned the
 * desk its station code (unique agency-wide from the moment it is printed, offline included),
 * CAU-UIO-2026-000124 for a desk not enrolled (shared/domain/request-number.ts says why).
 */
export function nextRequestNumber(db: Writer, agencyId: string, agencyCode: string, now: number): string {
  const year = ecuadorYear(now);
  const station = get<{ code: string | null }>(db, sql`SELECT station_code AS code FROM sync_state WHERE id = 1`)?.code ?? null;
  const [row] = returning<{ last: number }>(
    db,
    sql`INSERT INTO request_counters (agency_id, year, station, last) VALUES (${agencyId}, ${year}, ${station ?? ''}, 1)
       ON CONFLICT (agency_id, year, station) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  return formatRequestNumber({ agencyCode, year, station, seq: row!.last });
}

/** Moves this desk's counter for `number`'s year and station past it (never back). */
export function skipPastNumber(db: Writer, agencyId: string, parts: { year: number; station: string | null; seq: number }): void {
  run(
    db,
    sql`INSERT INTO request_counters (agency_id, year, station, last) VALUES (${agencyId}, ${parts.year}, ${parts.station ?? ''}, ${parts.seq})
       ON CONFLICT (agency_id, year, station) DO UPDATE SET last = max(last, excluded.last)`,
  );
}

export interface NewRequest {
  /** The procedure (shared/domain/request-types.ts); the employer's when absent. */
  requestType?: RequestType;
  clerkId: string;
  appointmentId?: string | null;
  walkIn?: { authorizedBy: string; reason: string } | null;
  intake: IntakeDraft;
}

/** A new presencial draft of the caller's agency; returns its id. Call inside ctx.write (its `db`). */
export function createDraft(ctx: AuthedContext, db: WritableDB, input: NewRequest): string {
  const now = ctx.clock.now();
  const id = uuidv7();
  const number = nextRequestNumber(db, ctx.actor.agencyId, ctx.actor.agencyCode, now);
  // The typed intake goes in with the row: written after it, every intake index entry and the
  // names' search entry would be written twice in the check-in's transaction.
  const values = intakeColumnValues(input.intake);
  run(
    db,
    sql`INSERT INTO requests (id, agency_id, number, channel, request_type, state, state_since, clerk_id, appointment_id,
         walk_in_authorized_by, walk_in_reason, details, created_at, updated_at, ${join(COLUMN_FIELDS.map((f) => ident(INTAKE_COLUMNS[f])), ', ')})
       VALUES (${id}, ${ctx.actor.agencyId}, ${number}, 'presencial', ${input.requestType ?? 'clave_patronal'}, 'borrador', ${now}, ${input.clerkId}, ${input.appointmentId ?? null},
         ${input.walkIn?.authorizedBy ?? null}, ${input.walkIn?.reason ?? null}, '{}', ${now}, ${now}, ${join(COLUMN_FIELDS.map((f) => sql`${values[f]}`), ', ')})`,
  );
  ctx.audit.target(`request:${id}`);
  const created = loadRequest(ctx, id);
  writeIntake(db, created, input.intake, now);
  appendOutbox(db, { agencyId: ctx.actor.agencyId, requestId: id, type: 'request.created', payload: { number, channel: 'presencial', at: now }, now, actor: ctx.actor });
  return id;
}

/**
 * Records a lifecycle decision (every transition, with its reason and note when given) and
 * returns its id, which the request's history line points at (request_events.decision_id).
 * Call inside ctx.write.
 */
export function recordDecision(
  db: Writer,
  // actorLabel: who decided at another desk (person, role, station), as that desk's signed event said.
  d: { requestId: string; at: number; actorId: string; event: RequestEvent; reasonCode?: string | null; note?: string | null; actorLabel?: string | null },
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO request_decisions (request_id, at, actor_id, event, reason_code, note, actor_label)
      VALUES (${d.requestId}, ${d.at}, ${d.actorId}, ${d.event}, ${d.reasonCode ?? null}, ${d.note ?? null}, ${d.actorLabel ?? null})`,
  );
  return Number(lastInsertRowid);
}

/**
 * Records an event for central in the same transaction as the change (sync/push.ts sends them).
 * Typed by the wire protocol: the payload is the one central reads for that type, and `actor` the
 * person who made the change (PushEvent.actor, EventActor), sent beside the payload and signed with
 * it (sync/push.ts), so that central checks their role and every desk of the agency names them.
 */
export function appendOutbox(
  db: Writer,
  e: OutboxEvent & { agencyId: string; requestId: string; now: number; actor?: Pick<AuthedContext['actor'], 'userId' | 'displayName' | 'role'> },
): void {
  // Every handler passes its actor; only events fabricated by tests and benches come without one.
  // The actor rides in the outbox row beside the payload; push.ts takes it out again as PushEvent.actor.
  const actor: EventActor | undefined = e.actor ? { userId: e.actor.userId, name: e.actor.displayName, role: e.actor.role } : undefined;
  const payload = actor ? { ...e.payload, actor } : e.payload;
  run(
    db,
    sql`INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at)
      VALUES (${uuidv7()}, ${e.agencyId}, ${e.requestId}, ${e.type}, ${JSON.stringify(payload)}, ${e.now})`,
  );
}

export interface ChecklistRow {
  documentType: DocumentType;
  ruleId: string;
  presentation: string;
  signature: SignatureKind | null;
  presented: number;
  presentedAs: string | null;
  checks: string | null;
  status: DocumentStatusCode;
  rejectionReason: string | null;
  note: string | null;
  signatureMarked: number;
  signer: 'representante_legal' | 'tercero_autorizado' | null;
  origin: 'traido' | 'impreso' | null;
}

/** Checklist rows (as ChecklistRow). */
const CHECKLIST = sql`SELECT document_type AS documentType, rule_id AS ruleId, presentation, signature, presented, presented_as AS presentedAs,
  checks, status, rejection_reason AS rejectionReason, note, signature_marked AS signatureMarked, signer, origin
  FROM request_documents`;

/** A request's checklist rows (as ChecklistRow), in the order the rules listed them: one `?`, the request. */
export const CHECKLIST_SELECT = sql`${CHECKLIST} WHERE request_id = ? ORDER BY rowid`;

export function loadChecklist(db: Reader, requestId: string): ChecklistRow[] {
  return all<ChecklistRow>(db, sql`${CHECKLIST} WHERE request_id = ${requestId} ORDER BY rowid`);
}

const LABEL = new Map<string, string>(DOCUMENT_TYPES.map((d) => [d.code, d.label]));
export const documentLabel = (type: string) => LABEL.get(type) ?? type;

/** The rule behind a checklist row (stored as "<rule id> (<seed>:<lines>)"), from any rule set. */
function ruleOf(ruleIdText: string): RequirementRule | null {
  const id = ruleIdText.split(' ')[0];
  for (const set of CLAVE_PATRONAL_RULE_SETS) {
    const rule = set.rules.find((r) => r.id === id);
    if (rule) return rule;
  }
  return null;
}

/** How a row's paper may reach the counter, for this request (a third party: brought only). */
export function originsOf(row: Pick<ChecklistRow, 'ruleId'>, viaThirdParty: boolean): PaperOrigin[] {
  const foreign = foreignerDocumentOf(row.ruleId);
  if (foreign) return [...foreign.origins];
  return allowedOrigins(ruleOf(row.ruleId)?.origins, viaThirdParty);
}

export function partOf(row: Pick<ChecklistRow, 'ruleId'>): DocumentType | null {
  return ruleOf(row.ruleId)?.partOf ?? null;
}

/** What the lifecycle's submission guard looks at. */
export function readinessOf(req: RequestRecord, checklist: ChecklistRow[]): Readiness {
  return {
    documents: checklist.map((d) => ({
      documentType: d.documentType,
      label: documentLabel(d.documentType),
      verified: d.status === 'verificado',
      signature: d.signature,
      signatureMarked: d.signatureMarked === 1,
      signer: d.signer,
      origin: d.origin,
      origins: originsOf(d, req.intake.viaThirdParty === true),
    })),
    email: req.intake.email ?? null,
    // A type that takes no e-mail at the counter (the foreigner's registration) is not judged on one.
    ...(requestTypeSpec(req.requestType).emailAtCounter ? {} : { emailRequired: false }),
    emailProof: req.details.emailProof?.status ?? null,
    visaExpiryDate: req.intake.visaExpiryDate ?? null,
    artisanExpiryDate: req.intake.artisanExpiryDate && req.intake.artisanExpiryDate !== 'Indefinida' ? req.intake.artisanExpiryDate : null,
  };
}

export const attentionDateOf = (ctx: AuthedContext) => ecuadorDate(ctx.clock.now());
