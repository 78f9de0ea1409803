// Over 400 lines: every kind of change central sends is applied here, each through the same lifecycle and conflict record.
// Applying one change from central inside the pull's transaction. Central's decisions go through
// the same lifecycle as a local change (shared/domain/lifecycle); whatever the lifecycle refuses
// is recorded in sync_conflicts with its reason, shown on the sync screen, and changes nothing else.
import type { AgencyRow, RequestTableRow } from '../../../db/rows';
import { INTAKE_COLUMNS, recordDecision, skipPastNumber } from '../counter/store';
import { CENTRAL_ACTOR, OTHER_DESK_ACTOR, recordRequestEvent } from '../counter/events';
import { parseRequestNumber } from '../../../shared/domain/request-number';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Channel } from '../../../shared/domain/catalogs';
import { prepared, runSql } from './statements';
import { ident, join, sql } from '../../../db/sql';
import { validate as isUuid } from 'uuid';
import { checkIntake, type IntakeDraft } from '../../../shared/domain/intake';
import { applyEvent, EVENT_LABELS, STATE_LABELS, TRANSITIONS, type RequestEvent, type RequestState } from '../../../shared/domain/lifecycle';
import { requiredDocuments } from '../../../shared/domain/requirements';
import { assignedCode } from './foreigner-code';
import { REQUEST_TYPE_LABELS, typeAllows, type RequestType } from '../../../shared/domain/request-types';
import { VIRTUAL_ATTACHMENT_MAX_BYTES, type Change, type RequestRecord, type VirtualAttachment } from '../../../shared/sync/protocol';
import { ecuadorDate } from '../../../shared/domain/dates';
import { provinceName } from '../../../shared/domain/catalogs';
import { appendAudit } from '../security/audit/chain';
import { maskEmail } from '../../../shared/domain/contact-update';
import { inspectScan } from '../counter/attachments/content';
import { safeFileName } from '../counter/attachments/file-name';
import { sha256, sniffMime, storeAttachment } from '../counter/attachments/files';
import { recoverFiles, writeRecord } from './record';

/**
 * Where central sent the employer key, as the history shows it: central's mask (first letter, ***,
 * the domain: shared/sync/protocol.ts RequestDecision) kept as it came, so the applicant recognises
 * the mailbox; anything else (a central bug, a clear address) masked here before it is stored.
 */
function keyEmailShown(value: string): string {
  return /^[^@\s*]\*{3}@[^@\s*]+\.[^@\s*]+$/u.test(value) ? value : maskEmail(value);
}

