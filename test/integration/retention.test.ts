import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const DAY = 86_400_000;
let desk: TestDesk;

beforeAll(async () => {
  // 3,000 requests spread over the last ~2 days of the fixed clock.
  desk = await seededDesk({ requests: 3000 });
});
afterAll(() => desk.dispose());

const sqlite = () => desk.core.ctx.db.$client;

describe('retention purge (LOPDP Art. 10)', () => {
  it('blanks personal data of closed requests past the limit, keeps open and recent ones, and keeps the statistics', async () => {
    const now = desk.clock.now();
    // Age a known set: one closed and one open request 6 years old, one closed yesterday.
    const pick = (state: string) => (sqlite().prepare('SELECT id FROM requests WHERE state = ? LIMIT 1').get(state) as { id: string }).id;
    const oldClosed = pick('clave_emitida');
    const oldOpen = pick('pendiente_revision');
    const recentClosed = (sqlite().prepare("SELECT id FROM requests WHERE state = 'rechazada' AND id NOT IN (?) LIMIT 1").get(oldClosed) as { id: string }).id;
    const sixYears = now - 6 * 365 * DAY;
    sqlite().prepare('UPDATE requests SET state_since = ?, created_at = ? WHERE id IN (?, ?)').run(sixYears, sixYears, oldClosed, oldOpen);
    sqlite().prepare("UPDATE requests SET applicant_kind = 'natural_ecuatoriana' WHERE id = ?").run(oldClosed);
    sqlite()
      .prepare("INSERT INTO appointments (id, agency_id, date, time, confirmation_code, cedula, names, email, mobile, status) VALUES ('old-apt', 'agency-uio', '2026-01-10', '09:00', 'CP000001', '1714307103', 'Peña Muñoz Inés', 'ines@x.ec', '0991234567', 'atendido')")
      .run();
    const statsBefore = sqlite().prepare('SELECT state, count(*) AS n FROM requests GROUP BY state ORDER BY state').all();

    const r = await desk.core.call('retention.purge', {}, ADMIN);
    expect(r).toEqual({ ok: true, value: { requests: 1, appointments: 1, sessions: 0 } });

    const row = (id: string) => sqlite().prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row(oldClosed)).toMatchObject({
      representative_names: null,
      representative_id_number: null,
      email: null,
      mobile: null,
      address: null,
      third_party_names: null,
      third_party_cedula: null,
      employer_ruc: '',
      employer_legal_name: '',
      personal_data_purged_at: now,
      state: 'clave_emitida',
      applicant_kind: 'natural_ecuatoriana',
    });
    expect(row(oldOpen).representative_names).not.toBeNull();
    expect(row(recentClosed).representative_names).not.toBeNull();
    expect(sqlite().prepare("SELECT cedula, names, email FROM appointments WHERE id = 'old-apt'").get()).toEqual({ cedula: '', names: '', email: null });
    expect(sqlite().prepare('SELECT state, count(*) AS n FROM requests GROUP BY state ORDER BY state').all()).toEqual(statsBefore);
  });

  it('is itself audited, and a second run finds nothing more', async () => {
    const again = await desk.core.call('retention.purge', {}, ADMIN);
    expect(again).toEqual({ ok: true, value: { requests: 0, appointments: 0, sessions: 0 } });
    const entries = sqlite().prepare("SELECT outcome FROM audit_log WHERE call = 'retention.purge'").all();
    expect(entries).toEqual([{ outcome: 'ok' }, { outcome: 'ok' }]);
  });

  it('follows the configured limits', async () => {
    await desk.core.call('settings.update', { retention: { requestPersonalDataDays: 30, appointmentDays: 1, sessionDays: 1 } }, ADMIN);
    desk.clock.advance(40 * DAY);
    const r = await desk.core.call('retention.purge', {}, ADMIN);
    const closed = sqlite().prepare("SELECT count(*) AS n FROM requests WHERE state IN ('clave_emitida','rechazada','rechazada_central','anulada') AND personal_data_purged_at IS NULL").get() as { n: number };
    expect(closed.n).toBe(0);
    expect(r.ok && (r.value as { requests: number }).requests).toBeGreaterThan(100);
  });
});

describe('audit export', () => {
  it('exports the trail of a date range as CSV, and refuses a reversed range in Spanish', async () => {
    const day = new Date(desk.clock.now() - 5 * 3_600_000).toISOString().slice(0, 10);
    const r = await desk.core.call('audit.export', { from: day, to: day }, ADMIN);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { csv, rows } = r.value as { csv: string; rows: number };
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('secuencia,fecha_hora_utc,usuario_id,usuario,operacion,objetivo,resultado,hash');
    expect(lines).toHaveLength(rows + 1);
    expect(csv).toContain(',admin,retention.purge,');
    const reversed = await desk.core.call('audit.export', { from: '2026-12-31', to: '2026-01-01' }, ADMIN);
    expect(reversed).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'La fecha inicial debe ser anterior o igual a la final.' } });
  });
});
