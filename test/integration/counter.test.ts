import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRuc } from '../../shared/domain';
import type { IntakeDraft } from '../../shared/domain/intake';
import type { RequestDetail } from '../../shared/contract/counter';
import { attachmentPath } from '../../electron/core/counter/attachments/files';
import type { Auth } from '../../electron/core/registry';
import { okCaller, seededDesk, type TestDesk } from '../support/desk';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const OTHER_CLERK: Auth = { kind: 'cli', username: 'ventanilla2' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;

beforeAll(async () => {
  desk = await seededDesk({ requests: 30 });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: { path: string; message: string }[] } };
const call = okCaller(() => desk, CLERK);
const fails = async (name: string, input: unknown, auth: Auth = CLERK) => {
  const r = (await desk.core.call(name, input, auth)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
};
const get = (id: string, auth: Auth = CLERK) => call<RequestDetail>('requests.get', { id }, auth);
const sqlite = () => desk.core.ctx.db.$client;
const appointment = (i: number) =>
  sqlite().prepare("SELECT id, confirmation_code AS code, cedula, names FROM appointments WHERE agency_id = 'agency-uio' ORDER BY time LIMIT 1 OFFSET ?").get(i) as { id: string; code: string; cedula: string; names: string };

const COMPANY: IntakeDraft = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '1',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Peña Muñoz Begoña',
  representativeNationality: 'ECU',
  email: 'begona.pena@andina.com.ec',
  mobile: '0991234567',
  address: 'Av. Amazonas N24-12 y Colón, Quito',
  viaThirdParty: true,
  thirdPartyNames: 'Quishpe Guamán José Luis',
  thirdPartyCedula: '0602910945',
};

async function newDraft(intake: IntakeDraft, appointmentIndex: number): Promise<{ id: string; version: number }> {
  const { requestId } = await call<{ requestId: string }>('appointments.checkIn', { query: appointment(appointmentIndex).code });
  const detail = await get(requestId);
  const saved = await call<{ version: number }>('requests.saveDraft', { id: requestId, version: detail.version, intake });
  return { id: requestId, version: saved.version };
}

describe('turnos', () => {
  it('checks a turno in by confirmation code, prefilled with who booked it, and only once', async () => {
    const a = appointment(0);
    const first = await call<{ requestId: string; alreadyCheckedIn: boolean }>('appointments.checkIn', { query: a.code.toLowerCase() });
    expect(first.alreadyCheckedIn).toBe(false);
    const detail = await get(first.requestId);
    expect(detail).toMatchObject({ state: 'borrador', channel: 'presencial', number: expect.stringMatching(/^CAU-UIO-2026-\d{6}$/), appointment: { confirmationCode: a.code } });
    expect(detail.intake).toMatchObject({ representativeIdNumber: a.cedula, representativeNames: a.names });
    const again = await call<{ requestId: string; alreadyCheckedIn: boolean }>('appointments.checkIn', { query: a.cedula });
    expect(again).toMatchObject({ requestId: first.requestId, alreadyCheckedIn: true });
    expect(sqlite().prepare('SELECT status, request_id AS requestId FROM appointments WHERE id = ?').get(a.id)).toEqual({ status: 'atendido', requestId: first.requestId });
  });

  it('warns at check-in and walk-in once more requests wait for review than the agency allows (at the cap: no warning)', async () => {
    const waiting = (sqlite().prepare("SELECT count(*) AS n FROM requests WHERE agency_id = 'agency-uio' AND state = 'pendiente_revision'").get() as { n: number }).n;
    expect(waiting).toBeGreaterThan(1);
    const cap = (n: number) => sqlite().prepare("INSERT INTO settings (key, value) VALUES ('maxPendingReview', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(n));
    // After MOSIP: "a maximum of items pending review, past which new intakes warn".
    cap(waiting);
    expect((await call<{ warning: string | null }>('appointments.checkIn', { query: appointment(13).code })).warning).toBeNull();
    cap(waiting - 1);
    const r = await call<{ warning: string | null }>('appointments.checkIn', { query: appointment(13).code });
    expect(r.warning).toBe(`Hay ${waiting} solicitudes esperando revisión del supervisor, más que el máximo configurado (${waiting - 1}). Atienda normalmente y avise al supervisor.`);
    const walkIn = await call<{ requestId: string; warning: string | null }>('appointments.walkIn', { reason: 'Adulto mayor sin acceso a internet para agendar', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026' });
    expect(walkIn.warning).toContain('más que el máximo configurado');
    // A warning, not a block: the request was created.
    expect((await get(walkIn.requestId)).state).toBe('borrador');
    sqlite().prepare("DELETE FROM settings WHERE key = 'maxPendingReview'").run();
    expect((await call<{ warning: string | null }>('appointments.checkIn', { query: appointment(13).code })).warning).toBeNull();
  });

  it('finds a turno by its cédula typed with spaces or a dash before the check digit', async () => {
    const a = appointment(14);
    expect(a.cedula).toMatch(/^\d{10}$/);
    const dashed = `${a.cedula.slice(0, 9)}-${a.cedula.slice(9)}`;
    const first = await call<{ requestId: string; alreadyCheckedIn: boolean }>('appointments.checkIn', { query: dashed });
    expect(first.alreadyCheckedIn).toBe(false);
    expect((await get(first.requestId)).intake).toMatchObject({ representativeIdNumber: a.cedula });
    const spaced = ` ${a.cedula.slice(0, 4)} ${a.cedula.slice(4, 7)} ${a.cedula.slice(7)} `;
    expect(await call('appointments.checkIn', { query: spaced })).toMatchObject({ requestId: first.requestId, alreadyCheckedIn: true });
    // Unicode dash as copied from a document.
    expect(await call('appointments.checkIn', { query: `${a.cedula.slice(0, 9)}–${a.cedula.slice(9)}` })).toMatchObject({ requestId: first.requestId });
  });

  it('answers an unknown code in Spanish, and a no-show cannot be checked in', async () => {
    expect(await fails('appointments.checkIn', { query: 'CP000000' })).toMatchObject({ code: 'not_found', message: expect.stringContaining('No hay turno para hoy') });
    const a = appointment(1);
    await call('appointments.markNoShow', { appointmentId: a.id });
    expect(await fails('appointments.checkIn', { query: a.code })).toMatchObject({ code: 'conflict', message: expect.stringContaining('no asistió') });
    expect(await fails('appointments.markNoShow', { appointmentId: appointment(0).id })).toMatchObject({ code: 'conflict' });
  });

  it('lets a walk-in through only with a supervisor of the agency and a reason', async () => {
    const input = { reason: 'Adulto mayor sin acceso a internet para agendar', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026' };
    expect(await fails('appointments.walkIn', { ...input, reason: 'corto' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('motivo') });
    expect(await fails('appointments.walkIn', { ...input, supervisorUsername: 'ventanilla2', supervisorPassword: 'Ventanilla.Demo.2026' })).toMatchObject({ code: 'forbidden' });
    expect(await fails('appointments.walkIn', { ...input, supervisorPassword: 'otra' })).toMatchObject({ code: 'authorization_failed' });
    const { requestId } = await call<{ requestId: string }>('appointments.walkIn', input);
    expect((await get(requestId)).walkIn).toEqual({ authorizedBy: 'Mónica Peña Yánez', reason: input.reason });
  });
});

describe('intake drafts', () => {
  it('saves as the clerk types, refuses a stale version and another clerk, lets a supervisor take over', async () => {
    const { id, version } = await newDraft({ applicantKind: 'juridica_privada', employerRuc: '17920603' }, 2);
    expect((await get(id)).intake.employerRuc).toBe('17920603');
    expect(await fails('requests.saveDraft', { id, version: version - 1, intake: { employerRuc: '1792060346001' } })).toMatchObject({ code: 'conflict', message: expect.stringContaining('otra ventana') });
    expect(await fails('requests.saveDraft', { id, version, intake: {} }, OTHER_CLERK)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('otro ventanillero') });
    const saved = await call<{ version: number }>('requests.saveDraft', { id, version, intake: { ...COMPANY } }, SUPERVISOR);
    expect(saved.version).toBe(version + 1);
    expect((await get(id)).intake).toMatchObject({ employerLegalName: 'Comercial Andina Cía. Ltda.', representativeNames: 'Peña Muñoz Begoña' });
  });

  it('rejects a malformed draft without saving anything', async () => {
    const { id, version } = await newDraft({}, 3);
    const error = await fails('requests.saveDraft', { id, version, intake: { applicantKind: 'empresa', email: 42 } });
    expect(error.code).toBe('invalid_input');
    expect((await get(id)).version).toBe(version);
  });

  it('shows open requests of the same RUC and branch before a new one is made', async () => {
    const { id } = await newDraft(COMPANY, 4);
    const { items } = await call<{ items: { id: string }[] }>('requests.findOpenByEmployer', { ruc: '1792060346001', branch: '1', excludeId: id });
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.map((i) => i.id)).not.toContain(id);
  });
});

describe('verification', () => {
  it('refuses to start with incomplete data, naming each field in Spanish', async () => {
    const { id, version } = await newDraft({ applicantKind: 'juridica_privada', employerRuc: '1792060346001' }, 5);
    const error = await fails('requests.startVerification', { id, version });
    expect(error.code).toBe('invalid_input');
    expect(error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['intake.employerLegalName', 'intake.email', 'intake.address']));
    expect((await get(id)).state).toBe('borrador');
  });

  it('asks to acknowledge a company RUC that fails the check digits, then builds the checklist of the profile', async () => {
    const suspicious = [...'0123456789'].map((d) => `179206034${d}001`).find((r) => checkRuc(r).warnings.length > 0)!;
    const { id, version } = await newDraft({ ...COMPANY, employerRuc: suspicious }, 6);
    const error = await fails('requests.startVerification', { id, version });
    expect(error.message).toContain('confirmar con el SRI');
    const started = await call<{ version: number }>('requests.startVerification', { id, version, acknowledgedWarnings: ['ruc.sri_confirm'] });
    const detail = await get(id);
    expect(detail.state).toBe('en_verificacion');
    expect(detail.version).toBe(started.version);
    expect(detail.checklist.map((d) => d.documentType)).toEqual(
      expect.arrayContaining(['solicitud_entrega_clave', 'autorizacion_retiro_contrasena', 'cedula_tercero_autorizado', 'cedula_representante', 'acuerdo_responsabilidad']),
    );
    expect(detail.checklist.find((d) => d.documentType === 'solicitud_entrega_clave')).toMatchObject({ signature: 'manuscrita', citation: expect.stringContaining('seeds/004_b3a097c2fb3b9007.txt:35') });
    expect(detail.acknowledgedWarnings).toEqual(['ruc.sri_confirm']);
  });

  it('verifies and rejects documents with the rules of the checklist', async () => {
    const { id, version } = await newDraft(COMPANY, 7);
    let v = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
    const verify = (documentType: string, extra: object) => desk.core.call('requests.verifyDocument', { id, version: v, documentType, ...extra }, CLERK) as Promise<R>;
    expect(await verify('cedula_representante', { presented: false, status: 'verificado' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('fue presentado') } });
    expect(await verify('cedula_representante', { presented: true, status: 'verificado', checks: { namesMatch: false } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('sin confirmar') } });
    const ok = await verify('cedula_representante', { presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } });
    expect(ok.ok).toBe(true);
    v = (ok as { value: { version: number } }).value.version;
    expect(await verify('pasaporte', { presented: true, status: 'verificado' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('no es un requisito') } });
    expect(await verify('cedula_tercero_autorizado', { presented: true, status: 'rechazado', rejectionReason: 'otro' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('observación') } });
    const rejected = await verify('cedula_tercero_autorizado', { presented: true, status: 'rechazado', rejectionReason: 'ilegible' });
    expect(rejected.ok).toBe(true);
    const detail = await get(id);
    expect(detail.checklist.find((d) => d.documentType === 'cedula_representante')).toMatchObject({ status: 'verificado', presentedAs: 'original', checks: { numberValid: true, namesMatch: true } });
    expect(detail.checklist.find((d) => d.documentType === 'cedula_tercero_autorizado')).toMatchObject({ status: 'rechazado', rejectionReason: 'ilegible' });
  });

  it('a presencial request cannot go to review before its forms are printed and signed', async () => {
    const { id, version } = await newDraft(COMPANY, 8);
    const v = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
    const error = await fails('requests.transition', { id, version: v, event: 'enviar_a_revision' });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/imprim/i);
  });

  it('rejects at the counter with a catalogued reason, recorded with the outbox event in one go', async () => {
    const draft = await newDraft(COMPANY, 9);
    const id = draft.id;
    const version = (await call<{ version: number }>('requests.startVerification', draft)).version;
    const outboxBefore = (sqlite().prepare('SELECT count(*) AS n FROM outbox WHERE request_id = ?').get(id) as { n: number }).n;
    expect(await fails('requests.transition', { id, version, event: 'rechazar' })).toMatchObject({ code: 'conflict', message: expect.stringContaining('motivo') });
    const r = await call<{ state: string }>('requests.transition', { id, version, event: 'rechazar', reasonCode: 'empleador_no_registrado' });
    expect(r.state).toBe('rechazada');
    expect(sqlite().prepare('SELECT event, reason_code AS reasonCode FROM request_decisions WHERE request_id = ? ORDER BY id').all(id)).toEqual([
      { event: 'iniciar_verificacion', reasonCode: null },
      { event: 'rechazar', reasonCode: 'empleador_no_registrado' },
    ]);
    expect((sqlite().prepare('SELECT count(*) AS n FROM outbox WHERE request_id = ?').get(id) as { n: number }).n).toBe(outboxBefore + 1);
    const history = (await get(id)).history;
    expect(history.map((h) => h.activity)).toEqual(expect.arrayContaining(['turno_atendido', 'datos_guardados', 'cambio_estado']));
    // The refused attempt (no reason) and the rejection, each saying which event it was.
    expect(history.filter((h) => h.activity === 'cambio_estado')).toEqual([
      expect.objectContaining({ event: null, outcome: 'conflict', reasonCode: null }),
      expect.objectContaining({ event: 'rechazar', outcome: 'ok', reasonCode: 'empleador_no_registrado', source: 'user', actor: 'José Muñoz Quishpe' }),
    ]);
  });

  it('cancels only with a note', async () => {
    const { id, version } = await newDraft(COMPANY, 10);
    expect(await fails('requests.transition', { id, version, event: 'anular' })).toMatchObject({ code: 'conflict' });
    expect(await call('requests.transition', { id, version, event: 'anular', note: 'El solicitante se retiró antes de completar el trámite.' })).toMatchObject({ state: 'anulada' });
    expect((await get(id)).history.at(-1)).toMatchObject({ activity: 'cambio_estado', event: 'anular', note: 'El solicitante se retiró antes de completar el trámite.', outcome: 'ok' });
  });
});

describe('attachments', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d494441547801633851a1f11f0005dc02687ae21b030000000049454e44ae426082', 'hex');
  const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

  it('stores a scan under a generated name, owner-only, with its SHA-256, and serves it back', async () => {
    const { id } = await newDraft(COMPANY, 11);
    const added = await call<{ id: string; mime: string; sha256: string; size: number }>('attachments.add', { requestId: id, documentType: 'cedula_representante', fileName: 'cédula Peña.png', dataBase64: PNG.toString('base64') });
    expect(added).toMatchObject({ mime: 'image/png', size: PNG.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = attachmentPath(desk.dataDir, added.id, 'image/png');
    expect(fs.readFileSync(file).equals(PNG)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const back = await call<{ dataBase64: string; fileName: string }>('attachments.get', { id: added.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(PNG)).toBe(true);
    expect(back.fileName).toBe('cédula Peña.png');
    fs.writeFileSync(file, Buffer.concat([PNG, Buffer.from('x')]));
    expect(await fails('attachments.get', { id: added.id })).toMatchObject({ code: 'conflict', message: expect.stringContaining('alterado') });
  });

  it('judges the type by content and caps the size, changing nothing on refusal', async () => {
    const { id } = await newDraft(COMPANY, 12);
    const count = () => (sqlite().prepare('SELECT count(*) AS n FROM attachments WHERE request_id = ?').get(id) as { n: number }).n;
    expect(await fails('attachments.add', { requestId: id, documentType: 'cedula_representante', fileName: 'cedula.pdf', dataBase64: EXE.toString('base64') })).toMatchObject({
      code: 'invalid_input',
      message: 'Solo se admiten archivos JPG, PNG o PDF (se revisa el contenido, no el nombre).',
    });
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1_048_576)]);
    expect(await fails('attachments.add', { requestId: id, documentType: 'ruc', fileName: 'ruc.pdf', dataBase64: big.toString('base64') })).toMatchObject({ message: expect.stringContaining('el máximo permitido es 5 MB') });
    expect(await fails('attachments.add', { requestId: id, documentType: 'ruc', fileName: 'x.pdf', dataBase64: '%%%' })).toMatchObject({ code: 'invalid_input' });
    expect(count()).toBe(0);
  });
});
