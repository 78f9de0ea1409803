// Agency isolation in the core: a supervisor and a clerk of UIO cannot read or act on a record of
// GYE by its id, nor see it in lists, searches or reports. Every attempt answers not_found or
// forbidden in Spanish and changes nothing. The record is real — printed forms, a scan, waiting
// for review — and the same calls work once it belongs to UIO, so the refusals are the agency's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/contract/counter';
import type { Auth } from '../../electron/core/registry';
import { DEMO_AGENCY, OTHER_AGENCY } from '../../db/seed/demo';
import { DOCUMENT_REJECTION_REASONS, REJECTION_REASONS, RETURN_REASONS } from '../../shared/domain/catalogs';
import { ecuadorDate } from '../../shared/domain/dates';
import { okCaller, seededDesk, type TestDesk } from '../support/desk';
import { NATURAL_INTAKE } from '../support/intake';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
const GYE_CLERK: Auth = { kind: 'cli', username: 'ventanilla.gye' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d494441547801633851a1f11f0005dc02687ae21b030000000049454e44ae426082', 'hex');

let desk: TestDesk;
type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const sqlite = () => desk.core.ctx.db.$client;
const call = okCaller(() => desk, CLERK);

/** The GYE record under test. */
let id = '';
let number = '';
let version = 0;
let attachmentId = '';
let date = '';

/** Moves the request (and its outbox events and appointment) to an agency, as if created there. */
function homeTo(agencyId: string, clerk: string): void {
  const db = sqlite();
  db.transaction(() => {
    const clerkId = (db.prepare('SELECT id FROM users WHERE username = ?').get(clerk) as { id: string }).id;
    db.prepare('UPDATE requests SET agency_id = ?, clerk_id = ? WHERE id = ?').run(agencyId, clerkId, id);
    db.prepare('UPDATE outbox SET agency_id = ? WHERE request_id = ?').run(agencyId, id);
    db.prepare('UPDATE appointments SET agency_id = ? WHERE id = (SELECT appointment_id FROM requests WHERE id = ?)').run(agencyId, id);
  })();
}

/** Everything a call could have changed, and the audit entries that name the record and succeeded. */
function snapshot() {
  const db = sqlite();
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    request: db.prepare('SELECT agency_id, state, version, clerk_id, updated_at FROM requests WHERE id = ?').get(id),
    documents: db.prepare('SELECT * FROM request_documents WHERE request_id = ? ORDER BY document_type').all(id),
    counts: Object.fromEntries(['requests', 'request_documents', 'request_decisions', 'attachments', 'form_prints', 'outbox', 'appointments'].map((t) => [t, count(t)])),
    // review.bulkApprove answers ok as a call (its items carry the refusals), so it is left out here.
    okAuditOnRecord: (
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok' AND call <> 'review.bulkApprove' AND (target LIKE ? OR target = ?)").get(`%${id}%`, `attachment:${attachmentId}`) as {
        n: number;
      }
    ).n,
  };
}

beforeAll(async () => {
  desk = await seededDesk({ requests: 20 });
  // A presencial request all the way to review, with its forms printed and a scan attached.
  const code = (sqlite().prepare("SELECT confirmation_code AS c FROM appointments WHERE agency_id = 'agency-uio' ORDER BY time LIMIT 1").get() as { c: string }).c;
  id = (await call<{ requestId: string }>('appointments.checkIn', { query: code })).requestId;
  let detail = await call<RequestDetail>('requests.get', { id });
  version = (
    await call<{ version: number }>('requests.saveDraft', {
      id,
      version: detail.version,
      intake: NATURAL_INTAKE,
    })
  ).version;
  version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: 'cedula_representante', presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } })).version;
  version = (await call<{ version: number }>('forms.print', { id, version })).version;
  attachmentId = (await call<{ id: string }>('attachments.add', { requestId: id, documentType: 'cedula_representante', fileName: 'cedula.png', dataBase64: PNG.toString('base64') })).id;
  detail = await call<RequestDetail>('requests.get', { id });
  version = detail.version;
  for (const d of detail.checklist.filter((c) => c.signature === 'manuscrita')) {
    version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado' })).version;
  }
  const submitted = await call<{ state: string; version: number }>('requests.transition', { id, version, event: 'enviar_a_revision' });
  expect(submitted.state).toBe('pendiente_revision');
  version = submitted.version;
  number = (sqlite().prepare('SELECT number FROM requests WHERE id = ?').get(id) as { number: string }).number;
  date = ecuadorDate(desk.clock.now());
  homeTo(OTHER_AGENCY.id, 'ventanilla.gye');
});
afterAll(() => desk.dispose());

const REFUSED = ['not_found', 'forbidden'];
/** A refusal in Spanish: one of the core's own messages, never an English or technical text. */
const SPANISH = /^(La solicitud no existe en esta agencia\.|El adjunto no existe\.|El registro solicitado no existe\.|Su rol no tiene permiso para realizar esta operación\.)$/;

async function refused(auth: Auth, name: string, input: unknown) {
  const r = (await desk.core.call(name, input, auth)) as R;
  expect(r.ok, `${name} answered ok`).toBe(false);
  if (r.ok) return;
  expect(r.error.code, `${name}: ${r.error.message}`).not.toBe('invalid_input'); // the test's input must reach the handler
  expect(REFUSED, `${name}: ${r.error.code}`).toContain(r.error.code);
  expect(r.error.message, name).toMatch(SPANISH);
}

