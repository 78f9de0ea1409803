// The stand-in central's answers beyond sync (docs/protocol/README.md): foreigners registered in
// the IESS, the active e-mail proof (a short code "sent" to a test mailbox), and the agencies'
// declared Ventanilla Virtual routing by province. Own tables in the stand-in's database.
import { randomInt, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EmailChallenge, EmailConfirmation, ForeignerLookup, VirtualRouting } from '../../shared/sync/protocol';
import { AGENCIES } from './store';

export const SERVICES_SCHEMA = `
CREATE TABLE IF NOT EXISTS foreigners (passport TEXT NOT NULL, nationality TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (passport, nationality));
CREATE TABLE IF NOT EXISTS email_challenges (id TEXT PRIMARY KEY, email TEXT NOT NULL, code TEXT NOT NULL, expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, verified_at INTEGER, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS mailbox (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS virtual_routing (agency_code TEXT PRIMARY KEY, attends INTEGER NOT NULL, provinces TEXT NOT NULL, updated_at INTEGER NOT NULL);
`;

/** *(assumption)* Like the turnos' "Verificar IESS turno online" code: short, minutes, few tries. */
export const EMAIL_CODE_TTL_MS = 10 * 60_000;
export const EMAIL_CODE_MAX_ATTEMPTS = 3;

export class CentralServices {
  constructor(private readonly db: Database.Database) {
    db.exec(SERVICES_SCHEMA);
    // One registered foreigner out of the box, for a person trying the demo.
    db.prepare("INSERT OR IGNORE INTO foreigners (passport, nationality, code) VALUES ('AB1234567', 'COL', 'EXT0012345')").run();
  }

  // --- Foreigners ---------------------------------------------------------------------------

  foreigner(passport: string, nationality: string): ForeignerLookup {
    const row = this.db.prepare('SELECT code FROM foreigners WHERE passport = ? AND nationality = ?').get(passport, nationality) as { code: string } | undefined;
    return { passport, nationality, registered: row !== undefined, code: row?.code ?? null };
  }

  registerForeigner(passport: string, nationality: string, code: string): void {
    this.db.prepare('INSERT OR REPLACE INTO foreigners (passport, nationality, code) VALUES (?, ?, ?)').run(passport, nationality, code);
  }

  // --- Active e-mail --------------------------------------------------------------------------

  /** A new 6-digit code for the address, "sent" to the test mailbox; earlier codes stay valid until they expire. */
  startEmailChallenge(email: string, now: number): EmailChallenge {
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + EMAIL_CODE_TTL_MS;
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO email_challenges (id, email, code, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(id, email, code, expiresAt, now);
      this.db
        .prepare('INSERT INTO mailbox (email, subject, body, at) VALUES (?, ?, ?, ?)')
        .run(email, 'Verificar correo - IESS Ventanilla Patronal', `Su código de verificación es ${code}. Vence en ${EMAIL_CODE_TTL_MS / 60_000} minutos.`, now);
    })();
    return { id, expiresAt, maxAttempts: EMAIL_CODE_MAX_ATTEMPTS };
  }

  /** null: no such challenge. Wrong codes count; the last allowed one locks the challenge. */
  confirmEmail(id: string, code: string, now: number): EmailConfirmation | null {
    const row = this.db.prepare('SELECT code, expires_at AS expiresAt, attempts, verified_at AS verifiedAt FROM email_challenges WHERE id = ?').get(id) as
      | { code: string; expiresAt: number; attempts: number; verifiedAt: number | null }
      | undefined;
    if (!row) return null;
    if (row.verifiedAt !== null) return { status: 'verificado', attemptsLeft: EMAIL_CODE_MAX_ATTEMPTS - row.attempts };
    if (row.attempts >= EMAIL_CODE_MAX_ATTEMPTS) return { status: 'bloqueado', attemptsLeft: 0 };
    if (now > row.expiresAt) return { status: 'vencido', attemptsLeft: EMAIL_CODE_MAX_ATTEMPTS - row.attempts };
    if (code.trim() === row.code) {
      this.db.prepare('UPDATE email_challenges SET verified_at = ? WHERE id = ?').run(now, id);
      return { status: 'verificado', attemptsLeft: EMAIL_CODE_MAX_ATTEMPTS - row.attempts };
    }
    const attempts = row.attempts + 1;
    this.db.prepare('UPDATE email_challenges SET attempts = ? WHERE id = ?').run(attempts, id);
    const left = EMAIL_CODE_MAX_ATTEMPTS - attempts;
    return { status: left === 0 ? 'bloqueado' : 'codigo_incorrecto', attemptsLeft: left };
  }

  /** Test control: the code's time is up now. */
  expireEmailChallenges(email: string, now: number): number {
    return this.db.prepare('UPDATE email_challenges SET expires_at = ? WHERE email = ?').run(now - 1, email).changes;
  }

  mailbox(email: string): { subject: string; body: string; at: number }[] {
    return this.db.prepare('SELECT subject, body, at FROM mailbox WHERE email = ? ORDER BY id').all(email) as { subject: string; body: string; at: number }[];
  }

  // --- Ventanilla Virtual routing -------------------------------------------------------------

  setRouting(agencyCode: string, routing: VirtualRouting, now: number): VirtualRouting {
    const provinces = [...new Set(routing.provinces)].sort();
    this.db
      .prepare('INSERT INTO virtual_routing (agency_code, attends, provinces, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(agency_code) DO UPDATE SET attends = excluded.attends, provinces = excluded.provinces, updated_at = excluded.updated_at')
      .run(agencyCode, routing.attends ? 1 : 0, JSON.stringify(provinces), now);
    return { attends: routing.attends, provinces };
  }

  routing(): { agencyCode: string; attends: boolean; provinces: string[] }[] {
    const rows = this.db.prepare('SELECT agency_code AS agencyCode, attends, provinces FROM virtual_routing ORDER BY agency_code').all() as { agencyCode: string; attends: number; provinces: string }[];
    return rows.map((r) => ({ agencyCode: r.agencyCode, attends: r.attends === 1, provinces: JSON.parse(r.provinces) as string[] }));
  }

  /**
   * The agency that attends virtual requests of `province` (seed 004, line 45): the first, in
   * the stand-in's agency order, that declared it. null: none does (the request waits at central).
   */
  routeVirtual(province: string): string | null {
    const declared = new Map(this.routing().map((r) => [r.agencyCode, r]));
    for (const agency of AGENCIES) {
      const r = declared.get(agency.code);
      if (r?.attends && r.provinces.includes(province)) return agency.code;
    }
    return null;
  }
}
