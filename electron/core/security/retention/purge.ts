// Retention (LOPDP Art. 10(i)): personal data is kept no longer than its purpose needs. The purge
// blanks the PERSONAL columns (db/schema.ts) of closed requests and past turnos older than the
// configured limits and deletes old sessions; the rows stay, so the anonymous statistics
// (counts per state, kind, channel, clerk, day) survive. The files of a purged request (scans,
// archived PDF forms) are removed after the commit by retention/files.ts.
import type Database from 'better-sqlite3';
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

/** Call inside a transaction. Requests purged now are marked personal_data_purged_at = now. */
export function purgeExpiredPersonalData(sqlite: Database.Database, now: number, retention: SecuritySettings['retention']): PurgeCounts {
  const requestCutoff = now - retention.requestPersonalDataDays * DAY_MS;
  const appointmentCutoff = ecuadorDate(now - retention.appointmentDays * DAY_MS);
  const sessionCutoff = now - retention.sessionDays * DAY_MS;
  const closed = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');
  const requests = sqlite
    .prepare(
      `UPDATE requests SET
         representative_id_type = NULL, representative_id_number = NULL, representative_names = NULL,
         representative_nationality = NULL, email = NULL, mobile = NULL, address = NULL,
         third_party_names = NULL, third_party_cedula = NULL, passport_expiry_date = NULL, visa_number = NULL,
         artisan_number = NULL,
         -- a natural person's RUC is their cédula and their legal name is their own name
         employer_ruc = CASE WHEN applicant_kind LIKE 'natural%' THEN '' ELSE employer_ruc END,
         employer_legal_name = CASE WHEN applicant_kind LIKE 'natural%' THEN '' ELSE employer_legal_name END,
         -- free text may name people; '' keeps "this was a walk-in" for the reports
         walk_in_reason = CASE WHEN walk_in_reason IS NULL THEN NULL ELSE '' END,
         personal_data_purged_at = @now
       WHERE state IN (${closed}) AND state_since < @cutoff AND personal_data_purged_at IS NULL`,
    )
    .run({ now, cutoff: requestCutoff }).changes;
  const purged = 'SELECT id FROM requests WHERE personal_data_purged_at = @now';
  // Free-text notes, original file names and the printed data of purged requests go with them.
  sqlite.prepare(`UPDATE request_decisions SET note = NULL WHERE note IS NOT NULL AND request_id IN (${purged})`).run({ now });
  sqlite.prepare(`UPDATE request_documents SET note = NULL WHERE note IS NOT NULL AND request_id IN (${purged})`).run({ now });
  sqlite.prepare(`UPDATE attachments SET file_name = NULL WHERE file_name IS NOT NULL AND request_id IN (${purged})`).run({ now });
  sqlite.prepare(`UPDATE form_prints SET snapshot = NULL WHERE snapshot IS NOT NULL AND request_id IN (${purged})`).run({ now });
  // The events kept for the dashboard keep their event and dates; a decision's note is free text.
  sqlite
    .prepare(`UPDATE outbox SET payload = json_set(payload, '$.note', NULL) WHERE request_id IN (${purged}) AND json_extract(payload, '$.note') IS NOT NULL`)
    .run({ now });
  const appointments = sqlite
    .prepare(`UPDATE appointments SET cedula = '', names = '', email = NULL, mobile = NULL WHERE date < ? AND names != ''`)
    .run(appointmentCutoff).changes;
  const sessions = sqlite.prepare('DELETE FROM sessions WHERE expires_at < ?').run(sessionCutoff).changes;
  // A guidance sheet is what a passer-by at the counter was handed, like a turno: its applicant
  // data goes after the turnos' period; the row (procedure, clerk, day) stays for the reports.
  const guidanceSheets = sqlite
    .prepare(`UPDATE guidance_sheets SET id_number = '', personal_data_purged_at = @now WHERE created_at < @cutoff AND personal_data_purged_at IS NULL`)
    .run({ now, cutoff: now - retention.appointmentDays * DAY_MS }).changes;
  sqlite.prepare('UPDATE guidance_prints SET snapshot = NULL WHERE sheet_id IN (SELECT id FROM guidance_sheets WHERE personal_data_purged_at = ?)').run(now);
  return { requests, appointments, sessions, guidanceSheets };
}
