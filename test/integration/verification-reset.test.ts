// A verified document vouches for the data its checks compared. A returned request whose third
// party's name is corrected must have that cédula compared again (and the forms, which print the
// name, signed again); what the correction did not touch stays verified.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RequestDetail } from '../../shared/contract/counter';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';
import { NATURAL_INTAKE } from '../support/intake';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
async function as<T>(auth: Auth, name: string, input: unknown): Promise<T> {
  const r = (await desk.core.call(name, input, auth)) as R;
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const call = <T>(name: string, input: unknown) => as<T>(CLERK, name, input);

const INTAKE = { ...NATURAL_INTAKE, viaThirdParty: true, thirdPartyNames: 'Quishpe Guaman Jose Luis', thirdPartyCedula: '0602910945' };

test('correcting the third party after a return undoes the verifications that compared the old name, and only those', async () => {
  const code = (desk.core.ctx.db.$client.prepare('SELECT confirmation_code AS c FROM appointments ORDER BY time LIMIT 1').get() as { c: string }).c;
  const id = (await call<{ requestId: string }>('appointments.checkIn', { query: code })).requestId;
  let { version } = await call<RequestDetail>('requests.get', { id });
  version = (await call<{ version: number }>('requests.saveDraft', { id, version, intake: INTAKE })).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  for (const documentType of ['cedula_representante', 'cedula_tercero_autorizado']) {
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType, presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } })).version;
  }
  version = (await call<{ version: number }>('forms.print', { id, version })).version;
  for (const d of (await call<RequestDetail>('requests.get', { id })).checklist.filter((c) => c.signature === 'manuscrita')) {
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado', checks: {} })).version;
  }
  version = (await call<{ version: number }>('requests.transition', { id, version, event: 'enviar_a_revision' })).version;
  await as(SUPERVISOR, 'review.return', { id, version, reasonCode: 'nombres_mal_escritos', note: 'Faltan las tildes del tercero.' });

  const returned = await call<RequestDetail>('requests.get', { id });
  const status = (d: RequestDetail) => Object.fromEntries(d.checklist.map((c) => [c.documentType, { status: c.status, checks: c.checks, signatureMarked: c.signatureMarked }]));
  expect(returned.checklist.every((c) => c.status === 'verificado')).toBe(true);

  // Saving the same data again, spaced and cased differently, changes no verification.
  version = (await call<{ version: number }>('requests.saveDraft', { id, version: returned.version, intake: { ...INTAKE, thirdPartyNames: ' quishpe  guaman jose luis ' } })).version;
  expect(status(await call<RequestDetail>('requests.get', { id }))).toEqual(status(returned));

  // The correction: the third party's name.
  version = (await call<{ version: number }>('requests.saveDraft', { id, version, intake: { ...INTAKE, thirdPartyNames: 'Quishpe Guamán José Luis' } })).version;
  const corrected = status(await call<RequestDetail>('requests.get', { id }));
  expect(corrected.cedula_tercero_autorizado).toEqual({ status: 'pendiente', checks: {}, signatureMarked: false });
  // The forms print the name: signed on the old paper, they are to be printed and signed again.
  for (const form of ['solicitud_entrega_clave', 'acuerdo_responsabilidad']) expect(corrected[form]).toMatchObject({ status: 'pendiente', signatureMarked: false });
  // The representative's cédula compared nothing that changed.
  expect(corrected.cedula_representante).toEqual(status(returned).cedula_representante);

  // Back in verification, the clerk must compare the third party's cédula again before printing.
  version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  const refused = (await desk.core.call('forms.print', { id, version }, CLERK)) as R;
  expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('Cédula del tercero autorizado') } });
});
