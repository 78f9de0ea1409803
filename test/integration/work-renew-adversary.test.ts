// Adversarial review (second round) of requests.workRenew (electron/core/counter/working.ts), an
// unaudited write: each renewal appends a request.working event to the outbox (relayed by
// central to every desk of the agency), and nothing checks the request still has work left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

const CLERK_PASSWORD = 'Ventanilla.Demo.2026';
let desk: TestDesk;
let open: string[];

beforeAll(async () => {
  desk = await seededDesk({ requests: 40 });
  open = desk.core.ctx.db.$client
    .prepare("SELECT id FROM requests WHERE agency_id = 'agency-uio' AND state IN ('borrador', 'en_verificacion', 'pendiente_revision', 'devuelta') ORDER BY rowid LIMIT 6")
    .pluck()
    .all() as string[];
}, 60_000);
afterAll(() => desk?.dispose());

const sqlite = () => desk.core.ctx.db.$client;
const outboxRows = () => sqlite().prepare('SELECT count(*) FROM outbox').pluck().get() as number;

async function ok<T>(name: string, input: unknown, auth: Auth): Promise<T> {
  const r = await desk.core.call(name, input, auth);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('requests.workRenew cannot be abused', () => {
  it('renewals at the same instant do not flood the outbox (one screen, or a script, calling it in a loop)', async () => {
    const clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
    const id = open[0]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    const before = outboxRows();
    for (let i = 0; i < 200; i++) await ok('requests.workRenew', { id }, clerk);
    // Nothing changed for central to learn (same instant, same expiry): at most one event.
    expect(outboxRows() - before).toBeLessThanOrEqual(1);
    await ok('requests.workEnd', { id }, clerk);
    await ok('session.logout', {}, clerk);
  });

  it('a marker on a request that reached a final state (a central verdict applied by sync) is not renewed', async () => {
    const clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
    const id = open[1]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    // The request ends while the clerk's screen stays open on it (central rejected it; a
    // supervisor's decision releases only the supervisor's own marker, supervisor/review.ts:150).
    sqlite().prepare("UPDATE requests SET state = 'rechazada_central' WHERE id = ?").run(id);
    const before = outboxRows();
    const r = await ok<{ renewed: boolean }>('requests.workRenew', { id }, clerk);
    expect(r.renewed).toBe(false);
    expect(outboxRows()).toBe(before);
    await ok('session.logout', {}, clerk);
  });

  // Disabling a user (or resetting their password, or a lockout) deletes their sessions
  // (accounts/manage.ts users.setDisabled, users.resetPassword) without endSessionWork: the other
  // desks keep showing «En atención» by someone who can no longer be signed in.
  it('disabling a user ends their sessions and with them their markers, and tells central', async () => {
    const clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
    const id = open[2]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    const clerkId = sqlite().prepare("SELECT id FROM users WHERE username = 'ventanilla1'").pluck().get() as string;
    await ok('users.setDisabled', { userId: clerkId, disabled: true }, { kind: 'cli', username: 'admin' });
    try {
      const live = sqlite().prepare("SELECT count(*) FROM work_markers WHERE request_id = ? AND device_id = '' AND user_id = ? AND expires_at > ?").pluck().get(id, clerkId, desk.clock.now());
      expect(live).toBe(0);
      const last = sqlite().prepare("SELECT payload FROM outbox WHERE type = 'request.working' AND request_id = ? ORDER BY rowid DESC LIMIT 1").pluck().get(id) as string;
      expect(JSON.parse(last)).toMatchObject({ working: false });
    } finally {
      await ok('users.setDisabled', { userId: clerkId, disabled: false }, { kind: 'cli', username: 'admin' });
    }
  });

  // The same for the two other ways a person's sessions end without their logout.
  const released = (id: string, userId: string) => {
    const live = sqlite().prepare("SELECT count(*) FROM work_markers WHERE request_id = ? AND device_id = '' AND user_id = ? AND expires_at > ?").pluck().get(id, userId, desk.clock.now());
    const last = sqlite().prepare("SELECT payload FROM outbox WHERE type = 'request.working' AND request_id = ? ORDER BY rowid DESC LIMIT 1").pluck().get(id) as string;
    return { live, last: JSON.parse(last) as unknown };
  };
  const userIdOf = (username: string) => sqlite().prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;

  it('an administrator resetting a user’s password ends their sessions and their markers, and tells central', async () => {
    const clerk = await desk.login('ventanilla2', CLERK_PASSWORD);
    const id = open[3]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    await ok('users.resetPassword', { userId: userIdOf('ventanilla2'), password: 'Cambiada.Demo.2027' }, { kind: 'cli', username: 'admin' });
    expect(released(id, userIdOf('ventanilla2'))).toMatchObject({ live: 0, last: { working: false } });
  });

  it('a lockout after failed logins ends the user’s sessions and their markers, and tells central', async () => {
    const clerk = await desk.login('ventanilla3', CLERK_PASSWORD);
    const id = open[4]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    for (let i = 0; i < 3; i++) await desk.core.call('session.login', { username: 'ventanilla3', password: 'mala' }, { kind: 'session', token: null });
    expect(released(id, userIdOf('ventanilla3'))).toMatchObject({ live: 0, last: { working: false } });
  });
});
