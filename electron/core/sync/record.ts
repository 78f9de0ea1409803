// A request's file (intake answers, verification checklist, scans and prints) travels with its
// snapshot, so a supervisor at another desk of the agency reviews exactly what the clerk recorded,
// any desk checks a printed paper's QR, and a desk replacing a broken one recovers it. Read when
// an event is pushed; written over the copy when central relays it. The content of scans and
// archived PDFs goes to central by SHA-256 (files.ts); only the desk of the same station (a
// replacement) fetches it back, the others list it.
import type Database from 'better-sqlite3';
import { prepared, runSql } from './statements';
import { ident, join, sql } from '../../../db/sql';
import type { RecordFile, RecordPrint, RequestRecord } from '../../../shared/sync/protocol';
import { ATTACHMENTS_DIR } from '../counter/attachments/files';
import { CHECKLIST_SELECT, INTAKE_COLUMNS, INTAKE_SELECT, type ChecklistRow, type RequestDetails } from '../counter/store';
import { OTHER_DESK_ACTOR } from '../counter/events';

const FIELDS = Object.keys(INTAKE_COLUMNS) as (keyof typeof INTAKE_COLUMNS)[];
/** NOT NULL columns of `requests`: '' means "not given" there, NULL elsewhere. */
const REQUIRED = new Set<string>(['applicantKind', 'employerRuc', 'employerBranch', 'employerLegalName']);

const READ_INTAKE = sql`SELECT details, landline, ${INTAKE_SELECT} FROM requests WHERE id = ?`;
/** What writeRecord may write, by column name. */
const READ_COLUMNS = sql`SELECT details, landline, ${join(FIELDS.map((f) => ident(INTAKE_COLUMNS[f])), ', ')} FROM requests WHERE id = ?`;

function parseChecks(text: string | null): Record<string, boolean> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
  } catch {
    return null;
  }
}

function parseDetails(text: unknown): RequestDetails {
  try {
    const value: unknown = typeof text === 'string' && text ? JSON.parse(text) : {};
    return value && typeof value === 'object' ? (value as RequestDetails) : {};
  } catch {
    return {};
  }
}

/** A reader with its statements prepared once, for a push batch. */
export function recordReader(sqlite: Database.Database): (requestId: string) => RequestRecord | undefined {
  const intakeOf = prepared(sqlite, READ_INTAKE);
  const documentsOf = prepared(sqlite, sql`${CHECKLIST_SELECT}`);
  const filesOf = prepared(sqlite, 
    `SELECT id, document_type AS documentType, file_name AS fileName, mime, size, sha256, created_at AS createdAt FROM attachments
     WHERE request_id = ? AND created_by <> 'central' ORDER BY created_at, id`,
  );
  const scansOf = prepared(sqlite, 'SELECT count(*) AS n FROM attachments WHERE request_id = ?');
  const printsOf = prepared(sqlite, 
    `SELECT p.kind, p.at, coalesce(u.display_name, p.printed_by) AS printedBy, p.reprint, p.reason, p.printed_at AS printedAt,
       p.template_version AS templateVersion, p.sha256, p.snapshot, t.title, t.paragraphs
     FROM form_prints p LEFT JOIN users u ON u.id = p.actor_id LEFT JOIN form_templates t ON t.kind = p.kind AND t.version = p.template_version
     WHERE p.request_id = ? ORDER BY p.id`,
  );
  return (requestId) => {
    const row = intakeOf.get(requestId) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const record = toRecord(row, documentsOf.all(requestId) as ChecklistRow[], (scansOf.get(requestId) as { n: number }).n);
    record.files = filesOf.all(requestId) as RecordFile[];
    record.prints = (printsOf.all(requestId) as (Omit<RecordPrint, 'reprint' | 'template'> & { reprint: number; title: string | null; paragraphs: string | null })[]).map(
      ({ title, paragraphs, reprint, ...p }) => ({ ...p, reprint: reprint === 1, ...(title !== null && paragraphs !== null ? { template: { title, paragraphs: JSON.parse(paragraphs) as string[] } } : {}) }),
    );
    return record;
  };
}

