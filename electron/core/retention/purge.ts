// Retention (LOPDP Art. 10(i)): personal data is kept no longer than its purpose needs. The purge
// blanks the PERSONAL columns (db/schema.ts) of closed requests and past turnos older than the
// configured limits and deletes old sessions; the rows stay, so the anonymous statistics
// (counts per state, kind, channel, clerk, day) survive.
import type Database from 'better-sqlite3';
import type { SecuritySettings } from '../../../shared/contract/accounts';
import { TERMINAL_STATES } from '../../../shared/domain/lifecycle';
import { ecuadorDate } from '../ecuador-time';

const DAY = 86_400_000;

export interface PurgeCounts {
  requests: number;
  appointments: number;
  sessions: number;
}

export function purgeExpiredPersonalData(sqlite: Database.Database, now: number, retention: SecuritySettings['retention']): PurgeCounts {
  const requestCutoff = now - retention.requestPersonalDataDays * DAY;
  const appointmentCutoff = ecuadorDate(now - retention.appointmentDays * DAY);
  const sessionCutoff = now - retention.sessionDays * DAY;
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
         personal_data_purged_at = @now
       WHERE state IN (${closed}) AND state_since < @cutoff AND personal_data_purged_at IS NULL`,
    )
    .run({ now, cutoff: requestCutoff }).changes;
  // Free-text notes and original file names of purged requests go with them.
  sqlite.prepare('UPDATE request_decisions SET note = NULL WHERE note IS NOT NULL AND request_id IN (SELECT id FROM requests WHERE personal_data_purged_at = ?)').run(now);
  sqlite.prepare('UPDATE attachments SET file_name = NULL WHERE file_name IS NOT NULL AND request_id IN (SELECT id FROM requests WHERE personal_data_purged_at = ?)').run(now);
  const appointments = sqlite
    .prepare(`UPDATE appointments SET cedula = '', names = '', email = NULL, mobile = NULL WHERE date < ? AND names != ''`)
    .run(appointmentCutoff).changes;
  const sessions = sqlite.prepare('DELETE FROM sessions WHERE expires_at < ?').run(sessionCutoff).changes;
  return { requests, appointments, sessions };
}
