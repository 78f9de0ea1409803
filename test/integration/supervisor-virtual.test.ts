// A Ventanilla Virtual request from the stand-in central to approval, through the real sync and
// the real handlers on a migrated SQLite desk: the supervisor sees each scan judged against seed
// 004's rules, verifies the documents, the e-signatures are checked on the PDFs themselves, and
// the core refuses an approval while anything is missing — then sends both lifecycle events to
// central in order.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CERT_VALIDITY, demoPki } from '../../db/seed/pki/demo';
import { signPdf } from '../../db/seed/pki/sign-pdf';
import { scanPdf } from '../../db/seed/scans';
import { attachmentPath } from '../../electron/core/counter/attachments/files';
import type { Auth } from '../../electron/core/registry';
import { toCentral, VIRTUAL_INTAKE, virtualScans, type AcuerdoKind } from '../support/virtual-scans';
import { centralAndDesk, centralState, CLERK, SUPERVISOR, syncUntilClean } from './sync/support';
import { TINY_JPEG } from '../support/images';

const env = centralAndDesk();

const JPG = TINY_JPEG; // the desk reads every scan whole: a real JPEG
type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const raw = (name: string, input: unknown, auth: Auth = SUPERVISOR) => env.desk.core.call(name, input, auth) as Promise<R>;
async function call<T>(name: string, input: unknown, auth: Auth = SUPERVISOR): Promise<T> {
  const r = await raw(name, input, auth);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const sqlite = () => env.desk.core.ctx.db.$client;
const row = (id: string) => sqlite().prepare('SELECT state, version, clerk_id AS clerkId FROM requests WHERE id = ?').get(id) as { state: string; version: number; clerkId: string | null };

type Detail = { id: string; version: number; state: string; checklist: { documentType: string; signature: string | null; status: string; signatureMarked: boolean }[]; availableEvents: string[] };
type Verdict = { verdict: string; revocationUnchecked: boolean; summary: string; signatures: { verdict: string; checks: { item: string; status: string; detail: string }[] }[] };
type Scans = { maxBytes: number; items: { documentType: string; fileName: string; mime: string; size: number; formatOk: boolean; sizeOk: boolean; signature: Verdict | null; acceptance: string | null }[] };

async function arrive(opts: { acuerdo?: AcuerdoKind } = {}): Promise<string> {
  const v = await env.c.admin.virtual({ agencyCode: 'UIO', intake: VIRTUAL_INTAKE, attachments: toCentral(await virtualScans(JPG, { dataDir: env.desk.dataDir, ...opts })) });
  await syncUntilClean(env.desk);
  return v.requestId;
}

/** The supervisor's verdict on one document, as the review screen sends it. */
async function verify(id: string, documentType: string, checks: Record<string, boolean> = {}) {
  const { version } = await call<Detail>('requests.get', { id });
  return raw('requests.verifyDocument', { id, version, documentType, presented: true, presentedAs: 'escaneo', checks, status: 'verificado' });
}
async function markSignature(id: string, documentType: string) {
  const { version } = await call<Detail>('requests.get', { id });
  return raw('requests.markSignature', { id, version, documentType, marked: true });
}
const transitions = (id: string) =>
  (sqlite().prepare("SELECT json_extract(payload, '$.event') AS event, json_extract(payload, '$.from') AS f, json_extract(payload, '$.to') AS t FROM outbox WHERE request_id = ? AND type = 'request.transition' ORDER BY seq").all(id) as { event: string; f: string; t: string }[]).map(
    (e) => `${e.event}: ${e.f} → ${e.t}`,
  );

describe('a Ventanilla Virtual request reviewed by the supervisor', () => {
  let id: string;
  beforeAll(async () => {
    id = await arrive();
  });

  it('arrives with no clerk, at en_verificacion, its scans judged against the rules (format, 1 MB, e-signature)', async () => {
    expect(row(id)).toMatchObject({ state: 'en_verificacion', clerkId: null });
    const scans = await call<Scans>('review.scans', { id });
    expect(scans.maxBytes).toBe(1_048_576);
    expect(scans.items.map((s) => [s.documentType, s.mime, s.formatOk, s.sizeOk, s.signature?.verdict ?? null, s.acceptance])).toEqual([
      ['ruc', 'application/pdf', true, true, 'sin_firma', 'no'],
      ['solicitud_entrega_clave', 'application/pdf', true, true, 'valida', 'si'],
      ['cedula_representante', 'image/jpeg', true, true, null, null],
      ['acuerdo_responsabilidad', 'application/pdf', true, true, 'valida', 'si'],
    ]);
    // Signed by the representative with the demo CA the agency installed (seed:demo does).
    expect(scans.items[1]!.signature!.summary).toBe('Firma válida de BEGOÑA PEÑA MUÑOZ, C.I. 1714307103, firmada el 20/11/2026, certificado de DEMO Entidad de Certificación');
    const detail = await call<Detail>('requests.get', { id });
    expect(detail.checklist.filter((d) => d.signature === 'electronica').map((d) => d.documentType)).toEqual(['solicitud_entrega_clave', 'acuerdo_responsabilidad']);
    // The clerk's calls are not the supervisor's: a clerk cannot read the scan verdicts.
    expect(await raw('review.scans', { id }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses to approve while documents are unverified or e-signatures unmarked, and changes nothing', async () => {
    const before = row(id);
    const refused = await raw('review.approve', { id, version: before.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Falta verificar el documento: Solicitud de entrega de clave') } });
    expect(refused.ok === false && refused.error.message).toContain('Falta registrar la firma electrónica en: Acuerdo de Responsabilidad');
    expect(row(id)).toEqual(before);
    expect(transitions(id)).toEqual([]);
  });

  it('refuses a "verified" cédula whose names were not confirmed', async () => {
    expect(await verify(id, 'cedula_representante', { numberValid: true, namesMatch: false })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('comprobaciones sin confirmar') } });
  });

  it('approves once every document is verified and both e-signatures are marked: en_verificacion → pendiente_revision → aprobada, both sent to central', async () => {
    for (const type of ['solicitud_entrega_clave', 'acuerdo_responsabilidad']) expect((await markSignature(id, type)).ok).toBe(true);
    expect((await verify(id, 'ruc', { numberValid: true })).ok).toBe(true);
    expect((await verify(id, 'solicitud_entrega_clave')).ok).toBe(true);
    expect((await verify(id, 'cedula_representante', { numberValid: true, namesMatch: true })).ok).toBe(true);
    expect((await verify(id, 'acuerdo_responsabilidad')).ok).toBe(true);
    const detail = await call<Detail>('requests.get', { id });
    expect(detail.checklist.every((d) => d.status === 'verificado' && (d.signature === null || d.signatureMarked))).toBe(true);
    // The verifying supervisor approves (no clerk: the applicant's e-signature is the other party).
    expect(await call('review.approve', { id, version: detail.version })).toEqual({ version: detail.version + 1, state: 'aprobada' });
    expect(row(id).state).toBe('aprobada');
    expect(transitions(id)).toEqual(['enviar_a_revision: en_verificacion → pendiente_revision', 'aprobar: pendiente_revision → aprobada']);
    // Central accepts both events in order and confirms receipt (the stand-in confirms at once).
    await syncUntilClean(env.desk);
    expect(centralState(env.c, id)).toBe('enviada');
    expect((await env.c.admin.stats()).rejected).toBe(0);
  });

  it("puts the verdicts the approval rested on in the request's history", async () => {
    const detail = await call<{ history: { activity: string; note: string | null }[] }>('requests.get', { id });
    const verdicts = detail.history.filter((h) => h.activity === 'firma_electronica_verificada').map((h) => h.note);
    expect(verdicts).toContain('Solicitud de entrega de clave: Firma válida');
    expect(verdicts).toContain('Acuerdo de Responsabilidad y Uso de la Información: Firma válida');
  });
});

describe('forged and edited e-signatures are refused, with the verdict as the reason', () => {
  const cases: [AcuerdoKind, string, string][] = [
    ['firma_falsa', 'sin_firma', 'Sin firma electrónica (el PDF contiene un diccionario de firma que no pertenece a ningún campo de firma)'],
    ['modificado', 'modificado', 'Documento modificado después de firmar'],
    ['otra_persona', 'otra_persona', 'Firma de otra persona: CARLOS ANDRÉS VERA MORA, C.I. 0917364229'],
  ];
  for (const [kind, verdict, summary] of cases) {
    it(`${kind}: «${summary}» on screen, no e-signature mark, no approval`, async () => {
      const id = await arrive({ acuerdo: kind });
      const scans = await call<Scans>('review.scans', { id });
      const acuerdo = scans.items.find((s) => s.documentType === 'acuerdo_responsabilidad')!;
      expect(acuerdo).toMatchObject({ acceptance: 'no', signature: { verdict, summary } });
      expect(await markSignature(id, 'acuerdo_responsabilidad')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `Acuerdo de Responsabilidad y Uso de la Información: la firma electrónica no es válida (${summary}).` } });
      // Even with the checklist forced to "verified and signed", the files decide.
      sqlite().prepare("UPDATE request_documents SET status = 'verificado', presented = 1, signature_marked = CASE WHEN signature IS NULL THEN 0 ELSE 1 END WHERE request_id = ?").run(id);
      const before = row(id);
      const refused = await raw('review.approve', { id, version: before.version });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`Acuerdo de Responsabilidad y Uso de la Información: ${summary}.`) } });
      expect(row(id)).toEqual(before);
      expect(transitions(id)).toEqual([]);
    });
  }
});

