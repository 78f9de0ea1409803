import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256, storeAttachment } from '../../electron/core/counter/attachments/files';
import { archivePdf } from '../../electron/core/forms/archive';
import type { Auth } from '../../electron/core/registry';
import { purgeDatabase } from '../../electron/core/security/retention/service';
import { writeTransaction } from '../../db/open';
import { getSetting } from '../../electron/core/settings';
import { ecuadorDate } from '../../shared/domain/dates';
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
    // A name only this request has, to follow it into the names index.
    sqlite().prepare("UPDATE requests SET representative_names = 'Zyzzquintana Ortega Inés' WHERE id = ?").run(oldClosed);
    sqlite().exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.names_vocab USING fts5vocab(main, 'requests_fts', 'row')");
    const inIndex = () => sqlite().prepare("SELECT count(*) AS n FROM temp.names_vocab WHERE term = 'zyzzquintana'").get() as { n: number };
    expect(inIndex()).toEqual({ n: 1 });

    const r = await desk.core.call('retention.purge', {}, ADMIN);
    expect(r).toEqual({ ok: true, value: { requests: 1, appointments: 1, sessions: 0, guidanceSheets: 0 } });

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
    // Gone from the names index itself, not only from its answers: not a byte of it left in the file.
    expect(inIndex()).toEqual({ n: 0 });
    sqlite().pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(path.join(desk.dataDir, 'ventanilla.db')).includes(Buffer.from('zyzzquintana'))).toBe(false);
  });

  it('is itself audited, and a second run finds nothing more', async () => {
    const again = await desk.core.call('retention.purge', {}, ADMIN);
    expect(again).toEqual({ ok: true, value: { requests: 0, appointments: 0, sessions: 0, guidanceSheets: 0 } });
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
    const day = ecuadorDate(desk.clock.now());
    const r = await desk.core.call('audit.export', { from: day, to: day }, ADMIN);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { csv, rows } = r.value as { csv: string; rows: number };
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFsecuencia;fecha_hora_utc;usuario_id;usuario;operacion;objetivo;resultado;hash');
    expect(lines).toHaveLength(rows + 1);
    expect(csv).toContain(';admin;retention.purge;');
    const reversed = await desk.core.call('audit.export', { from: '2026-12-31', to: '2026-01-01' }, ADMIN);
    expect(reversed).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'La fecha inicial debe ser anterior o igual a la final.' } });
  });
});

