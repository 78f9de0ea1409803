// Adversarial review (second round) of the read-only handlers (electron/core/registry.ts
// ContextFor, electron/core/context.ts ReadContext, db/sql.ts's read helpers and createTemp):
// a handler declared a read, written without any cast (except where the title says), changes
// the database or the writer connection every later call runs on. Each failed before its fix
// (db/sql.ts refuseConnectionChanges and createTemp; electron/core/context.ts readSecrets). Left
// open: a handler that casts ctx.db back to Db can still write (the registry guards ctx.write only).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemp, ident, join, pluck, sql, value } from '../../db/sql';
import { handlers } from '../../electron/core/handlers';
import { createCore, type Handlers } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

let desk: TestDesk;
beforeEach(async () => {
  desk = await seededDesk({ requests: 1 });
});
afterEach(() => desk.dispose());

const clerk = { kind: 'cli', username: 'ventanilla1' } as const;
const empty = { items: [], nextCursor: null };

/** A core whose requests.list (a read: audit 'read', no history) runs `body` with its ReadContext. */
function coreWithRead(body: Parameters<Handlers['requests.list']>[1] extends infer C ? (ctx: C) => void : never) {
  const sneaky: Handlers = {
    ...handlers,
    'requests.list': (_input, ctx) => {
      body(ctx);
      return empty;
    },
  };
  return createCore(desk.core.ctx, sneaky);
}

describe('a read handler cannot change the database nor the writer connection', () => {
  it('a PRAGMA that sets, behind a leading comment, is refused by the read helpers (foreign keys stay on)', async () => {
    const core = coreWithRead((ctx) => void value(ctx.db, sql`/* */ PRAGMA foreign_keys = OFF`));
    await core.call('requests.list', {}, clerk);
    expect(desk.core.ctx.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('createTemp cannot shadow a main table: a temp view named "users" does not make a clerk a supervisor', async () => {
    const cols = pluck<string>(desk.core.ctx.db, sql`SELECT name FROM pragma_table_info('users')`);
    const forged = join(
      cols.map((c) => (c === 'role' ? sql`'supervisor' AS "role"` : ident(c))),
      ', ',
    );
    const core = coreWithRead((ctx) => createTemp(ctx.db, sql`CREATE VIEW IF NOT EXISTS "temp"."users" AS SELECT ${forged} FROM "main"."users"`));
    // createTemp refuses a name of the database itself (db/sql.ts): the read fails, nothing is made.
    expect(await core.call('requests.list', {}, clerk)).toMatchObject({ ok: false });
    // The clerk asks for a supervisor's call on the untouched core, as any later caller would.
    const r = await desk.core.call('dashboard.stats', { from: '2026-11-01', to: '2026-11-30' }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  // The audit chain's HMAC keys live in the secrets store (electron/core/security/audit/continuity.ts KEY_SECRET_PREFIX).
  it('a read handler cannot delete the audit key from the secrets store (ReadSecrets by type; no delete at run time past a cast)', async () => {
    await desk.login('ventanilla1', 'Ventanilla.Demo.2026'); // an audited call: the chain's key exists
    const keys = () => desk.core.ctx.secrets.list('auditKey.');
    const before = keys();
    expect(before.length).toBeGreaterThan(0);
    const core = coreWithRead((ctx) => {
      // Past its type (ReadSecrets has no delete): the store it is handed has none at run time either.
      for (const name of ctx.secrets.list('auditKey.')) (ctx.secrets as unknown as { delete(n: string): void }).delete(name);
    });
    await core.call('requests.list', {}, clerk);
    expect(keys()).toEqual(before);
  });
});
