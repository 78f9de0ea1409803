// What the official sheet says, through the core and the real stand-in central over HTTP: papers
// brought signed or printed here (docs/seeds/004_…:35-41) and who signs what, the active e-mail
// proven with central's code (line 43), the foreigner code only for foreigners registered in the
// IESS (line 63), and virtual requests routed by province to the agency that attends them (line 45).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/contract/counter';
import type { IntakeDraft } from '../../shared/domain/intake';
import { syncOnce } from '../../electron/core/sync';
import type { TestDesk } from '../support/desk';
import { ADMIN, CLERK, central, enrolledDesk, FAST, type Central } from './sync/support';

let c: Central;
let desk: TestDesk;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c, { requests: 10 });
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
async function call<T>(name: string, input: unknown): Promise<T> {
  const r = (await desk.core.call(name, input, CLERK)) as R;
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function fails(name: string, input: unknown) {
  const r = (await desk.core.call(name, input, CLERK)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}
const get = (id: string) => call<RequestDetail>('requests.get', { id });

const COMPANY: IntakeDraft = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '0001',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '0926687856',
  representativeNames: 'Zambrano Cevallos María Fernanda',
  email: 'gerencia@andina.com.ec',
  address: 'Av. 6 de Diciembre N33-55, Quito',
  viaThirdParty: false,
  artisan: false,
};
const THIRD_PARTY: IntakeDraft = { ...COMPANY, viaThirdParty: true, thirdPartyNames: 'Guamán Chicaiza Pedro José', thirdPartyCedula: '0602910945' };

let turno = 0;
/** A checked-in turno's request with `intake`, in verification. */
async function inVerification(intake: IntakeDraft): Promise<{ id: string; version: number }> {
  const code = (desk.core.ctx.db.$client.prepare("SELECT confirmation_code AS c FROM appointments WHERE agency_id = 'agency-uio' ORDER BY time LIMIT 1 OFFSET ?").get(turno++) as { c: string }).c;
  const id = (await call<{ requestId: string }>('appointments.checkIn', { query: code })).requestId;
  let version = (await get(id)).version;
  version = (await call<{ version: number }>('requests.saveDraft', { id, version, intake })).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version, acknowledgedWarnings: ['ruc.sri_confirm'] })).version;
  return { id, version };
}

async function verifyAll(id: string, version: number, opts: { sign: boolean }): Promise<number> {
  for (const d of (await get(id)).checklist) {
    if (opts.sign && d.signature === 'manuscrita') version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    const checks = d.documentType.startsWith('cedula') ? { numberValid: true, namesMatch: true } : {};
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: d.presentation, status: 'verificado', checks })).version;
  }
  return version;
}

/** The code the stand-in "sent" to the address, read from its test mailbox. */
async function lastCode(email: string): Promise<string> {
  const mails = await c.admin.mailbox(email);
  return /\b(\d{6})\b/.exec(mails.at(-1)?.body ?? '')?.[1] ?? '';
}

