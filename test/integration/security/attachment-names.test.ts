// The name of a scan is whatever the uploader's computer (or central) called it: it may carry a
// NUL that hides the real extension (`a.pdf\u0000.exe`), a right-to-left override that makes
// `exe.pdf` read `fdp.exe`, or a path (`../../etc/passwd`). It is cleaned before it is stored and
// again before it is shown, so no screen and no saved copy ever uses it as it came.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../../electron/core/registry';
import { seededDesk, type TestDesk } from '../../support/desk';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
/** A real 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d494441547801633851a1f11f0005dc02687ae21b030000000049454e44ae426082', 'hex');
let desk: TestDesk;
let requestId = '';
beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
  const code = (desk.core.ctx.db.$client.prepare("SELECT confirmation_code AS c FROM appointments WHERE agency_id = 'agency-uio' ORDER BY time LIMIT 1").get() as { c: string }).c;
  const r = await desk.core.call('appointments.checkIn', { query: code }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  requestId = (r.value as { requestId: string }).requestId;
});
afterAll(() => desk.dispose());

async function add(fileName: string): Promise<{ id: string; fileName: string }> {
  const r = await desk.core.call('attachments.add', { requestId, documentType: 'cedula_representante', fileName, dataBase64: PNG.toString('base64') }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { id: string; fileName: string };
}
const stored = (id: string) => (desk.core.ctx.db.$client.prepare('SELECT file_name AS f FROM attachments WHERE id = ?').get(id) as { f: string }).f;
const shown = async (id: string) => {
  const r = await desk.core.call('attachments.get', { id }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { fileName: string }).fileName;
};
const listed = async (id: string) => {
  const r = await desk.core.call('requests.get', { id: requestId }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { attachments: { id: string; fileName: string }[] }).attachments.find((a) => a.id === id)!.fileName;
};

const HOSTILE: [string, string][] = [
  ['a.pdf\u0000.exe', 'a.pdf.exe.png'],
  ['\u202Egnp.exe', 'gnp.exe.png'],
  ['factura\u202Egnp.exe', 'facturagnp.exe.png'],
  ['../../etc/passwd', 'passwd.png'],
  ['C:\\Windows\\System32\\cmd.exe', 'cmd.exe.png'],
  ['cédula\u200B Peña\u2066.png', 'cédula Peña.png'],
  ['  ..\u0007oculto.png.  ', 'oculto.png'],
  ['CON.png', '_CON.png'],
  ['a<b>c:d|e?f*g".png', 'a_b_c_d_e_f_g_.png'],
  ['\u0000\u202E', 'adjunto.png'],
  [`${'ñ'.repeat(250)}.png`, `${'ñ'.repeat(116)}.png`],
];

describe('attachment file names', () => {
  it.each(HOSTILE)('%j is stored, answered and listed as %j', async (given, clean) => {
    const added = await add(given);
    expect(added.fileName).toBe(clean);
    expect(stored(added.id)).toBe(clean);
    expect(await shown(added.id)).toBe(clean);
    expect(await listed(added.id)).toBe(clean);
  });

  it('an ordinary name is kept as the clerk chose it', async () => {
    const added = await add('cédula Peña.png');
    expect([added.fileName, stored(added.id), await shown(added.id)]).toEqual(['cédula Peña.png', 'cédula Peña.png', 'cédula Peña.png']);
  });

  it('a name already in the database (an older version, central) is cleaned when shown', async () => {
    const added = await add('limpio.png');
    desk.core.ctx.db.$client.prepare('UPDATE attachments SET file_name = ? WHERE id = ?').run('x\u202Egnp.exe', added.id);
    expect(await shown(added.id)).toBe('xgnp.exe.png');
    expect(await listed(added.id)).toBe('xgnp.exe.png');
  });
});
