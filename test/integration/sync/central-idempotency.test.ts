// The stand-in central keeps the protocol's promises (docs/protocol/README.md): an idempotency key
// belongs to the device that sent it; the same key from that device with another content is a
// conflict (refused, never answered as a harmless 'duplicate'), and a batch over 500 events is
// answered 413, as the protocol says, not 400.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_PREFIX, MAX_PUSH_BATCH } from '../../../shared/sync/protocol';
import { central, type Central } from './support';

let c: Central;
let deskA: string;
let deskB: string;
beforeAll(async () => {
  c = await central();
  deskA = await enrolDevice('Ventanilla A');
  deskB = await enrolDevice('Ventanilla B');
});
afterAll(() => c.dispose());

async function enrolDevice(deviceName: string): Promise<string> {
  const enrolmentCode = await c.admin.enrolmentCode('UIO');
  const r = await fetch(`${c.url}${API_PREFIX}/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enrolmentCode, agencyCode: 'UIO', deviceName }) });
  return ((await r.json()) as { token: string }).token;
}

const created = (key: string, requestId: string, legalName = 'Comercial Andina Cía. Ltda.') => ({
  key,
  type: 'request.created',
  requestId,
  occurredAt: Date.UTC(2026, 10, 20, 15),
  payload: { number: `CAU-UIO-2026-${requestId.slice(0, 6)}`, channel: 'presencial', at: Date.UTC(2026, 10, 20, 15), legalName },
  request: {
    id: requestId,
    number: `CAU-UIO-2026-${requestId.slice(0, 6)}`,
    channel: 'presencial',
    applicantKind: 'juridica_privada',
    employerRuc: '1792060346001',
    employerBranch: '0001',
    employerLegalName: legalName,
    representativeNames: 'Peña Muñoz Begoña',
    email: 'begona.pena@andina.com.ec',
    createdAt: Date.UTC(2026, 10, 20, 15),
  },
});

async function push(token: string, events: unknown[]): Promise<{ status: number; body: { results?: { key: string; status: string; reason?: string }[]; error?: { code: string; message: string } } }> {
  const r = await fetch(`${c.url}${API_PREFIX}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ events }) });
  return { status: r.status, body: (await r.json()) as never };
}

describe('idempotency keys', () => {
  test('the same key with the same content is a duplicate; with another content it is a conflict, refused in Spanish, and nothing changes', async () => {
    const key = `k-${randomUUID()}`;
    const requestId = randomUUID();
    expect((await push(deskA, [created(key, requestId)])).body.results).toEqual([{ key, status: 'accepted' }]);
    expect((await push(deskA, [created(key, requestId)])).body.results).toEqual([{ key, status: 'duplicate' }]);
    // A resend may carry a fresher snapshot of the request: still the same event.
    const fresher = created(key, requestId);
    fresher.request.representativeNames = 'Peña Muñoz Begoña Alexandra';
    expect((await push(deskA, [fresher])).body.results).toEqual([{ key, status: 'duplicate' }]);
    const otherId = randomUUID();
    const other = await push(deskA, [created(key, otherId, 'Otra Empresa S.A.')]);
    expect(other.status).toBe(200);
    expect(other.body.results).toEqual([{ key, status: 'rejected', reason: expect.stringMatching(/^Conflicto: la clave de idempotencia ya se recibió de esta estación con otro contenido/) }]);
    expect(c.store.request(otherId)).toBeUndefined();
  });

  test('keys belong to their device: the same key from another desk is that desk’s own event', async () => {
    const key = `k-${randomUUID()}`;
    const mine = randomUUID();
    const theirs = randomUUID();
    expect((await push(deskA, [created(key, mine)])).body.results).toEqual([{ key, status: 'accepted' }]);
    expect((await push(deskB, [created(key, theirs)])).body.results).toEqual([{ key, status: 'accepted' }]);
    expect(c.store.request(theirs)).toBeDefined();
  });
});

describe('batch size', () => {
  test(`a batch of ${MAX_PUSH_BATCH + 1} events is answered 413 with the protocol's error shape, and nothing is applied`, async () => {
    const events = Array.from({ length: MAX_PUSH_BATCH + 1 }, () => created(`k-${randomUUID()}`, randomUUID()));
    const r = await push(deskA, events);
    expect(r.status).toBe(413);
    expect(r.body).toEqual({ error: { code: 'too_large', message: `El lote tiene ${MAX_PUSH_BATCH + 1} eventos; el máximo es ${MAX_PUSH_BATCH}.` } });
    expect(c.store.request(events[0]!.requestId)).toBeUndefined();
    expect((await push(deskA, events.slice(0, MAX_PUSH_BATCH))).status).toBe(200);
  });
});