describe('papers brought signed, or printed here; who signs what (seed 004, lines 35–41)', () => {
  it('a third party files with papers the representative signed beforehand: no printing, the third party signs the Autorización', async () => {
    const { id, version: v0 } = await inVerification(THIRD_PARTY);
    let version = v0;
    const detail = await get(id);
    const row = (type: string) => detail.checklist.find((d) => d.documentType === type)!;
    expect(row('solicitud_entrega_clave')).toMatchObject({ origins: ['traido'], origin: 'traido', signer: 'representante_legal' });
    expect(row('acuerdo_responsabilidad')).toMatchObject({ origins: ['traido'], origin: 'traido', signer: 'representante_legal' });
    expect(row('autorizacion_retiro_contrasena')).toMatchObject({ origin: 'traido', signer: 'tercero_autorizado', partOf: 'solicitud_entrega_clave' });
    // Printing here is refused for the representative's papers: they are not at the counter.
    expect(await fails('requests.setPaperOrigin', { id, version, documentType: 'acuerdo_responsabilidad', origin: 'impreso' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('línea 38') });
    // Verified without the third party's signature: not yet.
    version = await verifyAll(id, version, { sign: false });
    const unsigned = await fails('requests.transition', { id, version, event: 'enviar_a_revision' });
    expect(unsigned.message).toContain('Falta registrar la firma manuscrita del tercero autorizado en: Autorización de Retiro de Contraseña');
    expect(unsigned.message).toContain('Falta registrar la firma manuscrita del representante legal en: Solicitud de entrega de clave');
    expect(unsigned.message).not.toMatch(/Imprima/);
    for (const type of ['solicitud_entrega_clave', 'autorizacion_retiro_contrasena', 'acuerdo_responsabilidad']) {
      version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: type, marked: true })).version;
    }
    version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version, reason: 'no_recibe' })).version;
    const sent = await call<{ state: string }>('requests.transition', { id, version, event: 'enviar_a_revision' });
    expect(sent.state).toBe('pendiente_revision');
    const rows = desk.core.ctx.db.$client.prepare("SELECT count(*) AS n FROM form_prints WHERE request_id = ?").get(id) as { n: number };
    expect(rows.n).toBe(0);
  });

  it('with the representative here, a paper is brought or printed; a printed one is signed after printing', async () => {
    const { id, version: v0 } = await inVerification(COMPANY);
    let version = v0;
    expect((await get(id)).checklist.find((d) => d.documentType === 'solicitud_entrega_clave')).toMatchObject({ origins: ['traido', 'impreso'], origin: null });
    // Not said yet: its signature cannot be marked.
    expect(await fails('requests.markSignature', { id, version, documentType: 'solicitud_entrega_clave', marked: true })).toMatchObject({ message: expect.stringContaining('Indique primero') });
    version = (await call<{ version: number }>('requests.setPaperOrigin', { id, version, documentType: 'solicitud_entrega_clave', origin: 'traido' })).version;
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: 'solicitud_entrega_clave', marked: true })).version;
    // The Acuerdo is printed here: signed only after printing.
    version = (await call<{ version: number }>('requests.setPaperOrigin', { id, version, documentType: 'acuerdo_responsabilidad', origin: 'impreso' })).version;
    expect(await fails('requests.markSignature', { id, version, documentType: 'acuerdo_responsabilidad', marked: true })).toMatchObject({ message: expect.stringContaining('después de imprimir') });
    expect(await fails('requests.transition', { id, version, event: 'enviar_a_revision' })).toMatchObject({ message: expect.stringContaining('Imprima') });
    // Changing how a paper came clears its signature: it is another paper.
    await call('requests.setPaperOrigin', { id, version, documentType: 'solicitud_entrega_clave', origin: 'impreso' });
    expect((await get(id)).checklist.find((d) => d.documentType === 'solicitud_entrega_clave')).toMatchObject({ origin: 'impreso', signatureMarked: false });
    // Each «how it came» is a line of the request's history, naming the paper.
    expect((await get(id)).history.filter((h) => h.activity === 'origen_formulario').map((h) => [h.documentType, h.verdict])).toEqual([
      ['solicitud_entrega_clave', 'traido'],
      ['acuerdo_responsabilidad', 'impreso'],
      ['solicitud_entrega_clave', 'impreso'],
    ]);
  });
});

