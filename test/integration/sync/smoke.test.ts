import { afterAll, beforeAll, expect, test } from 'vitest';
import { syncOnce } from '../../../electron/core/sync';
import type { TestDesk } from '../../support/desk';
import { central, CLERK, enrolledDesk, FAST, type Central } from './support';

let c: Central;
let desk: TestDesk;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c);
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

test('a request created at the counter reaches central', async () => {
  const walk = await desk.core.call('requests.list', { limit: 1 }, CLERK);
  expect(walk.ok).toBe(true);
  const sqlite = desk.core.ctx.db.$client;
  const appt = sqlite.prepare("SELECT confirmation_code AS code FROM appointments WHERE status = 'pendiente' LIMIT 1").get() as { code: string };
  const r = await desk.core.call('appointments.checkIn', { query: appt.code }, CLERK);
  expect(r.ok).toBe(true);
  const cycle = await syncOnce(desk.core.ctx, FAST);
  expect(cycle).toMatchObject({ ok: true });
  expect((await c.admin.stats()).accepted).toBe(1);
  const status = await desk.core.call('status.summary', {}, CLERK);
  expect(status).toMatchObject({ ok: true, value: { central: { state: 'en_linea' }, pendingSync: 0 } });
});
