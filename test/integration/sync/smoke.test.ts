import { expect, test } from 'vitest';
import { syncOnce } from '../../../electron/core/sync';
import { centralAndDesk, CLERK, FAST } from './support';

const env = centralAndDesk();

test('a request created at the counter reaches central', async () => {
  const walk = await env.desk.core.call('requests.list', { limit: 1 }, CLERK);
  expect(walk.ok).toBe(true);
  const sqlite = env.desk.core.ctx.db.$client;
  const appt = sqlite.prepare("SELECT confirmation_code AS code FROM appointments WHERE status = 'pendiente' LIMIT 1").get() as { code: string };
  const r = await env.desk.core.call('appointments.checkIn', { query: appt.code }, CLERK);
  expect(r.ok).toBe(true);
  const cycle = await syncOnce(env.desk.core.ctx, FAST);
  expect(cycle).toMatchObject({ ok: true });
  expect((await env.c.admin.stats()).accepted).toBe(1);
  const status = await env.desk.core.call('status.summary', {}, CLERK);
  expect(status).toMatchObject({ ok: true, value: { central: { state: 'en_linea' }, pendingSync: 0 } });
});
