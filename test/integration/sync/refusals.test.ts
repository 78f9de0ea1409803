// Proof: what central refuses about a request is shown on the request itself ("a conflict
// is shown to the clerk with its reason, never swallowed"), not only on the sync screen.
import { expect, test } from 'vitest';
import { appendOutbox } from '../../../electron/core/counter/store';
import { transaction } from '../../../db/sql';
import { centralAndDesk, CLERK, fabricateEvents, FAST, SUPERVISOR, syncUntilClean } from './support';

const env = centralAndDesk();

type Issues = { syncIssues: { kind: string; message: string; at: number }[] };

test('a transition central rejects shows on the request for the clerk and the supervisor', async () => {
  const sqlite = env.desk.core.ctx.db.$client;
  fabricateEvents(sqlite, 1, { prefix: 'REF' });
  const id = (sqlite.prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-REF%'").get() as { id: string }).id;
  await syncUntilClean(env.desk, FAST, 20);
  const before = await env.desk.core.call('requests.get', { id }, CLERK);
  expect(before).toMatchObject({ ok: true, value: { syncIssues: [] } });

  // A change recorded here from a state central no longer has: central refuses it.
  const at = Date.UTC(2026, 10, 20, 16);
  transaction(sqlite, (db) => appendOutbox(db, { agencyId: 'agency-uio', requestId: id, type: 'request.transition', payload: { event: 'devolver', from: 'pendiente_revision', to: 'devuelta', at }, now: at }));
  await syncUntilClean(env.desk, FAST, 20);

  for (const who of [CLERK, SUPERVISOR]) {
    const r = await env.desk.core.call('requests.get', { id }, who);
    if (!r.ok) throw new Error(r.error.message);
    const issues = (r.value as Issues).syncIssues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'rechazado_iess', message: expect.stringContaining('Rechazado por el IESS') });
    expect(issues[0]!.message).toMatch(/no en «Pendiente de revisión»/);
  }
});