describe('«revocación no comprobada»: refused unless the agency allows the exception, which is audited', () => {
  let id: string;
  beforeAll(async () => {
    // The Acuerdo signed without revocation data (no CRL, no OCSP in the PDF).
    const pki = await demoPki(env.desk.dataDir);
    const signer = await pki.person({ name: 'Begoña Peña Muñoz', cedula: '1714307103', ...DEMO_CERT_VALIDITY });
    const scans = await virtualScans(JPG, { dataDir: env.desk.dataDir });
    const acuerdo = scans.find((s) => s.documentType === 'acuerdo_responsabilidad')!;
    acuerdo.data = await signPdf(await scanPdf('Acuerdo de Responsabilidad y Uso de la Información', ['Suscribe: Peña Muñoz Begoña']), { signer, chain: [pki.intermediate], signingTime: new Date(Date.UTC(2026, 10, 20, 13)) });
    const v = await env.c.admin.virtual({ agencyCode: 'UIO', intake: VIRTUAL_INTAKE, attachments: toCentral(scans) });
    await syncUntilClean(env.desk);
    id = v.requestId;
  });
  const setException = (allow: boolean) =>
    sqlite().prepare("UPDATE settings SET value = json_set(value, '$.allowUncheckedRevocation', json(?)) WHERE key = 'ops.signatures'").run(allow ? 'true' : 'false');

  it('by default the valid signature with unchecked revocation is not accepted', async () => {
    const acuerdo = (await call<Scans>('review.scans', { id })).items.find((s) => s.documentType === 'acuerdo_responsabilidad')!;
    expect(acuerdo).toMatchObject({ acceptance: 'no', signature: { verdict: 'valida', revocationUnchecked: true } });
    expect(acuerdo.signature!.summary).toMatch(/^Firma válida de BEGOÑA PEÑA MUÑOZ, .* · revocación no comprobada$/);
    expect((await markSignature(id, 'acuerdo_responsabilidad')).ok).toBe(false);
  });

  it('with the exception configured it is accepted, and the approval records it in the audit trail and the history', async () => {
    setException(true);
    try {
      for (const type of ['solicitud_entrega_clave', 'acuerdo_responsabilidad']) expect((await markSignature(id, type)).ok).toBe(true);
      for (const [type, checks] of [['ruc', { numberValid: true }], ['solicitud_entrega_clave', {}], ['cedula_representante', { numberValid: true, namesMatch: true }], ['acuerdo_responsabilidad', {}]] as const) {
        expect((await verify(id, type, checks)).ok).toBe(true);
      }
      const detail = await call<Detail>('requests.get', { id });
      expect((await call<{ state: string }>('review.approve', { id, version: detail.version })).state).toBe('aprobada');
      const audit = sqlite().prepare("SELECT outcome FROM audit_log WHERE call = 'signatures.verdict' AND target = ? ORDER BY seq").all(`request:${id}`) as { outcome: string }[];
      expect(audit.map((a) => a.outcome)).toContain('acuerdo_responsabilidad:valida:revocacion_no_comprobada:excepcion');
      const history = (await call<{ history: { activity: string; note: string | null }[] }>('requests.get', { id })).history;
      expect(history.map((h) => h.note)).toContain('Acuerdo de Responsabilidad y Uso de la Información: Firma válida · revocación no comprobada (aprobada por la excepción configurada por la agencia)');
    } finally {
      setException(false);
    }
  });
});