function toRecord(row: Record<string, unknown>, rows: ChecklistRow[], scans: number): RequestRecord {
  const intake: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = row[f];
    if (typeof v === 'string' && v !== '') intake[f] = v;
  }
  const details = parseDetails(row.details);
  const documents = rows.map((d) => ({
    documentType: d.documentType,
    ruleId: d.ruleId,
    presentation: d.presentation,
    signature: d.signature,
    presented: d.presented === 1,
    presentedAs: d.presentedAs,
    checks: parseChecks(d.checks),
    status: d.status,
    rejectionReason: d.rejectionReason,
    note: d.note,
    signatureMarked: d.signatureMarked === 1,
    signer: d.signer,
    origin: d.origin,
  }));
  const proof = details.emailProof;
  return {
    intake,
    viaThirdParty: details.viaThirdParty ?? false,
    artisan: details.artisan ?? false,
    documents,
    scansAtOrigin: scans,
    foreignerRegistration: details.foreignerRegistration ?? null,
    // Who recorded it is a user of the origin desk: the mirror keeps the what and when.
    emailProof: proof ? { status: proof.status, reason: proof.reason, note: proof.note, at: proof.at } : null,
    // A contact update's answers outside the intake columns: without them another desk could not complete it.
    ...(details.contactUpdate ? { contactUpdate: { affiliateKind: details.contactUpdate.affiliateKind, landline: typeof row.landline === 'string' && row.landline !== '' ? row.landline : null } } : {}),
  };
}

/**
 * Replaces the mirror's intake columns and checklist with the origin desk's. Only known intake
 * fields are written (the column names come from INTAKE_COLUMNS, never from the wire).
 */
