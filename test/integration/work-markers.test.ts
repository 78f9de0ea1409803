// «En atención» markers at one desk (electron/core/counter/working.ts): renewing one while the
// screen stays open is not audited (only the start and the end are), and signing out — a logout
// or a session found expired — releases the person's markers in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../electron/core/accounts/actor';
import type { Auth } from '../../electron/core/registry';
import { WORK_MARKER_RENEW_MS, WORK_MARKER_TTL_MS } from '../../shared/domain/desks';
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
const audited = (call: string) => (sqlite().prepare('SELECT count(*) FROM audit_log WHERE call = ?').pluck().get(call) as number);
const markers = (userId: string) => sqlite().prepare("SELECT request_id AS id, expires_at AS expiresAt FROM work_markers WHERE device_id = '' AND user_id = ? ORDER BY request_id").all(userId) as { id: string; expiresAt: number }[];
const workingEvents = (id: string) =>
  (sqlite().prepare("SELECT payload FROM outbox WHERE type = 'request.working' AND request_id = ? ORDER BY rowid").pluck().all(id) as string[]).map((p) => JSON.parse(p) as { working: boolean; until?: number });
const userId = (username: string) => sqlite().prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;

async function ok<T>(name: string, input: unknown, auth: Auth): Promise<T> {
  const r = await desk.core.call(name, input, auth);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('renewing a marker', () => {
  it('extends it and tells central each time, but only its start and its end are audited', async () => {
    const clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
    const id = open[0]!;
    const starts = audited('requests.workStart');
    expect(await ok('requests.workStart', { id, activity: 'atencion' }, clerk)).toMatchObject({ started: true });
    expect(audited('requests.workStart')).toBe(starts + 1);
    const audit = sqlite().prepare('SELECT count(*) FROM audit_log').pluck();
    const before = audit.get() as number;

    // An hour with the screen open: fifteen renewals, no audit entry.
    for (let i = 0; i < 15; i++) {
      desk.clock.advance(WORK_MARKER_RENEW_MS);
      expect(await ok('requests.workRenew', { id }, clerk)).toEqual({ renewed: true, expiresAt: desk.clock.now() + WORK_MARKER_TTL_MS });
    }
    expect(audit.get()).toBe(before);
    expect(markers(userId('ventanilla1'))).toEqual([{ id, expiresAt: desk.clock.now() + WORK_MARKER_TTL_MS }]);
    // Central learns every new expiry: the start and the fifteen renewals.
    expect(workingEvents(id).filter((e) => e.working)).toHaveLength(16);

    expect(await ok('requests.workEnd', { id }, clerk)).toEqual({ released: true });
    expect(audited('requests.workEnd')).toBeGreaterThan(0);
    expect(audit.get()).toBe(before + 1);
    await ok('session.logout', {}, clerk);
  });

  it('renews nothing that lapsed or was never started: the screen starts it again, audited', async () => {
    const clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
    const id = open[1]!;
    const events = workingEvents(id).length;
    expect(await ok('requests.workRenew', { id }, clerk)).toEqual({ renewed: false, expiresAt: null });
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    // The computer slept past the marker's lifetime (its expiry moved, not the clock: the idle lock would come first).
    sqlite().prepare("UPDATE work_markers SET expires_at = ? WHERE request_id = ? AND device_id = ''").run(desk.clock.now(), id);
    expect(await ok('requests.workRenew', { id }, clerk)).toEqual({ renewed: false, expiresAt: null });
    expect(workingEvents(id).length).toBe(events + 1);
    await ok('session.logout', {}, clerk);
  });
});

describe('signing out releases the markers', () => {
  it('session.logout releases every marker of the person at this desk and tells central, in the logout', async () => {
    const clerk = await desk.login('ventanilla2', CLERK_PASSWORD);
    const [a, b] = [open[2]!, open[3]!];
    await ok('requests.workStart', { id: a, activity: 'atencion' }, clerk);
    await ok('requests.workStart', { id: b, activity: 'atencion' }, clerk);
    expect(markers(userId('ventanilla2')).map((m) => m.id)).toEqual([a, b].sort());
    const logouts = audited('session.logout');

    await ok('session.logout', {}, clerk);
    expect(markers(userId('ventanilla2'))).toEqual([]);
    expect(workingEvents(a).at(-1)).toMatchObject({ working: false });
    expect(workingEvents(b).at(-1)).toMatchObject({ working: false });
    expect(audited('session.logout')).toBe(logouts + 1);
  });

  it('keeps them while another session of the same person is still open at this desk (its screen renews them)', async () => {
    const first = await desk.login('ventanilla2', CLERK_PASSWORD);
    const second = await desk.login('ventanilla2', CLERK_PASSWORD);
    const id = open[4]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, second);
    await ok('session.logout', {}, first);
    expect(markers(userId('ventanilla2')).map((m) => m.id)).toEqual([id]);
    await ok('session.logout', {}, second);
    expect(markers(userId('ventanilla2'))).toEqual([]);
  });

  it('a session found expired ends with its markers, audited, and the call that found it is refused', async () => {
    const clerk = await desk.login('ventanilla1', CLERK_PASSWORD);
    const id = open[5]!;
    await ok('requests.workStart', { id, activity: 'atencion' }, clerk);
    // Its 12 hours end (SESSION_TTL_MS) while the screen still holds the request.
    const token = hashToken((clerk as { token: string }).token);
    sqlite().prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(desk.clock.now(), token);
    const expiries = audited('session.expire');

    expect(await desk.core.call('requests.workRenew', { id }, clerk)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(markers(userId('ventanilla1'))).toEqual([]);
    expect(workingEvents(id).at(-1)).toMatchObject({ working: false });
    expect(audited('session.expire')).toBe(expiries + 1);
    expect(sqlite().prepare('SELECT count(*) FROM sessions WHERE token_hash = ?').pluck().get(token)).toBe(0);
    // Found once: the next call with it is just refused.
    expect(await desk.core.call('session.current', {}, clerk)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(audited('session.expire')).toBe(expiries + 1);
  });
});
