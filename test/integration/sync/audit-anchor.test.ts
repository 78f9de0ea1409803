// Each push carries the desk's audit head; the stand-in central keeps the last one per device, an
// anchor outside the desk: the desk's trail must still hold that exact entry later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead } from '../../../electron/core/security/audit/chain';
import type { TestDesk } from '../../support/desk';
import { central, enrol, fabricateEvents, syncUntilClean, type Central } from './support';
import { seededDesk } from '../../support/desk';

let c: Central;
let desk: TestDesk;
let deviceId = '';
beforeAll(async () => {
  c = await central();
  desk = await seededDesk({ requests: 5 });
  deviceId = await enrol(desk, c);
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

const entryAt = (seq: number) => desk.core.ctx.db.$client.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined;

describe('audit head anchored at central', () => {
  it('central keeps the head the desk had when it pushed, and it is an entry of the desk’s trail', async () => {
    expect(c.store.auditHead(deviceId)).toBeNull(); // nothing pushed yet
    fabricateEvents(desk.core.ctx.db.$client, 3);
    const before = auditHead(desk.core.ctx.db.$client)!;
    expect((await syncUntilClean(desk)).failures).toEqual([]);
    const anchored = c.store.auditHead(deviceId)!;
    expect(anchored.seq).toBeGreaterThanOrEqual(before.seq);
    expect(anchored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryAt(anchored.seq)?.hash).toBe(anchored.hash);

    // A later push moves the anchor forward to the new head.
    await desk.core.call('requests.list', { limit: 1 }, { kind: 'cli', username: 'ventanilla1' });
    fabricateEvents(desk.core.ctx.db.$client, 1, { prefix: 'B' });
    expect((await syncUntilClean(desk)).failures).toEqual([]);
    const next = c.store.auditHead(deviceId)!;
    expect(next.seq).toBeGreaterThan(anchored.seq);
    expect(entryAt(next.seq)?.hash).toBe(next.hash);
  });
});
