// A presencial request from check-in to "pendiente_revision" through the core: verification,
// forms printed and archived, signatures marked, submission — and the paper checks out.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/contract/counter';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';
import { NATURAL_INTAKE } from '../support/intake';
import { OUTBOX_EVENT_TYPES } from '../../shared/domain/outbox';
import { parseOutboxEvent } from '../../shared/sync/protocol';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
});
afterAll(() => desk.dispose());

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

type Printed = { version: number; state: string; reprint: boolean; forms: { kind: string; sha256: string; pdfBase64: string; templateVersion: number }[] };

describe('from check-in to review', () => {
  let id = '';
  let version = 0;
  let firstPrint: Printed;

  it('checks in, fills the intake and starts verification', async () => {
    const code = (desk.core.ctx.db.$client.prepare('SELECT confirmation_code AS c FROM appointments ORDER BY time LIMIT 1').get() as { c: string }).c;
    id = (await call<{ requestId: string }>('appointments.checkIn', { query: code })).requestId;
    // The counter's screen marks the request «en atención» when it opens it (renderer/src/app/agency.tsx).
    expect(await call('requests.workStart', { id, activity: 'atencion' })).toMatchObject({ started: true, others: [] });
    const detail = await call<RequestDetail>('requests.get', { id });
    version = (
      await call<{ version: number }>('requests.saveDraft', {
        id,
        version: detail.version,
        intake: NATURAL_INTAKE,
      })
    ).version;
    version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
  });

  it('will not print before the documents without signature are verified, and says which', async () => {
    const error = await fails('forms.print', { id, version });
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('Cédula del representante legal') });
  });

  it('prints the three forms, archives them with their SHA-256 and moves to pendiente_firma', async () => {
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: 'cedula_representante', presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } })).version;
    firstPrint = await call<Printed>('forms.print', { id, version });
    version = firstPrint.version;
    expect(firstPrint.state).toBe('pendiente_firma');
    expect(firstPrint.forms.map((f) => f.kind)).toEqual(['solicitud', 'acuerdo', 'comprobante']);
    for (const f of firstPrint.forms) {
      const row = desk.core.ctx.db.$client.prepare('SELECT path, sha256 FROM form_prints WHERE request_id = ? AND kind = ?').get(id, f.kind) as { path: string; sha256: string };
      const onDisk = fs.readFileSync(path.join(desk.dataDir, row.path));
      expect(onDisk.equals(Buffer.from(f.pdfBase64, 'base64'))).toBe(true);
      expect(row.sha256).toBe(f.sha256);
      expect(onDisk.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('reprints only with a reason, byte for byte the same, and records who and why', async () => {
    expect(await fails('forms.print', { id, version })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('motivo') });
    desk.clock.advance(3_600_000);
    const again = await call<Printed>('forms.print', { id, version, reprintReason: 'La impresora atascó la hoja' });
    expect(again.reprint).toBe(true);
    expect(again.forms.map((f) => f.sha256)).toEqual(firstPrint.forms.map((f) => f.sha256));
    // The reprint is the archived file itself: its bytes equal the archive's.
    const rows = desk.core.ctx.db.$client.prepare('SELECT kind, path FROM form_prints WHERE request_id = ? AND reprint = 0').all(id) as { kind: string; path: string }[];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const archived = fs.readFileSync(path.join(desk.dataDir, row.path));
      expect(Buffer.from(again.forms.find((f) => f.kind === row.kind)!.pdfBase64, 'base64').equals(archived), row.kind).toBe(true);
    }
    const history = await call<{ prints: { reprint: boolean; reason: string | null; actor: string }[] }>('forms.get', { id });
    expect(history.prints).toEqual([
      expect.objectContaining({ reprint: false, reason: null, actor: 'José Muñoz Quishpe' }),
      expect.objectContaining({ reprint: true, reason: 'La impresora atascó la hoja' }),
    ]);
  });

  it('a reprint reads the archive, not a new rendering: an altered archived file is refused', async () => {
    const rows = desk.core.ctx.db.$client.prepare('SELECT kind, path FROM form_prints WHERE request_id = ? AND reprint = 0').all(id) as { kind: string; path: string }[];
    // Rendering again would give back the right bytes; reading the archive finds the tampering.
    const acuerdo = path.join(desk.dataDir, rows.find((r) => r.kind === 'acuerdo')!.path);
    const original = fs.readFileSync(acuerdo);
    fs.writeFileSync(acuerdo, Buffer.concat([original, Buffer.from('\n%alterado\n')]));
    try {
      expect(await fails('forms.print', { id, version, reprintReason: 'Otra copia' })).toMatchObject({ code: 'conflict', message: expect.stringContaining('no coincide') });
    } finally {
      fs.writeFileSync(acuerdo, original);
    }
  });

  it('a set printed at another desk (its files not at this one, sync/record.ts) is rendered again as printed, checked against the recorded hashes and archived here', async () => {
    const rows = desk.core.ctx.db.$client.prepare('SELECT kind, path, sha256 FROM form_prints WHERE request_id = ? AND reprint = 0').all(id) as { kind: string; path: string; sha256: string }[];
    const files = rows.map((r) => path.join(desk.dataDir, r.path));
    for (const f of files) fs.rmSync(f);
    const again = await call<Printed>('forms.print', { id, version, reprintReason: 'Copia para el solicitante' });
    expect(again.reprint).toBe(true);
    expect(again.forms.map((f) => f.sha256)).toEqual(firstPrint.forms.map((f) => f.sha256));
    for (const [i, f] of files.entries()) expect(fs.readFileSync(f).equals(Buffer.from(firstPrint.forms.find((x) => x.kind === rows[i]!.kind)!.pdfBase64, 'base64'))).toBe(true);
  });

  it('the QR code of the paper verifies against the record; a forged one does not', async () => {
    const qr = (desk.core.ctx.db.$client.prepare('SELECT number FROM requests WHERE id = ?').get(id) as { number: string }).number;
    const row = desk.core.ctx.db.$client.prepare("SELECT snapshot FROM form_prints WHERE request_id = ? AND kind = 'acuerdo' LIMIT 1").get(id) as { snapshot: string };
    const { qrPayload } = await import('../../electron/core/forms/digest');
    const { DEFAULT_TEMPLATES } = await import('../../electron/core/forms/templates');
    const payload = qrPayload('acuerdo', JSON.parse(row.snapshot), DEFAULT_TEMPLATES.acuerdo);
    expect(await call('forms.verifyQr', { payload })).toMatchObject({ valid: true, number: qr, kind: 'acuerdo' });
    const forged = qrPayload('acuerdo', { ...JSON.parse(row.snapshot), contact: { email: 'otro@correo.com', mobile: null, address: null } }, DEFAULT_TEMPLATES.acuerdo);
    expect(await call('forms.verifyQr', { payload: forged })).toMatchObject({ valid: false, message: expect.stringContaining('no coincide') });
    expect(await call('forms.verifyQr', { payload: 'hola' })).toMatchObject({ valid: false });
  });

  it('submits to review once the handwritten signatures are marked', async () => {
    const blocked = await fails('requests.transition', { id, version, event: 'enviar_a_revision' });
    expect(blocked.message).toMatch(/firma/i);
    const detail = await call<RequestDetail>('requests.get', { id });
    for (const d of detail.checklist.filter((c) => c.signature === 'manuscrita')) {
      version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
      version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado' })).version;
    }
    // This desk is not enrolled: no code can be sent, so the clerk records why (seed 004, line 43).
    const unproven = await fails('requests.transition', { id, version, event: 'enviar_a_revision' });
    expect(unproven.message).toMatch(/correo electrónico está activo/);
    version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version, reason: 'sin_conexion' })).version;
    const submitted = await call<{ state: string }>('requests.transition', { id, version, event: 'enviar_a_revision' });
    expect(submitted.state).toBe('pendiente_revision');
    expect((await call<RequestDetail>('requests.get', { id })).emailProof).toMatchObject({ status: 'no_verificado', reason: 'sin_conexion' });
  });
});