describe('the active e-mail, proven with the code central sends (seed 004, line 43)', () => {
  it('a wrong code counts, the right one verifies; changing the address asks again', async () => {
    const { id, version: v0 } = await inVerification({ ...THIRD_PARTY, email: 'talento@andina.com.ec' });
    let version = v0;
    expect((await get(id)).emailProof).toEqual({ status: 'pendiente', reason: null, note: null, at: null, challenge: null });
    expect(await fails('requests.confirmEmailCode', { id, version, code: '123456' })).toMatchObject({ message: expect.stringContaining('Primero envíe el código') });
    const sent = await call<{ version: number; expiresAt: number; maxAttempts: number }>('requests.sendEmailCode', { id, version });
    version = sent.version;
    expect(sent.maxAttempts).toBe(3);
    expect(sent.expiresAt - Date.now()).toBeGreaterThan(5 * 60_000);
    const code = await lastCode('talento@andina.com.ec');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    const miss = await call<{ version: number; status: string; attemptsLeft: number }>('requests.confirmEmailCode', { id, version, code: wrong });
    expect(miss).toMatchObject({ status: 'codigo_incorrecto', attemptsLeft: 2 });
    version = miss.version;
    expect((await get(id)).emailProof.challenge).toMatchObject({ attemptsLeft: 2 });
    const hit = await call<{ version: number; status: string }>('requests.confirmEmailCode', { id, version, code });
    expect(hit.status).toBe('verificado');
    version = hit.version;
    expect((await get(id)).emailProof).toMatchObject({ status: 'verificado', challenge: null });
    // Back to the intake (a devolución would do the same): another address is another proof.
    desk.core.ctx.db.$client.prepare("UPDATE requests SET state = 'devuelta' WHERE id = ?").run(id);
    const intake = (await get(id)).intake;
    await call('requests.saveDraft', { id, version, intake: { ...intake, email: 'rrhh@andina.com.ec' } });
    expect((await get(id)).emailProof.status).toBe('pendiente');
  });

  it('three wrong codes lock it; an expired code asks for a new one', async () => {
    const { id, version: v0 } = await inVerification({ ...THIRD_PARTY, email: 'contabilidad@andina.com.ec' });
    let version = v0;
    version = (await call<{ version: number }>('requests.sendEmailCode', { id, version })).version;
    const code = await lastCode('contabilidad@andina.com.ec');
    const wrong = code === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call<{ version: number; status: string }>('requests.confirmEmailCode', { id, version, code: wrong });
      version = r.version;
      answers.push(r.status);
    }
    expect(answers).toEqual(['codigo_incorrecto', 'codigo_incorrecto', 'bloqueado']);
    expect((await get(id)).emailProof).toMatchObject({ status: 'pendiente', challenge: null });
    // A new code; its minutes run out before it is typed.
    version = (await call<{ version: number }>('requests.sendEmailCode', { id, version })).version;
    const fresh = await lastCode('contabilidad@andina.com.ec');
    await c.admin.expireEmailCodes('contabilidad@andina.com.ec');
    expect(await call('requests.confirmEmailCode', { id, version, code: fresh })).toMatchObject({ status: 'vencido' });
    expect((await get(id)).emailProof.status).toBe('pendiente');
  });

  it('offline: sending fails in Spanish and the clerk records «no verificado» with a reason the supervisor reads', async () => {
    const { id, version: v0 } = await inVerification({ ...THIRD_PARTY, email: 'ventas@andina.com.ec' });
    const version = v0;
    await c.admin.faults({ rate: 1, kinds: ['unavailable_503'] });
    try {
      expect(await fails('requests.sendEmailCode', { id, version })).toMatchObject({ code: 'unavailable', message: expect.stringContaining('registre «no verificado»') });
    } finally {
      await c.admin.faults({ rate: 0 });
    }
    expect(await fails('requests.recordEmailUnverified', { id, version, reason: 'otro' })).toMatchObject({ message: 'Este motivo requiere una observación.' });
    await call('requests.recordEmailUnverified', { id, version, reason: 'sin_conexion' });
    const supervisor = (await desk.core.call('requests.get', { id }, { kind: 'cli', username: 'supervisora' })) as { ok: true; value: RequestDetail };
    expect(supervisor.value.emailProof).toMatchObject({ status: 'no_verificado', reason: 'sin_conexion' });
  });
});