/** Calls that name the GYE record by id, for a role of UIO. */
const byId = () => [
  ['requests.get', { id }],
  ['forms.get', { id }],
  ['attachments.get', { id: attachmentId }],
  ['review.approve', { id, version }],
  ['review.return', { id, version, reasonCode: RETURN_REASONS[0].code, note: 'Intento desde otra agencia.' }],
  ['review.reject', { id, version, reasonCode: REJECTION_REASONS[0].code, note: 'Intento desde otra agencia.' }],
  ['review.scans', { id }],
  ['review.reassign', { id, version, clerkId: 'x' }],
  ['requests.saveDraft', { id, version, intake: { email: 'otro@correo.com' } }],
  ['requests.transition', { id, version, event: 'rechazar', reasonCode: REJECTION_REASONS[0].code, note: 'Intento desde otra agencia.' }],
  ['requests.verifyDocument', { id, version, documentType: 'cedula_representante', presented: true, status: 'rechazado', rejectionReason: DOCUMENT_REJECTION_REASONS[0].code }],
  ['requests.markSignature', { id, version, documentType: 'solicitud_entrega_clave', marked: false }],
  ['attachments.add', { requestId: id, documentType: 'ruc', fileName: 'ruc.png', dataBase64: PNG.toString('base64') }],
  ['forms.print', { id, version, reprintReason: 'Intento desde otra agencia' }],
] as const;

describe('agency isolation: UIO staff and a GYE record', () => {
  it('the record really is reachable: its own agency reads it, its forms and its scan', async () => {
    expect(await call<RequestDetail>('requests.get', { id }, GYE_CLERK)).toMatchObject({ id, state: 'pendiente_revision' });
    expect((await call<{ forms: unknown[] }>('forms.get', { id }, GYE_CLERK)).forms).toHaveLength(3);
    expect(Buffer.from((await call<{ dataBase64: string }>('attachments.get', { id: attachmentId }, GYE_CLERK)).dataBase64, 'base64').equals(PNG)).toBe(true);
  });

  for (const [role, auth] of [
    ['supervisor', SUPERVISOR],
    ['clerk', CLERK],
  ] as const) {
    it(`a UIO ${role} gets not_found or forbidden, in Spanish, for every call on it by id, and nothing changes`, async () => {
      const before = snapshot();
      for (const [name, input] of byId()) await refused(auth, name, input);
      // review.bulkApprove answers per item; the GYE one is not approved and not named.
      const bulk = (await desk.core.call('review.bulkApprove', { items: [{ id, version }] }, auth)) as R;
      if (bulk.ok) expect((bulk.value as { results: { ok: boolean; message: string }[] }).results).toEqual([{ id, ok: false, message: expect.not.stringContaining(number), state: null }]);
      else expect(bulk.error.code).toBe('forbidden');
      expect(snapshot()).toEqual(before);
    });
  }

  it('it never shows in the UIO supervisor’s queues, searches or reports', async () => {
    const before = snapshot();
    const queue = await call<{ items: { id: string }[] }>('queues.list', { queue: 'por_revisar', limit: 200 }, SUPERVISOR);
    expect(queue.items.map((i) => i.id)).not.toContain(id);
    for (const text of [number, '1714307103001', 'Peña Muñoz Begoña', '1714307103']) {
      const found = await call<{ items: { id: string }[] }>('search.requests', { text, limit: 100 }, SUPERVISOR);
      expect(found.items.map((i) => i.id), text).not.toContain(id);
    }
    const report = await call<{ agency: { code: string }; total: { received: number } }>('reports.endOfDay', { date }, SUPERVISOR);
    expect(report.agency.code).toBe(DEMO_AGENCY.code);
    const csv = await call<{ dataBase64: string }>('reports.endOfDayFile', { date, format: 'csv' }, SUPERVISOR);
    const stats = await call<{ perDay: { date: string; received: number }[] }>('dashboard.stats', { from: date, to: date }, SUPERVISOR);
    // The clerk reaches none of these.
    await refused(CLERK, 'queues.list', { queue: 'por_revisar' });
    await refused(CLERK, 'search.requests', { text: number });
    await refused(CLERK, 'reports.endOfDay', { date });
    await refused(CLERK, 'dashboard.stats', { from: date, to: date });
    expect(snapshot()).toEqual(before);

    // Control: once the record belongs to UIO, the same calls find it and count it.
    homeTo(DEMO_AGENCY.id, 'ventanilla1');
    try {
      const queueUio = await call<{ items: { id: string }[] }>('queues.list', { queue: 'por_revisar', limit: 200 }, SUPERVISOR);
      expect(queueUio.items.map((i) => i.id)).toContain(id);
      expect((await call<{ items: { id: string }[] }>('search.requests', { text: number, limit: 100 }, SUPERVISOR)).items.map((i) => i.id)).toContain(id);
      const reportUio = await call<{ total: { received: number } }>('reports.endOfDay', { date }, SUPERVISOR);
      expect(reportUio.total.received).toBe(report.total.received + 1);
      const csvUio = await call<{ dataBase64: string }>('reports.endOfDayFile', { date, format: 'csv' }, SUPERVISOR);
      expect(csvUio.dataBase64).not.toBe(csv.dataBase64);
      const statsUio = await call<{ perDay: { date: string; received: number }[] }>('dashboard.stats', { from: date, to: date }, SUPERVISOR);
      const received = (s: typeof stats) => s.perDay.find((d) => d.date === date)?.received ?? 0;
      expect(received(statsUio)).toBe(received(stats) + 1);
      expect((await call<RequestDetail>('requests.get', { id }, SUPERVISOR)).id).toBe(id);
      expect((await call<{ forms: unknown[] }>('forms.get', { id }, CLERK)).forms).toHaveLength(3);
    } finally {
      homeTo(OTHER_AGENCY.id, 'ventanilla.gye');
    }
  });
});
