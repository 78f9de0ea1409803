// A request's history and bulk approval's "viewed since its last change" read the request's own
// records (request_events), written with each change: not audit rows matched by a call's name.
// Proved by wiping the audit trail (as a renamed call would leave it: no row under the old name)
// and finding both unchanged; and the upgrade backfill gives an existing desk the history its
// previous version showed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, RequestDetail } from '../../shared/contract/counter';
import type { QueueRow } from '../../shared/contract/supervisor';
import { openDatabase } from '../../db/open';
import { SOURCE_MIGRATIONS_DIR } from '../../db/paths';
import { requestHistory } from '../../electron/core/counter/history';
import { viewedSinceLastChange } from '../../electron/core/counter/events';
import type { Auth } from '../../electron/core/registry';
import { applyChange } from '../../electron/core/sync/apply';
import { seededDesk, tempDir, type TestDesk } from '../support/desk';
import { NATURAL_INTAKE } from '../support/intake';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
});
afterAll(() => desk.dispose());

const sqlite = () => desk.core.ctx.db.$client;
async function call<T>(name: string, input: unknown, auth: Auth = CLERK): Promise<T> {
  // Each call a minute after the last, as at a real counter: lines keep the order they happened in.
  desk.clock.advance(60_000);
  const r = (await desk.core.call(name, input, auth)) as R;
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const detail = (id: string, auth: Auth = CLERK) => call<RequestDetail>('requests.get', { id }, auth);

/** A presencial request from check-in to review, with a refused attempt, a reprint, a return and a correction. */
async function counterToReview(): Promise<string> {
  const code = (sqlite().prepare("SELECT confirmation_code AS c FROM appointments WHERE status = 'pendiente' ORDER BY time LIMIT 1").get() as { c: string }).c;
  const id = (await call<{ requestId: string }>('appointments.checkIn', { query: code })).requestId;
  let { version } = await detail(id);
  version = (await call<{ version: number }>('requests.saveDraft', { id, version, intake: NATURAL_INTAKE })).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  const refused = (await desk.core.call('requests.transition', { id, version, event: 'enviar_a_revision' }, CLERK)) as R;
  expect(refused.ok).toBe(false);
  version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: 'cedula_representante', presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } })).version;
  version = (await call<{ version: number }>('forms.print', { id, version })).version;
  version = (await call<{ version: number }>('forms.print', { id, version, reprintReason: 'La impresora atascó la hoja' })).version;
  for (const d of (await detail(id)).checklist.filter((c) => c.signature === 'manuscrita')) {
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado' })).version;
  }
  await call('requests.transition', { id, version, event: 'enviar_a_revision' });
  version = (await detail(id, SUPERVISOR)).version;
  await call('review.return', { id, version, reasonCode: 'nombres_mal_escritos', note: 'Falta la tilde en Peña.' }, SUPERVISOR);
  version = (await detail(id)).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  version = (await call<{ version: number }>('forms.print', { id, version })).version;
  for (const d of (await detail(id)).checklist.filter((c) => c.signature === 'manuscrita' && !c.signatureMarked)) {
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
  }
  await call('requests.transition', { id, version, event: 'enviar_a_revision' });
  return id;
}

const shown = (h: HistoryEntry[]) => h.map((e) => [e.activity, e.event, e.documentType, e.verdict, e.outcome, e.actor, e.reasonCode, e.note].join(' | '));
const viewedFlags = async () => Object.fromEntries((await call<{ items: QueueRow[] }>('queues.list', { queue: 'por_revisar', limit: 50 }, SUPERVISOR)).items.map((i) => [i.id, i.viewed]));

