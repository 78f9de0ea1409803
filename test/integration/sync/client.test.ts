// The desk's sync client against the real stand-in central: enrolment and the token, central's
// decisions through the lifecycle and the conflicts they raise, the Ventanilla Virtual, turnos,
// catalogs, employer lookups, Retry-After, timeouts, manual retry, restart, and bad input.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DB_FILE_NAME } from '../../../db/open';
import { ecuadorDate } from '../../../shared/domain/dates';
import { appendOutbox } from '../../../electron/core/counter/store';
import { transaction } from '../../../db/sql';
import { backoffDelay, parseRetryAfter } from '../../../electron/core/sync/backoff';
import { createScheduler } from '../../../electron/core/scheduler';
import { recoverAfterRestart, syncOnce, syncService } from '../../../electron/core/sync';
import { readSyncState } from '../../../electron/core/sync/state';
import { SECRETS_FILE } from '../../../electron/hosts/common/secrets-file';
import { seededDesk } from '../../support/desk';
import { centralAndDesk, ADMIN, central, CLERK, enrol, enrolledDesk, fabricateEvents, FAST, outboxCount, syncUntilClean, unacked } from './support';
import { TINY_JPEG, TINY_PDF } from '../../support/images';
import { COMPANY_INTAKE } from '../../support/intake';

const env = centralAndDesk();

const sqlite = () => env.desk.core.ctx.db.$client;
const ok = <T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};
const stateOf = (id: string) => (sqlite().prepare('SELECT state FROM requests WHERE id = ?').get(id) as { state: string }).state;
// Real files: the desk reads every scan whole (counter/attachments/content.ts).
const JPG = TINY_JPEG;
const PDF = TINY_PDF;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('enrolment', () => {
  test('the token lives in the secrets store only: not in the database, not in the log, not on screen', async () => {
    const token = JSON.parse(fs.readFileSync(path.join(env.desk.dataDir, SECRETS_FILE), 'utf8')).centralSyncToken as string;
    expect(token.length).toBeGreaterThanOrEqual(32);
    for (const file of fs.readdirSync(env.desk.dataDir).filter((f) => f.startsWith(DB_FILE_NAME))) {
      expect(fs.readFileSync(path.join(env.desk.dataDir, file)).includes(token)).toBe(false);
    }
    expect(JSON.stringify(env.desk.logs)).not.toContain(token);
    const status = ok<Record<string, unknown>>(await env.desk.core.call('sync.status', {}, ADMIN));
    expect(JSON.stringify(status)).not.toContain(token);
    expect(status).toMatchObject({ enrolled: true, deviceName: 'Ventanilla de prueba', secretsEncrypted: false });
  });

  test('a used or wrong code is refused in Spanish; only administrators enrol', async () => {
    const other = await seededDesk({ requests: 0 });
    try {
      const code = await env.c.admin.enrolmentCode('UIO');
      expect((await enrol(other, env.c)) && true).toBe(true);
      const reuse = await other.core.call('sync.enrol', { centralUrl: env.c.url, enrolmentCode: code, deviceName: 'X' }, ADMIN);
      expect(reuse.ok).toBe(true);
      const again = await other.core.call('sync.enrol', { centralUrl: env.c.url, enrolmentCode: code, deviceName: 'X' }, ADMIN);
      expect(again).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('no aceptó el código de enrolamiento') } });
      const clerk = await other.core.call('sync.enrol', { centralUrl: env.c.url, enrolmentCode: 'ABCDEF', deviceName: 'X' }, CLERK);
      expect(clerk).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const badUrl = await other.core.call('sync.enrol', { centralUrl: 'ftp://iess', enrolmentCode: 'ABCDEF', deviceName: 'X' }, ADMIN);
      expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('https://') } });
      // Plain http only to this computer: the same rule agencia.json applies.
      const plain = await other.core.call('sync.enrol', { centralUrl: 'http://servicios.iess.gob.ec', enrolmentCode: 'ABCDEF', deviceName: 'X' }, ADMIN);
      expect(plain).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('solo se admite hacia este mismo equipo') } });
    } finally {
      other.dispose();
    }
  });
});

