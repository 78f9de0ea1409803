// «Registro de extranjero sin cédula» (shared/domain/request-types.ts, registro_extranjero) through
// the core on a real migrated SQLite file and the real central stand-in over HTTP: a walk-in of the
// type, the intake checked against the passport's MRZ, the passport copy and the SUT contract
// verified only with their scans, the Solicitud (LOPDP consent) printed and read back by poppler,
// signed, sent to review, approved by a supervisor, pushed; central assigns the foreigner's code in
// the agency's format, the desk pulls it, and the comprobante printed again shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/contract/counter';
import { setSetting } from '../../electron/core/settings';
import { CSV_SEPARATOR } from '../../electron/core/csv';
import { ecuadorDate } from '../../shared/domain/dates';
import { foreignerView, type PrintableForeigner } from '../../electron/core/forms/foreigner';
import { qrPayloadFor } from '../../electron/core/forms/digest';
import { okCaller, type TestDesk } from '../support/desk';
import { TINY_JPEG, TINY_PDF } from '../support/images';
import { FOREIGNER } from '../support/foreigner';
import { pdfText } from './forms/poppler';
import { receiveForeignerRegistration } from '../central/foreigner-codes';
import { CLERK, central, enrolledDesk, SUPERVISOR, syncUntilClean, type Central } from './sync/support';

