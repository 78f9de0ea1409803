// The foreigner's identification code central assigns to a foreigner's registration
// (shared/domain/request-types.ts, registro_extranjero), checked as the pull applies it (apply.ts).
import type Database from 'better-sqlite3';
import { checkForeignerCode } from '../../../shared/domain/foreigner-code';
import { sameNationality } from '../../../shared/domain/nationality';
import type { Change } from '../../../shared/sync/protocol';
import { prepared } from './statements';

/**
 * The code, in the format this agency configured (agencia.json foreignerCodePattern, DOMAIN §4.3):
 * a code missing or of another shape is not recorded; `refuse` makes the conflict the sync screen shows.
 */
export function assignedCode(sqlite: Database.Database, change: Extract<Change, { kind: 'request.decision' }>, refuse: (why: string) => Error): string {
  const raw = prepared(sqlite, "SELECT value FROM settings WHERE key = 'ops.foreignerCodePattern'").pluck().get() as string | undefined;
  const pattern = raw ? (JSON.parse(raw) as string | null) : null;
  const checked = checkForeignerCode(change.foreignerCode ?? null, pattern ? { pattern } : {});
  if (!checked.ok || !checked.normalized) {
    throw refuse('el IESS asignó un código de identificación para extranjeros que no tiene el formato configurado para la agencia; no se registró. Comuníquelo a soporte técnico.');
  }
  // One code, one person: central gives a passport it knows the code it already has
  // (test/central/foreigner-codes.ts codeToAssign), so the same code on a registration of another
  // passport is central answering for the wrong request, and recording it would hand this person
  // another's identification.
  const mine = prepared(sqlite, 'SELECT representative_id_number AS passport, representative_nationality AS nationality FROM requests WHERE id = ?').get(change.requestId) as Holder | undefined;
  const holders = prepared(
    sqlite,
    "SELECT representative_id_number AS passport, representative_nationality AS nationality FROM requests WHERE foreigner_code = ? AND request_type = 'registro_extranjero' AND id != ?",
  ).all(checked.normalized, change.requestId) as Holder[];
  if (holders.some((h) => h.passport !== mine?.passport || !sameNationality(h.nationality, mine?.nationality))) {
    throw refuse('el IESS asignó un código de identificación para extranjeros que esta agencia ya registró para otro extranjero (otro pasaporte); no se registró. Comuníquelo a soporte técnico.');
  }
  return checked.normalized;
}

interface Holder {
  passport: string | null;
  nationality: string | null;
}
