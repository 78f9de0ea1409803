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

describe('the login does not tell which usernames exist', () => {
  const anonymous = { kind: 'session', token: null } as const;
  const login = (username: string, password: string) => call('session.login', { username, password }, anonymous);

  it('an unknown user, a wrong password and a locked account (even with the right password) get the very same answer', async () => {
    const unknown = await login('no.existe', 'Cualquier.Clave.1');
    const wrong = await login('ventanilla3', 'Clave.Equivocada.1');
    for (let i = 0; i < 3; i++) await login('ventanilla3', `Otra.Equivocada.${i}`);
    const lockedWrong = await login('ventanilla3', 'Clave.Equivocada.2');
    const lockedRight = await login('ventanilla3', 'Ventanilla.Demo.2026');
    expect(unknown).toEqual({
      ok: false,
      error: {
        code: 'unauthenticated',
        message: 'Usuario o contraseña incorrectos. Tras 3 intentos fallidos seguidos la cuenta se bloquea por 15 minutos; si no puede ingresar, pida al administrador que la desbloquee.',
      },
    });
    for (const r of [wrong, lockedWrong, lockedRight]) expect(r).toEqual(unknown);
    // The lockout is real all the same: after it ends, the right password works again.
    desk.clock.advance(16 * 60_000);
    expect(codeOf(await login('ventanilla3', 'Ventanilla.Demo.2026'))).toBe('ok');
  });
});
