// A hostile or compromised central decides the identifiers it sends. Every identifier that becomes
// part of a file path is checked on the desk, and paths are built so that they cannot leave their
// folder: a `request.virtual` whose id climbs out of the data directory is recorded as a conflict
// and nothing is written anywhere.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath, storeAttachment } from '../../../electron/core/counter/attachments/files';
import { scanPdf } from '../../support/virtual-scans';
import { tempDir, type TestDesk } from '../../support/desk';
import { central, enrolledDesk, FAST, syncUntilClean, type Central } from '../sync/support';

let c: Central;
let desk: TestDesk;
let outside: string;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c);
  outside = tempDir('vp-fuera-');
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
  fs.rmSync(outside, { recursive: true, force: true });
});

/** Every file under `dir`, relative, recursively. */
const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).sort() : []);

const conflicts = () => desk.core.ctx.db.$client.prepare('SELECT request_id AS requestId, reason FROM sync_conflicts ORDER BY id').all() as { requestId: string | null; reason: string }[];

describe('identifiers from central never reach a path outside their folder', () => {
  it('a request.virtual whose id is "../../<outside>/x" stores nothing and is recorded as a conflict', async () => {
    const pdf = await scanPdf('Registro Único de Contribuyentes', ['RUC 1792060346001']);
    // From <dataDir>/adjuntos, two levels up is the OS temp folder, where `outside` lives.
    const hostileId = `../../${path.basename(outside)}/x`;
    expect(path.join(desk.dataDir, 'adjuntos', `${hostileId}-a0.pdf`)).toBe(path.join(outside, 'x-a0.pdf'));
    await c.admin.rawChange('UIO', {
      kind: 'request.virtual',
      request: { id: hostileId, number: 'VV-UIO-2026-900001', receivedAt: Date.UTC(2026, 10, 20, 14), intake: { applicantKind: 'juridica_privada' } },
      attachments: [{ documentType: 'ruc', fileName: 'ruc.pdf', mime: 'application/pdf', sha256: createHash('sha256').update(pdf).digest('hex'), dataBase64: pdf.toString('base64') }],
    });
    const before = filesUnder(path.join(desk.dataDir, 'adjuntos'));
    await syncUntilClean(desk, FAST, 20);

    expect(filesUnder(outside)).toEqual([]);
    expect(filesUnder(path.join(desk.dataDir, 'adjuntos'))).toEqual(before);
    expect(desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM requests WHERE number = ?').get('VV-UIO-2026-900001')).toEqual({ n: 0 });
    expect(conflicts().at(-1)).toEqual({ requestId: null, reason: expect.stringContaining('VV-UIO-2026-900001: el IESS envió un identificador de solicitud no válido') });
  });

  it('a request.upsert (another desk’s request) with a path-shaped id is not copied', async () => {
    await c.admin.rawChange('UIO', {
      kind: 'request.upsert',
      originDevice: 'otra-estacion',
      request: {
        id: '../formularios/x',
        number: 'CAU-UIO-2026-900002',
        channel: 'presencial',
        applicantKind: 'juridica_privada',
        employerRuc: '1792060346001',
        employerBranch: '0001',
        employerLegalName: 'Comercial Andina Cía. Ltda.',
        representativeNames: null,
        email: null,
        createdAt: 1,
        state: 'pendiente_revision',
        stateSince: 1,
        lastEvent: 'enviar_a_revision',
        previousState: 'pendiente_firma',
      },
    });
    await syncUntilClean(desk, FAST, 20);
    expect(desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM requests WHERE number = ?').get('CAU-UIO-2026-900002')).toEqual({ n: 0 });
    expect(conflicts().at(-1)?.reason).toContain('CAU-UIO-2026-900002: el IESS envió un identificador de solicitud no válido');
  });

  it('the attachment store itself refuses an id that is not a generated identifier, whoever calls it', () => {
    for (const id of ['../x', '..', 'a/b', 'a\\b', '', 'x'.repeat(200), '0198f3b2-7c1e-7a4b-9d2e-1f2a3b4c5d6e/../../x']) {
      expect(() => storeAttachment(desk.dataDir, id, 'application/pdf', Buffer.from('%PDF-1.7'))).toThrow(/Identificador de adjunto no válido/);
      expect(() => attachmentPath(desk.dataDir, id, 'application/pdf')).toThrow(/Identificador de adjunto no válido/);
    }
    expect(filesUnder(outside)).toEqual([]);
  });
});
