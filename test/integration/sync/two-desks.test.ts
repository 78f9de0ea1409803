// Proof: two desks of the same agency see each other's requests through central, and central's
// decisions reach both, through the lifecycle.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Auth } from '../../../electron/core/registry';
import type { TestDesk } from '../../support/desk';
import { central, CLERK, enrolledDesk, fabricateEvents, FAST, syncUntilClean, type Central } from './support';

let c: Central;
let a: TestDesk;
let b: TestDesk;
beforeAll(async () => {
  c = await central();
  a = await enrolledDesk(c);
  b = await enrolledDesk(c);
});
afterAll(async () => {
  a.dispose();
  b.dispose();
  await c.dispose();
});

async function checkIn(desk: TestDesk): Promise<{ id: string; number: string }> {
  const sqlite = desk.core.ctx.db.$client;
  const appt = sqlite.prepare("SELECT confirmation_code AS code FROM appointments WHERE status = 'pendiente' ORDER BY time LIMIT 1").get() as { code: string };
  const r = await desk.core.call('appointments.checkIn', { query: appt.code }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  const id = (r.value as { requestId: string }).requestId;
  return { id, number: (sqlite.prepare('SELECT number FROM requests WHERE id = ?').get(id) as { number: string }).number };
}

async function numbersSeenBy(desk: TestDesk, who: Auth = CLERK): Promise<Map<string, string>> {
  const r = await desk.core.call('requests.list', { limit: 200 }, who);
  if (!r.ok) throw new Error(r.error.message);
  return new Map((r.value as { items: { number: string; state: string }[] }).items.map((i) => [i.number, i.state]));
}

const sync = (desk: TestDesk) => syncUntilClean(desk, FAST, 20);

test('each desk sees the requests recorded at the other, and their changes', async () => {
  const fromA = [await checkIn(a), await checkIn(a)];
  await sync(a);
  await sync(b);
  const seenByB = await numbersSeenBy(b);
  for (const r of fromA) expect(seenByB.get(r.number)).toBe('borrador');

  // B's own numbering moved past the numbers it saw from A: no collision.
  const fromB = await checkIn(b);
  expect(fromA.map((r) => r.number)).not.toContain(fromB.number);
  await sync(b);
  await sync(a);
  expect((await numbersSeenBy(a)).get(fromB.number)).toBe('borrador');

  // A change at A (annulment) shows at B.
  const first = fromA[0]!;
  const detail = await a.core.call('requests.get', { id: first.id }, CLERK);
  if (!detail.ok) throw new Error(detail.error.message);
  const version = (detail.value as { version: number }).version;
  const annul = await a.core.call('requests.transition', { id: first.id, version, event: 'anular', note: 'El solicitante desistió del trámite.' }, CLERK);
  expect(annul.ok).toBe(true);
  await sync(a);
  await sync(b);
  expect((await numbersSeenBy(b)).get(first.number)).toBe('anulada');
});

test("central's decisions on a request approved at one desk reach both desks", async () => {
  fabricateEvents(a.core.ctx.db.$client, 1, { prefix: 'TWO' });
  const id = (a.core.ctx.db.$client.prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-TWO%'").get() as { id: string }).id;
  await sync(a); // central confirms receipt of the approval
  await c.admin.decide(id, 'emitir_clave', { maskedEmail: 'b***@andina.com.ec' });
  await sync(a);
  await sync(b);
  for (const desk of [a, b]) {
    const sqlite = desk.core.ctx.db.$client;
    expect(sqlite.prepare('SELECT state FROM requests WHERE id = ?').get(id)).toEqual({ state: 'clave_emitida' });
    expect(sqlite.prepare("SELECT note FROM request_decisions WHERE request_id = ? AND event = 'emitir_clave'").get(id)).toEqual({ note: 'Clave enviada a b***@andina.com.ec.' });
    expect(sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
  }
});