export interface ApplyContext {
  now: number;
  dataDir: string;
  agencyId: string;
  deviceId: string;
  /** This desk's station code (null before central assigned one). */
  stationCode?: string | null;
  /** What inspectVirtualScans found wrong with a virtual scan, by `<change seq>:<index>`. */
  scanProblems?: ReadonlyMap<string, string>;
  /** The Ventanilla Virtual provinces this agency attends (agencia.json); absent: not judged. */
  virtualRouting?: { attends: boolean; provinces: readonly string[] };
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'conflict';

class Conflict extends Error {
  constructor(
    readonly requestId: string | null,
    readonly event: string | null,
    reason: string,
  ) {
    super(reason);
  }
}

/** Per connection, the one savepoint-wrapped dispatch (better-sqlite3 builds four wrappers per transaction()). */
const savepoints = new WeakMap<Database.Database, (change: Change, ctx: ApplyContext) => ApplyOutcome>();

/** Applies `change`, or records why it cannot be: a savepoint keeps a half-applied change out. */
export function applyChange(sqlite: Database.Database, change: Change, ctx: ApplyContext): ApplyOutcome {
  let inSavepoint = savepoints.get(sqlite);
  if (!inSavepoint) savepoints.set(sqlite, (inSavepoint = sqlite.transaction((c: Change, x: ApplyContext) => dispatch(sqlite, c, x))));
  try {
    return inSavepoint(change, ctx);
  } catch (err) {
    const conflict = err instanceof Conflict ? err : unexpected(change, err);
    recordConflict(sqlite, change.seq, conflict, ctx.now);
    return 'conflict';
  }
}

function dispatch(sqlite: Database.Database, change: Change, ctx: ApplyContext): ApplyOutcome {
  switch (change.kind) {
    case 'request.decision':
      return applyDecision(sqlite, change, ctx);
    case 'request.upsert':
      return applyUpsert(sqlite, change, ctx);
    case 'request.virtual':
      return applyVirtual(sqlite, change, ctx);
    case 'appointments.day':
      return applyAppointments(sqlite, change, ctx);
    case 'catalog':
      return applyCatalog(sqlite, change, ctx);
  }
}

interface LocalRequest {
  id: string;
  number: string;
  state: RequestState;
  channel: Channel;
  agencyId: string;
  requestType: RequestType;
}

function findRequest(sqlite: Database.Database, id: string): LocalRequest | undefined {
  return prepared(sqlite, 'SELECT id, number, state, channel, agency_id AS agencyId, request_type AS requestType FROM requests WHERE id = ?').get(id) as LocalRequest | undefined;
}


function moveRequest(sqlite: Database.Database, id: string, to: RequestState, at: number, now: number): void {
  prepared(sqlite, 'UPDATE requests SET state = ?, state_since = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(to, at, now, id);
}

/**
 * The pull's audit entry for what it applied (or could not), and, for a request of this desk, the
 * line of its history saying a change came through sync — unless `historyTold` (central's own
 * decision is its own line, at the time central took it).
 */
function audit(sqlite: Database.Database, now: number, requestId: string | null, outcome = 'ok', historyTold = false): void {
  appendAudit(sqlite, { at: now, actorId: null, call: 'sync.pull', target: requestId ? `request:${requestId}` : null, outcome });
  if (requestId && !historyTold) recordRequestEvent(sqlite, { requestId, at: now, actorId: CENTRAL_ACTOR, activity: 'sincronizacion', outcome });
}

// --- Central's decisions -------------------------------------------------------------------

type Decision = Extract<Change, { kind: 'request.decision' }>;

function applyDecision(sqlite: Database.Database, change: Decision, ctx: ApplyContext): ApplyOutcome {
  const req = findRequest(sqlite, change.requestId);
  if (!req || req.agencyId !== ctx.agencyId) {
    throw new Conflict(change.requestId, change.event, `El IESS envió «${EVENT_LABELS[change.event]}» para una solicitud que no existe en esta estación.`);
  }
  const moved = applyEvent(req.state, change.event, {
    actor: 'central',
    channel: req.channel,
    attentionDate: ecuadorDate(ctx.now),
    ...(change.note ? { note: change.note } : {}),
  });
  if (!moved.ok) {
    throw new Conflict(req.id, change.event, `${req.number}: el IESS envió «${EVENT_LABELS[change.event]}» y no se aplicó. ${moved.errors.map((e) => e.message).join(' ')}`);
  }
  // Each type takes only its own decisions (shared/domain/request-types.ts): a code for an employer's
  // trámite, or a password for a foreigner's registration, changes nothing.
  if (!typeAllows(req.requestType, req.state, change.event)) {
    throw new Conflict(req.id, change.event, `${req.number}: el IESS envió «${EVENT_LABELS[change.event]}», que no corresponde a un trámite de «${REQUEST_TYPE_LABELS[req.requestType]}»; no se aplicó.`);
  }
  const code = change.event === 'asignar_codigo' ? assignedCode(sqlite, change, (why) => new Conflict(req.id, change.event, `${req.number}: ${why}`)) : null;
  moveRequest(sqlite, req.id, moved.to, change.at, ctx.now);
  if (code) prepared(sqlite, 'UPDATE requests SET foreigner_code = ? WHERE id = ?').run(code, req.id);
  const note =
    change.event === 'emitir_clave' && change.maskedEmail
      ? `Clave enviada a ${keyEmailShown(change.maskedEmail)}.${change.note ? ` ${change.note}` : ''}`
      : code
        ? `Código de identificación para extranjeros: ${code}.${change.note ? ` ${change.note}` : ''}`
        : change.note;
  const decisionId = recordDecision(sqlite, { requestId: req.id, at: change.at, actorId: CENTRAL_ACTOR, event: change.event, note: note ?? null });
  recordRequestEvent(sqlite, { requestId: req.id, at: change.at, actorId: CENTRAL_ACTOR, activity: 'decision_iess', event: change.event, decisionId });
  audit(sqlite, ctx.now, req.id, 'ok', true);
  return 'applied';
}

// --- Requests of the other desks of the agency ---------------------------------------------

type Upsert = Extract<Change, { kind: 'request.upsert' }>;

/** Staff events another desk fired: re-checked against the transition table (its guards ran there). */
function staffTarget(from: RequestState, event: RequestEvent): RequestState | null {
  const spec = (TRANSITIONS[from] as Partial<Record<RequestEvent, { to: RequestState; actors: readonly string[] }>>)[event];
  return spec && !spec.actors.every((a) => a === 'central') ? spec.to : null;
}

function applyUpsert(sqlite: Database.Database, change: Upsert, ctx: ApplyContext): ApplyOutcome {
  const r = change.request;
  if (change.originDevice === ctx.deviceId) return 'unchanged'; // our own event, echoed back
  const local = findRequest(sqlite, r.id);
  if (!local) return insertMirror(sqlite, change, ctx);
  if (local.state === r.state) {
    // The same state, but maybe a reassignment at the origin desk: the copy names the new clerk.
    prepared(sqlite, 'UPDATE sync_mirrors SET clerk_name = coalesce(?, clerk_name) WHERE request_id = ?').run(clerkNameOf(change), r.id);
    return 'unchanged';
  }
  if (r.lastEvent === null || r.previousState !== local.state || staffTarget(local.state, r.lastEvent) !== r.state) {
    const what = r.lastEvent ? `«${EVENT_LABELS[r.lastEvent]}»` : 'un cambio';
    throw new Conflict(
      r.id,
      r.lastEvent,
      `${local.number}: otra estación registró ${what} (→ ${STATE_LABELS[r.state]}), pero aquí la solicitud está en «${STATE_LABELS[local.state]}». No se aplicó; revise la solicitud.`,
    );
  }
  moveRequest(sqlite, r.id, r.state, r.stateSince, ctx.now);
  const mirrored = prepared(sqlite, 'UPDATE sync_mirrors SET updated_at = ?, clerk_name = coalesce(?, clerk_name) WHERE request_id = ?').run(ctx.now, clerkNameOf(change), r.id).changes > 0;
  // A mirror takes the origin desk's file as it is now; a request of this desk keeps its own.
  if (mirrored && r.record) copyRecord(sqlite, change, r.record, ctx);
  recordRemoteDecision(sqlite, change);
  audit(sqlite, ctx.now, r.id);
  return 'applied';
}

/**
 * The origin desk's file over the copy. When the origin is the desk this one replaced (same
 * station, another device), its scans and archived forms come back too (record.ts recoverFiles).
 */
function copyRecord(sqlite: Database.Database, change: Upsert, record: RequestRecord, ctx: ApplyContext): void {
  // Every event of a request pushed in one batch carries the same file: it is written once.
  const hash = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  const mirror = prepared(sqlite, 'UPDATE sync_mirrors SET record_hash = ? WHERE request_id = ? AND record_hash IS NOT ?').run(hash, change.request.id, hash);
  if (mirror.changes === 0) return;
  writeRecord(sqlite, change.request.id, record, ctx.now);
  const station = change.origin?.station ?? null;
  if (station !== null && station === ctx.stationCode && change.originDevice !== ctx.deviceId) recoverFiles(sqlite, change.request.id, record);
}

/** The reason and note of a return or rejection decided at another desk, for the clerk to read. */
function recordRemoteDecision(sqlite: Database.Database, change: Upsert): void {
  const r = change.request;
  const hasDecision = r.decision && (r.decision.reasonCode !== null || r.decision.note !== null);
  if (!r.lastEvent || (!hasDecision && !change.actor)) return;
  // Who decided there, as that desk's signed event said: the history names them and their desk.
  const who = change.actor ? `${change.actor.name} (${ROLE_LABELS[change.actor.role]}, ${deskLabel(change.origin)})` : null;
  const decisionId = recordDecision(sqlite, {
    requestId: r.id,
    at: r.stateSince,
    actorId: OTHER_DESK_ACTOR,
    event: r.lastEvent,
    reasonCode: r.decision?.reasonCode ?? null,
    note: r.decision?.note ?? null,
    actorLabel: who,
  });
  recordRequestEvent(sqlite, { requestId: r.id, at: r.stateSince, actorId: OTHER_DESK_ACTOR, activity: 'decision_otra_estacion', event: r.lastEvent, decisionId });
}

/**
 * The request's clerk, by name: as the snapshot says, or (a desk of the version before it said so)
 * the person who recorded it, who signed its creation.
 */
function clerkNameOf(change: Upsert): string | null {
  if (change.request.clerkName !== undefined) return change.request.clerkName;
  return change.request.lastEvent === null && change.actor ? change.actor.name : null;
}

const deskLabel = (origin: Upsert['origin']): string =>
  origin?.station ? `estación ${origin.station}` : origin?.name ? `estación «${origin.name}»` : 'otra estación de la agencia';

function insertMirror(sqlite: Database.Database, change: Upsert, ctx: ApplyContext): ApplyOutcome {
  const r = change.request;
  refuseUnsafeId(r.id, r.number, r.lastEvent);
  const clash = prepared(sqlite, 'SELECT id FROM requests WHERE number = ?').get(r.number) as Pick<RequestTableRow, 'id'> | undefined;
  if (clash) {
    throw new Conflict(
      r.id,
      r.lastEvent,
      `Otra estación de la agencia registró la solicitud ${r.number}, número que en esta estación ya tiene otra solicitud. No se copió; comuníquelo a soporte técnico.`,
    );
  }
  prepared(sqlite, 
      `INSERT INTO requests (id, agency_id, number, channel, state, state_since, clerk_id, applicant_kind, employer_ruc, employer_branch,
         employer_legal_name, representative_names, email, details, created_at, updated_at, request_type)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    // A desk of an older version sends no type: its requests are all employer ones.
    .run(r.id, ctx.agencyId, r.number, r.channel, r.state, r.stateSince, r.applicantKind, r.employerRuc, r.employerBranch, r.employerLegalName, r.representativeNames, r.email, '{}', r.createdAt, ctx.now, r.requestType ?? 'clave_patronal');
  prepared(sqlite, 'INSERT INTO sync_mirrors (request_id, origin_device, updated_at, clerk_name) VALUES (?, ?, ?, ?)').run(r.id, change.originDevice, ctx.now, clerkNameOf(change));
  if (r.record) copyRecord(sqlite, change, r.record, ctx);
  recordRemoteDecision(sqlite, change);
  skipNumber(sqlite, ctx, r.number);
  audit(sqlite, ctx.now, r.id);
  return 'applied';
}

/**
 * Numbers seen from central move this desk's counters past them (counter/store.ts): a number of
 * this desk's own station recovered after a replacement (the broken desk printed it), or a
 * number printed without a station by a desk before its enrolment. Numbers of other stations
 * never collide with this desk's and change nothing here.
 */
function skipNumber(sqlite: Database.Database, ctx: ApplyContext, number: string): void {
  const parts = parseRequestNumber(number);
  const agency = prepared(sqlite, 'SELECT code FROM agencies WHERE id = ?').get(ctx.agencyId) as Pick<AgencyRow, 'code'> | undefined;
  if (!parts || !agency || parts.agencyCode !== agency.code) return;
  if (parts.station !== null && parts.station !== ctx.stationCode) return;
  skipPastNumber(sqlite, ctx.agencyId, parts);
}

/**
 * A request id names folders and files on this desk (adjuntos/<id>-a0.pdf, formularios/<id>/):
 * whatever central sends, only a UUID is taken, so no id can point outside the data directory.
 * The id is not quoted back: it may hold anything.
 */
function refuseUnsafeId(id: string, number: string, event: string | null): void {
  if (!isUuid(id)) throw new Conflict(null, event, `${number}: el IESS envió un identificador de solicitud no válido; no se registró. Comuníquelo a soporte técnico.`);
}

// --- Ventanilla Virtual ----------------------------------------------------------------------

type Virtual = Extract<Change, { kind: 'request.virtual' }>;


function applyVirtual(sqlite: Database.Database, change: Virtual, ctx: ApplyContext): ApplyOutcome {
  const r = change.request;
  refuseUnsafeId(r.id, r.number, 'ingreso_virtual');
  if (findRequest(sqlite, r.id)) return 'unchanged';
  // Central routes by the province the applicant chose (seed 004, line 45); one routed here by
  // mistake is refused visibly: the virtual queue holds only what this agency attends.
  const routing = ctx.virtualRouting;
  if (routing && r.province !== undefined && (!routing.attends || !routing.provinces.includes(r.province))) {
    const why = routing.attends ? `la provincia ${provinceName(Number(r.province)) ?? r.province} no está entre las que atiende esta agencia` : 'esta agencia no atiende la Ventanilla Virtual';
    throw new Conflict(r.id, 'ingreso_virtual', `${r.number}: ${why} (configuración de la agencia). No se recibió; el IESS debe direccionarla a otra agencia.`);
  }
  const moved = applyEvent('borrador', 'ingreso_virtual', { actor: 'central', channel: 'virtual', attentionDate: ecuadorDate(ctx.now) });
  if (!moved.ok) throw new Conflict(r.id, 'ingreso_virtual', `${r.number}: ${moved.errors.map((e) => e.message).join(' ')}`);
  const scans = change.attachments.map((a, i) => checkedScan(r.number, a, ctx.scanProblems?.get(`${change.seq}:${i}`)));
  const intake = intakeOf(r.intake);
  const columns = Object.entries(INTAKE_COLUMNS).filter(([field]) => typeof intake[field as keyof IntakeDraft] === 'string');
  prepared(sqlite, 
      `INSERT INTO requests (id, agency_id, number, channel, state, state_since, applicant_kind, employer_ruc, employer_branch, employer_legal_name, details, created_at, updated_at)
       VALUES (?, ?, ?, 'virtual', ?, ?, '', '', '0001', '', '{}', ?, ?)`,
    )
    .run(r.id, ctx.agencyId, r.number, moved.to, r.receivedAt, r.receivedAt, ctx.now);
  if (columns.length > 0) {
    runSql(sqlite, sql`UPDATE requests SET ${join(columns.map(([f, col]) => sql`${ident(col)} = ${intake[f as keyof IntakeDraft]}`), ', ')} WHERE id = ${r.id}`);
  }
  insertChecklist(sqlite, r.id, intake, ctx.now);
  scans.forEach((scan, i) => {
    const id = `${r.id}-a${i}`;
    storeAttachment(ctx.dataDir, id, scan.mime, scan.data);
    prepared(sqlite, "INSERT INTO attachments (id, request_id, document_type, file_name, mime, size, sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'central', ?) ON CONFLICT (id) DO NOTHING")
      .run(id, r.id, scan.documentType, scan.fileName, scan.mime, scan.data.byteLength, scan.sha256, ctx.now);
  });
  audit(sqlite, ctx.now, r.id);
  return 'applied';
}

function intakeOf(raw: Record<string, string | boolean>): IntakeDraft {
  const intake: Record<string, string | boolean> = {};
  for (const field of [...Object.keys(INTAKE_COLUMNS), 'viaThirdParty', 'artisan']) {
    const v = raw[field];
    if (v !== undefined) intake[field] = v;
  }
  return intake as IntakeDraft;
}

/** The checklist of the virtual channel (scans, e-signatures), when the intake decides a profile. */
function insertChecklist(sqlite: Database.Database, requestId: string, intake: IntakeDraft, now: number): void {
  const check = checkIntake(intake, { attentionDate: ecuadorDate(now), channel: 'virtual' });
  if (!check.profile) return;
  const docs = requiredDocuments(check.profile);
  if (!docs.ok) return;
  const insert = prepared(sqlite, 
    'INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (const d of docs.documents) insert.run(requestId, d.documentType, `${d.ruleId} (${d.citation.file}:${d.citation.lines[0]}-${d.citation.lines[1]})`, d.presentation, d.signature, now);
}

/**
 * A virtual scan must be, whole, the JPG or PDF its first bytes say (counter/attachments/content.ts).
 * The check is asynchronous (pdf.js), so the pull runs it over a page before the page's
 * transaction; checkedScan then refuses what it found.
 */
export async function inspectVirtualScans(changes: readonly Change[]): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  for (const change of changes) {
    if (change.kind !== 'request.virtual') continue;
    for (const [i, a] of change.attachments.entries()) {
      const data = Buffer.from(a.dataBase64, 'base64');
      if (data.byteLength > VIRTUAL_ATTACHMENT_MAX_BYTES) continue; // refused for its size
      const verdict = await inspectScan(data);
      if (!verdict.ok) problems.set(`${change.seq}:${i}`, verdict.reason);
    }
  }
  return problems;
}

/** Seed 004: virtual-channel scans are JPG or PDF, at most 1 MB; judged by content, not by label. */
function checkedScan(number: string, a: VirtualAttachment, problem: string | undefined) {
  const data = Buffer.from(a.dataBase64, 'base64');
  const mime = sniffMime(data);
  const bad = (why: string) => new Conflict(null, 'ingreso_virtual', `${number}: el adjunto «${safeFileName(a.fileName, a.mime)}» ${why}; la solicitud virtual no se registró.`);
  if (data.byteLength > VIRTUAL_ATTACHMENT_MAX_BYTES) throw bad('supera 1 MB');
  if (mime !== a.mime || (mime !== 'image/jpeg' && mime !== 'application/pdf')) throw bad('no es un JPG ni un PDF válido');
  if (sha256(data) !== a.sha256) throw bad('llegó dañado (el SHA-256 no coincide)');
  if (problem) throw bad(`no es un ${mime === 'application/pdf' ? 'PDF' : 'JPG'} válido: ${problem}`);
  return { data, mime, documentType: a.documentType, fileName: safeFileName(a.fileName, mime), sha256: a.sha256 };
}

// --- Turnos and catalogs ---------------------------------------------------------------------

type Day = Extract<Change, { kind: 'appointments.day' }>;

function applyAppointments(sqlite: Database.Database, change: Day, ctx: ApplyContext): ApplyOutcome {
  // The check-in status is the desk's: central's list never resets an attended turno.
  const upsert = prepared(sqlite, 
    `INSERT INTO appointments (id, agency_id, date, time, confirmation_code, cedula, names, email, mobile, request_type, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pendiente')
     ON CONFLICT (agency_id, confirmation_code) DO UPDATE SET date = excluded.date, time = excluded.time, cedula = excluded.cedula,
       names = excluded.names, email = excluded.email, mobile = excluded.mobile, request_type = excluded.request_type`,
  );
  for (const a of change.items) upsert.run(a.id, ctx.agencyId, change.date, a.time, a.confirmationCode, a.cedula, a.names, a.email, a.mobile, a.requestType ?? 'clave_patronal');
  audit(sqlite, ctx.now, null);
  return 'applied';
}

type CatalogChange = Extract<Change, { kind: 'catalog' }>;

function applyCatalog(sqlite: Database.Database, change: CatalogChange, ctx: ApplyContext): ApplyOutcome {
  const changed = prepared(sqlite, 
      `INSERT INTO sync_catalogs (name, version, entries, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, entries = excluded.entries, received_at = excluded.received_at
       WHERE excluded.version > sync_catalogs.version`,
    )
    .run(change.name, change.version, JSON.stringify(change.entries), ctx.now).changes;
  return changed > 0 ? 'applied' : 'unchanged';
}

// --- Conflicts -------------------------------------------------------------------------------

function unexpected(change: Change, err: unknown): Conflict {
  const requestId = change.kind === 'request.decision' ? change.requestId : change.kind === 'request.upsert' || change.kind === 'request.virtual' ? change.request.id : null;
  const detail = err instanceof Error && 'code' in err ? ` (${String((err as { code: unknown }).code)})` : '';
  return new Conflict(requestId, null, `No se pudo aplicar un cambio del IESS (n.º ${change.seq})${detail}. Se registró para revisión; no se modificó nada.`);
}

function recordConflict(sqlite: Database.Database, changeSeq: number, c: Conflict, now: number): void {
  // The conflict and its audit entry together (a savepoint inside the pull's page, if any): the
  // audit chain appends only inside a transaction.
  sqlite.transaction(() => {
    prepared(sqlite, 'INSERT INTO sync_conflicts (at, change_seq, request_id, event, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT (change_seq) DO NOTHING')
      .run(now, changeSeq, c.requestId, c.event, c.message);
    audit(sqlite, now, c.requestId, 'conflict');
  })();
}
