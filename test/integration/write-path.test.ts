// Writes only through the one write path, by type: the handler of a call that changes something
// reads through ctx.db (a ReadDb, as a read call's) and writes only with the WriteDb its
// ctx.write(fn) hands fn, inside the call's one transaction with its audit entry
// (electron/core/registry.ts). The type-level cases are compiled by `npx tsc -p tsconfig.json`:
// each `@ts-expect-error` fails the build if the write it marks compiles. The lint side (a cast
// reaching `$client`) is test/unit/lint/raw-connection.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOf, writeTransaction, type Db, type ReadDb, type WriteDb } from '../../db/open';
import { agencies, settings } from '../../db/schema';
import { exec, get, run, sql, transaction, value } from '../../db/sql';
import type { AuthedContext, HandlerContext } from '../../electron/core/context';
import { appendAudit } from '../../electron/core/security/audit/chain';
import { appendOutbox, bumpVersion, type RequestRecord } from '../../electron/core/counter/store';
import { handlers } from '../../electron/core/handlers';
import { createCore, type Handlers } from '../../electron/core/registry';
import { setSetting } from '../../electron/core/settings';
import { seededDesk, type TestDesk } from '../support/desk';

// --- Types: checked by tsc, never run ------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// A write call's database is the same read-only handle a read call gets.
assertType<Equal<HandlerContext['db'], ReadDb>>();
assertType<Equal<AuthedContext['db'], ReadDb>>();
assertType<Equal<Parameters<Parameters<HandlerContext['write']>[0]>[0], WriteDb>>();

/** Writes a write call's handler might try outside ctx.write; each must fail to compile. */
export function writesOutsideTheWritePath(ctx: AuthedContext, req: RequestRecord): void {
  // @ts-expect-error -- no raw connection
  ctx.db.$client.prepare('DELETE FROM settings').run();
  // @ts-expect-error -- no drizzle insert
  ctx.db.insert(settings).values({ key: 'k', value: 1 }).run();
  // @ts-expect-error -- no drizzle update
  ctx.db.update(agencies).set({ name: 'x' }).run();
  // @ts-expect-error -- no drizzle delete
  ctx.db.delete(settings).run();
  // @ts-expect-error -- no drizzle raw run
  ctx.db.run(sql`DELETE FROM settings`);
  // @ts-expect-error -- no transaction of its own
  ctx.db.transaction(() => undefined);
  // @ts-expect-error -- db/sql.ts's write helpers take a Writer (ctx.write's WriteDb), not a ReadDb
  run(ctx.db, sql`DELETE FROM settings`);
  // @ts-expect-error -- DDL the same
  exec(ctx.db, sql`DROP TABLE settings`);
  // @ts-expect-error -- nor a transaction opened on it
  transaction(ctx.db, () => undefined);
  // @ts-expect-error -- nor db/open.ts's, which take the whole Db
  writeTransaction(ctx.db, () => undefined);
  // @ts-expect-error -- nor the connection under it
  connectionOf(ctx.db);
  // @ts-expect-error -- the settings store writes with a WriteDb
  setSetting(ctx.db, 'maxPendingReview', 1);
  // @ts-expect-error -- the write helpers of the core too
  bumpVersion(ctx.db, req, 0);
  // @ts-expect-error -- an outbox event is a write
  appendOutbox(ctx.db, { agencyId: 'a', requestId: req.id, type: 'request.created', payload: { number: 'x', channel: 'presencial', at: 0 }, now: 0 });
  // @ts-expect-error -- and so is an audit entry
  appendAudit(ctx.db, { at: 0, actorId: null, call: 'x', target: null, outcome: 'ok' });

  // Reading is what ctx.db does; writing is what ctx.write's function does, with its WriteDb.
  value<number>(ctx.db, sql`SELECT count(*) FROM settings`);
  ctx.write((db) => {
    db.insert(settings).values({ key: 'k', value: 1 }).run();
    run(db, sql`DELETE FROM settings WHERE key = ${'k'}`);
    setSetting(db, 'maxPendingReview', 1);
    bumpVersion(db, req, 0);
    // @ts-expect-error -- the WriteDb has no raw connection either: it cannot leave the transaction
    db.$client.exec('DELETE FROM settings');
    // @ts-expect-error -- nor a transaction of its own
    db.transaction(() => undefined);
  });
}