describe('the foreigner code only for foreigners registered in the IESS (seed 004, line 63)', () => {
  it('central says who is registered and with which code', async () => {
    await c.admin.foreigner('PA5512344', 'VEN', 'EXT0098765');
    expect(await call('sync.lookupForeigner', { passport: 'pa5512344', nationality: 'ven' })).toEqual({ passport: 'PA5512344', nationality: 'VEN', registered: true, code: 'EXT0098765' });
    expect(await call('sync.lookupForeigner', { passport: 'PA0000001', nationality: 'VEN' })).toEqual({ passport: 'PA0000001', nationality: 'VEN', registered: false, code: null });
  });

  it('registered: the code is a document of the checklist; not registered: passport and visa only', async () => {
    const foreign: IntakeDraft = {
      ...COMPANY,
      representativeIdType: 'pasaporte',
      representativeIdNumber: 'PA5512344',
      representativeNames: 'Rondón Pérez Luisa Elena',
      representativeNationality: 'VEN',
      passportExpiryDate: '2031-01-31',
      visaCategory: 'permanente',
      visaNumber: 'VP-2020-11223',
      visaIssueDate: '2020-02-01',
    };
    const registered = await inVerification({ ...foreign, foreignerRegistration: 'registrado', foreignerCode: 'EXT0098765' });
    expect((await get(registered.id)).checklist.map((d) => d.documentType)).toEqual(['solicitud_entrega_clave', 'acuerdo_responsabilidad', 'codigo_extranjero', 'pasaporte', 'visa']);
    const not = await inVerification({ ...foreign, foreignerRegistration: 'no_registrado_sin_consulta' });
    expect((await get(not.id)).checklist.map((d) => d.documentType)).toEqual(['solicitud_entrega_clave', 'acuerdo_responsabilidad', 'pasaporte', 'visa']);
  });
});

describe('Ventanilla Virtual routed by province (seed 004, line 45)', () => {
  const virtual = (province: string) => ({
    province,
    intake: { applicantKind: 'juridica_privada', employerRuc: '1792060346001', employerBranch: '0001', employerLegalName: 'Comercial Andina Cía. Ltda.', representativeIdType: 'cedula', representativeIdNumber: '1714307103', representativeNames: 'Pérez Juan', email: 'a@andina.com.ec', address: 'Quito' },
    attachments: [],
  });

  it('the desk tells central its provinces (agencia.json); central routes only those here; none declared: it waits at central', async () => {
    await syncOnce(desk.core.ctx, FAST);
    // Default: the agency's own province (Pichincha, 17).
    expect(await c.admin.routing()).toEqual([{ agencyCode: 'UIO', attends: true, provinces: ['17'] }]);
    expect(await c.admin.virtualByProvince(virtual('17'))).toMatchObject({ routedTo: 'UIO' });
    expect(await c.admin.virtualByProvince(virtual('09'))).toMatchObject({ routedTo: null });

    const current = await desk.core.call('config.get', {}, ADMIN);
    if (!current.ok) throw new Error(current.error.message);
    const config = (current.value as { config: Record<string, unknown> }).config;
    const updated = await desk.core.call('config.update', { ...config, virtual: { attends: true, provinces: ['17', '15'] } }, ADMIN);
    expect(updated.ok).toBe(true);
    await syncOnce(desk.core.ctx, FAST);
    expect(await c.admin.routing()).toEqual([{ agencyCode: 'UIO', attends: true, provinces: ['15', '17'] }]);
    expect(await c.admin.virtualByProvince(virtual('15'))).toMatchObject({ routedTo: 'UIO' });
    const pulled = await syncOnce(desk.core.ctx, FAST);
    expect(pulled.ok).toBe(true);
    const virtuals = desk.core.ctx.db.$client.prepare("SELECT count(*) AS n FROM requests WHERE channel = 'virtual' AND number LIKE 'VV-%'").get() as { n: number };
    expect(virtuals.n).toBeGreaterThanOrEqual(2);
  });

  it('one routed here for a province the agency does not attend is refused, visibly', async () => {
    const seqBefore = (desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
    // Central's mistake, made on purpose: a Guayas request straight to UIO.
    const stray = await c.admin.virtual({ agencyCode: 'UIO', province: '09', intake: virtual('09').intake, attachments: [] });
    await syncOnce(desk.core.ctx, FAST);
    expect(desk.core.ctx.db.$client.prepare('SELECT 1 FROM requests WHERE id = ?').get(stray.requestId)).toBeUndefined();
    const conflicts = desk.core.ctx.db.$client.prepare('SELECT reason FROM sync_conflicts ORDER BY id').all() as { reason: string }[];
    expect(conflicts.length).toBe(seqBefore + 1);
    expect(conflicts.at(-1)!.reason).toContain('la provincia Guayas no está entre las que atiende esta agencia');
  });
});
