// The comprobante printed alone (forms.printReceipt), through the core on a real migrated SQLite
// file: a request whose signed papers all came signed prints nothing before review, yet the
// applicant leaves with the comprobante (DOMAIN §5.3). Read back by poppler (text, QR, barcode),
// checked by its QR, reprinted byte for byte with a reason; refused where the forms print it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/contract/counter';
import type { IntakeDraft } from '../../../shared/domain/intake';
import { okCaller, seededDesk, type TestDesk } from '../../support/desk';
import { CLERK } from '../sync/support';
import { decodeSymbols, pdfText, renderPages } from './poppler';

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: { path: string }[] } };
const call = okCaller(() => desk, CLERK);
async function fails(name: string, input: unknown) {
  const r = (await desk.core.call(name, input, CLERK)) as R;
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}
const get = (id: string) => call<RequestDetail>('requests.get', { id });
type Receipt = { reprint: boolean; form: { kind: string; title: string; templateVersion: number; sha256: string; pdfBase64: string } };

const THIRD_PARTY: IntakeDraft = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '0001',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'cedula',
  representativeIdNumber: '0926687856',
  representativeNames: 'Zambrano Cevallos María Fernanda',
  email: 'gerencia@andina.com.ec',
  address: 'Av. 6 de Diciembre N33-55, Quito',
  viaThirdParty: true,
  thirdPartyNames: 'Guamán Chicaiza Pedro José',
  thirdPartyCedula: '0602910945',
  artisan: false,
};

/** A walk-in request with `intake`, its documents verified (and signed, when `sign`), in verification. */
async function verified(intake: IntakeDraft, sign: boolean): Promise<{ id: string; version: number }> {
  const { requestId: id } = await call<{ requestId: string }>('appointments.walkIn', { reason: 'Tercero con los formularios firmados', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026' });
  let version = (await get(id)).version;
  version = (await call<{ version: number }>('requests.saveDraft', { id, version, intake })).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version, acknowledgedWarnings: ['ruc.sri_confirm'] })).version;
  for (const d of (await get(id)).checklist) {
    if (sign && d.signature === 'manuscrita' && d.origin === 'traido') version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    const checks = d.documentType.startsWith('cedula') ? { numberValid: true, namesMatch: true } : {};
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: d.presentation, status: 'verificado', checks })).version;
  }
  return { id, version };
}

