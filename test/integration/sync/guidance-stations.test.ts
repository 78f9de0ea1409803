// «Hojas de orientación» on desks central enrolled: a sheet stays on the desk that printed it, so
// its number carries the desk's station code (as request numbers do, shared/domain/request-number.ts)
// and two desks of one agency never print the same number; a sheet printed before enrolment keeps
// its number and still verifies; a sheet of another station scanned here says where it was printed.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CallOutput } from '../../../shared/contract';
import { seededDesk, type TestDesk } from '../../support/desk';
import { decodeSymbols, renderPages } from '../forms/poppler';
import { callOk } from './counter-flow';
import { central, enrol, type Central } from './support';

type Printed = CallOutput<'forms.printGuidance'>;
type Verified = CallOutput<'forms.verifyQr'>;
const APPLICANT = { procedure: 'recuperar_clave', idType: 'cedula', idNumber: '1714307103', names: 'Begoña Peña Muñoz', email: 'begona.pena@correo.ec' } as const;

const symbolsOf = (p: Printed) => decodeSymbols(renderPages(Buffer.from(p.form.pdfBase64, 'base64'), 200)[0]!);
function scanQr(p: Printed): string {
  const qr = symbolsOf(p).find((s) => s.startsWith('QR-Code:'));
  if (!qr) throw new Error('no QR on the page');
  return qr.slice('QR-Code:'.length);
}

let c: Central;
let a: TestDesk;
let b: TestDesk;
let beforeEnrolment: Printed;
beforeAll(async () => {
  c = await central();
  a = await seededDesk({ requests: 0 });
  b = await seededDesk({ requests: 0 });
  beforeEnrolment = await callOk<Printed>(a, 'forms.printGuidance', APPLICANT);
  await enrol(a, c, 'Ventanilla 1');
  await enrol(b, c, 'Ventanilla 2');
}, 120_000);
afterAll(async () => {
  a.dispose();
  b.dispose();
  await c.dispose();
});

test('each enrolled desk numbers its sheets with its station; the number printed before enrolment keeps its shape', async () => {
  expect(beforeEnrolment.number).toBe('ORI-UIO-2026-000001');
  const fromA = [await callOk<Printed>(a, 'forms.printGuidance', APPLICANT), await callOk<Printed>(a, 'forms.printGuidance', APPLICANT)];
  const fromB = await callOk<Printed>(b, 'forms.printGuidance', APPLICANT);
  expect(fromA.map((p) => p.number)).toEqual(['ORI-UIO-2026-01-000001', 'ORI-UIO-2026-01-000002']);
  expect(fromB.number).toBe('ORI-UIO-2026-02-000001');
  // The longer number still fits its Code 128 on the page.
  expect(symbolsOf(fromB)).toContain('CODE-128:ORI-UIO-2026-02-000001');
  // The sheet from before enrolment still verifies on its desk.
  expect(await callOk<Verified>(a, 'forms.verifyQr', { payload: scanQr(beforeEnrolment) })).toMatchObject({ outcome: 'autentico', number: 'ORI-UIO-2026-000001' });
  expect(await callOk<Verified>(a, 'forms.verifyQr', { payload: scanQr(fromA[1]!) })).toMatchObject({ outcome: 'autentico', number: 'ORI-UIO-2026-01-000002' });
});

test('a sheet of another station scanned here names the station that printed it; its barcode is recognised', async () => {
  const onA = await callOk<Printed>(a, 'forms.printGuidance', APPLICANT);
  const atB = await callOk<Verified>(b, 'forms.verifyQr', { payload: scanQr(onA) });
  expect(atB).toMatchObject({ valid: false, outcome: 'desconocido', guidance: null });
  expect(atB.message).toBe(`La hoja de orientación ${onA.number} se imprimió en otra ventanilla (estación 01): se verifica en la ventanilla que la imprimió.`);
  for (const number of [onA.number, beforeEnrolment.number]) {
    const barcode = await callOk<Verified>(b, 'forms.verifyQr', { payload: number });
    expect(barcode.message).toBe(`Eso es el código de barras (hoja de orientación ${number}). Para verificar el documento escanee el código QR, el cuadrado junto a él.`);
  }
});
