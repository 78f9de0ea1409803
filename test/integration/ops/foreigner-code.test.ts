// The format of the foreigner code comes from agencia.json: validated as a safe
// regular expression, read by the screens through config.intakeRules, and applied by the core
// when the intake is checked and when the document is verified.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/contract/counter';
import type { IntakeDraft } from '../../../shared/domain/intake';
import type { Auth } from '../../../electron/core/registry';
import { seededDesk, tempDir, type TestDesk } from '../../support/desk';
import { GOOD } from '../../unit/ops/fixtures';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
let desk: TestDesk;
let backups: string;
beforeAll(async () => {
  desk = await seededDesk({ requests: 20 });
  backups = tempDir('vp-respaldos-');
});
afterAll(() => {
  desk.dispose();
  fs.rmSync(backups, { recursive: true, force: true });
});

const config = (foreignerCodePattern: string | null) => ({ ...GOOD, backup: { ...GOOD.backup, dir: backups }, foreignerCodePattern });

const FOREIGNER: IntakeDraft = {
  applicantKind: 'juridica_privada',
  employerRuc: '1792060346001',
  employerBranch: '1',
  employerLegalName: 'Comercial Andina Cía. Ltda.',
  representativeIdType: 'codigo_extranjero',
  representativeNames: 'Rojas Vargas Camila Andrea',
  representativeNationality: 'COL',
  passportExpiryDate: '2030-05-31',
  visaCategory: 'temporal_trabajo',
  visaNumber: 'V1234567',
  visaIssueDate: '2025-01-15',
  visaExpiryDate: '2027-01-15',
  email: 'camila.rojas@andina.com.ec',
  mobile: '0991234567',
  address: 'Av. Amazonas N24-12 y Colón, Quito',
};

async function startVerification(code: string) {
  const appointment = desk.core.ctx.db.$client
    .prepare("SELECT confirmation_code AS code FROM appointments WHERE agency_id = 'agency-uio' AND status = 'pendiente' ORDER BY time LIMIT 1")
    .get() as { code: string };
  const checkIn = await desk.core.call('appointments.checkIn', { query: appointment.code }, CLERK);
  if (!checkIn.ok) throw new Error(checkIn.error.message);
  const id = (checkIn.value as { requestId: string }).requestId;
  const detail = (await desk.core.call('requests.get', { id }, CLERK)) as { ok: true; value: RequestDetail };
  const saved = await desk.core.call('requests.saveDraft', { id, version: detail.value.version, intake: { ...FOREIGNER, representativeIdNumber: code } }, CLERK);
  if (!saved.ok) throw new Error(saved.error.message);
  const version = (saved.value as { version: number }).version;
  return Object.assign(await desk.core.call('requests.startVerification', { id, version, acknowledgedWarnings: ['ruc.sri_confirm'] }, CLERK), { id });
}

describe('foreigner code format from the agency configuration', () => {
  it('refuses an unsafe pattern in Spanish, naming the field, and changes nothing', async () => {
    for (const [pattern, message] of [
      ['(A)\\1', 'no se permiten referencias a grupos anteriores'],
      ['[A-Z', 'no es una expresión regular válida'],
      ['(?=A)[A-Z]{6}', 'búsquedas hacia adelante'],
      ['[A-Z]*', 'no puede aceptar un código vacío'],
      ['X'.repeat(101), 'no puede superar 100 caracteres'],
    ] as const) {
      const r = await desk.core.call('config.update', config(pattern), ADMIN);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message), fields: [{ path: 'foreignerCodePattern' }] } });
      expect(r.ok ? '' : r.error.message).toMatch(/^Formato del código de extranjero: /);
    }
    expect(await desk.core.call('config.intakeRules', {}, CLERK)).toMatchObject({ ok: true, value: { foreignerCodePattern: null } });
  });

  it('the configured pattern is what the screens read and what the core checks the intake with', async () => {
    // Without a pattern: the built-in assumption (6 to 20 letters or digits).
    expect(await startVerification('AB123')).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'intake.representativeIdNumber' }] } });

    expect(await desk.core.call('config.update', config('[A-Z]{2}[0-9]{3}'), ADMIN)).toMatchObject({ ok: true, value: { config: { foreignerCodePattern: '[A-Z]{2}[0-9]{3}' } } });
    expect(await desk.core.call('config.intakeRules', {}, CLERK)).toMatchObject({ ok: true, value: { foreignerCodePattern: '[A-Z]{2}[0-9]{3}' } });
    const started = await startVerification('ab-123');
    expect(started).toMatchObject({ ok: true });
    // The document check at verification uses it too: the code is accepted as valid.
    const { id } = started;
    const { version } = ((await desk.core.call('requests.get', { id }, CLERK)) as { ok: true; value: RequestDetail }).value;
    const verified = await desk.core.call(
      'requests.verifyDocument',
      { id, version, documentType: 'codigo_extranjero', presented: true, checks: { numberValid: true, namesMatch: true }, status: 'verificado' },
      CLERK,
    );
    expect(verified).toMatchObject({ ok: true });
    expect(await startVerification('ABC123456')).toMatchObject({ ok: false, error: { fields: [{ path: 'intake.representativeIdNumber', message: expect.stringContaining('no tiene el formato esperado') }] } });

    // Cleared again (null), the default applies.
    await desk.core.call('config.update', config(null), ADMIN);
    expect(await startVerification('ABC123456')).toMatchObject({ ok: true });
  });
});