describe("central's decisions go through the lifecycle", () => {
  test('receipt, password issued (masked email) and rejection by central', async () => {
    fabricateEvents(sqlite(), 2, { prefix: 'DEC' });
    const [x, y] = sqlite().prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-DEC%' ORDER BY number").all() as { id: string }[];
    await syncUntilClean(env.desk);
    expect(stateOf(x!.id)).toBe('enviada');
    await env.c.admin.decide(x!.id, 'emitir_clave', { maskedEmail: 'b***@andina.com.ec' });
    await env.c.admin.decide(y!.id, 'rechazo_central', { note: 'El RUC no consta como empleador registrado.' });
    await syncUntilClean(env.desk);
    expect(stateOf(x!.id)).toBe('clave_emitida');
    expect(stateOf(y!.id)).toBe('rechazada_central');
    const notes = sqlite().prepare("SELECT event, note FROM request_decisions WHERE actor_id = 'central' AND request_id IN (?, ?) ORDER BY id").all(x!.id, y!.id);
    expect(notes).toContainEqual({ event: 'emitir_clave', note: 'Clave enviada a b***@andina.com.ec.' });
    expect(notes).toContainEqual({ event: 'rechazo_central', note: 'El RUC no consta como empleador registrado.' });
  });

  test('an e-mail central sends in clear with the key is masked here before it is stored', async () => {
    fabricateEvents(sqlite(), 1, { prefix: 'MSK' });
    const [x] = sqlite().prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-MSK%'").all() as { id: string }[];
    await syncUntilClean(env.desk);
    await env.c.admin.decide(x!.id, 'emitir_clave', { maskedEmail: 'begona.pena@andina.com.ec' });
    await syncUntilClean(env.desk);
    expect(stateOf(x!.id)).toBe('clave_emitida');
    const note = sqlite().prepare("SELECT note FROM request_decisions WHERE request_id = ? AND event = 'emitir_clave'").pluck().get(x!.id) as string;
    expect(note).toBe('Clave enviada a b***@a***.ec.');
    expect(JSON.stringify(sqlite().prepare('SELECT * FROM request_events WHERE request_id = ?').all(x!.id))).not.toContain('begona.pena');
  });

  test('a decision the lifecycle refuses is a visible conflict and changes nothing', async () => {
    const draft = (sqlite().prepare("SELECT id, number FROM requests WHERE state = 'borrador' LIMIT 1").get() as { id: string; number: string });
    const version = (sqlite().prepare('SELECT version FROM requests WHERE id = ?').get(draft.id) as { version: number }).version;
    await env.c.admin.rawChange('UIO', { kind: 'request.decision', requestId: draft.id, event: 'emitir_clave', note: null, maskedEmail: 'x***@y.ec', at: Date.now() });
    await syncUntilClean(env.desk);
    expect(stateOf(draft.id)).toBe('borrador');
    expect(sqlite().prepare('SELECT version FROM requests WHERE id = ?').get(draft.id)).toEqual({ version });
    const conflicts = ok<{ items: { requestNumber: string; reason: string }[] }>(await env.desk.core.call('sync.conflicts', {}, CLERK)).items;
    expect(conflicts[0]).toMatchObject({ requestNumber: draft.number, reason: expect.stringContaining('No se puede «Emitir clave» una solicitud en estado «Borrador»') });
    expect(ok<{ counts: { conflicts: number } }>(await env.desk.core.call('sync.status', {}, CLERK)).counts.conflicts).toBe(1);
  });

  test('an event central rejects stays visible with its reason, acknowledged, never resent in a loop', async () => {
    const draft = (sqlite().prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-DEC%' LIMIT 1").get() as { id: string });
    transaction(sqlite(), (db) => appendOutbox(db, { agencyId: 'agency-uio', requestId: draft.id, type: 'request.transition', payload: { event: 'aprobar', from: 'pendiente_revision', to: 'aprobada', at: 1 }, now: env.desk.clock.now() }));
    await syncUntilClean(env.desk);
    const rejected = ok<{ items: { status: string; lastError: string; event: string }[] }>(await env.desk.core.call('sync.items', { filter: 'rechazados' }, CLERK)).items;
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ status: 'rechazado', event: 'aprobar', lastError: expect.stringMatching(/^Rechazado por el IESS: En el IESS la solicitud está en «Clave emitida», no en «Pendiente de revisión»/) });
  });
});