describe('attachments.verifySignature (the CLI and any host)', () => {
  it('verifies one scan and audits the read against its request', async () => {
    const id = await arrive();
    const pdf = sqlite().prepare("SELECT id FROM attachments WHERE request_id = ? AND document_type = 'solicitud_entrega_clave'").get(id) as { id: string };
    const r = await call<Verdict & { documentType: string }>('attachments.verifySignature', { id: pdf.id }, { kind: 'cli', username: 'supervisora' });
    expect(r).toMatchObject({ verdict: 'valida', documentType: 'solicitud_entrega_clave' });
    expect(r.signatures[0]!.checks.map((x) => x.item)).toEqual(['integridad', 'modificaciones', 'sello_de_tiempo', 'certificado', 'cadena', 'revocacion', 'identidad']);
    const audited = sqlite().prepare("SELECT target FROM audit_log WHERE call = 'attachments.verifySignature' ORDER BY seq DESC LIMIT 1").get() as { target: string };
    expect(audited.target).toBe(`request:${id}`);
  });
});

describe('e-signatures are checked on the PDF, not trusted', () => {
  let id: string;
  beforeAll(async () => {
    id = await arrive({ acuerdo: 'sin_firma' });
  });

  it('shows the unsigned Acuerdo and refuses to record its e-signature', async () => {
    const scans = await call<Scans>('review.scans', { id });
    expect(scans.items.find((s) => s.documentType === 'acuerdo_responsabilidad')).toMatchObject({ fileName: 'acuerdo.pdf', acceptance: 'no', signature: { verdict: 'sin_firma' } });
    expect(await markSignature(id, 'acuerdo_responsabilidad')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('la firma electrónica no es válida (Sin firma electrónica)') } });
  });

  it('refuses approval even when the checklist says verified and signed, because the PDF has no signature; a missing scan file is no signature either', async () => {
    // As if a mark had been recorded elsewhere (an older desk, a bad restore): the files decide.
    sqlite().prepare("UPDATE request_documents SET status = 'verificado', presented = 1, signature_marked = CASE WHEN signature IS NULL THEN 0 ELSE 1 END WHERE request_id = ?").run(id);
    const before = row(id);
    const refused = await raw('review.approve', { id, version: before.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Acuerdo de Responsabilidad y Uso de la Información: Sin firma electrónica.') } });
    expect(refused.ok === false && refused.error.message).not.toContain('Solicitud de entrega de clave:');

    const solicitud = sqlite().prepare("SELECT id FROM attachments WHERE request_id = ? AND document_type = 'solicitud_entrega_clave'").get(id) as { id: string };
    fs.rmSync(attachmentPath(env.desk.dataDir, solicitud.id, 'application/pdf'));
    const again = await raw('review.approve', { id, version: before.version });
    expect(again.ok === false && again.error.message).toContain('Solicitud de entrega de clave: Sin firma electrónica: el archivo ya no está en esta estación.');
    expect(row(id)).toEqual(before);
  });

  it('the supervisor rejects the document with its catalogued reason and then the request', async () => {
    sqlite().prepare("UPDATE request_documents SET status = 'pendiente', signature_marked = 0 WHERE request_id = ?").run(id);
    const { version } = await call<Detail>('requests.get', { id });
    await call('requests.verifyDocument', { id, version, documentType: 'acuerdo_responsabilidad', presented: true, presentedAs: 'escaneo', status: 'rechazado', rejectionReason: 'sin_firma_electronica' });
    expect(sqlite().prepare("SELECT status, rejection_reason AS reason FROM request_documents WHERE request_id = ? AND document_type = 'acuerdo_responsabilidad'").get(id)).toEqual({ status: 'rechazado', reason: 'sin_firma_electronica' });
    const current = await call<Detail>('requests.get', { id });
    expect(current.availableEvents).not.toContain('devolver'); // nobody to return it to: the applicant files again
    await call('review.reject', { id, version: current.version, reasonCode: 'requisitos_incompletos', note: 'El Acuerdo no tiene firma electrónica.' });
    expect(row(id).state).toBe('rechazada');
    expect(transitions(id)).toEqual(['rechazar: en_verificacion → rechazada']);
  });
});

describe('review.scans', () => {
  it('is for virtual requests only', async () => {
    const presencial = sqlite().prepare("SELECT id, number FROM requests WHERE channel = 'presencial' LIMIT 1").get() as { id: string; number: string };
    expect(await raw('review.scans', { id: presencial.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `${presencial.number} no es de la Ventanilla Virtual: sus documentos se verifican en ventanilla.` } });
  });
});
