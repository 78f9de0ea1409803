// The idle lock is enforced by the core, not only by the screen: a session idle longer than the
// idleLockMinutes setting is locked by the next call it makes, which answers 'session_locked'
// (the error the renderer turns into the lock screen) until session.unlock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES } from '../../shared/contract';
import { LAST_SEEN_RESOLUTION_MS } from '../../electron/core/accounts/actor';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

const MIN = 60_000;
const CLERK_PASSWORD = 'Ventanilla.Demo.2026';
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
let desk: TestDesk;
let clerk: Auth;

beforeEach(async () => {
  desk = await seededDesk({ requests: 5 });
  clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
});
afterEach(() => desk.dispose());

const sqlite = () => desk.core.ctx.db.$client;
/** locked_at of the clerk's sessions. */
const lockedAt = () =>
  (sqlite().prepare("SELECT locked_at AS lockedAt FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'ventanilla1')").all() as { lockedAt: number | null }[]).map(
    (r) => r.lockedAt,
  );
const counts = () =>
  sqlite()
    .prepare("SELECT (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM appointments WHERE status = 'atendida') AS attended, (SELECT count(*) FROM outbox) AS outbox")
    .get();
const list = () => desk.core.call('requests.list', { limit: 5 }, clerk);

describe('idle lock in the core', () => {
  it('calls keep a session alive; idle past the setting, the next call answers session_locked and locks it', async () => {
    // Activity every 4 minutes: never idle 5 minutes, however long the session lasts.
    for (let i = 0; i < 4; i++) {
      desk.clock.advance(4 * MIN);
      expect((await list()).ok).toBe(true);
    }
    expect(lockedAt()).toEqual([null]);

    desk.clock.advance(5 * MIN + LAST_SEEN_RESOLUTION_MS + 1);
    const before = counts();
    const r = await list();
    expect(r).toMatchObject({ ok: false, error: { code: 'session_locked', message: DEFAULT_MESSAGES.session_locked } });
    expect(DEFAULT_MESSAGES.session_locked).toMatch(/bloqueada por inactividad/);
    expect(lockedAt()).toEqual([desk.clock.now()]);

    // Everything else stays refused and changes nothing; current says locked (the screen shows the lock).
    const attend = await desk.core.call('appointments.today', {}, clerk);
    expect(attend).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(counts()).toEqual(before);
    expect(await desk.core.call('session.current', {}, clerk)).toMatchObject({ ok: true, value: { locked: true } });

    // The lock and the refused calls are in the audit trail, attributed to the clerk.
    const audit = sqlite()
      .prepare("SELECT a.call, a.outcome FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE u.username = 'ventanilla1' ORDER BY seq DESC LIMIT 3")
      .all();
    expect(audit).toEqual([
      { call: 'appointments.today', outcome: 'session_locked' },
      { call: 'requests.list', outcome: 'session_locked' },
      { call: 'session.idleLock', outcome: 'ok' },
    ]);

    // session.unlock works as before: with the password, and the session goes on.
    expect(await desk.core.call('session.unlock', { password: CLERK_PASSWORD }, clerk)).toMatchObject({ ok: true, value: { locked: false } });
    expect(lockedAt()).toEqual([null]);
    expect((await list()).ok).toBe(true);
  });

  it('never locks a session that has been idle less than the setting, although last_seen_at is written coarsely', async () => {
    // The last write of last_seen_at was at login; this call is inside the resolution, so not written.
    desk.clock.advance(LAST_SEEN_RESOLUTION_MS - 1);
    expect((await list()).ok).toBe(true);
    // Idle just under 5 minutes since that call: still open.
    desk.clock.advance(5 * MIN - 1);
    expect((await list()).ok).toBe(true);
    expect(lockedAt()).toEqual([null]);
  });

  it('follows the configured minutes, locks only the idle session, and logout still works on a locked one', async () => {
    expect((await desk.core.call('settings.update', { idleLockMinutes: 1 }, ADMIN)).ok).toBe(true);
    desk.clock.advance(MIN / 2);
    const second = await desk.login('ventanilla1', CLERK_PASSWORD); // another window, just used
    desk.clock.advance(MIN + LAST_SEEN_RESOLUTION_MS - MIN / 2 + 1); // first idle > 1 min + resolution, second not
    expect(await list()).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect((await desk.core.call('requests.list', { limit: 1 }, second)).ok).toBe(true);
    // The CLI has no session to go idle.
    desk.clock.advance(60 * MIN);
    expect((await desk.core.call('requests.list', { limit: 1 }, { kind: 'cli', username: 'ventanilla1' })).ok).toBe(true);

    expect((await desk.core.call('session.logout', {}, clerk)).ok).toBe(true);
    expect(await list()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
