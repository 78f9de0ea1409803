// A call the contract declares a read (audit 'read' or 'none', no request history) gets a handler
// context whose database cannot write: the type-level cases below are compiled by `npx tsc -p
// tsconfig.json` (each `@ts-expect-error` fails the build if the write it marks compiles), and
// the registry refuses a write that a cast slips past the types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, settings } from '../../db/schema';
import { exec, run, sql, value, type WritableDB } from '../../db/sql';
import type { AuthedContext, AuthedReadContext, HandlerContext, ReadContext } from '../../electron/core/context';
import { handlers } from '../../electron/core/handlers';
import { HEAVY_READS } from '../../electron/core/heavy';
import { createCore, type ContextFor, type Handlers, type ReadCallName, type WritesFor } from '../../electron/core/registry';
import { contract, type CallName } from '../../shared/contract';
import { seededDesk, type TestDesk } from '../support/desk';

// --- Types: checked by tsc, never run ------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// The contract decides: a change and a call recording request history write; reads do not.
assertType<Equal<WritesFor<'requests.list'>, false>>();
assertType<Equal<WritesFor<'system.info'>, false>>();
assertType<Equal<WritesFor<'users.create'>, true>>();
assertType<Equal<WritesFor<'requests.get'>, true>>(); // records "vista" in the request's history
assertType<Equal<ContextFor<'requests.list'>, AuthedReadContext>>();
assertType<Equal<ContextFor<'system.info'>, ReadContext>>();
assertType<Equal<ContextFor<'users.create'>, AuthedContext>>();
assertType<Equal<ContextFor<'session.login'>, HandlerContext>>();

/** Writes a read handler might try; each must fail to compile. */
export function writesFromARead(ctx: AuthedReadContext, w: WritableDB): void {
  // @ts-expect-error -- a read's context has no write path
  ctx.write(() => undefined);
  // @ts-expect-error -- nor the raw connection
  ctx.db.$client.prepare('DELETE FROM settings').run();
  // @ts-expect-error -- nor drizzle's writing builders
  ctx.db.delete(settings).run();
  // @ts-expect-error -- nor drizzle's insert
  ctx.db.insert(settings).values({ key: 'k', value: 1 });
  // @ts-expect-error -- nor drizzle's raw run
  ctx.db.run(sql`DELETE FROM settings`);
  // @ts-expect-error -- db/sql.ts's write helpers take only a WritableDB
  run(ctx.db, sql`DELETE FROM settings`);
  // @ts-expect-error -- and DDL the same
  exec(ctx.db, sql`DROP TABLE settings`);
  // @ts-expect-error -- a request history line is a write too
  ctx.history.record();
  // Reading is what it may do, through drizzle's select or db/sql.ts's read helpers.
  ctx.db.select().from(agencies).all();
  value<number>(ctx.db, sql`SELECT count(*) FROM settings`);
  run(w, sql`DELETE FROM settings WHERE key = ${'x'}`); // a WritableDB (ctx.write's) still writes
}

/** A read call's handler that writes does not compile in the handler map. */
export const writingRead: Pick<Handlers, 'requests.list'> = {
  // @ts-expect-error -- requests.list is a read: its handler's ctx has no write()
  'requests.list': (_input, ctx: AuthedContext) => {
    ctx.write(() => undefined);
    return { items: [], nextCursor: null };
  },
};

// Only a read may run on a reader worker (heavy.ts): listing a write there does not compile.
// @ts-expect-error -- day.close changes the database
export const misfiled: ReadonlySet<CallName> = new Set<ReadCallName>(['dashboard.stats', 'day.close']);

// --- Run time --------------------------------------------------------------------------------

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 1 });
});
afterAll(() => desk.dispose());

describe('read-only calls', () => {
  it('a read handler that casts past its type and writes is refused, and nothing is written', async () => {
    const sneaky: Handlers = {
      ...handlers,
      'requests.list': (_input, ctx) => {
        (ctx as unknown as AuthedContext).write((db) => run(db, sql`UPDATE agencies SET name = ${'Agencia borrada'}`));
        return { items: [], nextCursor: null };
      },
    };
    const names = () => value<string>(desk.core.ctx.db, sql`SELECT group_concat(name) FROM agencies`);
    const before = names();
    const core = createCore(desk.core.ctx, sneaky);
    const r = await core.call('requests.list', {}, { kind: 'cli', username: 'ventanilla1' });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) });
    expect(names()).toBe(before);
    expect(before).not.toContain('Agencia borrada');
  });

  it('every heavy read (run on a reader worker) is a read by its contract', () => {
    for (const name of HEAVY_READS) expect({ name, audit: contract[name].audit, history: contract[name].history }).toEqual({ name, audit: expect.not.stringMatching(/^change$/), history: undefined });
  });
});