describe('what central publishes', () => {
  test('a Ventanilla Virtual request arrives at en_verificacion with its scans, checked again here', async () => {
    const good = await env.c.admin.virtual({
      agencyCode: 'UIO',
      intake: COMPANY_INTAKE,
      attachments: [
        { documentType: 'ruc', fileName: 'ruc.pdf', dataBase64: PDF.toString('base64') },
        { documentType: 'cedula_representante', fileName: 'cedula.jpg', dataBase64: JPG.toString('base64') },
      ],
    });
    const bad = await env.c.admin.virtual({ agencyCode: 'UIO', intake: COMPANY_INTAKE, unchecked: true, attachments: [{ documentType: 'ruc', fileName: 'ruc.png', dataBase64: PNG.toString('base64'), mime: 'application/pdf' }] });
    await syncUntilClean(env.desk);
    const row = sqlite().prepare('SELECT channel, state, employer_ruc AS ruc, email FROM requests WHERE id = ?').get(good.requestId);
    expect(row).toEqual({ channel: 'virtual', state: 'en_verificacion', ruc: '1792060346001', email: 'begona.pena@andina.com.ec' });
    const detail = ok<{ attachments: { mime: string; sha256: string }[]; checklist: unknown[] }>(await env.desk.core.call('requests.get', { id: good.requestId }, CLERK));
    expect(detail.attachments.map((a) => a.mime).sort()).toEqual(['application/pdf', 'image/jpeg']);
    expect(detail.checklist.length).toBeGreaterThan(0);
    const scan = ok<{ dataBase64: string }>(await env.desk.core.call('attachments.get', { id: `${good.requestId}-a1` }, CLERK));
    expect(Buffer.from(scan.dataBase64, 'base64').equals(JPG)).toBe(true);
    // The PNG labelled as PDF is refused here too: a conflict, and no request.
    expect(sqlite().prepare('SELECT count(*) AS n FROM requests WHERE id = ?').get(bad.requestId)).toEqual({ n: 0 });
    const conflicts = ok<{ items: { reason: string }[] }>(await env.desk.core.call('sync.conflicts', {}, CLERK)).items;
    expect(conflicts[0]!.reason).toContain('no es un JPG ni un PDF válido; la solicitud virtual no se registró');
  });

  test("today's turnos and catalogs", async () => {
    const today = ecuadorDate(env.desk.clock.now());
    await env.c.admin.turnos('UIO', today, [{ id: 'central-t1', time: '16:40', confirmationCode: 'CPX900001', cedula: '0602910945', names: 'Núñez Ibarra María José', email: 'mj@correo.ec', mobile: '0991234567' }]);
    await env.c.admin.catalog('UIO', 'motivos_rechazo_central', 2, [{ code: 'ruc_inactivo', label: 'RUC inactivo en el SRI' }]);
    await syncUntilClean(env.desk);
    const day = ok<{ items: { confirmationCode: string }[] }>(await env.desk.core.call('appointments.today', {}, CLERK));
    expect(day.items.map((i) => i.confirmationCode)).toContain('CPX900001');
    expect(sqlite().prepare("SELECT version FROM sync_catalogs WHERE name = 'motivos_rechazo_central'").get()).toEqual({ version: 2 });
  });

  test('employer registry lookup by RUC', async () => {
    expect(ok(await env.desk.core.call('sync.lookupEmployer', { ruc: '1792060346001' }, CLERK))).toMatchObject({ found: true, registered: true, legalName: 'Comercial Andina Cía. Ltda.' });
    expect(ok(await env.desk.core.call('sync.lookupEmployer', { ruc: '0190115798001' }, CLERK))).toMatchObject({ found: false });
  });
});