describe('what the history records', () => {
  let id = '';
  beforeAll(async () => {
    id = await counterToReview();
  });

  it('each line says what happened, to which document and with which verdict, and a refused attempt with its error', async () => {
    const history = (await detail(id)).history;
    expect(history[0]).toMatchObject({ activity: 'turno_atendido', source: 'user', actor: 'José Muñoz Quishpe', outcome: 'ok' });
    expect(history).toContainEqual(expect.objectContaining({ activity: 'cambio_estado', event: null, outcome: 'conflict' }));
    expect(history).toContainEqual(expect.objectContaining({ activity: 'documento_revisado', documentType: 'cedula_representante', verdict: 'verificado', event: null }));
    expect(history).toContainEqual(expect.objectContaining({ activity: 'firma_marcada', documentType: 'solicitud_entrega_clave', verdict: 'marcada' }));
    expect(history.filter((h) => h.event === 'imprimir_formularios').map((h) => h.activity)).toEqual(['formularios_impresos', 'formularios_impresos', 'formularios_impresos']);
    expect(history.filter((h) => h.event !== null).map((h) => h.event)).toEqual([
      'iniciar_verificacion',
      'imprimir_formularios',
      'imprimir_formularios',
      'enviar_a_revision',
      'devolver',
      'corregir',
      'imprimir_formularios',
      'enviar_a_revision',
    ]);
    expect(history.find((h) => h.event === 'devolver')).toMatchObject({ activity: 'devuelta', actor: 'Mónica Peña Yánez', reasonCode: 'nombres_mal_escritos', note: 'Falta la tilde en Peña.' });
    // Opening the request is recorded (bulk approval needs it) but is not a line of its history.
    expect(history.some((h) => h.activity === 'vista')).toBe(false);
  });

  it('history and bulk approval stay the same with the audit trail gone: no call name is read back', async () => {
    const unseen = (sqlite().prepare("SELECT id FROM requests WHERE state = 'pendiente_revision' AND id <> ? LIMIT 1").get(id) as { id: string }).id;
    await detail(id, SUPERVISOR);
    const history = shown((await detail(id)).history);
    const flags = await viewedFlags();
    expect(flags[id]).toBe(true);
    expect(flags[unseen]).toBe(false);

    // The trail is append-only; the test's own database may drop the guard to show nothing depends on it.
    sqlite().exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log');
    expect(shown((await detail(id)).history)).toEqual(history);
    expect(await viewedFlags()).toEqual(flags);
    const { version } = await detail(id, SUPERVISOR);
    const unseenVersion = (sqlite().prepare('SELECT version FROM requests WHERE id = ?').get(unseen) as { version: number }).version;
    const { results } = await call<{ results: { id: string; ok: boolean; message: string }[] }>('review.bulkApprove', { items: [{ id, version }, { id: unseen, version: unseenVersion }] }, SUPERVISOR);
    expect(results).toEqual([
      expect.objectContaining({ id, ok: true }),
      expect.objectContaining({ id: unseen, ok: false, message: 'Ábrala y revísela antes de aprobarla en lote.' }),
    ]);
    expect((await detail(id)).history.at(-1)).toMatchObject({ activity: 'aprobada_en_lote', event: 'aprobar', actor: 'Mónica Peña Yánez' });
  });
});

// --- The upgrade: request_events filled from what earlier versions kept -------------------------

const BACKFILL = path.join(SOURCE_MIGRATIONS_DIR, '0010_request_events_backfill.sql');

function runBackfill(db: Database.Database): void {
  const statements = fs.readFileSync(BACKFILL, 'utf8').split('--> statement-breakpoint');
  db.transaction(() => statements.forEach((s) => db.exec(s)))();
}

