// Request numbers are unique agency-wide from the moment they are printed, offline included:
// central assigns each desk a station code at enrolment and the desk prints it in every number
// (shared/domain/request-number.ts). Numbers printed before keep their shape and their paper verifies.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendOutbox } from '../../../electron/core/counter/store';
import { seededDesk, type TestDesk } from '../../support/desk';
import { callOk, checkIn, paperQr, toReview } from './counter-flow';
import { central, enrol, FAST, syncUntilClean, type Central } from './support';

let c: Central;
let a: TestDesk;
let b: TestDesk;
let legacy: { id: string; number: string };
beforeAll(async () => {
  c = await central();
  a = await seededDesk({ requests: 5 });
  b = await seededDesk({ requests: 5 });
  // Before enrolment desk A works alone: its number has no station, and its forms are printed.
  legacy = await toReview(a, { ruc: '1714307103001', names: 'Peña Muñoz Begoña', cedula: '1714307103', address: 'Calle Sucre 4-52, Cuenca' });
  await enrol(a, c, 'Ventanilla 1');
  await enrol(b, c, 'Ventanilla 2');
}, 120_000);
afterAll(async () => {
  a.dispose();
  b.dispose();
  await c.dispose();
});

const sync = (desk: TestDesk) => syncUntilClean(desk, FAST, 20);

test('central assigns each desk its station; two desks offline number without colliding', async () => {
  expect((await callOk<{ stationCode: string }>(a, 'sync.status', {})).stationCode).toBe('01');
  expect((await callOk<{ stationCode: string }>(b, 'sync.status', {})).stationCode).toBe('02');
  // Both offline (nothing synced in between): each prints its own sequence with its station.
  const fromA = [await checkIn(a), await checkIn(a)];
  const fromB = [await checkIn(b), await checkIn(b)];
  expect(fromA.map((r) => r.number)).toEqual(['CAU-UIO-2026-01-000001', 'CAU-UIO-2026-01-000002']);
  expect(fromB.map((r) => r.number)).toEqual(['CAU-UIO-2026-02-000001', 'CAU-UIO-2026-02-000002']);
  await sync(a);
  await sync(b);
  await sync(a);
  for (const desk of [a, b]) {
    const sqlite = desk.core.ctx.db.$client;
    expect(sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
    const numbers = (sqlite.prepare("SELECT number FROM requests WHERE number LIKE 'CAU-UIO-2026-0_-%' ORDER BY number").all() as { number: string }[]).map((r) => r.number);
    expect(numbers).toEqual([...fromA, ...fromB].map((r) => r.number).sort());
  }
  expect((await c.admin.stats()).rejected).toBe(0);
});

test('a number printed before enrolment keeps its shape, and its paper still verifies here and at the other desk', async () => {
  expect(legacy.number).toMatch(/^CAU-UIO-2026-\d{6}$/);
  const qr = paperQr(a, legacy.id);
  await sync(a);
  await sync(b);
  for (const desk of [a, b]) {
    const verdict = await callOk<{ outcome: string; number: string }>(desk, 'forms.verifyQr', { payload: qr });
    expect(verdict).toMatchObject({ outcome: 'autentico', number: legacy.number });
  }
  // The barcode of either shape is recognised as a request number (the clerk is told to scan the QR).
  for (const number of [legacy.number, 'CAU-UIO-2026-01-000001']) {
    expect(await callOk<{ message: string }>(a, 'forms.verifyQr', { payload: number })).toMatchObject({ outcome: 'no_reconocido', message: expect.stringContaining('código de barras') });
  }
  // Search finds a request by a number of the new shape, typed with or without its dashes.
  const found = await callOk<{ items: { number: string }[] }>(b, 'search.requests', { text: 'CAU-UIO-2026-01-000002', limit: 5 }, { kind: 'cli', username: 'supervisora' });
  expect(found.items.map((i) => i.number)).toEqual(['CAU-UIO-2026-01-000002']);
});

/** Writes a request and its creation event straight into a desk's tables: the desk's own numbering never makes these. */
function forge(desk: TestDesk, id: string, number: string): void {
  const sqlite = desk.core.ctx.db.$client;
  const at = desk.clock.now();
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO requests (id, agency_id, number, channel, state, state_since, applicant_kind, employer_ruc, employer_branch, employer_legal_name, details, created_at, updated_at)
         VALUES (?, 'agency-uio', ?, 'presencial', 'borrador', ?, '', '', '0001', '', '{}', ?, ?)`,
      )
      .run(id, number, at, at, at);
    appendOutbox(sqlite, { agencyId: 'agency-uio', requestId: id, type: 'request.created', payload: { number, channel: 'presencial', at }, now: at });
  })();
}

const rejections = (desk: TestDesk) => (desk.core.ctx.db.$client.prepare("SELECT last_error AS reason FROM outbox WHERE status = 'rechazado' ORDER BY seq").all() as { reason: string }[]).map((r) => r.reason);

test('central refuses a number of another station, and a number another request already has', { timeout: 120_000 }, async () => {
  forge(a, '0190a0b2-0000-7000-8000-00000000aa01', 'CAU-UIO-2026-02-000077'); // station 02 is desk B's
  await sync(a);
  expect(rejections(a)).toEqual([expect.stringContaining('El número CAU-UIO-2026-02-000077 no corresponde a esta estación')]);

  // A third desk that never saw desk A's paper number sends it for another request.
  const d = await seededDesk({ requests: 0 });
  try {
    await enrol(d, c, 'Ventanilla 4');
    forge(d, '0190a0b2-0000-7000-8000-00000000aa02', legacy.number);
    await sync(d);
    expect(rejections(d)).toEqual([expect.stringContaining(`El número ${legacy.number} ya pertenece a otra solicitud de la agencia`)]);
  } finally {
    d.dispose();
  }
  expect((await c.admin.requests()).filter((r) => r.number === legacy.number)).toHaveLength(1);
  expect((await c.admin.requests()).some((r) => r.number === 'CAU-UIO-2026-02-000077')).toBe(false);
});
