// «Actualización presencial de datos de contacto» (shared/domain/request-types.ts) through the core
// on a real migrated SQLite file and the real central stand-in over HTTP: a turno of that type
// opens it, the core re-checks the data as the employer intake does (cédula, e-mail, mobile), the
// e-mail is proven with central's code, the constancia is printed (read back by poppler) and signed,
// the trámite closes at the counter without review, and central holds the new contact data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/contract/counter';
import { ecuadorDate } from '../../shared/domain/dates';
import { okCaller, type TestDesk } from '../support/desk';
import { pdfText } from './forms/poppler';
import { TOKEN_SECRET } from '../../electron/core/sync/state';
import { constanciaView, type PrintableConstancia } from '../../electron/core/forms/constancia';
import { qrPayloadFor } from '../../electron/core/forms/digest';
import { ADMIN, CLERK, central, enrolledDesk, SUPERVISOR, syncUntilClean, type Central } from './sync/support';

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
async function fails(name: string, input: unknown) {
  const r = (await desk.core.call(name, input, CLERK)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}
const get = (id: string) => call<RequestDetail>('requests.get', { id });
const sqlite = () => desk.core.ctx.db.$client;

const AFFILIATE = { affiliateKind: 'jubilado', idType: 'cedula', idNumber: '1714307103', names: 'Pérez Guamán María José', email: 'maria.perez@gmail.com', mobile: '099 123 4567', landline: '(02) 234-5678' } as const;

async function lastCode(email: string): Promise<string> {
  const mails = await c.admin.mailbox(email);
  return /\b(\d{6})\b/.exec(mails.at(-1)?.body ?? '')?.[1] ?? '';
}

describe('contact update at the counter, synced to central', () => {
  it('a turno of the type opens the trámite of its type; the employer calls refuse it', async () => {
    const today = ecuadorDate(desk.core.ctx.clock.now());
    await c.admin.turnos('UIO', today, [
      { id: '0193f1a0-0000-7000-8000-00000000c001', time: '08:05', confirmationCode: 'CONT01', cedula: '1714307103', names: 'Pérez Guamán María José', email: null, mobile: null, requestType: 'actualizacion_contacto' },
    ]);
    await syncUntilClean(desk);
    const turnos = await call<{ items: { confirmationCode: string; requestType: string }[] }>('appointments.today', {});
    expect(turnos.items.find((t) => t.confirmationCode === 'CONT01')?.requestType).toBe('actualizacion_contacto');
    const { requestId } = await call<{ requestId: string }>('appointments.checkIn', { query: 'CONT01' });
    const detail = await get(requestId);
    expect(detail.requestType).toBe('actualizacion_contacto');
    expect(detail.contactUpdate).toMatchObject({ idType: 'cedula', idNumber: '1714307103', names: 'Pérez Guamán María José' });
    // Nothing of the employer's intake, checklist or forms applies to it.
    expect(await fails('requests.saveDraft', { id: requestId, version: detail.version, intake: {} })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Actualización presencial') });
    expect(await fails('forms.print', { id: requestId, version: detail.version })).toMatchObject({ code: 'invalid_input' });
    // A list filtered by «Tipo de trámite» finds it, and only trámites of that type.
    const listed = await call<{ items: { id: string; requestType: string }[] }>('requests.list', { requestType: 'actualizacion_contacto' });
    expect(listed.items.map((i) => i.id)).toEqual([requestId]);
    const employer = await call<{ items: { requestType: string }[] }>('requests.list', { requestType: 'clave_patronal' });
    expect(employer.items.length).toBeGreaterThan(0);
    expect(employer.items.every((i) => i.requestType === 'clave_patronal')).toBe(true);
  });

  it('checks the data as the employer intake does, proves the e-mail, prints the constancia, closes without review and reaches central', async () => {
    const id = (sqlite().prepare("SELECT id FROM requests WHERE request_type = 'actualizacion_contacto'").get() as { id: string }).id;
    let version = (await get(id)).version;
    version = (await call<{ version: number }>('requests.saveContactUpdate', { id, version, data: { ...AFFILIATE, idNumber: '1714307104' } })).version;
    // The core's own check: a cédula with a wrong check digit, named by field; nothing printed.
    const wrong = await fails('forms.printConstancia', { id, version });
    expect(wrong).toMatchObject({ code: 'invalid_input' });
    expect(wrong.fields?.map((f) => f.path)).toEqual(['data.idNumber']);
    // The cédula as the clerk copies it off the card, with its dash: the paper, the record and central get the ten digits.
    version = (await call<{ version: number }>('requests.saveContactUpdate', { id, version, data: { ...AFFILIATE, idNumber: '171430710-3' } })).version;
    // The e-mail is proven first (seed 001:25: the «ACTIVACIÓN CLAVE» link arrives there).
    expect(await fails('forms.printConstancia', { id, version })).toMatchObject({ message: expect.stringContaining('Compruebe el correo') });
    version = (await call<{ version: number }>('requests.sendEmailCode', { id, version })).version;
    const proven = await call<{ version: number; status: string }>('requests.confirmEmailCode', { id, version, code: await lastCode('maria.perez@gmail.com') });
    expect(proven.status).toBe('verificado');
    version = proven.version;
    // Not signed yet: it cannot close.
    expect(await fails('requests.completeContactUpdate', { id, version, signed: true })).toMatchObject({ code: 'conflict' });

    const printed = await call<{ version: number; state: string; form: { kind: string; pdfBase64: string; sha256: string } }>('forms.printConstancia', { id, version });
    expect(printed).toMatchObject({ state: 'pendiente_firma', form: { kind: 'constancia_contacto' } });
    const text = pdfText(Buffer.from(printed.form.pdfBase64, 'base64')).replace(/\s+/g, ' ');
    for (const expected of ['Constancia de actualización de datos de contacto', 'Pérez Guamán María José', '1714307103', 'Jubilado', 'maria.perez@gmail.com', '0991234567', '022345678', 'Comprobado en ventanilla', 'ACTIVACIÓN CLAVE', 'Firma del solicitante']) {
      expect(text).toContain(expected);
    }
    // Its QR (as printed, from the recorded snapshot) is recognized as this agency's constancia; an altered one is not.
    const snapshot = JSON.parse((sqlite().prepare("SELECT snapshot FROM form_prints WHERE request_id = ? AND kind = 'constancia_contacto'").get(id) as { snapshot: string }).snapshot) as PrintableConstancia;
    const payload = qrPayloadFor(constanciaView(snapshot), id);
    expect(await call('forms.verifyQr', { payload })).toMatchObject({ valid: true, outcome: 'autentico', kind: 'constancia_contacto', message: expect.stringContaining('Pérez Guamán María José') });
    const altered = qrPayloadFor(constanciaView({ ...snapshot, data: { ...snapshot.data, email: 'otra@gmail.com' } }), id);
    expect(await call('forms.verifyQr', { payload: altered })).toMatchObject({ valid: false, outcome: 'alterado' });
    // The data are frozen once printed, the e-mail's proof with them (the constancia prints it).
    expect(await fails('requests.saveContactUpdate', { id, version: printed.version, data: AFFILIATE })).toMatchObject({ code: 'conflict' });
    expect(await fails('requests.recordEmailUnverified', { id, version: printed.version, reason: 'sin_conexion', note: null })).toMatchObject({ code: 'conflict', message: expect.stringContaining('ya se imprimió') });
    // A reprint needs a reason and is the same bytes.
    const again = await call<{ form: { sha256: string }; reprint: boolean }>('forms.printConstancia', { id, version: printed.version, reprintReason: 'Papel atascado en la impresora' });
    expect(again).toMatchObject({ reprint: true, form: { sha256: printed.form.sha256 } });

    // No supervisor review: the type's lifecycle has no enviar_a_revision.
    const detail = await get(id);
    expect(detail.availableEvents).not.toContain('enviar_a_revision');
    expect(await fails('requests.transition', { id, version: printed.version, event: 'enviar_a_revision' })).toMatchObject({ message: expect.stringContaining('no admite') });
    const done = await call<{ state: string }>('requests.completeContactUpdate', { id, version: printed.version, signed: true });
    expect(done.state).toBe('completada');
    expect((await get(id)).history.some((h) => h.event === 'registrar_actualizacion')).toBe(true);

    expect(await c.admin.affiliateContact('cedula', '1714307103')).toBeNull();
    await syncUntilClean(desk);
    expect(c.store.request(id)?.state).toBe('completada');
    expect(await c.admin.affiliateContact('cedula', '1714307103')).toMatchObject({
      names: 'Pérez Guamán María José',
      email: 'maria.perez@gmail.com',
      mobile: '0991234567',
      landline: '022345678',
      emailProof: 'verificado',
    });
    const refused = sqlite().prepare("SELECT count(*) AS n FROM outbox WHERE request_id = ? AND status = 'rechazado'").get(id) as { n: number };
    expect(refused.n).toBe(0);
    // Another desk of the agency gets its copy as what it is: a contact update, not an employer trámite.
    const other = await enrolledDesk(c, { requests: 1 });
    try {
      await syncUntilClean(other);
      expect(other.core.ctx.db.$client.prepare('SELECT request_type FROM requests WHERE id = ?').pluck().get(id)).toBe('actualizacion_contacto');
    } finally {
      other.dispose();
    }
  });

  it('a walk-in of the type opens it too, as a walk-in or a turno of the foreigner registration opens one of that type', async () => {
    const walk = (requestType: string) =>
      desk.core.call('appointments.walkIn', { reason: 'Afiliado sin turno: perdió el acceso a su correo', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType }, CLERK) as Promise<R>;
    const ok = await walk('actualizacion_contacto');
    expect(ok).toMatchObject({ ok: true });
    if (ok.ok) expect((await get((ok.value as { requestId: string }).requestId)).requestType).toBe('actualizacion_contacto');
    const foreign = await walk('registro_extranjero');
    expect(foreign).toMatchObject({ ok: true });
    if (foreign.ok) expect((await get((foreign.value as { requestId: string }).requestId)).requestType).toBe('registro_extranjero');
    // A turno central booked for it opens one of its type too.
    const today = ecuadorDate(desk.core.ctx.clock.now());
    await c.admin.turnos('UIO', today, [
      { id: '0193f1a0-0000-7000-8000-00000000c001', time: '08:05', confirmationCode: 'CONT01', cedula: '1714307103', names: 'Pérez Guamán María José', email: null, mobile: null, requestType: 'actualizacion_contacto' },
      { id: '0193f1a0-0000-7000-8000-00000000c002', time: '08:25', confirmationCode: 'EXTR01', cedula: '0926687856', names: 'Ochoa Vintimilla Jorge', email: null, mobile: null, requestType: 'registro_extranjero' },
    ]);
    await syncUntilClean(desk);
    const turno = (await desk.core.call('appointments.checkIn', { query: 'EXTR01' }, CLERK)) as R;
    expect(turno).toMatchObject({ ok: true });
    if (turno.ok) expect((await get((turno.value as { requestId: string }).requestId)).requestType).toBe('registro_extranjero');
  });

  it('is on the end-of-day report (screen and CSV), in search by «Tipo de trámite», and its personal data go with retention', async () => {
    const sup = async <T>(name: string, input: unknown): Promise<T> => {
      const r = (await desk.core.call(name, input, SUPERVISOR)) as R;
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const id = (sqlite().prepare("SELECT id FROM requests WHERE request_type = 'actualizacion_contacto' AND state = 'completada'").get() as { id: string }).id;
    const date = ecuadorDate(desk.core.ctx.clock.now());
    const report = await sup<{ total: { contactUpdates: number }; perClerk: { name: string; contactUpdates: number }[]; perDesk: { contactUpdates: number }[] }>('reports.endOfDay', { date });
    expect(report.total.contactUpdates).toBe(1);
    expect(report.perClerk.filter((c) => c.contactUpdates > 0)).toHaveLength(1);
    expect(report.perDesk.reduce((n, d) => n + d.contactUpdates, 0)).toBe(1);
    const csv = Buffer.from((await sup<{ dataBase64: string }>('reports.endOfDayFile', { date, format: 'csv' })).dataBase64, 'base64').toString('utf8');
    expect(csv.split('\n')[0]).toContain('actualizaciones_de_contacto');
    const pdf = pdfText(Buffer.from((await sup<{ dataBase64: string }>('reports.endOfDayFile', { date, format: 'pdf' })).dataBase64, 'base64'), { raw: true });
    expect(pdf).toContain('Actualizaciones de contacto');

    const found = await sup<{ items: { id: string; requestType: string }[] }>('search.requests', { requestType: 'actualizacion_contacto' });
    expect(found.items.map((i) => i.id)).toContain(id);
    expect(found.items.every((i) => i.requestType === 'actualizacion_contacto')).toBe(true);
    const byCedula = await sup<{ items: { id: string }[] }>('search.requests', { text: '1714307103', requestType: 'clave_patronal' });
    expect(byCedula.items.map((i) => i.id)).not.toContain(id);

    // Six years later the purge blanks the affiliate's data, the landline and the event's copy.
    const later = desk.core.ctx.clock.now() - 6 * 365 * 86_400_000;
    sqlite().prepare('UPDATE requests SET state_since = ? WHERE id = ?').run(later, id);
    expect(await desk.core.call('retention.purge', {}, ADMIN)).toMatchObject({ ok: true });
    expect(sqlite().prepare('SELECT representative_id_number AS idNumber, email, mobile, landline FROM requests WHERE id = ?').get(id)).toEqual({ idNumber: null, email: null, mobile: null, landline: null });
    const event = JSON.parse((sqlite().prepare("SELECT payload FROM outbox WHERE request_id = ? AND type = 'contact.updated'").get(id) as { payload: string }).payload) as Record<string, unknown>;
    expect(event).toMatchObject({ number: expect.any(String), affiliateKind: 'jubilado' });
    for (const k of ['idNumber', 'names', 'email', 'mobile', 'landline']) expect(event[k], k).toBeUndefined();
  });

  it('a partial save changes only the fields it sends; the others, and the e-mail proof, stay', async () => {
    const opened = await call<{ requestId: string }>('appointments.walkIn', { reason: 'Afiliada corrige solo su celular', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType: 'actualizacion_contacto' });
    const id = opened.requestId;
    let version = (await get(id)).version;
    version = (await call<{ version: number }>('requests.saveContactUpdate', { id, version, data: AFFILIATE })).version;
    version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version, reason: 'sin_conexion', note: null })).version;
    await call('requests.saveContactUpdate', { id, version, data: { mobile: '0987654321' } });
    const after = await get(id);
    expect(after.contactUpdate).toEqual({ ...AFFILIATE, mobile: '0987654321', landline: '(02) 234-5678' });
    expect(after.emailProof.status).toBe('no_verificado');
    // Sent empty, a field is cleared (the landline is optional).
    await call('requests.saveContactUpdate', { id, version: after.version, data: { landline: '' } });
    expect((await get(id)).contactUpdate).toMatchObject({ names: AFFILIATE.names, email: AFFILIATE.email, landline: '' });
  });

  it('another desk of the agency finishes a contact update printed at the first one, and central gets all of it', async () => {
    const opened = await call<{ requestId: string }>('appointments.walkIn', { reason: 'Derechohabiente actualiza su correo', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType: 'actualizacion_contacto' });
    const id = opened.requestId;
    const data = { ...AFFILIATE, affiliateKind: 'derechohabiente', idNumber: '0926687856', names: 'Ochoa Vintimilla Rosa', email: 'rosa.ochoa@gmail.com' } as const;
    let version = (await get(id)).version;
    version = (await call<{ version: number }>('requests.saveContactUpdate', { id, version, data })).version;
    version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version, reason: 'sin_conexion', note: null })).version;
    expect(await call('forms.printConstancia', { id, version })).toMatchObject({ state: 'pendiente_firma' });
    await syncUntilClean(desk);
    // The affiliate signs at the next window: another desk of the agency, with its own copy.
    const other = await enrolledDesk(c, { requests: 1 });
    try {
      await syncUntilClean(other);
      const atB = okCaller(() => other, CLERK);
      const mirror = await atB<RequestDetail>('requests.get', { id });
      expect(mirror).toMatchObject({ requestType: 'actualizacion_contacto', state: 'pendiente_firma', contactUpdate: { affiliateKind: 'derechohabiente', landline: '022345678', email: 'rosa.ochoa@gmail.com' } });
      expect(await atB<{ state: string }>('requests.completeContactUpdate', { id, version: mirror.version, signed: true })).toMatchObject({ state: 'completada' });
      await syncUntilClean(other);
      expect(c.store.request(id)?.state).toBe('completada');
      expect(await c.admin.affiliateContact('cedula', '0926687856')).toMatchObject({ names: 'Ochoa Vintimilla Rosa', email: 'rosa.ochoa@gmail.com', landline: '022345678', emailProof: 'no_verificado' });
      expect(other.core.ctx.db.$client.prepare("SELECT count(*) FROM outbox WHERE request_id = ? AND status = 'rechazado'").pluck().get(id)).toBe(0);
      // And the first desk learns it was finished there.
      await syncUntilClean(desk);
      expect((await get(id)).state).toBe('completada');
    } finally {
      other.dispose();
    }
  });

  it('shows what central holds for the affiliate, masked by central; nothing personal in the logs or the audit', async () => {
    await c.admin.holdAffiliateContact({ idType: 'cedula', idNumber: '1710034065', names: 'Andrade Ruiz Juan', email: 'juan.andrade@gmail.com', mobile: '0991234512', landline: null });
    const logsBefore = desk.logs.length;
    expect(await call('sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '171003406-5' })).toEqual({ found: true, email: 'j***@g***.com', mobile: '09******12', landline: null });
    expect(await call('sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '0926687856' })).toMatchObject({ found: true, email: 'r***@g***.com', landline: '02*****78' });
    expect(await call('sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '0102030400' })).toMatchObject({ found: false, email: null });
    expect(await fails('sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '1710034066' })).toMatchObject({ code: 'invalid_input' });
    const written = JSON.stringify(desk.logs.slice(logsBefore)) + JSON.stringify(sqlite().prepare("SELECT * FROM audit_log WHERE call = 'sync.lookupAffiliateContact'").all());
    for (const personal of ['1710034065', '0926687856', 'juan.andrade', '0991234512']) expect(written).not.toContain(personal);
    // A desk without central says so (the screen shows «Sin conexión con el IESS»).
    const alone = await enrolledDesk(c, { requests: 1 });
    try {
      alone.core.ctx.secrets.delete(TOKEN_SECRET);
      const r = (await alone.core.call('sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '1710034065' }, CLERK)) as R;
      expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      alone.dispose();
    }
  });
});