describe('the upgrade backfill', () => {
  it("rebuilds from the audit trail and the decisions the history this version records itself (documents' verdicts aside)", async () => {
    const id = await counterToReview();
    // Central confirms and issues the key after an approval, through sync; another desk's return
    // of a second request is relayed with its reason.
    const { version } = await detail(id, SUPERVISOR);
    await call('review.approve', { id, version }, SUPERVISOR);
    const ctx = () => ({ now: desk.clock.now(), dataDir: desk.dataDir, agencyId: 'agency-uio', deviceId: 'desk-test' });
    desk.clock.advance(60_000);
    expect(applyChange(sqlite(), { seq: 9101, kind: 'request.decision', requestId: id, event: 'confirmar_envio', note: null, maskedEmail: null, at: desk.clock.now() - 30_000 }, ctx())).toBe('applied');
    desk.clock.advance(60_000);
    expect(applyChange(sqlite(), { seq: 9102, kind: 'request.decision', requestId: id, event: 'emitir_clave', note: null, maskedEmail: 'b***@gmail.com', at: desk.clock.now() - 30_000 }, ctx())).toBe('applied');
    desk.clock.advance(60_000);
    expect(applyChange(sqlite(), { seq: 9103, kind: 'request.decision', requestId: id, event: 'emitir_clave', note: null, maskedEmail: null, at: desk.clock.now() }, ctx())).toBe('conflict');

    const live = requestHistory(sqlite(), id);
    expect(live.map((h) => h.activity)).toEqual(expect.arrayContaining(['decision_iess', 'sincronizacion', 'aprobada', 'documento_revisado']));
    const viewedBefore = viewedSinceLastChange(sqlite(), id, userId('supervisora'));

    sqlite().exec('DELETE FROM request_events');
    runBackfill(sqlite());
    const rebuilt = requestHistory(sqlite(), id);
    const withoutVerdicts = (h: HistoryEntry[]) => h.map((e) => ({ ...e, documentType: null, verdict: null }));
    expect(rebuilt).toEqual(withoutVerdicts(live));
    expect(viewedSinceLastChange(sqlite(), id, userId('supervisora'))).toBe(viewedBefore);
  });

  it('an existing desk (schema before request_events) keeps its history and its "viewed" marks on upgrade', () => {
    const dataDir = tempDir();
    const old = tempDir('vp-mig-');
    try {
      // The migrations as the previous version shipped them.
      fs.cpSync(SOURCE_MIGRATIONS_DIR, old, { recursive: true });
      const journalFile = path.join(old, 'meta', '_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag === '0009_request_events');
      fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      const before = openDatabase({ dataDir, migrationsDir: old });
      legacyDesk(before.sqlite);
      before.close();

      const upgraded = openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
      try {
        const h = requestHistory(upgraded.sqlite, 'req-1');
        expect(h.map((e) => [e.at, e.activity, e.event, e.source, e.actor, e.reasonCode, e.note, e.outcome])).toEqual([
          [1000, 'turno_atendido', null, 'user', 'Clerk', null, null, 'ok'],
          [2000, 'datos_guardados', null, 'user', 'Clerk', null, null, 'ok'],
          [3000, 'cambio_estado', null, 'user', 'Clerk', null, null, 'conflict'],
          [4000, 'verificacion_iniciada', 'iniciar_verificacion', 'user', 'Clerk', null, null, 'ok'],
          [5000, 'formularios_impresos', 'imprimir_formularios', 'user', 'Clerk', null, null, 'ok'],
          [6000, 'cambio_estado', 'enviar_a_revision', 'user', 'Clerk', null, null, 'ok'],
          [8000, 'devuelta', 'devolver', 'user', 'Super', 'firma_faltante', 'Falta la firma.', 'ok'],
          [9000, 'decision_otra_estacion', 'corregir', 'user', 'Otra estación de la agencia', null, 'Corregida allá.', 'ok'],
          [10_000, 'sincronizacion', null, 'central', null, null, null, 'ok'],
          [11_000, 'firma_electronica_verificada', null, 'user', 'Super', null, 'Acuerdo de Responsabilidad y Uso de la Información: Firma válida · revocación no comprobada (aprobada por la excepción configurada por la agencia)', 'ok'],
          [11_000, 'aprobada_en_lote', 'aprobar', 'user', 'Super', null, null, 'ok'],
          [12_000, 'decision_iess', 'confirmar_envio', 'central', null, null, null, 'ok'],
        ]);
        expect(h.find((e) => e.activity === 'firma_electronica_verificada')).toMatchObject({ documentType: 'acuerdo_responsabilidad', verdict: 'valida' });
        // The supervisor opened req-2 after its last change, req-1 before its last one.
        expect(viewedSinceLastChange(upgraded.sqlite, 'req-2', 'u-super')).toBe(true);
        expect(viewedSinceLastChange(upgraded.sqlite, 'req-1', 'u-super')).toBe(false);
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(old, { recursive: true, force: true });
    }
  });
});

function userId(username: string): string {
  return (sqlite().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
}

/** What a desk of the previous version held: audit rows by call name, decisions with their reasons. */
function legacyDesk(db: Database.Database): void {
  db.exec(`
    INSERT INTO agencies (id, code, name, province_code, created_at) VALUES ('ag', 'UIO', 'CAU', '17', 0);
    INSERT INTO users (id, agency_id, username, display_name, role, password_hash, created_at, updated_at) VALUES
      ('u-clerk', 'ag', 'clerk', 'Clerk', 'ventanillero', 'h', 0, 0), ('u-super', 'ag', 'super', 'Super', 'supervisor', 'h', 0, 0);
    INSERT INTO requests (id, agency_id, number, channel, state, state_since, clerk_id, applicant_kind, employer_ruc, employer_legal_name, created_at, updated_at) VALUES
      ('req-1', 'ag', 'CAU-UIO-2026-000001', 'presencial', 'enviada', 12000, 'u-clerk', 'juridica_privada', '1792060346001', 'X', 1000, 12500),
      ('req-2', 'ag', 'CAU-UIO-2026-000002', 'presencial', 'pendiente_revision', 5000, 'u-clerk', 'juridica_privada', '1792060346001', 'Y', 1000, 5000);
    INSERT INTO request_decisions (id, request_id, at, actor_id, event, reason_code, note) VALUES
      (1, 'req-1', 4000, 'u-clerk', 'iniciar_verificacion', NULL, NULL),
      (2, 'req-1', 6000, 'u-clerk', 'enviar_a_revision', NULL, NULL),
      (3, 'req-1', 8000, 'u-super', 'devolver', 'firma_faltante', 'Falta la firma.'),
      (4, 'req-1', 9000, 'otra_estacion', 'corregir', NULL, 'Corregida allá.'),
      (5, 'req-1', 11000, 'u-super', 'aprobar', NULL, NULL),
      (6, 'req-1', 12000, 'central', 'confirmar_envio', NULL, NULL);
  `);
  const audit = db.prepare("INSERT INTO audit_log (at, actor_id, call, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, 'p', 'h')");
  const rows: [number, string | null, string, string, string][] = [
    [1000, 'u-clerk', 'appointments.checkIn', 'request:req-1', 'ok'],
    [2000, 'u-clerk', 'requests.saveDraft', 'request:req-1', 'ok'],
    [3000, 'u-clerk', 'requests.transition', 'request:req-1', 'conflict'],
    [4000, 'u-clerk', 'requests.startVerification', 'request:req-1', 'ok'],
    [5000, 'u-clerk', 'forms.print', 'request:req-1', 'ok'],
    [6000, 'u-clerk', 'requests.transition', 'request:req-1', 'ok'],
    [7000, 'u-super', 'requests.get', 'request:req-1', 'ok'],
    [7000, 'u-super', 'requests.get', 'request:req-2', 'ok'],
    [8000, 'u-super', 'review.return', 'request:req-1', 'ok'],
    // The pull that relayed another desk's correction, listed; the one that carried central's
    // confirmation is not (central's decision is its own line).
    [10_000, null, 'sync.pull', 'request:req-1', 'ok'],
    // The e-signature verdict an approval rested on, as the audit trail kept it.
    [11_000, 'u-super', 'signatures.verdict', 'request:req-1', 'acuerdo_responsabilidad:valida:revocacion_no_comprobada:excepcion'],
    [11_000, 'u-super', 'review.bulkApprove', 'requests:req-1', 'ok'],
    [12_500, null, 'sync.pull', 'request:req-1', 'ok'],
    [12_600, 'u-super', 'queues.list', 'queue:por_revisar', 'ok'],
  ];
  for (const r of rows) audit.run(...r);
}
