// «Atención sin turno» asks for a supervisor's password inside the clerk's session. A typo in it
// used to answer 'unauthenticated', which the screen reads as "your own session is dead": the
// clerk was signed out. It has its own code now, and it counts toward the supervisor's lockout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const REASON = 'Adulto mayor sin acceso a internet para agendar';

let desk: TestDesk;
let clerk: Auth;
beforeAll(async () => {
  desk = await seededDesk({ requests: 10 });
  clerk = await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
});
afterAll(() => desk.dispose());
const call = (name: string, input: unknown, auth: Auth) => desk.core.call(name, input, auth) as Promise<R>;
const walkIn = (supervisorPassword: string, supervisorUsername = 'supervisora') => call('appointments.walkIn', { reason: REASON, supervisorUsername, supervisorPassword }, clerk);

describe('«Atención sin turno» with a wrong supervisor password', () => {
  it("answers its own code, never 'unauthenticated', and the clerk's session stays alive", async () => {
    const r = await walkIn('Super.Demo.2025');
    expect(r).toMatchObject({ ok: false, error: { code: 'authorization_failed', message: 'La contraseña del supervisor no es correcta. Pídale que la ingrese de nuevo.' } });
    expect(await call('session.current', {}, clerk)).toMatchObject({ ok: true, value: { user: { username: 'ventanilla1' } } });
  });

  it("counts toward the supervisor's lockout: the third wrong one locks the supervisor's account, not the clerk's", async () => {
    const fresh = await seededDesk({ requests: 10 });
    try {
      const own = await fresh.login('ventanilla1', 'Ventanilla.Demo.2026');
      const attempt = (password: string) => fresh.core.call('appointments.walkIn', { reason: REASON, supervisorUsername: 'supervisora', supervisorPassword: password }, own) as Promise<R>;
      for (let i = 0; i < 2; i++) expect(await attempt(`Mal.Escrita.${i}x`)).toMatchObject({ ok: false, error: { code: 'authorization_failed' } });
      const third = await attempt('Mal.Escrita.3x');
      expect(third).toMatchObject({ ok: false, error: { code: 'authorization_failed', message: expect.stringMatching(/^La cuenta del supervisor está bloqueada por 3 intentos fallidos/) } });
      // Even the right password now waits; the supervisor cannot sign in either.
      expect(await attempt('Super.Demo.2026')).toMatchObject({ ok: false, error: { code: 'authorization_failed', message: expect.stringMatching(/bloqueada/) } });
      const login = (await fresh.core.call('session.login', { username: 'supervisora', password: 'Super.Demo.2026' }, { kind: 'session', token: null })) as R;
      expect(login.ok).toBe(false);
      // The clerk is still signed in.
      expect(await fresh.core.call('session.current', {}, own)).toMatchObject({ ok: true });
    } finally {
      fresh.dispose();
    }
  });

  it('the right password opens the walk-in request', async () => {
    expect(await walkIn('Super.Demo.2026')).toMatchObject({ ok: true, value: { requestId: expect.any(String) } });
  });
});