export function writeRecord(sqlite: Database.Database, requestId: string, record: RequestRecord, now: number): void {
  // By column name; a blank answer is '' in a NOT NULL column, NULL elsewhere.
  const columns: Record<string, string | null> = {};
  for (const f of FIELDS) {
    const v = record.intake[f] ?? (f === 'employerBranch' ? '0001' : '');
    columns[INTAKE_COLUMNS[f]] = REQUIRED.has(f) || v !== '' ? v : null;
  }
  const details: RequestDetails & { scansAtOrigin: number } = {
    viaThirdParty: record.viaThirdParty,
    artisan: record.artisan,
    scansAtOrigin: record.scansAtOrigin,
    foreignerRegistration: record.foreignerRegistration ?? null,
    emailProof: record.emailProof ? { ...record.emailProof, by: null } : null,
    ...(record.contactUpdate ? { contactUpdate: { affiliateKind: record.contactUpdate.affiliateKind } } : {}),
  };
  columns.landline = record.contactUpdate?.landline ?? null;
  columns.details = JSON.stringify(details);
  // Only the columns whose stored value differs: SQLite rewrites an index entry for every column
  // in a SET list, changed or not (counter/store.ts updateRequestColumns). A new copy differs from
  // its snapshot's row in the answers the snapshot does not carry; a copy relayed again, where the
  // origin desk changed something.
  const stored = prepared(sqlite, READ_COLUMNS).get(requestId) as Record<string, unknown> | undefined;
  const sets = Object.entries(columns)
    .filter(([col, v]) => stored?.[col] !== v)
    .map(([col, v]) => sql`${ident(col)} = ${v}`);
  if (sets.length > 0) runSql(sqlite, sql`UPDATE requests SET ${join(sets, ', ')} WHERE id = ${requestId}`);
  prepared(sqlite, 'DELETE FROM request_documents WHERE request_id = ?').run(requestId);
  const insert = prepared(sqlite, 
    `INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, presented, presented_as, checks, status,
       rejection_reason, note, signature_marked, signer, origin, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  for (const d of record.documents) {
    insert.run(requestId, d.documentType, d.ruleId, d.presentation, d.signature, d.presented ? 1 : 0, d.presentedAs, d.checks ? JSON.stringify(d.checks) : null, d.status, d.rejectionReason, d.note, d.signatureMarked ? 1 : 0, d.signer ?? null, d.origin ?? null, now);
  }
  if (record.prints) writePrints(sqlite, requestId, record.prints, now);
}

/** Ids and kinds become file names: only plain ones are accepted from the wire. */
const SAFE_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]{0,79}$/;
const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;

/**
 * The copy's prints, as the origin desk recorded them: with their printed data, a paper printed
 * there is checked here too (forms.verifyQr). The archived PDF's place is where this desk would
 * keep it; only a replacement desk fetches the content (queueFiles).
 */
function writePrints(sqlite: Database.Database, requestId: string, prints: RecordPrint[], now: number): void {
  if (!SAFE_NAME.test(requestId)) return;
  prepared(sqlite, 'DELETE FROM form_prints WHERE request_id = ?').run(requestId);
  const insert = prepared(sqlite, 
    `INSERT INTO form_prints (request_id, kind, at, actor_id, printed_by, reprint, reason, printed_at, template_version, sha256, path, snapshot)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const template = prepared(sqlite, "INSERT INTO form_templates (kind, version, title, paragraphs, created_at, created_by) VALUES (?, ?, ?, ?, ?, 'central') ON CONFLICT DO NOTHING");
  for (const p of prints) {
    if (!SAFE_NAME.test(p.kind)) continue;
    insert.run(requestId, p.kind, p.at, OTHER_DESK_ACTOR, p.printedBy, p.reprint ? 1 : 0, p.reason, p.printedAt, p.templateVersion, p.sha256, printPath(requestId, p), p.snapshot);
    // A version the administrator published at the origin desk: its wording, to check the paper.
    if (p.template) template.run(p.kind, p.templateVersion, p.template.title, JSON.stringify(p.template.paragraphs), now);
  }
}

/** Where archive.ts keeps a print's PDF (formularios/<request>/<kind>-<sha prefix>.pdf). */
const printPath = (requestId: string, p: RecordPrint) => `formularios/${requestId}/${p.kind}-${p.sha256.slice(0, 16)}.pdf`;

const attachmentFile = (f: RecordFile) => `${ATTACHMENTS_DIR}/${f.id}.${EXTENSION[f.mime]}`;

/** The files a record lists, where this desk keeps them (what files.ts uploads before the event). */
export function listedFiles(requestId: string, record: RequestRecord): { sha256: string; path: string }[] {
  if (!SAFE_NAME.test(requestId)) return [];
  return [
    ...(record.files ?? []).filter((f) => SAFE_NAME.test(f.id)).map((f) => ({ sha256: f.sha256, path: attachmentFile(f) })),
    ...(record.prints ?? []).filter((p) => SAFE_NAME.test(p.kind)).map((p) => ({ sha256: p.sha256, path: printPath(requestId, p) })),
  ];
}

/**
 * A replacement desk takes its station's scans and archived forms back: the attachment rows now,
 * their content from central after the pull (files.ts downloadPending). Call after writeRecord.
 */
export function recoverFiles(sqlite: Database.Database, requestId: string, record: RequestRecord): void {
  if (!SAFE_NAME.test(requestId)) return;
  const insert = prepared(sqlite, 
    `INSERT INTO attachments (id, request_id, document_type, file_name, mime, size, sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const queue = prepared(sqlite, 'INSERT INTO sync_downloads (path, sha256, request_id, size) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO NOTHING');
  for (const f of record.files ?? []) {
    if (!SAFE_NAME.test(f.id)) continue;
    insert.run(f.id, requestId, f.documentType, f.fileName, f.mime, f.size, f.sha256, OTHER_DESK_ACTOR, f.createdAt);
    queue.run(attachmentFile(f), f.sha256, requestId, f.size);
  }
  for (const p of record.prints ?? []) {
    if (SAFE_NAME.test(p.kind)) queue.run(printPath(requestId, p), p.sha256, requestId, null);
  }
}
