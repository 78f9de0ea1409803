// Accounts against an attacker: a changed password ends the other sessions of that user; the
// login answers the same for an unknown user, a wrong password and a locked account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 10 });
});
afterAll(() => desk.dispose());
const call = (name: string, input: unknown, auth: Auth) => desk.core.call(name, input, auth) as Promise<R>;
const codeOf = (r: R) => (r.ok ? 'ok' : r.error.code);

describe('changing your own password', () => {
  it('ends your other sessions (a stolen one among them) and keeps the one that changed it', async () => {
    const here = await desk.login('ventanilla2', 'Ventanilla.Demo.2026');
    const elsewhere = await desk.login('ventanilla2', 'Ventanilla.Demo.2026');
    const someoneElse = await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
    expect(await call('account.changePassword', { currentPassword: 'Ventanilla.Demo.2026', newPassword: 'Otra.Clave.Nueva.84' }, here)).toMatchObject({ ok: true });
    expect(codeOf(await call('session.current', {}, elsewhere))).toBe('unauthenticated');
    expect(codeOf(await call('session.current', {}, here))).toBe('ok');
    expect(codeOf(await call('requests.list', {}, here))).toBe('ok');
    expect(codeOf(await call('session.current', {}, someoneElse))).toBe('ok');
  });
});