/** A write call's handler that writes past ctx.write does not compile in the handler map. */
export const writingOutside: Pick<Handlers, 'users.setDisabled'> = {
  // @ts-expect-error -- its ctx.db cannot update
  'users.setDisabled': (_input, ctx: { db: Db } & AuthedContext) => {
    ctx.db.update(agencies).set({ name: 'x' }).run();
    return { user: undefined as never };
  },
};

// --- Run time --------------------------------------------------------------------------------

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 1 });
});
afterAll(() => desk.dispose());

const auditCount = () => value<number>(desk.core.ctx.db, sql`SELECT count(*) FROM audit_log`)!;

describe('the write path', () => {
  it("what a handler writes with ctx.write's WriteDb is committed with the call's audit entry, or not at all", async () => {
    const core = (fail: boolean) =>
      createCore(desk.core.ctx, {
        ...handlers,
        'settings.update': (_input, ctx) => {
          ctx.write((db) => {
            setSetting(db, 'maxPendingReview', 7);
            db.update(agencies).set({ name: 'Agencia de prueba' }).run();
            if (fail) throw new Error('after the writes');
          });
          return { lockoutMinutes: 15, idleLockMinutes: 10, retention: undefined as never, secretsEncrypted: false, agency: undefined as never } as never;
        },
      } as Handlers);
    const name = () => get<{ name: string }>(desk.core.ctx.db, sql`SELECT name FROM agencies`)!.name;
    const before = { audit: auditCount(), name: name() };
    const failed = await core(true).call('settings.update', {}, { kind: 'cli', username: 'admin' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    // Rolled back together: neither write stands; only the failure's own audit entry is added.
    expect(name()).toBe(before.name);
    expect(value(desk.core.ctx.db, sql`SELECT value FROM settings WHERE key = 'maxPendingReview'`)).not.toBe(7);
    expect(auditCount()).toBe(before.audit + 1);
    const last = get<{ call: string; outcome: string }>(desk.core.ctx.db, sql`SELECT call, outcome FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(last).toEqual({ call: 'settings.update', outcome: 'internal' });

    await core(false).call('settings.update', {}, { kind: 'cli', username: 'admin' });
    expect(name()).toBe('Agencia de prueba');
    const ok = get<{ call: string; outcome: string }>(desk.core.ctx.db, sql`SELECT call, outcome FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(ok).toEqual({ call: 'settings.update', outcome: 'ok' });
  });

  it('a wrong password counts toward the lockout though the call is refused (ctx.writeAttempt), audited with the refusal', async () => {
    const failed = () => value<number>(desk.core.ctx.db, sql`SELECT failed_attempts FROM users WHERE username = 'ventanilla1'`)!;
    const before = { failed: failed(), audit: auditCount() };
    const r = await desk.core.call('session.login', { username: 'ventanilla1', password: 'no-es-la-clave' }, { kind: 'session', token: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(failed()).toBe(before.failed + 1);
    expect(auditCount()).toBe(before.audit + 1);
    const last = get<{ call: string; outcome: string }>(desk.core.ctx.db, sql`SELECT call, outcome FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(last).toEqual({ call: 'session.login', outcome: 'unauthenticated' });
  });

  it('a write helper refuses to run outside a transaction, even given the connection (a cast)', () => {
    const sqlite = connectionOf(desk.core.ctx.db);
    expect(() => run(sqlite, sql`DELETE FROM settings WHERE key = ${'x'}`)).toThrow(/outside a transaction/);
    expect(() => writeTransaction(desk.core.ctx.db, (db) => run(db, sql`DELETE FROM settings WHERE key = ${'x'}`))).not.toThrow();
    expect(() => appendAudit(sqlite, { at: 0, actorId: null, call: 'x', target: null, outcome: 'ok' })).toThrow(/outside a transaction/);
  });
});
