// Central compares the audit head each push carries with the anchor it holds for the device: a
// desk restored to an older copy (the head went back) or whose trail no longer continues the
// anchor (a fork) is refused, nothing of the push is applied, central shows it on /admin/devices,
// and the desk says so in Spanish, on its sync screen and on Seguridad.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DB_FILE_NAME } from '../../../db/open';
import type { OpenedCore } from '../../../electron/core/open';
import { syncOnce } from '../../../electron/core/sync';
import { verifyAuditChain } from '../../../electron/core/security/audit/chain';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { seededDesk, type TestDesk } from '../../support/desk';
import { ADMIN, central, enrol, fabricateEvents, FAST, syncUntilClean, unacked, type Central } from './support';

let c: Central;
let desk: TestDesk;
let deviceId = '';
let backup = '';
beforeAll(async () => {
  c = await central();
  desk = await seededDesk({ requests: 5 });
  deviceId = await enrol(desk, c);
  backup = path.join(desk.dataDir, 'copia-anterior.db');
}, 120_000);
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

type Anchor = { confirmed: { seq: number; hash: string } | null; present: boolean | null; refusal: { message: string } | null };
const anchorAt = async (core: OpenedCore['core']): Promise<Anchor> => {
  const r = await core.call('audit.anchor', {}, ADMIN);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Anchor;
};
/** Audited reads: each one appends an entry to the trail, moving its head. */
const work = async (core: OpenedCore['core'], entries: number) => {
  for (let i = 0; i < entries; i++) await core.call('requests.list', { limit: 1 }, { kind: 'cli', username: 'ventanilla1' });
};

test('a push whose answer was lost: central asks for the entry at its newer anchor, and the push goes through', async () => {
  fabricateEvents(desk.core.ctx.db.$client, 2, { prefix: 'EV1' });
  await syncUntilClean(desk);
  const first = await anchorAt(desk.core);
  expect(first.confirmed).toEqual(expect.objectContaining({ seq: c.store.auditHead(deviceId)!.seq, hash: c.store.auditHead(deviceId)!.hash }));
  expect(first.present).toBe(true);

  // Central writes the push and its anchor, the answer is lost: the desk still knows the older anchor.
  await work(desk.core, 3);
  fabricateEvents(desk.core.ctx.db.$client, 1, { prefix: 'EV2' });
  await c.admin.faults({ next: ['drop_after_commit'] });
  expect((await syncOnce(desk.core.ctx, FAST)).ok).toBe(false);
  expect(c.store.auditHead(deviceId)!.seq).toBeGreaterThan(first.confirmed!.seq);
  expect((await anchorAt(desk.core)).confirmed!.seq).toBe(first.confirmed!.seq);

  await work(desk.core, 2);
  fabricateEvents(desk.core.ctx.db.$client, 1, { prefix: 'EV3' });
  const run = await syncUntilClean(desk);
  expect(run.failures).toEqual([]);
  const now = await anchorAt(desk.core);
  expect(now).toMatchObject({ confirmed: { seq: c.store.auditHead(deviceId)!.seq, hash: c.store.auditHead(deviceId)!.hash }, present: true, refusal: null });
  expect((await c.admin.devices()).find((d) => d.id === deviceId)).toMatchObject({ status: 'activa', incidents: [] });
});

let restored: OpenedCore;

test('a desk restored to an older copy is refused: nothing applied, central shows it, the desk says so', async () => {
  await desk.core.ctx.db.$client.backup(backup);
  await work(desk.core, 4);
  fabricateEvents(desk.core.ctx.db.$client, 1, { prefix: 'EV4' });
  await syncUntilClean(desk);
  const held = c.store.auditHead(deviceId)!;
  const keysBefore = (await c.admin.stats()).keys;

  // The database file is put back as it was (a backup restored); the secrets store stays.
  desk.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(desk.dataDir, DB_FILE_NAME + suffix), { force: true });
  fs.copyFileSync(backup, path.join(desk.dataDir, DB_FILE_NAME));
  restored = openDesk({ dataDir: desk.dataDir, host: 'cli', clock: desk.clock });
  fabricateEvents(restored.core.ctx.db.$client, 1, { prefix: 'AFTER' });

  const cycle = await syncOnce(restored.core.ctx, FAST);
  expect(cycle).toMatchObject({ ok: false, kind: 'audit', error: expect.stringContaining('su registro de auditoría retrocedió') });
  expect((await c.admin.stats()).keys).toBe(keysBefore); // nothing of the push was applied
  expect(c.store.auditHead(deviceId)).toEqual(held); // the anchor did not move back
  expect(unacked(restored.core.ctx.db.$client)).toBeGreaterThan(0);

  const atCentral = (await c.admin.devices()).find((d) => d.id === deviceId)!;
  expect(atCentral).toMatchObject({ status: 'retrocedida', auditHead: { seq: held.seq } });
  expect(atCentral.incidents).toEqual([expect.objectContaining({ code: 'audit_rewound', heldSeq: held.seq, message: expect.stringContaining('retrocedió') })]);

  const status = await restored.core.call('sync.status', {}, ADMIN);
  expect(status).toMatchObject({ ok: true, value: { lastError: expect.stringContaining('¿Se restauró un respaldo antiguo') } });
  expect((await anchorAt(restored.core)).refusal).toEqual(expect.objectContaining({ message: expect.stringContaining('retrocedió') }));
  // Central's answer named the entry it holds; the desk wrote in its own trail that it is gone.
  expect(verifyAuditChain(restored.core.ctx.db.$client)).toMatchObject({ ok: false, firstBroken: { reason: 'restart', message: expect.stringContaining(`el IESS tenía registrada la entrada ${held.seq}`) } });
});

test('the restored desk that worked past the anchor again is caught as a fork', async () => {
  const held = c.store.auditHead(deviceId)!;
  const head = (restored.core.ctx.db.$client.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number }).seq;
  // Other work at another time than what the original trail recorded from the same point on.
  desk.clock.advance(60_000);
  await work(restored.core, held.seq - head + 3);
  const cycle = await syncOnce(restored.core.ctx, FAST);
  expect(cycle).toMatchObject({ ok: false, kind: 'audit', error: expect.stringContaining('ya no continúa el que el IESS confirmó') });
  expect(c.store.auditHead(deviceId)).toEqual(held);
  const incidents = (await c.admin.devices()).find((d) => d.id === deviceId)!.incidents.map((i) => i.code);
  expect(incidents).toEqual(['audit_rewound', 'audit_forked']);
});

test('once the IESS operator accepts the trail as it is, the desk syncs again', async () => {
  expect(await c.admin.acceptAudit(deviceId)).toEqual({ accepted: true });
  const run = await syncUntilClean({ core: restored.core } as TestDesk);
  expect(run.last.ok).toBe(true);
  const anchor = await anchorAt(restored.core);
  expect(anchor).toMatchObject({ refusal: null, present: true });
  expect((await c.admin.devices()).find((d) => d.id === deviceId)!.status).toBe('activa');
  restored.close();
  desk.close = () => undefined; // already closed above; dispose only removes the files
});
