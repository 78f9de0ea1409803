// Proof: entries appended in a batch (batchAudit, electron/core/security/audit/chain.ts: the head
// read once and written once, as a pull appends thousands) make the same verifiable trail as one
// at a time, also when a savepoint inside the batch drops some of them, and when the batch's work
// throws and the caller commits what it kept.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { appendAudit, auditHead, batchAudit, verifyAuditChain } from '../../../electron/core/security/audit/chain';
import { seededDesk, type TestDesk } from '../../support/desk';

let desk: TestDesk;
beforeEach(async () => {
  desk = await seededDesk({ requests: 0 });
});
afterEach(() => desk.dispose());

const entry = (target: string) => ({ at: Date.UTC(2026, 10, 20, 15), actorId: null, call: 'sync.pull', target, outcome: 'ok' });
const targets = () => desk.core.ctx.db.$client.prepare("SELECT target FROM audit_log WHERE call = 'sync.pull' ORDER BY seq").pluck().all();
const last = () => desk.core.ctx.db.$client.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();

test('a batch, with a savepoint rolled back inside it, leaves a trail that verifies and a head naming its last entry', () => {
  const sqlite = desk.core.ctx.db.$client;
  sqlite.transaction(() =>
    batchAudit(sqlite, () => {
      appendAudit(sqlite, entry('a'));
      appendAudit(sqlite, entry('b'));
      try {
        sqlite.transaction(() => {
          appendAudit(sqlite, entry('dropped'));
          throw new Error('this change is not applied');
        })();
      } catch {
        // the savepoint rolled back, its entry with it
      }
      appendAudit(sqlite, entry('c'));
    }),
  )();
  expect(targets()).toEqual(['a', 'b', 'c']);
  expect(auditHead(sqlite)).toEqual(last());
  expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, firstBroken: null });
  // And the next entry, one at a time, continues it.
  sqlite.transaction(() => appendAudit(sqlite, entry('d')))();
  expect(verifyAuditChain(sqlite).ok).toBe(true);
});

test('a batch whose work throws, in a transaction its caller commits, still leaves the head on its last entry', () => {
  const sqlite = desk.core.ctx.db.$client;
  sqlite.transaction(() => {
    try {
      batchAudit(sqlite, () => {
        appendAudit(sqlite, entry('kept'));
        throw new Error('stopped half way');
      });
    } catch {
      // the caller goes on and commits
    }
  })();
  expect(targets()).toEqual(['kept']);
  expect(auditHead(sqlite)).toEqual(last());
  expect(verifyAuditChain(sqlite).ok).toBe(true);
});

test('a batch outside a transaction is refused', () => {
  expect(() => batchAudit(desk.core.ctx.db.$client, () => appendAudit(desk.core.ctx.db.$client, entry('x')))).toThrow(/inside the transaction/);
  expect(targets()).toEqual([]);
});
