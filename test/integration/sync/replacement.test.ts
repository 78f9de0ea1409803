// A broken desk is replaced: a new machine enrolled with a replacement code for the same station
// recovers the station's requests, their checklists, scans and archived forms from central, checks
// the paper printed at the broken desk, and continues its numbering without gap or repeat. The
// broken desk's token stops working.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../../../electron/core/counter/attachments/files';
import { syncOnce } from '../../../electron/core/sync';
import { seededDesk, type TestDesk } from '../../support/desk';
import { callOk, checkIn, paperQr, toReview } from './counter-flow';
import { ADMIN, central, enrol, FAST, SUPERVISOR, syncUntilClean, type Central } from './support';

let c: Central;
let broken: TestDesk;
let replacement: TestDesk;
let brokenId = '';
let reviewed: { id: string; number: string };
let drafts: { id: string; number: string }[];
beforeAll(async () => {
  c = await central();
  broken = await seededDesk({ requests: 0 });
  brokenId = await enrol(broken, c, 'Ventanilla 1');
  reviewed = await toReview(broken, { ruc: '1714307103001', names: 'Peña Muñoz Begoña', cedula: '1714307103', address: 'Calle Sucre 4-52, Cuenca' });
  drafts = [await checkIn(broken), await checkIn(broken)];
  await syncUntilClean(broken, FAST, 20);
  replacement = await seededDesk({ requests: 0 });
}, 180_000);
afterAll(async () => {
  broken.dispose();
  replacement.dispose();
  await c.dispose();
});

type Detail = { state: string; number: string; checklist: { documentType: string; status: string }[]; version: number };

test("the new machine of station 01 recovers the station's requests, scans and forms, and continues its numbering", { timeout: 120_000 }, async () => {
  expect(drafts.map((d) => d.number)).toEqual(['CAU-UIO-2026-01-000002', 'CAU-UIO-2026-01-000003']);
  const qr = paperQr(broken, reviewed.id);
  const code = await c.admin.enrolmentCode('UIO', '01');
  const enrolled = await callOk(replacement, 'sync.enrol', { centralUrl: c.url, enrolmentCode: code, deviceName: 'Ventanilla 1 (equipo nuevo)' }, ADMIN);
  expect(enrolled).toMatchObject({ stationCode: '01', replacement: true });
  expect(await callOk(replacement, 'sync.status', {}, ADMIN)).toMatchObject({ recovering: true, stationCode: '01' });

  // Numbering continues after the last number central received from the station, even before the recovery ends.
  const sqlite = replacement.core.ctx.db.$client;
  await syncUntilClean(replacement, FAST, 20);
  expect(await callOk(replacement, 'sync.status', {}, ADMIN)).toMatchObject({ recovering: false });

  // The requests, as they were at the broken desk: same ids, numbers and states, the checklist verified.
  const ours = (sqlite.prepare("SELECT id, number, state FROM requests WHERE number LIKE 'CAU-UIO-2026-01-%' ORDER BY number").all() as { id: string; number: string; state: string }[]);
  expect(ours).toEqual([
    { id: reviewed.id, number: reviewed.number, state: 'pendiente_revision' },
    { ...drafts[0]!, state: 'borrador' },
    { ...drafts[1]!, state: 'borrador' },
  ]);
  const detail = await callOk<Detail>(replacement, 'requests.get', { id: reviewed.id }, SUPERVISOR);
  expect(detail.checklist.length).toBeGreaterThan(0);
  expect(detail.checklist.every((d) => d.status === 'verificado')).toBe(true);

  // The scan and the archived forms are on this disk, byte for byte.
  const scans = sqlite.prepare('SELECT id, mime, sha256 FROM attachments WHERE request_id = ?').all(reviewed.id) as { id: string; sha256: string }[];
  expect(scans).toHaveLength(1);
  expect(sha256(fs.readFileSync(path.join(replacement.dataDir, 'adjuntos', `${scans[0]!.id}.jpg`)))).toBe(scans[0]!.sha256);
  const printed = broken.core.ctx.db.$client.prepare('SELECT kind, sha256 FROM form_prints WHERE request_id = ? ORDER BY kind').all(reviewed.id);
  const forms = await callOk<{ forms: { kind: string; sha256: string; pdfBase64: string }[] }>(replacement, 'forms.get', { id: reviewed.id });
  // forms.get lists them in the forms' order (Solicitud, Acuerdo, Comprobante): compared by kind.
  const byKind = (rows: { kind: string }[]) => [...rows].sort((a, b) => a.kind.localeCompare(b.kind));
  expect(byKind(forms.forms.map((f) => ({ kind: f.kind, sha256: sha256(Buffer.from(f.pdfBase64, 'base64')) })))).toEqual(printed);
  expect(sqlite.prepare('SELECT count(*) AS n FROM sync_downloads').get()).toEqual({ n: 0 });

  // The paper signed at the broken desk verifies here.
  expect(await callOk(replacement, 'forms.verifyQr', { payload: qr })).toMatchObject({ outcome: 'autentico', number: reviewed.number });

  // Next number: no gap, no repeat.
  expect((await checkIn(replacement)).number).toBe('CAU-UIO-2026-01-000004');

  // The work goes on here: the supervisor approves the recovered request.
  expect(await callOk(replacement, 'review.approve', { id: reviewed.id, version: detail.version }, SUPERVISOR)).toMatchObject({ state: 'aprobada' });
  await syncUntilClean(replacement, FAST, 20);
  expect(c.store.request(reviewed.id)?.state).toBe('enviada');
});

test('central shows the station replaced, and the broken desk can no longer send anything', async () => {
  const devices = await c.admin.devices();
  const newId = (replacement.core.ctx.db.$client.prepare('SELECT device_id AS id FROM sync_state').get() as { id: string }).id;
  expect(devices.find((d) => d.id === brokenId)).toMatchObject({ station: '01', status: 'reemplazada', replacedBy: newId });
  expect(devices.find((d) => d.id === newId)).toMatchObject({ station: '01', status: 'activa' });
  expect(await syncOnce(broken.core.ctx, FAST)).toMatchObject({ ok: false, kind: 'auth' });
});
