// The stand-in central's side of «Registro de extranjero sin cédula» (docs/seeds/002_7cf0ad12e8c8a3b1.txt:11–18):
// a desk's `foreigner.registration` event (sent when the supervisor approves) is kept, and once the
// request is confirmed (enviada) central assigns the foreigner's identification code — the one the
// person already has if central knows their passport, otherwise a new one in the format configured
// for the agency — records it in its foreigners registry (the same one the employer intake asks,
// services.ts) and answers it to the agency's desks as the `asignar_codigo` decision.
import type Database from 'better-sqlite3';
import type { OutboxPayload, RequestSnapshot } from '../../shared/sync/protocol';

export const FOREIGNER_CODES_SCHEMA = `
CREATE TABLE IF NOT EXISTS foreigners (passport TEXT NOT NULL, nationality TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (passport, nationality));
CREATE TABLE IF NOT EXISTS foreigner_registrations (
  request_id TEXT PRIMARY KEY, agency_code TEXT NOT NULL, passport TEXT NOT NULL, nationality TEXT NOT NULL, payload TEXT NOT NULL,
  code TEXT, received_at INTEGER NOT NULL);
`;

/**
 * *(assumption)* The IESS does not publish the code's shape (DOMAIN §4.3): the stand-in writes it
 * from a template per agency, letters as they are and each `#` a digit of the agency's sequence.
 * The default matches the code the stand-in seeds for the demo (EXT0012345) and the desk's default
 * pattern ([A-Z0-9]{6,20}, shared/domain/foreigner-code.ts).
 */
export const DEFAULT_FOREIGNER_CODE_FORMAT = 'EXT#######';

/** The code number `seq` in `format`: EXT####### and 42 → EXT0000042. */
export function formatForeignerCode(format: string, seq: number): string {
  const width = (format.match(/#/g) ?? []).length;
  const digits = String(seq).padStart(width, '0').slice(-width);
  let i = 0;
  return format.replace(/#/g, () => digits[i++]!);
}

interface Store {
  db: Database.Database;
  request(id: string): { agencyCode: string; number: string; state: string; snapshot: string } | undefined;
  nextNumber(name: string): number;
}

/** Null when kept; otherwise the Spanish reason of the refusal. */
export function receiveForeignerRegistration(store: Store, agencyCode: string, requestId: string | null, p: OutboxPayload<'foreigner.registration'>, now: number): string | null {
  const req = requestId ? store.request(requestId) : undefined;
  if (!req || req.agencyCode !== agencyCode || req.number !== p.number) return 'El registro de extranjero no corresponde a un trámite registrado de esta agencia.';
  // What central recorded of the request (its own copy, from the events before this one).
  const snap = JSON.parse(req.snapshot) as RequestSnapshot;
  if (snap.requestType !== 'registro_extranjero') return 'El registro de extranjero llegó en un trámite que no es de registro de extranjero: no se aplicó.';
  if (req.state !== 'aprobada' && req.state !== 'enviada') return 'El registro de extranjero llegó antes de que el supervisor aprobara su trámite: no se aplicó.';
  store.db
    .prepare('INSERT INTO foreigner_registrations (request_id, agency_code, passport, nationality, payload, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING')
    .run(requestId, agencyCode, p.passportNumber, p.nationality, JSON.stringify(p), now);
  return null;
}

/**
 * The code for a registration kept and not yet answered, once its request is confirmed: the
 * foreigner's known code, or a new one in the agency's format. Null: nothing to assign (yet).
 */
export function codeToAssign(store: Store, requestId: string, formats: Readonly<Record<string, string>>): string | null {
  const row = store.db.prepare('SELECT agency_code AS agencyCode, passport, nationality, code FROM foreigner_registrations WHERE request_id = ?').get(requestId) as
    | { agencyCode: string; passport: string; nationality: string; code: string | null }
    | undefined;
  if (!row || row.code !== null || store.request(requestId)?.state !== 'enviada') return null;
  const known = store.db.prepare('SELECT code FROM foreigners WHERE passport = ? AND nationality = ?').pluck().get(row.passport, row.nationality) as string | undefined;
  const code = known ?? formatForeignerCode(formats[row.agencyCode] ?? DEFAULT_FOREIGNER_CODE_FORMAT, store.nextNumber(`foreigner-code:${row.agencyCode}`));
  store.db.prepare('UPDATE foreigner_registrations SET code = ? WHERE request_id = ?').run(code, requestId);
  store.db.prepare('INSERT OR IGNORE INTO foreigners (passport, nationality, code) VALUES (?, ?, ?)').run(row.passport, row.nationality, code);
  return code;
}

/** What central holds for a registration (the admin API and the tests read it). */
export function foreignerRegistration(db: Database.Database, requestId: string): { passport: string; nationality: string; code: string | null; names: string } | null {
  const row = db.prepare('SELECT passport, nationality, code, payload FROM foreigner_registrations WHERE request_id = ?').get(requestId) as
    | { passport: string; nationality: string; code: string | null; payload: string }
    | undefined;
  return row ? { passport: row.passport, nationality: row.nationality, code: row.code, names: (JSON.parse(row.payload) as { names: string }).names } : null;
}