describe('failures: visible, timed, retried', () => {
  test('503 and 429 honour Retry-After; the sync service does not call before', async () => {
    await syncUntilClean(env.desk);
    fabricateEvents(sqlite(), 1, { prefix: 'RA' });
    await env.c.admin.faults({ retryAfterSeconds: 7, next: ['unavailable_503'] });
    const r = await syncOnce(env.desk.core.ctx, FAST);
    expect(r).toMatchObject({ ok: false, retryInMs: 7_000, error: expect.stringContaining('HTTP 503') });
    expect(readSyncState(sqlite()).nextAttemptAt).toBe(env.desk.clock.now() + 7_000);
    const item = ok<{ items: { lastError: string; nextAttemptAt: number }[] }>(await env.desk.core.call('sync.items', { filter: 'fallidos' }, CLERK)).items[0]!;
    expect(item).toMatchObject({ lastError: expect.stringContaining('El servidor pidió esperar 7 s'), nextAttemptAt: env.desk.clock.now() + 7_000 });

    await env.c.admin.faults({ next: ['throttle_429'] });
    // The sync service as a host runs it, paused: each step is one look for work.
    const services = createScheduler(env.desk.core.ctx, [syncService(FAST)]);
    services.start({ paused: true });
    expect(await services.step('sync')).toBeNull(); // still waiting: Retry-After not over
    expect(env.c.faults.config.next).toEqual(['throttle_429']);
    env.desk.clock.advance(7_000);
    expect(await services.step('sync')).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 429') });
    expect(env.c.faults.config.next).toEqual([]);
    expect(readSyncState(sqlite()).nextAttemptAt).toBe(env.desk.clock.now() + 7_000);
    await services.stop();
    expect(readSyncState(sqlite()).lastError).toContain('HTTP 429');
    await env.c.admin.faults({ retryAfterSeconds: 0 });
  });

  test('a call that hangs is abandoned at the timeout and retried without duplicating', async () => {
    await env.c.admin.faults({ stallMs: 1_000, next: ['timeout'] });
    expect(unacked(sqlite())).toBe(5); // left by the Retry-After test
    const r = await syncOnce(env.desk.core.ctx, FAST);
    expect(r).toMatchObject({ ok: false, kind: 'timeout', error: expect.stringContaining('no respondieron a tiempo (más de 0,4 s)') });
    await syncUntilClean(env.desk);
    // Committed once during the stall, answered 'duplicate' on the retry: one key per desk event.
    const stats = await env.c.admin.stats();
    expect(stats.keys).toBe(outboxCount(sqlite()));
    expect(stats.resent).toBeGreaterThanOrEqual(5);
    expect(unacked(sqlite())).toBe(0);
  });

  test('manual "Reintentar" clears the wait; a restart shows in-flight items as pending again', async () => {
    fabricateEvents(sqlite(), 1, { prefix: 'MR' });
    await env.c.admin.faults({ retryAfterSeconds: 600, next: ['unavailable_503'] });
    await syncOnce(env.desk.core.ctx, FAST);
    expect(readSyncState(sqlite()).nextAttemptAt).toBeGreaterThan(env.desk.clock.now());
    const retried = ok<{ retried: number }>(await env.desk.core.call('sync.retry', {}, CLERK));
    expect(retried.retried).toBe(5);
    expect(readSyncState(sqlite()).nextAttemptAt).toBeNull();
    sqlite().prepare("UPDATE outbox SET status = 'enviando' WHERE acked_at IS NULL").run();
    recoverAfterRestart(env.desk.core.ctx);
    const pending = ok<{ items: { status: string; nextAttemptAt: number | null }[] }>(await env.desk.core.call('sync.items', { filter: 'pendientes' }, CLERK)).items;
    expect(pending.map((p) => p.status)).toEqual(['pendiente', 'pendiente', 'pendiente', 'pendiente', 'pendiente']);
    await syncUntilClean(env.desk);
    await env.c.admin.faults({ retryAfterSeconds: 0 });
  });

  test('backoff grows exponentially with jitter, capped; Retry-After as seconds or HTTP date', () => {
    const policy = { baseMs: 1_000, maxMs: 60_000 };
    for (let n = 1; n <= 12; n++) {
      const cap = Math.min(60_000, 1_000 * 2 ** (n - 1));
      expect(backoffDelay(n, policy, () => 0)).toBe(cap / 2);
      expect(backoffDelay(n, policy, () => 1)).toBe(cap);
    }
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 14:00:30 GMT', Date.UTC(2026, 10, 20, 14, 0, 0))).toBe(30_000);
    expect(parseRetryAfter('mañana', 0)).toBeNull();
    expect(parseRetryAfter('999999', 0)).toBe(30 * 60_000);
  });
});