let c: Central;
let desk: TestDesk;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c, { requests: 5 });
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: { path: string; message: string }[] } };
const call = okCaller(() => desk, CLERK);
const supervisor = okCaller(() => desk, SUPERVISOR);
async function fails(name: string, input: unknown, auth = CLERK) {
  const r = (await desk.core.call(name, input, auth)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}
const get = (id: string) => call<RequestDetail>('requests.get', { id });
const sqlite = () => desk.core.ctx.db.$client;
const pdfOf = (r: { form: { pdfBase64: string } }) => Buffer.from(r.form.pdfBase64, 'base64');


let id = '';

describe('a foreigner without cédula registered at the counter, reviewed and coded by central', () => {
  it('opens as a walk-in of its type; the employer calls refuse it; bad input changes nothing', async () => {
    ({ requestId: id } = await call<{ requestId: string }>('appointments.walkIn', {
      reason: 'Trabajador extranjero sin turno en línea',
      supervisorUsername: 'supervisora',
      supervisorPassword: 'Super.Demo.2026',
      requestType: 'registro_extranjero',
    }));
    const detail = await get(id);
    expect(detail.requestType).toBe('registro_extranjero');
    expect(detail.foreignerRegistration).toEqual({ data: expect.objectContaining({ mrz: '', names: '' }), foreignerCode: null });
    expect(await fails('requests.saveDraft', { id, version: detail.version, intake: {} })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Registro de extranjero') });
    expect(await fails('forms.print', { id, version: detail.version })).toMatchObject({ code: 'invalid_input' });
    expect(await fails('requests.saveForeignerRegistration', { id, version: detail.version, data: { sex: 'Q' } })).toMatchObject({ code: 'invalid_input' });
    expect((await get(id)).version).toBe(detail.version);
  });

  it('checks the data against the passport zone, field by field, before the checklist opens', async () => {
    let { version } = await get(id);
    version = (await call<{ version: number }>('requests.saveForeignerRegistration', { id, version, data: { ...FOREIGNER, birthDate: '1988-02-04', employerRuc: '1792060346000' } })).version;
    const wrong = await fails('requests.startForeignerVerification', { id, version });
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.fields?.map((f) => f.path).sort()).toEqual(['data.birthDate', 'data.employerRuc']);
    expect((await get(id)).state).toBe('borrador');
    version = (await call<{ version: number }>('requests.saveForeignerRegistration', { id, version, data: FOREIGNER })).version;
    const started = await call<{ version: number; state: string }>('requests.startForeignerVerification', { id, version });
    expect(started.state).toBe('en_verificacion');
    const detail = await get(id);
    expect(detail.checklist.map((d) => [d.documentType, d.signature, d.origin])).toEqual([
      ['copia_pasaporte', null, null],
      ['contrato_sut', null, null],
      ['solicitud_registro_extranjero', 'manuscrita', 'impreso'],
    ]);
    expect(detail.foreignerRegistration?.data).toMatchObject({ passportNumber: 'C01X00T47', nationality: 'D', names: 'Müller José Andrés' });
    // Once verification started the data are frozen.
    expect(await fails('requests.saveForeignerRegistration', { id, version: detail.version, data: FOREIGNER })).toMatchObject({ code: 'conflict' });
  });

  it('verifies the passport copy and the SUT contract only with their scans, prints the Solicitud with the LOPDP consent, and sends it to review once signed', async () => {
    let { version } = await get(id);
    const verify = (documentType: string, v: number) => call<{ version: number }>('requests.verifyDocument', { id, version: v, documentType, presented: true, presentedAs: null, checks: {}, status: 'verificado', rejectionReason: null, note: null });
    const unscanned = await fails('requests.verifyDocument', { id, version, documentType: 'copia_pasaporte', presented: true, presentedAs: null, checks: {}, status: 'verificado', rejectionReason: null, note: null });
    expect(unscanned.message).toContain('escanéela');
    await call('attachments.add', { requestId: id, documentType: 'copia_pasaporte', fileName: 'pasaporte color.jpg', dataBase64: TINY_JPEG.toString('base64') });
    await call('attachments.add', { requestId: id, documentType: 'contrato_sut', fileName: 'contrato SUT.pdf', dataBase64: TINY_PDF.toString('base64') });
    version = (await get(id)).version;
    version = (await verify('copia_pasaporte', version)).version;
    version = (await verify('contrato_sut', version)).version;
    // The signed request is printed here first (002:14: in person).
    expect(await fails('requests.transition', { id, version, event: 'enviar_a_revision' })).toMatchObject({ code: 'conflict' });
    const printed = await call<{ version: number; state: string; reprint: boolean; form: { kind: string; pdfBase64: string } }>('forms.printForeignerRequest', { id, version });
    expect(printed).toMatchObject({ state: 'pendiente_firma', reprint: false, form: { kind: 'solicitud_extranjero' } });
    const text = pdfText(pdfOf(printed));
    for (const s of ['Solicitud de registro de extranjero', 'Müller José Andrés', 'C01X00T47', 'Alemania', '03/02/1988', 'SUT-2024-884512', 'Ingeniero de procesos', 'Ley Orgánica de Protección de Datos Personales', 'Firma del solicitante']) expect(text).toContain(s);
    version = printed.version;
    // A reprint is the archived paper, byte for byte, with its reason.
    const again = await call<{ reprint: boolean; form: { pdfBase64: string } }>('forms.printForeignerRequest', { id, version, reprintReason: 'Atasco de la impresora' });
    expect(again.reprint).toBe(true);
    expect(pdfOf(again).equals(pdfOf(printed))).toBe(true);
    version = (await verify('solicitud_registro_extranjero', version)).version;
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: 'solicitud_registro_extranjero', marked: true })).version;
    // No e-mail is asked of this type (002:7 gives it online, later): it goes to review without one.
    const sent = await call<{ state: string }>('requests.transition', { id, version, event: 'enviar_a_revision' });
    expect(sent.state).toBe('pendiente_revision');
  });

  it('hands a comprobante with the code pending; the supervisor (not the clerk) approves, seeing the data and the scans', async () => {
    const receipt = await call<{ reprint: boolean; form: { pdfBase64: string } }>('forms.printForeignerReceipt', { id });
    expect(receipt.reprint).toBe(false);
    expect(pdfText(pdfOf(receipt))).toContain('PENDIENTE: el IESS asigna el código');
    const { version } = await get(id);
    expect(await fails('review.approve', { id, version })).toMatchObject({ code: 'forbidden' });
    const seen = await supervisor<RequestDetail>('requests.get', { id });
    expect(seen.foreignerRegistration?.data.names).toBe('Müller José Andrés');
    expect(seen.attachments.map((a) => a.documentType).sort()).toEqual(['contrato_sut', 'copia_pasaporte']);
    // «Ver formularios impresos»: both papers as archived, and every print of the Solicitud.
    const papers = await supervisor<{ forms: { kind: string; title: string; pdfBase64: string }[]; prints: { reprint: boolean; reason: string | null }[] }>('forms.get', { id });
    expect(papers.forms.map((f) => [f.kind, f.title])).toEqual([
      ['solicitud_extranjero', 'Solicitud de registro de extranjero'],
      ['comprobante_extranjero', 'Comprobante de registro de extranjero'],
    ]);
    expect(Buffer.from(papers.forms[1]!.pdfBase64, 'base64').equals(pdfOf(receipt))).toBe(true);
    expect(papers.prints.map((p) => [p.reprint, p.reason])).toEqual([
      [false, null],
      [true, 'Atasco de la impresora'],
    ]);
    expect(await supervisor<{ state: string }>('review.approve', { id, version })).toMatchObject({ state: 'aprobada' });
    const event = sqlite().prepare("SELECT payload FROM outbox WHERE request_id = ? AND type = 'foreigner.registration'").pluck().get(id) as string;
    expect(JSON.parse(event)).toMatchObject({ passportNumber: 'C01X00T47', nationality: 'D', employerRuc: '1792060346001', contractNumber: 'SUT-2024-884512' });
  });

  it('takes central’s code only in the format the agency configured; then the request and the comprobante show it', async () => {
    await c.admin.options({ foreignerCodeFormats: { UIO: 'EC########' } });
    // The agency expects eight digits: central's EC… code is refused and recorded, nothing changes.
    setSetting(desk.core.ctx.db, 'ops.foreignerCodePattern', '[0-9]{8}');
    await syncUntilClean(desk);
    const assigned = await c.admin.foreignerRegistration(id);
    expect(assigned).toMatchObject({ passport: 'C01X00T47', nationality: 'D', code: 'EC00000001', names: 'Müller José Andrés' });
    expect((await get(id)).state).toBe('enviada');
    const conflict = sqlite().prepare("SELECT reason FROM sync_conflicts WHERE request_id = ? AND event = 'asignar_codigo'").pluck().get(id) as string;
    expect(conflict).toContain('formato configurado');
    // With the agency's pattern matching central's format, the code (sent again) is recorded.
    setSetting(desk.core.ctx.db, 'ops.foreignerCodePattern', 'EC[0-9]{8}');
    await c.admin.rawChange('UIO', { kind: 'request.decision', requestId: id, event: 'asignar_codigo', note: null, maskedEmail: null, foreignerCode: 'EC00000001', at: Date.now() });
    await syncUntilClean(desk);
    const done = await get(id);
    expect(done.state).toBe('completada');
    expect(done.foreignerRegistration?.foreignerCode).toBe('EC00000001');
    expect(done.history.some((h) => h.event === 'asignar_codigo')).toBe(true);
    // The comprobante printed again (with its reason) now carries the code, and its QR checks out.
    expect(await fails('forms.printForeignerReceipt', { id })).toMatchObject({ code: 'invalid_input' });
    const receipt = await call<{ reprint: boolean; form: { pdfBase64: string } }>('forms.printForeignerReceipt', { id, reprintReason: 'Código asignado por el IESS' });
    const text = pdfText(pdfOf(receipt));
    expect(text).toContain('Código asignado por el IESS EC00000001');
    expect(text).toContain('Generar / Recuperar clave');
    const snapshot = JSON.parse(sqlite().prepare("SELECT snapshot FROM form_prints WHERE request_id = ? AND kind = 'comprobante_extranjero' ORDER BY id DESC LIMIT 1").pluck().get(id) as string) as PrintableForeigner;
    expect(await call('forms.verifyQr', { payload: qrPayloadFor(foreignerView('comprobante_extranjero', snapshot), id) })).toMatchObject({ valid: true, outcome: 'autentico' });
    const altered = qrPayloadFor(foreignerView('comprobante_extranjero', { ...snapshot, foreignerCode: 'EC99999999' }), id);
    expect(await call('forms.verifyQr', { payload: altered })).toMatchObject({ valid: false, outcome: 'alterado' });
  });

  it('counts on the end-of-day report in its own column, for the clerk, the agency and the desk (screen, CSV, PDF)', async () => {
    const date = ecuadorDate(desk.core.ctx.clock.now());
    type Figures = { foreignerRegistrations: number; received: number };
    const report = await supervisor<{ total: Figures; perClerk: (Figures & { name: string })[]; perDesk: Figures[] }>('reports.endOfDay', { date });
    expect(report.total.foreignerRegistrations).toBe(1);
    expect(report.total.received).toBeGreaterThanOrEqual(1);
    expect(report.perClerk.filter((c) => c.foreignerRegistrations === 1)).toHaveLength(1);
    expect(report.perDesk.reduce((n, d) => n + d.foreignerRegistrations, 0)).toBe(1);
    const file = async (format: 'csv' | 'pdf') => Buffer.from((await supervisor<{ dataBase64: string }>('reports.endOfDayFile', { date, format })).dataBase64, 'base64');
    const [header, ...rows] = (await file('csv')).toString('utf8').trim().split('\r\n').map((line) => line.split(CSV_SEPARATOR));
    const column = header!.indexOf('registros_de_extranjero');
    expect(column).toBeGreaterThan(0);
    expect(rows.find((r) => r.includes('TOTAL AGENCIA'))![column]).toBe('1');
    expect(pdfText(await file('pdf'), { raw: true })).toContain('Registros de extranjero');
  });

  it('refuses a code for a request that is not a foreigner’s registration awaiting it', async () => {
    // An employer's trámite in the very state a code arrives in (enviada): only its type tells them apart.
    const target = sqlite().prepare("SELECT id FROM requests WHERE request_type = 'clave_patronal' LIMIT 1").get() as { id: string };
    sqlite().prepare("UPDATE requests SET state = 'enviada' WHERE id = ?").run(target.id);
    await c.admin.rawChange('UIO', { kind: 'request.decision', requestId: target.id, event: 'asignar_codigo', note: null, maskedEmail: null, foreignerCode: 'EC00000002', at: Date.now() });
    // Central itself refuses to assign a code to the completed registration again, or to an employer's trámite.
    await expect(c.admin.decide(id, 'asignar_codigo', { foreignerCode: 'EC00000003' })).rejects.toThrow(/409/);
    await syncUntilClean(desk);
    const row = sqlite().prepare('SELECT state, foreigner_code AS code FROM requests WHERE id = ?').get(target.id) as { state: string; code: string | null };
    expect(row).toEqual({ state: 'enviada', code: null });
    expect(sqlite().prepare("SELECT count(*) FROM sync_conflicts WHERE request_id = ? AND event = 'asignar_codigo'").pluck().get(target.id)).toBe(1);
  });

  it('central refuses a foreigner.registration for a request of another type, or of another agency', () => {
    // An employer's trámite central holds, approved as a foreigner's would be.
    const other = { id: '0193f1a0-0000-7000-8000-00000000e001', number: 'CAU-UIO-2026-01-009999' };
    c.store.db
      .prepare("INSERT INTO requests (id, agency_code, number, channel, state, state_since, origin_device, snapshot, updated_at) VALUES (?, 'UIO', ?, 'presencial', 'enviada', 1, NULL, ?, 1)")
      .run(other.id, other.number, JSON.stringify({ id: other.id, number: other.number, requestType: 'clave_patronal' }));
    const payload = { ...FOREIGNER, at: Date.now(), nationality: 'D', sex: 'M' as const };
    const { mrz: _mrz, ...fields } = payload;
    expect(receiveForeignerRegistration(c.store, 'UIO', other.id, { ...fields, number: other.number }, Date.now())).toContain('no es de registro de extranjero');
    const mine = c.store.request(id)!;
    expect(receiveForeignerRegistration(c.store, 'GYE', id, { ...fields, number: mine.number }, Date.now())).toContain('no corresponde');
    expect(c.store.db.prepare('SELECT count(*) FROM foreigner_registrations').pluck().get()).toBe(1);
  });
});