describe('the comprobante alone, when every signed paper came signed (DOMAIN §5.3)', () => {
  let id: string;
  let first: Receipt;
  let qr: string | undefined;

  it('is refused before the request goes to review, and printed after, archived with its hash', async () => {
    const v = await verified(THIRD_PARTY, true);
    id = v.id;
    const version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version: v.version, reason: 'no_recibe' })).version;
    expect(await fails('forms.printReceipt', { id })).toMatchObject({ code: 'conflict', message: expect.stringContaining('enviada a revisión') });
    await call('requests.transition', { id, version, event: 'enviar_a_revision' });
    const before = await get(id);
    expect(before.state).toBe('pendiente_revision');

    first = await call<Receipt>('forms.printReceipt', { id });
    expect(first).toMatchObject({ reprint: false, form: { kind: 'comprobante', title: 'Comprobante de recepción', templateVersion: 1 } });
    const pdf = Buffer.from(first.form.pdfBase64, 'base64');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(first.form.sha256);
    // Archived under its hash, and recorded with the snapshot its QR is checked against.
    const row = desk.core.ctx.db.$client.prepare('SELECT kind, reprint, sha256, path, snapshot FROM form_prints WHERE request_id = ?').all(id) as { kind: string; reprint: number; sha256: string; path: string; snapshot: string | null }[];
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ kind: 'comprobante', reprint: 0, sha256: first.form.sha256 });
    expect(fs.readFileSync(path.join(desk.dataDir, ...row[0]!.path.split('/')))).toEqual(pdf);
    // The request itself does not move: same state, same version.
    const after = await get(id);
    expect(after).toMatchObject({ state: 'pendiente_revision', version: before.version });
    expect(after.history.filter((h) => h.activity === 'comprobante_impreso').map((h) => h.outcome)).toEqual(['conflict', 'ok']);
  });

  it('reads back as the comprobante of this request: number, employer, the third party, what was verified; QR and barcode', () => {
    const pdf = Buffer.from(first.form.pdfBase64, 'base64');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const expected of ['Comprobante de recepción', 'Comercial Andina Cía. Ltda.', '1792060346001', 'Zambrano Cevallos María Fernanda', 'Guamán Chicaiza Pedro José', 'Solicitud de entrega de clave', 'Acuerdo de Responsabilidad']) {
      expect(text).toContain(expected);
    }
    const number = desk.core.ctx.db.$client.prepare('SELECT number FROM requests WHERE id = ?').get(id) as { number: string };
    expect(text).toContain(number.number);
    const [page] = renderPages(pdf, 200);
    const symbols = decodeSymbols(page!);
    expect(symbols).toContain(`CODE-128:${number.number}`);
    qr = symbols.find((s) => s.startsWith('QR-Code:'))?.slice('QR-Code:'.length);
    expect(qr).toMatch(/\S/);
  }, 60_000);

  it('its QR is authentic against the record', async () => {
    expect(await call('forms.verifyQr', { payload: qr })).toMatchObject({ valid: true, outcome: 'autentico', kind: 'comprobante', request: { id }, printed: { thirdPartyNames: 'Guamán Chicaiza Pedro José' } });
  });

  it('a reprint needs a reason and is the same bytes; the archived file is what goes to the printer', async () => {
    expect(await fails('forms.printReceipt', { id })).toMatchObject({ code: 'invalid_input', fields: [{ path: 'reprintReason' }] });
    desk.clock.advance(60_000);
    const again = await call<Receipt>('forms.printReceipt', { id, reprintReason: 'El solicitante perdió la primera copia' });
    expect(again).toMatchObject({ reprint: true, form: { sha256: first.form.sha256 } });
    expect(again.form.pdfBase64).toBe(first.form.pdfBase64);
    expect(desk.core.ctx.db.$client.prepare('SELECT reprint, reason FROM form_prints WHERE request_id = ? ORDER BY id').all(id)).toEqual([
      { reprint: 0, reason: null },
      { reprint: 1, reason: 'El solicitante perdió la primera copia' },
    ]);
    // Printed at another desk of the agency, its file is not here (sync/record.ts): rendered again
    // from the snapshot, the comprobante alone, and accepted only as the same bytes.
    const archived = desk.core.ctx.db.$client.prepare("SELECT path FROM form_prints WHERE request_id = ? AND reprint = 0").get(id) as { path: string };
    fs.rmSync(path.join(desk.dataDir, ...archived.path.split('/')));
    const rendered = await call<Receipt>('forms.printReceipt', { id, reprintReason: 'Copia para el tercero autorizado' });
    expect(rendered.form.pdfBase64).toBe(first.form.pdfBase64);
    expect(fs.readFileSync(path.join(desk.dataDir, ...archived.path.split('/'))).toString('base64')).toBe(first.form.pdfBase64);
    // A printer name CUPS could never have is refused before anything is spooled; the lookup found the comprobante.
    expect(await fails('forms.sendToPrinter', { id, kind: 'comprobante', printer: '-bad name' })).toMatchObject({ code: 'unavailable', message: expect.stringContaining('Nombre de impresora no válido') });
    expect(await fails('forms.sendToPrinter', { id, kind: 'acuerdo', printer: 'VP_PDF' })).toMatchObject({ code: 'conflict' });
  });

  it('is refused where the forms print it: a paper to be printed here, or another kind of trámite', async () => {
    const { id: printedHere, version } = await verified({ ...THIRD_PARTY, viaThirdParty: false, thirdPartyNames: undefined, thirdPartyCedula: undefined }, false);
    await call('requests.setPaperOrigin', { id: printedHere, version, documentType: 'acuerdo_responsabilidad', origin: 'impreso' });
    expect(await fails('forms.printReceipt', { id: printedHere })).toMatchObject({ code: 'conflict', message: expect.stringContaining('Imprimir formularios') });
    const { requestId: contact } = await call<{ requestId: string }>('appointments.walkIn', { reason: 'Afiliada actualiza su correo', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType: 'actualizacion_contacto' });
    expect(await fails('forms.printReceipt', { id: contact })).toMatchObject({ code: 'invalid_input' });
    expect(desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM form_prints WHERE request_id IN (?, ?)').get(printedHere, contact)).toEqual({ n: 0 });
  });
});
