// Proof: a desk offline for a day keeps working, shows why nothing leaves, and converges with
// central (both ways) once central is back.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syncOnce } from '../../../electron/core/sync';
import { startCentral, type CentralServer } from '../../central/server';
import type { TestDesk } from '../../support/desk';
import { central, CLERK, enrolledDesk, fabricateEvents, FAST, outboxCount, SCALE, syncUntilClean, unacked, type Central } from './support';

let c: Central;
let back: CentralServer | null = null;
let desk: TestDesk;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c);
});
afterAll(async () => {
  desk.dispose();
  if (back) await back.close();
  await c.dispose().catch(() => undefined);
});

test('offline for a day, then online: everything converges', { timeout: 60_000 }, async () => {
  const sqlite = desk.core.ctx.db.$client;
  fabricateEvents(sqlite, 50, { prefix: 'DAY0' });
  await syncUntilClean(desk);
  const before = sqlite.prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-DAY0%'").all() as { id: string }[];

  // Central goes away (the agency's link is down).
  await c.close();
  const codes = sqlite.prepare("SELECT confirmation_code AS code FROM appointments WHERE status = 'pendiente' LIMIT 3").all() as { code: string }[];
  for (const { code } of codes) expect((await desk.core.call('appointments.checkIn', { query: code }, CLERK)).ok).toBe(true);
  fabricateEvents(sqlite, 200 * SCALE, { prefix: 'DAY1' });
  for (let hour = 0; hour < 24; hour++) {
    const r = await syncOnce(desk.core.ctx, FAST);
    expect(r.ok).toBe(false);
    desk.clock.advance(3_600_000);
  }
  // Nothing is stuck without a visible reason: every unsent item has its error and next try.
  const failed = await desk.core.call('sync.items', { filter: 'fallidos', limit: 200 }, CLERK);
  if (!failed.ok) throw new Error(failed.error.message);
  const items = (failed.value as { items: { lastError: string | null; nextAttemptAt: number | null }[] }).items;
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(item.lastError).toMatch(/No hay conexión con los servicios centrales del IESS/);
    expect(item.nextAttemptAt).not.toBeNull();
  }
  const orphans = sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL AND (next_attempt_at IS NULL OR (status = 'fallido' AND last_error IS NULL))").get();
  expect(orphans).toEqual({ n: 0 });
  expect(await desk.core.call('status.summary', {}, CLERK)).toMatchObject({ ok: true, value: { central: { state: 'sin_conexion' } } });

  // Meanwhile the IESS kept working: central comes back with decisions taken during the day.
  back = await startCentral({ port: c.port, dataDir: c.dataDir });
  for (const { id } of before.slice(0, 30)) expect(back.store.decide(id, 'emitir_clave', null, 'r***@empresa.ec', Date.now()).ok).toBe(true);
  for (const { id } of before.slice(30)) expect(back.store.decide(id, 'rechazo_central', 'RUC inactivo en el SRI.', null, Date.now()).ok).toBe(true);

  await desk.core.call('sync.retry', {}, CLERK);
  await syncUntilClean(desk);
  const stats = back.store.stats();
  expect(unacked(sqlite)).toBe(0);
  expect(stats.keys).toBe(outboxCount(sqlite));
  expect(stats.rejected).toBe(0);
  const states = sqlite.prepare("SELECT state, count(*) AS n FROM requests WHERE number LIKE 'CAU-UIO-2026-DAY0%' GROUP BY state ORDER BY state").all();
  expect(states).toEqual([
    { state: 'clave_emitida', n: 30 },
    { state: 'rechazada_central', n: 20 },
  ]);
  // Central sees the day's work in the same states the desk has.
  const centralDay1 = back.store.db.prepare("SELECT state, count(*) AS n FROM requests WHERE number LIKE 'CAU-UIO-2026-DAY1%' GROUP BY state").all();
  expect(centralDay1).toEqual([{ state: 'enviada', n: 200 * SCALE }]);
  expect(await desk.core.call('status.summary', {}, CLERK)).toMatchObject({ ok: true, value: { central: { state: 'en_linea' }, pendingSync: 0 } });
});
