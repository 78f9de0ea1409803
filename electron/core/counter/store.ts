// Reading and writing one request of the counter: the intake columns, the checklist, the
// outbox event of each transition. Shared by the counter's handlers (and later the forms).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { IntakeDraft } from '../../../shared/domain/intake';
import { type Readiness, type RequestEvent, type RequestState } from '../../../shared/domain/lifecycle';
import { DOCUMENT_TYPES, type Channel, type DocumentStatusCode, type DocumentType, type SignatureKind } from '../../../shared/domain/catalogs';
import { formatRequestNumber } from '../../../shared/domain/request-number';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import { ecuadorDate, ecuadorYear } from '../../../shared/domain/dates';
import type { EventActor, OutboxEvent } from '../../../shared/sync/protocol';
import { documentsAffectedBy } from '../../../shared/domain/document-checks';

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

/** Non-personal answers kept in `details` (JSON). */
export interface RequestDetails {
  viaThirdParty?: boolean;
  artisan?: boolean;
  acknowledgedWarnings?: string[];
}

export interface RequestRecord {
  id: string;
  agencyId: string;
  number: string;
  channel: Channel;
  state: RequestState;
  stateSince: number;
  clerkId: string | null;
  appointmentId: string | null;
  walkInAuthorizedBy: string | null;
  walkInReason: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  intake: IntakeDraft;
  details: RequestDetails;
}

const SELECT = `SELECT id, agency_id AS agencyId, number, channel, state, state_since AS stateSince, clerk_id AS clerkId,
  appointment_id AS appointmentId, walk_in_authorized_by AS walkInAuthorizedBy, walk_in_reason AS walkInReason,
  created_at AS createdAt, updated_at AS updatedAt, version, details,
  ${COLUMN_FIELDS.map((f) => `${INTAKE_COLUMNS[f]} AS ${f}`).join(', ')}
  FROM requests WHERE id = ?`;