describe('retention purge of files and printed data', () => {
  let d: TestDesk;
  beforeEach(async () => {
    d = await seededDesk({ requests: 200 });
  });
  afterEach(() => d.dispose());
  const db = () => d.core.ctx.db.$client;
  const NAMES = 'Peña Zambrano Yolanda Inés';

  /** A closed request, aged past the limit, with everything a real one carries: scans, printed forms, notes. */
  function furnish(state: string, age: number) {
    const id = (db().prepare('SELECT id FROM requests WHERE state = ? AND personal_data_purged_at IS NULL AND state_since > ? LIMIT 1').get(state, d.clock.now() - DAY) as { id: string }).id;
    const at = d.clock.now() - age;
    db().prepare('UPDATE requests SET state_since = ?, representative_names = ? WHERE id = ?').run(at, NAMES, id);
    const actor = (db().prepare("SELECT id FROM users WHERE username = 'ventanilla1'").get() as { id: string }).id;
    // A scan of the cédula, stored by the real attachment store.
    const scanId = randomUUID();
    const scan = Buffer.from('%PDF-1.7 cédula 1714307103 PEÑA ZAMBRANO YOLANDA');
    const scanFile = storeAttachment(d.dataDir, scanId, 'application/pdf', scan);
    db()
      .prepare("INSERT INTO attachments (id, request_id, document_type, file_name, mime, size, sha256, created_by, created_at) VALUES (?, ?, 'cedula_representante', 'cedula yolanda.pdf', 'application/pdf', ?, ?, ?, ?)")
      .run(scanId, id, scan.length, sha256(scan), actor, at);
    // The printed forms and a reprint, archived by the real archive, with the printed data.
    const snapshot = JSON.stringify({ representativeNames: NAMES, representativeIdNumber: '1714307103', email: 'yolanda@correo.ec' });
    for (const [kind, text] of [['solicitud', 'Solicitud'], ['acuerdo', 'Acuerdo'], ['solicitud', 'Solicitud reimpresa']] as const) {
      const pdf = archivePdf(d.dataDir, id, kind, Buffer.from(`%PDF-1.7 ${text} ${NAMES} 1714307103`));
      db()
        .prepare('INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot) VALUES (?, ?, ?, ?, 0, NULL, ?, 1, ?, ?, ?)')
        .run(id, kind, at, actor, at, pdf.sha256, pdf.path, snapshot);
    }
    db()
      .prepare(
        "INSERT INTO request_documents (request_id, document_type, rule_id, presentation, note, updated_at) VALUES (?, 'cedula_representante', 'r', 'original', 'la Sra. Yolanda trajo copia', ?) ON CONFLICT (request_id, document_type) DO UPDATE SET note = excluded.note",
      )
      .run(id, at);
    db().prepare("INSERT INTO request_decisions (request_id, at, actor_id, event, reason_code, note) VALUES (?, ?, ?, 'devolver', 'otro', 'llamar a Yolanda al 0991234567')").run(id, at, actor);
    db()
      .prepare("INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at) VALUES (?, 'agency-uio', ?, 'request.transition', ?, ?)")
      .run(randomUUID(), id, JSON.stringify({ event: 'devolver', from: 'pendiente_revision', to: 'devuelta', at, note: 'llamar a Yolanda' }), at);
    return { id, scanFile, formsDir: path.join(d.dataDir, 'formularios', id) };
  }

  const fts = (word: string) => (db().prepare('SELECT count(*) AS n FROM requests_fts WHERE requests_fts MATCH ?').get(word) as { n: number }).n;

  it('removes the scans, the archived PDFs and the printed data of purged requests, and only theirs', async () => {
    const old = furnish('clave_emitida', 6 * 365 * DAY);
    const recent = furnish('rechazada', 2 * DAY);
    expect(fs.readdirSync(old.formsDir)).toHaveLength(3);
    expect(fts('Yolanda')).toBe(2);

    const r = await d.core.call('retention.purge', {}, ADMIN);
    expect(r).toMatchObject({ ok: true, value: { requests: 1 } });

    expect(fs.existsSync(old.scanFile)).toBe(false);
    expect(fs.existsSync(old.formsDir)).toBe(false);
    expect(fs.existsSync(recent.scanFile)).toBe(true);
    expect(fs.readdirSync(recent.formsDir)).toHaveLength(3);
    const of = (sql: string, id: string) => db().prepare(sql).all(id);
    expect(of('SELECT DISTINCT snapshot FROM form_prints WHERE request_id = ?', old.id)).toEqual([{ snapshot: null }]);
    expect(of('SELECT DISTINCT snapshot FROM form_prints WHERE request_id = ?', recent.id)).toEqual([{ snapshot: expect.stringContaining('Yolanda') }]);
    expect(of('SELECT file_name FROM attachments WHERE request_id = ?', old.id)).toEqual([{ file_name: null }]);
    expect(of("SELECT note FROM request_documents WHERE request_id = ? AND note IS NOT NULL", old.id)).toEqual([]);
    expect(of("SELECT note FROM request_decisions WHERE request_id = ? AND note IS NOT NULL", old.id)).toEqual([]);
    // The dashboard's events keep what happened and when, without the note.
    expect(of("SELECT json_extract(payload, '$.event') AS event, json_extract(payload, '$.note') AS note FROM outbox WHERE request_id = ? AND json_extract(payload, '$.event') = 'devolver'", old.id)).toEqual([
      { event: 'devolver', note: null },
    ]);
    // The three form_prints rows stay: how many prints and reprints there were is not personal.
    expect(of('SELECT count(*) AS n FROM form_prints WHERE request_id = ?', old.id)).toEqual([{ n: 3 }]);
    // The name search no longer finds the purged request.
    expect(fts('Yolanda')).toBe(1);
    // Nothing left pending.
    expect(getSetting(d.core.ctx.db, 'retention.pendingFiles')).toEqual([]);
    // The forms screen says why the PDF is gone.
    const supervisor = await d.login('supervisora', 'Super.Demo.2026');
    expect(await d.core.call('forms.get', { id: old.id }, supervisor)).toMatchObject({ ok: false, error: { message: expect.stringContaining('depurado') } });
  });

  it('files left behind by a crash after the commit are removed by the next run', async () => {
    const old = furnish('anulada', 6 * 365 * DAY);
    const now = d.clock.now();
    // What a crash right after the commit leaves: the database purged, the files still there.
    const counts = purgeDatabase(d.core.ctx, (fn) => writeTransaction(d.core.ctx.db, fn));
    expect(counts.requests).toBe(1);
    expect(db().prepare('SELECT personal_data_purged_at AS at FROM requests WHERE id = ?').get(old.id)).toEqual({ at: now });
    expect(fs.existsSync(old.scanFile)).toBe(true);
    expect(fs.existsSync(old.formsDir)).toBe(true);
    expect(getSetting(d.core.ctx.db, 'retention.pendingFiles')).toEqual([now]);

    d.clock.advance(60_000);
    const next = await d.core.call('retention.purge', {}, ADMIN);
    expect(next).toMatchObject({ ok: true, value: { requests: 0 } });
    expect(fs.existsSync(old.scanFile)).toBe(false);
    expect(fs.existsSync(old.formsDir)).toBe(false);
    expect(getSetting(d.core.ctx.db, 'retention.pendingFiles')).toEqual([]);
  });

  it('runs once a day as a background service, audited as the desk’s own act', async () => {
    const old = furnish('clave_emitida', 6 * 365 * DAY);
    // Paused, as a test starts them: each step is one look at the schedule.
    d.services.start({ paused: true });
    try {
      expect(await d.services.step('retention')).toMatchObject({ outcome: 'hecho' });
      expect(fs.existsSync(old.formsDir)).toBe(false);
      expect(db().prepare('SELECT representative_names AS n FROM requests WHERE id = ?').get(old.id)).toEqual({ n: null });
      // Not again the same day; again a day later.
      d.clock.advance(23 * 3_600_000);
      expect(await d.services.step('retention')).toEqual({ outcome: 'no_corresponde' });
      d.clock.advance(3_600_000);
      expect(await d.services.step('retention')).toMatchObject({ outcome: 'hecho' });
      const audited = db().prepare("SELECT actor_id AS actor, outcome, at FROM audit_log WHERE call = 'retention.scheduled' ORDER BY seq").all();
      expect(audited).toEqual([
        { actor: null, outcome: 'ok', at: d.clock.now() - DAY },
        { actor: null, outcome: 'ok', at: d.clock.now() },
      ]);
    } finally {
      await d.services.stop();
    }
  });
});
