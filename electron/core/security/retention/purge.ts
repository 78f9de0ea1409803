// Retention (LOPDP Art. 10(i)): personal data is kept no longer than its purpose needs. The purge
// blanks the PERSONAL columns (db/schema.ts) of closed requests and past turnos older than the
// configured limits and deletes old sessions; the rows stay, so the anonymous statistics
// (counts per state, kind, channel, clerk, day) survive. The files of a purged request (scans,
// archived PDF forms) are removed after the commit by retention/files.ts.
import { join, run, sql, type WritableDB } from '../../../../db/sql';
import type { SecuritySettings } from '../../../../shared/contract/security';
import { TERMINAL_STATES } from '../../../../shared/domain/lifecycle';
import { DAY_MS, ecuadorDate } from '../../../../shared/domain/dates';


export interface PurgeCounts {
  requests: number;
  appointments: number;
  sessions: number;
  /** «Hojas de orientación» whose applicant data was blanked (kept as long as a turno's). */
  guidanceSheets: number;
}

/** Requests purged now are marked personal_data_purged_at = now. */
export function purgeExpiredPersonalData(db: WritableDB, now: number, retention: SecuritySettings['retention']): PurgeCounts {
  const requestCutoff = now - retention.requestPersonalDataDays * DAY_MS;
  const appointmentCutoff = ecuadorDate(now - retention.appointmentDays * DAY_MS);
  const sessionCutoff = now - retention.sessionDays * DAY_MS;
  const requests = run(
    db,
    sql`UPDATE requests SET
         representative_id_type = NULL, representative_id_number = NULL, representative_names = NULL,
         representative_nationality = NULL, email = NULL, mobile = NULL, address = NULL, landline = NULL,
         third_party_names = NULL, third_party_cedula = NULL, passport_expiry_date = NULL, foreigner_code = NULL, visa_number = NULL,
         artisan_number = NULL,
         passport_mrz = NULL, birth_date = NULL, sex = NULL, sut_contract_number = NULL, sut_contract_date = NULL, job_position = NULL, job_start_date = NULL,
         -- a natural person's RUC is their cédula and their legal name is their own name; a foreigner's
         -- registration: the employer's RUC ties the worker to their employment
         employer_ruc = CASE WHEN applicant_kind LIKE 'natural%' OR request_type = 'registro_extranjero' THEN '' ELSE employer_ruc END,
         employer_legal_name = CASE WHEN applicant_kind LIKE 'natural%' THEN '' ELSE employer_legal_name END,
         -- free text may name people; '' keeps "this was a walk-in" for the reports
         walk_in_reason = CASE WHEN walk_in_reason IS NULL THEN NULL ELSE '' END,
         personal_data_purged_at = ${now}
       WHERE state IN (${join(TERMINAL_STATES)}) AND state_since < ${requestCutoff} AND personal_data_purged_at IS NULL`,
  ).changes;
  const purged = sql`SELECT id FROM requests WHERE personal_data_purged_at = ${now}`;
  // Free-text notes, original file names and the printed data of purged requests go with them.
  run(db, sql`UPDATE request_decisions SET note = NULL WHERE note IS NOT NULL AND request_id IN (${purged})`);
  run(db, sql`UPDATE request_documents SET note = NULL WHERE note IS NOT NULL AND request_id IN (${purged})`);
  run(db, sql`UPDATE attachments SET file_name = NULL WHERE file_name IS NOT NULL AND request_id IN (${purged})`);
  run(db, sql`UPDATE form_prints SET snapshot = NULL WHERE snapshot IS NOT NULL AND request_id IN (${purged})`);
  // The events kept for the dashboard keep their event and dates; a decision's note is free text.
  run(db, sql`UPDATE outbox SET payload = json_set(payload, '$.note', NULL) WHERE request_id IN (${purged}) AND json_extract(payload, '$.note') IS NOT NULL`);
  // A contact update's event carried the affiliate's data to central: the kept row keeps its number and date only.
  run(
    db,
    sql`UPDATE outbox SET payload = json_remove(payload, '$.idNumber', '$.names', '$.email', '$.mobile', '$.landline')
        WHERE type = 'contact.updated' AND request_id IN (${purged})`,
  );
  // A foreigner's registration event carried the person and the contract to central: likewise.
  run(
    db,
    sql`UPDATE outbox SET payload = json_remove(payload, '$.passportNumber', '$.passportExpiryDate', '$.names', '$.birthDate', '$.sex', '$.nationality', '$.employerRuc', '$.contractNumber', '$.contractDate', '$.position', '$.startDate', '$.foreignerCode')
        WHERE type = 'foreigner.registration' AND request_id IN (${purged})`,
  );
  const appointments = run(db, sql`UPDATE appointments SET cedula = '', names = '', email = NULL, mobile = NULL WHERE date < ${appointmentCutoff} AND names != ''`).changes;
  const sessions = run(db, sql`DELETE FROM sessions WHERE expires_at < ${sessionCutoff}`).changes;
  // A guidance sheet is what a passer-by at the counter was handed, like a turno: its applicant
  // data goes after the turnos' period; the row (procedure, clerk, day) stays for the reports.
  const guidanceSheets = run(
    db,
    sql`UPDATE guidance_sheets SET id_number = '', personal_data_purged_at = ${now} WHERE created_at < ${now - retention.appointmentDays * DAY_MS} AND personal_data_purged_at IS NULL`,
  ).changes;
  run(db, sql`UPDATE guidance_prints SET snapshot = NULL WHERE sheet_id IN (SELECT id FROM guidance_sheets WHERE personal_data_purged_at = ${now})`);
  return { requests, appointments, sessions, guidanceSheets };
}