/** The request of the caller's agency, or not_found: agencies never see each other's records. */
export function loadRequest(ctx: AuthedContext, id: string): RequestRecord {
  const row = ctx.db.$client.prepare(SELECT).get(id) as (Record<string, unknown> & RequestRecord) | undefined;
  if (!row || row.agencyId !== ctx.actor.agencyId) throw new CallFailure('not_found', 'La solicitud no existe en esta agencia.');
  ctx.audit.target(`request:${id}`);
  ctx.history.subject(id);
  const details = (row.details ? JSON.parse(row.details as unknown as string) : {}) as RequestDetails;
  const intake: IntakeDraft = { viaThirdParty: details.viaThirdParty ?? false, artisan: details.artisan ?? false };
  for (const f of COLUMN_FIELDS) {
    const v = row[f];
    // NOT NULL columns hold '' until the clerk types: for the intake that is "not given yet".
    if (v !== null && v !== undefined && v !== '') (intake as Record<string, unknown>)[f] = v;
  }
  return { ...row, details, intake };
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
export function writeIntake(sqlite: Database.Database, req: RequestRecord, intake: IntakeDraft, now: number, extra: Partial<RequestDetails> = {}): number {
  const sets = COLUMN_FIELDS.map((f) => `${INTAKE_COLUMNS[f]} = @${f}`);
  const values: Record<string, unknown> = {};
  for (const f of COLUMN_FIELDS) {
    const v = intake[f];
    values[f] = v === undefined || v === '' ? null : v;
  }
  // The keys duplicates are looked up by are kept canonical even in a draft.
  if (typeof values.employerRuc === 'string') values.employerRuc = values.employerRuc.replace(/[\s-]/g, '');
  if (typeof values.employerBranch === 'string' && /^\d{1,4}$/.test(values.employerBranch)) values.employerBranch = values.employerBranch.padStart(4, '0');
  // applicant_kind, employer_ruc and employer_legal_name are NOT NULL: a draft keeps '' there.
  for (const f of ['applicantKind', 'employerRuc', 'employerLegalName'] as const) values[f] ??= '';
  values.employerBranch ??= '0001';
  const details: RequestDetails = { ...req.details, viaThirdParty: intake.viaThirdParty === true, artisan: intake.artisan === true, ...extra };
  const changed = sqlite
    .prepare(`UPDATE requests SET ${sets.join(', ')}, details = @details, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version`)
    .run({ ...values, details: JSON.stringify(details), now, id: req.id, version: req.version }).changes;
  if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  const stored: IntakeDraft = { viaThirdParty: details.viaThirdParty, artisan: details.artisan };
  for (const f of COLUMN_FIELDS) if (values[f] !== null) (stored as Record<string, unknown>)[f] = values[f];
  undoVerificationsOfChanged(sqlite, req, stored, now);
  return req.version + 1;
}

/**
 * A verified document vouches for the data its checks compared (a returned request's third
 * party renamed, say): when that data changes, its verification and signature mark are undone,
 * and the clerk checks it again (shared/domain/document-checks.ts).
 */
function undoVerificationsOfChanged(sqlite: Database.Database, req: RequestRecord, stored: IntakeDraft, now: number): void {
  const held = sqlite
    .prepare("SELECT document_type AS documentType FROM request_documents WHERE request_id = ? AND (status <> 'pendiente' OR checks IS NOT NULL OR signature_marked = 1)")
    .pluck()
    .all(req.id) as DocumentType[];
  if (held.length === 0) return;
  const undo = sqlite.prepare(
    "UPDATE request_documents SET status = 'pendiente', checks = NULL, rejection_reason = NULL, note = NULL, signature_marked = 0, updated_at = ? WHERE request_id = ? AND document_type = ?",
  );
  for (const d of documentsAffectedBy(req.intake, stored, held)) undo.run(now, req.id, d);
}

export function bumpVersion(sqlite: Database.Database, req: RequestRecord, now: number): number {
  const changed = sqlite.prepare('UPDATE requests SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?').run(now, req.id, req.version).changes;
  if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  return req.version + 1;
}

/**
 * Next human number of this desk for the year: CAU-UIO-2026-03-000124 once central assigned the
 * desk its station code (unique agency-wide from the moment it is printed, offline included),
 * CAU-UIO-2026-000124 for a desk not enrolled (shared/domain/request-number.ts says why).
 */
export function nextRequestNumber(sqlite: Database.Database, agencyId: string, agencyCode: string, now: number): string {
  const year = ecuadorYear(now);
  const station = (sqlite.prepare('SELECT station_code AS code FROM sync_state WHERE id = 1').get() as { code: string | null } | undefined)?.code ?? null;
  const row = sqlite
    .prepare(
      `INSERT INTO request_counters (agency_id, year, station, last) VALUES (?, ?, ?, 1)
       ON CONFLICT (agency_id, year, station) DO UPDATE SET last = last + 1 RETURNING last`,
    )
    .get(agencyId, year, station ?? '') as { last: number };
  return formatRequestNumber({ agencyCode, year, station, seq: row.last });
}

/** Moves this desk's counter for `number`'s year and station past it (never back). */
export function skipPastNumber(sqlite: Database.Database, agencyId: string, parts: { year: number; station: string | null; seq: number }): void {
  sqlite
    .prepare(
      `INSERT INTO request_counters (agency_id, year, station, last) VALUES (?, ?, ?, ?)
       ON CONFLICT (agency_id, year, station) DO UPDATE SET last = max(last, excluded.last)`,
    )
    .run(agencyId, parts.year, parts.station ?? '', parts.seq);
}

export interface NewRequest {
  clerkId: string;
  appointmentId?: string | null;
  walkIn?: { authorizedBy: string; reason: string } | null;
  intake: IntakeDraft;
}

/** A new presencial draft of the caller's agency; returns its id. Call inside ctx.write. */
export function createDraft(ctx: AuthedContext, input: NewRequest): string {
  const sqlite = ctx.db.$client;
  const now = ctx.clock.now();
  const id = uuidv7();
  const number = nextRequestNumber(sqlite, ctx.actor.agencyId, ctx.actor.agencyCode, now);
  sqlite
    .prepare(
      `INSERT INTO requests (id, agency_id, number, channel, state, state_since, clerk_id, appointment_id, applicant_kind,
         employer_ruc, employer_branch, employer_legal_name, walk_in_authorized_by, walk_in_reason, details, created_at, updated_at)
       VALUES (?, ?, ?, 'presencial', 'borrador', ?, ?, ?, '', '', '0001', '', ?, ?, '{}', ?, ?)`,
    )
    .run(id, ctx.actor.agencyId, number, now, input.clerkId, input.appointmentId ?? null, input.walkIn?.authorizedBy ?? null, input.walkIn?.reason ?? null, now, now);
  ctx.audit.target(`request:${id}`);
  const created = loadRequest(ctx, id);
  writeIntake(sqlite, created, input.intake, now);
  appendOutbox(sqlite, { agencyId: ctx.actor.agencyId, requestId: id, type: 'request.created', payload: { number, channel: 'presencial', at: now }, now, actor: ctx.actor });
  return id;
}

/**
 * Records a lifecycle decision (every transition, with its reason and note when given) and
 * returns its id, which the request's history line points at (request_events.decision_id).
 * Call inside ctx.write.
 */
export function recordDecision(
  sqlite: Database.Database,
  // actorLabel: who decided at another desk (person, role, station), as that desk's signed event said.
  d: { requestId: string; at: number; actorId: string; event: RequestEvent; reasonCode?: string | null; note?: string | null; actorLabel?: string | null },
): number {
  const { lastInsertRowid } = sqlite
    .prepare('INSERT INTO request_decisions (request_id, at, actor_id, event, reason_code, note, actor_label) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(d.requestId, d.at, d.actorId, d.event, d.reasonCode ?? null, d.note ?? null, d.actorLabel ?? null);
  return Number(lastInsertRowid);
}

/**
 * Records an event for central in the same transaction as the change (sync/push.ts sends them).
 * Typed by the wire protocol: the payload is the one central reads for that type, and `actor` the
 * person who made the change (PushEvent.actor, EventActor), sent beside the payload and signed with
 * it (sync/push.ts), so that central checks their role and every desk of the agency names them.
 */
export function appendOutbox(
  sqlite: Database.Database,
  e: OutboxEvent & { agencyId: string; requestId: string; now: number; actor?: Pick<AuthedContext['actor'], 'userId' | 'displayName' | 'role'> },
): void {
  // Every handler passes its actor; only events fabricated by tests and benches come without one.
  // The actor rides in the outbox row beside the payload; push.ts takes it out again as PushEvent.actor.
  const actor: EventActor | undefined = e.actor ? { userId: e.actor.userId, name: e.actor.displayName, role: e.actor.role } : undefined;
  const payload = actor ? { ...e.payload, actor } : e.payload;
  sqlite
    .prepare('INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(randomUUID(), e.agencyId, e.requestId, e.type, JSON.stringify(payload), e.now);
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
}

/** A request's checklist rows (as ChecklistRow), in the order the rules listed them. */
export const CHECKLIST_SELECT = `SELECT document_type AS documentType, rule_id AS ruleId, presentation, signature, presented, presented_as AS presentedAs,
  checks, status, rejection_reason AS rejectionReason, note, signature_marked AS signatureMarked
  FROM request_documents WHERE request_id = ? ORDER BY rowid`;

export function loadChecklist(sqlite: Database.Database, requestId: string): ChecklistRow[] {
  return sqlite.prepare(CHECKLIST_SELECT).all(requestId) as ChecklistRow[];
}

const LABEL = new Map<string, string>(DOCUMENT_TYPES.map((d) => [d.code, d.label]));
export const documentLabel = (type: string) => LABEL.get(type) ?? type;

/** What the lifecycle's submission guard looks at. */
export function readinessOf(req: RequestRecord, checklist: ChecklistRow[]): Readiness {
  return {
    documents: checklist.map((d) => ({
      documentType: d.documentType,
      label: documentLabel(d.documentType),
      verified: d.status === 'verificado',
      signature: d.signature,
      signatureMarked: d.signatureMarked === 1,
    })),
    email: req.intake.email ?? null,
    visaExpiryDate: req.intake.visaExpiryDate ?? null,
    artisanExpiryDate: req.intake.artisanExpiryDate && req.intake.artisanExpiryDate !== 'Indefinida' ? req.intake.artisanExpiryDate : null,
  };
}

export const attentionDateOf = (ctx: AuthedContext) => ecuadorDate(ctx.clock.now());
