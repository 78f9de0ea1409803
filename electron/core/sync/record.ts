// A request's file (intake answers and verification checklist) travels with its snapshot, so a
// supervisor at another desk of the agency reviews exactly what the clerk recorded. Read when an
// event is pushed; written over the mirror when central relays it. Scans stay at the origin desk.
import type Database from 'better-sqlite3';
import type { RequestRecord } from '../../../shared/sync/protocol';
import { CHECKLIST_SELECT, INTAKE_COLUMNS, type ChecklistRow, type RequestDetails } from '../counter/store';

const FIELDS = Object.keys(INTAKE_COLUMNS) as (keyof typeof INTAKE_COLUMNS)[];
/** NOT NULL columns of `requests`: '' means "not given" there, NULL elsewhere. */
const REQUIRED = new Set<string>(['applicantKind', 'employerRuc', 'employerBranch', 'employerLegalName']);

const READ_INTAKE = `SELECT details, ${FIELDS.map((f) => `${INTAKE_COLUMNS[f]} AS ${f}`).join(', ')} FROM requests WHERE id = ?`;

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
  const intakeOf = sqlite.prepare(READ_INTAKE);
  const documentsOf = sqlite.prepare(CHECKLIST_SELECT);
  const scansOf = sqlite.prepare('SELECT count(*) AS n FROM attachments WHERE request_id = ?');
  return (requestId) => {
    const row = intakeOf.get(requestId) as Record<string, unknown> | undefined;
    return row && toRecord(row, documentsOf.all(requestId) as ChecklistRow[], (scansOf.get(requestId) as { n: number }).n);
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
  };
}

/**
 * Replaces the mirror's intake columns and checklist with the origin desk's. Only known intake
 * fields are written (the column names come from INTAKE_COLUMNS, never from the wire).
 */
export function writeRecord(sqlite: Database.Database, requestId: string, record: RequestRecord, now: number): void {
  const values: Record<string, string> = {};
  for (const f of FIELDS) values[f] = record.intake[f] ?? (f === 'employerBranch' ? '0001' : '');
  const details: RequestDetails & { scansAtOrigin: number } = {
    viaThirdParty: record.viaThirdParty,
    artisan: record.artisan,
    scansAtOrigin: record.scansAtOrigin,
    foreignerRegistration: record.foreignerRegistration ?? null,
    emailProof: record.emailProof ? { ...record.emailProof, by: null } : null,
  };
  sqlite
    .prepare(`UPDATE requests SET ${FIELDS.map((f) => `${INTAKE_COLUMNS[f]} = ${REQUIRED.has(f) ? `@${f}` : `nullif(@${f}, '')`}`).join(', ')}, details = @details WHERE id = @id`)
    .run({ ...values, details: JSON.stringify(details), id: requestId });
  sqlite.prepare('DELETE FROM request_documents WHERE request_id = ?').run(requestId);
  const insert = sqlite.prepare(
    `INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, presented, presented_as, checks, status,
       rejection_reason, note, signature_marked, signer, origin, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  for (const d of record.documents) {
    insert.run(requestId, d.documentType, d.ruleId, d.presentation, d.signature, d.presented ? 1 : 0, d.presentedAs, d.checks ? JSON.stringify(d.checks) : null, d.status, d.rejectionReason, d.note, d.signatureMarked ? 1 : 0, d.signer ?? null, d.origin ?? null, now);
  }
}