describe('after review: the history says what happened, and why', () => {
  const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
  let id = '';
  const as = async <T>(auth: Auth, name: string, input: unknown): Promise<T> => {
    const r = (await desk.core.call(name, input, auth)) as R;
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const detail = () => call<RequestDetail>('requests.get', { id });
  const moves = (d: RequestDetail) => d.history.filter((h) => h.event !== null).map((h) => ({ event: h.event, source: h.source, actor: h.actor, reasonCode: h.reasonCode, note: h.note }));

  it('names each event of the counter, not "a change of state"', async () => {
    id = (desk.core.ctx.db.$client.prepare("SELECT id FROM requests WHERE state = 'pendiente_revision' AND clerk_id IS NOT NULL ORDER BY created_at DESC LIMIT 1").get() as { id: string }).id;
    const d = await detail();
    expect(moves(d)).toEqual([
      { event: 'iniciar_verificacion', source: 'user', actor: 'José Muñoz Quishpe', reasonCode: null, note: null },
      // The first print and the two reprints of the tests above.
      { event: 'imprimir_formularios', source: 'user', actor: 'José Muñoz Quishpe', reasonCode: null, note: null },
      { event: 'imprimir_formularios', source: 'user', actor: 'José Muñoz Quishpe', reasonCode: null, note: null },
      { event: 'imprimir_formularios', source: 'user', actor: 'José Muñoz Quishpe', reasonCode: null, note: null },
      { event: 'enviar_a_revision', source: 'user', actor: 'José Muñoz Quishpe', reasonCode: null, note: null },
    ]);
    // Opening the request is audited, but it is not something that happened to it.
    expect(d.history.some((h) => h.activity === 'vista')).toBe(false);
  });

  it("shows the supervisor's return with its catalogued reason and note to the clerk", async () => {
    const { version } = await as<RequestDetail>(SUPERVISOR, 'requests.get', { id });
    await as(SUPERVISOR, 'review.return', { id, version, reasonCode: 'nombres_mal_escritos', note: 'Falta la tilde en Peña.' });
    const d = await detail();
    expect(d.state).toBe('devuelta');
    expect(moves(d).at(-1)).toEqual({ event: 'devolver', source: 'user', actor: 'Mónica Peña Yánez', reasonCode: 'nombres_mal_escritos', note: 'Falta la tilde en Peña.' });
  });

  it('records the correction, the new submission and the approval', async () => {
    let { version } = await detail();
    version = (await call<{ version: number }>('requests.startVerification', { id, version })).version;
    version = (await call<Printed>('forms.print', { id, version, reprintReason: 'Corrección pedida por el supervisor' })).version;
    const d = await detail();
    for (const doc of d.checklist.filter((c) => c.signature === 'manuscrita' && !c.signatureMarked)) {
      version = (await call<{ version: number }>('requests.markSignature', { id, version, documentType: doc.documentType, marked: true })).version;
    }
    version = (await call<{ version: number }>('requests.transition', { id, version, event: 'enviar_a_revision' })).version;
    await as(SUPERVISOR, 'review.approve', { id, version });
    expect(moves(await detail()).slice(-5).map((m) => m.event)).toEqual(['devolver', 'corregir', 'imprimir_formularios', 'enviar_a_revision', 'aprobar']);
  });

  it("includes central's decisions from sync, once each, with where the password went", async () => {
    const { applyChange } = await import('../../electron/core/sync/apply');
    const sqlite = desk.core.ctx.db.$client;
    // Central decides after the approval; the desk pulls a minute later.
    const approvedAt = desk.clock.now();
    desk.clock.advance(60_000);
    const ctx = { now: desk.clock.now(), dataDir: desk.dataDir, agencyId: 'agency-uio', deviceId: 'desk-test' };
    expect(applyChange(sqlite, { seq: 9001, kind: 'request.decision', requestId: id, event: 'confirmar_envio', note: null, maskedEmail: null, at: approvedAt + 20_000 }, ctx)).toBe('applied');
    expect(applyChange(sqlite, { seq: 9002, kind: 'request.decision', requestId: id, event: 'emitir_clave', note: null, maskedEmail: 'b***@gmail.com', at: approvedAt + 40_000 }, ctx)).toBe('applied');
    const d = await detail();
    expect(d.state).toBe('clave_emitida');
    expect(moves(d).slice(-2)).toEqual([
      { event: 'confirmar_envio', source: 'central', actor: null, reasonCode: null, note: null },
      { event: 'emitir_clave', source: 'central', actor: null, reasonCode: null, note: 'Clave enviada a b***@gmail.com.' },
    ]);
    // The pulls that carried them are not listed a second time.
    expect(d.history.filter((h) => h.activity === 'sincronizacion')).toEqual([]);
    // In time order.
    expect(d.history.map((h) => h.at)).toEqual([...d.history.map((h) => h.at)].sort((a, b) => a - b));
  });

  it('every event the desk wrote for central along the way is one central reads (its protocol schema)', () => {
    const rows = desk.core.ctx.db.$client.prepare('SELECT type, payload FROM outbox WHERE request_id = ? ORDER BY seq').all(id) as { type: string; payload: string }[];
    // Every type an employer trámite writes; contact.updated belongs to the contact update and
    // foreigner.registration to the foreigner's registration (test/integration/contact-update.test.ts,
    // test/integration/foreign-registration.test.ts).
    const otherTypes = new Set(['contact.updated', 'foreigner.registration']);
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(OUTBOX_EVENT_TYPES.map((t) => t.code).filter((c) => !otherTypes.has(c))));
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.filter((r) => !parseOutboxEvent(r.type, JSON.parse(r.payload)).ok)).toEqual([]);
  });
});
