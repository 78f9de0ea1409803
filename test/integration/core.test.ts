import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_MIGRATIONS_DIR } from '../../db/paths';
import { CALL_NAMES, type RequestRow } from '../../shared/contract';
import { createCore, mergeHandlers, type Handlers } from '../../electron/core/registry';
import { handlers } from '../../electron/core/handlers';
import { infoHandlers } from '../../electron/core/system/info';
import { seededDesk, type TestDesk } from '../support/desk';

const anonymous = { kind: 'session', token: null } as const;
let desk: TestDesk;

beforeAll(async () => {
  desk = await seededDesk({ requests: 130 });
});
afterAll(() => desk.dispose());

describe('the registry', () => {
  it('has exactly one handler per declared call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('refuses to start without a handler for every declared call, and on a duplicate', () => {
    // @ts-expect-error -- a Handlers map missing declared calls must not compile
    const partial: Handlers = mergeHandlers(infoHandlers);
    expect(() => createCore(desk.core.ctx, partial)).toThrow(/No handler for declared call/);
    expect(() => mergeHandlers(infoHandlers, infoHandlers)).toThrow(/registered twice: system.info/);
  });

  it('answers an unknown call with a stable code and a Spanish message', async () => {
    expect(await desk.core.call('requests.drop', {}, anonymous)).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: 'La operación solicitada no existe.' },
    });
  });

  it('never lets an exception, stack or SQL text cross the boundary', async () => {
    const leaky: Handlers = {
      ...handlers,
      'system.info': () => {
        throw new Error('SQLITE_ERROR near "SELECT * FROM users WHERE cedula = 1714307103"');
      },
    };
    const core = createCore(desk.core.ctx, leaky);
    const r = await core.call('system.info', {}, anonymous);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('Ocurrió un error interno') } });
    expect(JSON.stringify(r)).not.toMatch(/SELECT|1714307103|at /);
    const logged = desk.logs.find((l) => l.level === 'error');
    expect(JSON.stringify(logged)).not.toContain('1714307103');
  });
});

describe('roles and sessions', () => {
  it('rejects a role call without a session, and with a made-up token', async () => {
    for (const token of [null, 'forged-token']) {
      const r = await desk.core.call('requests.list', {}, { kind: 'session', token });
      expect(r.ok || r.error.code).toBe('unauthenticated');
    }
  });

  it('logs in, answers the current user, and logs out for good', async () => {
    const auth = await desk.login('VENTANILLA2', 'Ventanilla.Demo.2026');
    const current = await desk.core.call('session.current', {}, auth);
    expect(current).toMatchObject({ ok: true, value: { user: { username: 'ventanilla2', role: 'ventanillero', agencyCode: 'UIO' } } });
    expect((await desk.core.call('session.logout', {}, auth)).ok).toBe(true);
    expect(await desk.core.call('session.current', {}, auth)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('expires a session after 12 hours', async () => {
    const auth = await desk.login('supervisora', 'Super.Demo.2026');
    desk.clock.advance(12 * 60 * 60 * 1000 + 1);
    expect(await desk.core.call('session.current', {}, auth)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('locks an account after 3 consecutive failures, even for the right password, until the lockout ends', async () => {
    const attempt = (password: string) => desk.core.call('session.login', { username: 'ventanilla3', password }, anonymous);
    // One answer for a wrong password and a locked account: the login tells nothing about the account
    // (docs/security.md, «Cuentas y contraseñas»).
    const refused = { ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/^Usuario o contraseña incorrectos\. Tras 3 intentos fallidos seguidos la cuenta se bloquea por 15 minutos/) } };
    expect(await attempt('mala-1')).toMatchObject(refused);
    expect(await attempt('mala-2')).toMatchObject(refused);
    expect(await attempt('mala-3')).toMatchObject(refused);
    expect(await attempt('Ventanilla.Demo.2026')).toMatchObject(refused);
    desk.clock.advance(15 * 60_000 + 1);
    expect((await attempt('Ventanilla.Demo.2026')).ok).toBe(true);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const r = await desk.core.call('session.login', { username: 'nadie', password: 'x' }, anonymous);
    const wrong = await desk.core.call('session.login', { username: 'ventanilla3', password: 'x' }, anonymous);
    expect(r.ok).toBe(false);
    expect(r).toEqual(wrong);
  });

  it('answers bad input with Spanish field messages and runs nothing', async () => {
    const r = await desk.core.call('session.login', { username: '', password: 'x', extra: 1 }, anonymous);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.fields).toEqual(expect.arrayContaining([{ path: 'username', message: 'Ingrese el usuario.' }]));
    expect(r.error.fields?.some((f) => f.message.includes('desconocida'))).toBe(true);
  });
});

describe('requests.list', () => {
  it('pages through every request of the agency once, newest first', async () => {
    const auth = await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
    const seen: RequestRow[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await desk.core.call('requests.list', { limit: 40, ...(cursor ? { cursor } : {}) }, auth);
      if (!r.ok) throw new Error(r.error.message);
      const page = r.value as { items: RequestRow[]; nextCursor: string | null };
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(130);
    expect(new Set(seen.map((r) => r.id)).size).toBe(130);
    const times = seen.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by state and rejects a tampered cursor in Spanish', async () => {
    const auth = await desk.login('supervisora', 'Super.Demo.2026');
    const r = await desk.core.call('requests.list', { state: 'devuelta' }, auth);
    expect(r.ok && (r.value as { items: RequestRow[] }).items.length).toBeGreaterThan(0);
    expect(r.ok && (r.value as { items: RequestRow[] }).items.every((i) => i.state === 'devuelta')).toBe(true);
    const bad = await desk.core.call('requests.list', { cursor: 'bm9wZQ' }, auth);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('página') } });
  });

  it("shows a clerk only their own agency's requests", async () => {
    const auth = await desk.login('ventanilla.gye', 'Ventanilla.Demo.2026');
    const r = await desk.core.call('requests.list', {}, auth);
    expect(r).toEqual({ ok: true, value: { items: [], nextCursor: null } });
  });
});

describe('system and status', () => {
  it('tells the screens the versions and whether setup is needed', async () => {
    const r = await desk.core.call('system.info', {}, anonymous);
    const journal = JSON.parse(fs.readFileSync(path.join(SOURCE_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(r).toMatchObject({ ok: true, value: { needsSetup: false, schemaVersion: journal.entries.length, agency: { code: 'UIO' } } });
  });

  it("lists today's turnos of the clerk's agency", async () => {
    const auth = await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
    const r = await desk.core.call('appointments.today', {}, auth);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as { date: string; items: { time: string }[] };
    expect(value.date).toBe('2026-11-20');
    expect(value.items).toHaveLength(27);
    expect(value.items[0]!.time).toBe('08:00');
  });
});