describe('bad input from central: a clear Spanish error on the item, nothing changed', () => {
  const cases = [
    ['malformed_json', 'no es JSON válido'],
    ['wrong_types', 'se esperaba'],
    ['unknown_state', 'valor no reconocido'],
    ['oversize', 'supera el tamaño máximo de 1 MB'],
  ] as const;
  // These answers are about content, not time: a 2 MB answer on a loaded machine may take longer
  // than FAST's 0.4 s, which would report a timeout instead of what is being tested.
  const BAD = { ...FAST, timeoutMs: 15_000, maxResponseBytes: 1_048_576 };

  test.each(cases)('push answered with %s', async (kind, message) => {
    await syncUntilClean(env.desk);
    fabricateEvents(sqlite(), 1, { prefix: `BAD${kind}` });
    await env.c.admin.faults({ oversizeBytes: 2 * 1_048_576, next: [kind] });
    const r = await syncOnce(env.desk.core.ctx, BAD);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining(message) });
    expect(unacked(sqlite())).toBe(5);
    const items = ok<{ items: { lastError: string }[] }>(await env.desk.core.call('sync.items', { filter: 'fallidos' }, CLERK)).items;
    expect(items).toHaveLength(5);
    for (const i of items) expect(i.lastError).toMatch(new RegExp(`^Respuesta inválida de los servicios centrales del IESS: .*${message}.*No se aplicó ningún cambio\\.$`));
    await syncUntilClean(env.desk);
  });

  test.each(cases)('pull answered with %s', async (kind, message) => {
    await syncUntilClean(env.desk);
    const before = readSyncState(sqlite());
    const today = ecuadorDate(env.desk.clock.now());
    await env.c.admin.turnos('UIO', today, [{ id: `t-${kind}`, time: '16:50', confirmationCode: `CPBAD-${kind}`, cedula: '0602910945', names: 'Prueba', email: null, mobile: null }]);
    await env.c.admin.faults({ oversizeBytes: 2 * 1_048_576, next: [kind] });
    const r = await syncOnce(env.desk.core.ctx, BAD);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining(message) });
    const after = readSyncState(sqlite());
    expect([after.pullCursor, after.pullAppliedSeq]).toEqual([before.pullCursor, before.pullAppliedSeq]);
    expect(sqlite().prepare('SELECT count(*) AS n FROM appointments WHERE confirmation_code = ?').get(`CPBAD-${kind}`)).toEqual({ n: 0 });
    expect(ok<{ lastError: string }>(await env.desk.core.call('sync.status', {}, CLERK)).lastError).toContain(message);
    await syncUntilClean(env.desk);
    expect(sqlite().prepare('SELECT count(*) AS n FROM appointments WHERE confirmation_code = ?').get(`CPBAD-${kind}`)).toEqual({ n: 1 });
  });

  test('a bad change at the end of a page checked a slice at a time: nothing of the page is applied, the cursor stays', async () => {
    const other = await central();
    const d = await enrolledDesk(other);
    try {
      const today = ecuadorDate(d.clock.now());
      for (let i = 0; i < 20; i++) {
        await other.admin.rawChange('UIO', { kind: 'appointments.day', date: today, items: [{ id: `t-end-${i}`, time: '16:50', confirmationCode: `CPEND-${i}`, cedula: '0602910945', names: 'Prueba', email: null, mobile: null }] });
      }
      await other.admin.rawChange('UIO', { kind: 'request.decision', requestId: 'r', event: 'emitir_clave_en_el_limbo', note: null, maskedEmail: null, at: 1 });
      const sqlite = d.core.ctx.db.$client;
      const before = readSyncState(sqlite);
      // pullSliceMs 0: each change is checked in a slice of its own, the last one turns after the others passed.
      const r = await syncOnce(d.core.ctx, { ...FAST, pullSliceMs: 0 });
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/«changes\.(\d+)\.event» valor no reconocido.*No se aplicó ningún cambio\.$/) });
      const index = Number(/«changes\.(\d+)\./.exec(r.ok ? '' : (r.error ?? ''))![1]);
      expect(index).toBeGreaterThanOrEqual(20);
      const after = readSyncState(sqlite);
      expect([after.pullCursor, after.pullAppliedSeq]).toEqual([before.pullCursor, before.pullAppliedSeq]);
      expect(sqlite.prepare("SELECT count(*) AS n FROM appointments WHERE confirmation_code LIKE 'CPEND-%'").get()).toEqual({ n: 0 });
      expect(sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
    } finally {
      d.dispose();
      await other.dispose();
    }
  });

  test('a change of unknown kind or an unknown state stops the pull with the reason, never skipped', async () => {
    const other = await central();
    const d = await enrolledDesk(other);
    try {
      await other.admin.rawChange('UIO', { kind: 'request.upsert', originDevice: 'otra', request: { id: 'r1', number: 'CAU-UIO-2026-999999', channel: 'presencial', applicantKind: '', employerRuc: '', employerBranch: '0001', employerLegalName: '', representativeNames: null, email: null, createdAt: 1, state: 'en_el_limbo', stateSince: 1, lastEvent: null, previousState: null } });
      const r = await syncOnce(d.core.ctx, FAST);
      expect(r).toMatchObject({ ok: false, error: expect.stringContaining('«changes.0.request.state» valor no reconocido') });
      expect(d.core.ctx.db.$client.prepare("SELECT count(*) AS n FROM requests WHERE id = 'r1'").get()).toEqual({ n: 0 });
    } finally {
      d.dispose();
      await other.dispose();
    }
  });
});
