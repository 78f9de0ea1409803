// A request taken at a desk through the real counter calls, as a clerk does it: check-in of a
// turno, intake, verification, a scan, the forms printed, signatures marked, sent to review.
import { DEFAULT_TEMPLATES, qrPayload, type FormKind, type PrintableRequest } from '../../../electron/core/forms';
import type { Auth } from '../../../electron/core/registry';
import type { TestDesk } from '../../support/desk';
import { CLERK } from './support';

export interface Employer {
  ruc: string;
  names: string;
  cedula: string;
  address: string;
}

export async function callOk<T>(desk: TestDesk, name: string, input: unknown, who: Auth = CLERK): Promise<T> {
  const r = await desk.core.call(name, input, who);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/** A new draft from the next pending turno of the day. */
export async function checkIn(desk: TestDesk): Promise<{ id: string; number: string }> {
  const sqlite = desk.core.ctx.db.$client;
  const appt = sqlite.prepare("SELECT confirmation_code AS code FROM appointments WHERE status = 'pendiente' ORDER BY time LIMIT 1").get() as { code: string };
  const { requestId: id } = await callOk<{ requestId: string }>(desk, 'appointments.checkIn', { query: appt.code });
  return { id, number: (sqlite.prepare('SELECT number FROM requests WHERE id = ?').get(id) as { number: string }).number };
}

/** A smallest valid JPEG: what a scanner hands the clerk, as far as the desk can tell. */
export const TINY_JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');

/** A presencial request taken up to pendiente_revision, with a scan of the cédula and its forms printed. */
export async function toReview(desk: TestDesk, employer: Employer): Promise<{ id: string; number: string }> {
  const call = <T>(name: string, input: unknown) => callOk<T>(desk, name, input);
  const req = await checkIn(desk);
  let { version } = await call<{ version: number }>('requests.get', { id: req.id });
  const intake = {
    applicantKind: 'natural_ecuatoriana',
    employerRuc: employer.ruc,
    employerBranch: '0001',
    employerLegalName: employer.names,
    representativeIdType: 'cedula',
    representativeIdNumber: employer.cedula,
    representativeNames: employer.names,
    representativeNationality: 'ECU',
    email: 'empleador@correo.ec',
    mobile: '0991234567',
    address: employer.address,
    viaThirdParty: false,
    artisan: false,
  };
  version = (await call<{ version: number }>('requests.saveDraft', { id: req.id, version, intake })).version;
  version = (await call<{ version: number }>('requests.startVerification', { id: req.id, version })).version;
  await call('attachments.add', { requestId: req.id, documentType: 'cedula_representante', fileName: 'cedula.jpg', dataBase64: TINY_JPEG.toString('base64') });
  const check = { presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } };
  version = (await call<{ version: number }>('requests.verifyDocument', { id: req.id, version, documentType: 'cedula_representante', ...check })).version;
  version = (await call<{ version: number }>('forms.print', { id: req.id, version })).version;
  const detail = await call<{ checklist: { documentType: string; signature: string | null }[] }>('requests.get', { id: req.id });
  for (const d of detail.checklist.filter((c) => c.signature === 'manuscrita')) {
    version = (await call<{ version: number }>('requests.markSignature', { id: req.id, version, documentType: d.documentType, marked: true })).version;
    version = (await call<{ version: number }>('requests.verifyDocument', { id: req.id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado' })).version;
  }
  await call('requests.transition', { id: req.id, version, event: 'enviar_a_revision' });
  return req;
}

/** The QR of a printed form of the request, as a scanner reads it off the paper (digest.ts). */
export function paperQr(desk: TestDesk, requestId: string, kind: FormKind = 'solicitud'): string {
  const row = desk.core.ctx.db.$client.prepare('SELECT snapshot, template_version AS v FROM form_prints WHERE request_id = ? AND kind = ? ORDER BY id LIMIT 1').get(requestId, kind) as
    | { snapshot: string; v: number }
    | undefined;
  if (!row) throw new Error(`no print of ${kind}`);
  if (row.v !== 1) throw new Error('paperQr reads papers of the built-in template only');
  return qrPayload(kind, JSON.parse(row.snapshot) as PrintableRequest, DEFAULT_TEMPLATES[kind]);
}
