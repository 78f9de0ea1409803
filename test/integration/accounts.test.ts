import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { hashPassword, parseHash } from '../../electron/core/accounts/password';
import { openDesk } from '../../electron/hosts/common/open-desk';
import type { Auth } from '../../electron/core/registry';
import { manualClock, seededDesk, tempDir, type TestDesk } from '../support/desk';

const anonymous = { kind: 'session', token: null } as const;
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
let desk: TestDesk;

beforeAll(async () => {
  desk = await seededDesk({ requests: 10 });
});
afterAll(() => desk.dispose());

const userId = (username: string) =>
  (desk.core.ctx.db.$client.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('first start', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('creates the agency and the first administrator once, then refuses', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const { core, close } = openDesk({ dataDir, host: 'cli', clock: manualClock() });
    try {
      expect(await core.call('system.info', {}, anonymous)).toMatchObject({ ok: true, value: { needsSetup: true, agency: null } });
      const input = { agency: { code: 'cue', name: 'CAU Cuenca', provinceCode: '01' }, username: 'jefa.ti', displayName: 'Dolores Cárdenas', password: 'Cuenca.2026.ti' };
      const weak = await core.call('setup.createAdmin', { ...input, password: 'corta' }, anonymous);
      expect(weak).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('al menos 10 caracteres') } });
      const created = await core.call('setup.createAdmin', input, anonymous);
      expect(created).toMatchObject({ ok: true, value: { session: { user: { username: 'jefa.ti', role: 'administrador', agencyCode: 'CUE' } } } });
      expect(await core.call('system.info', {}, anonymous)).toMatchObject({ ok: true, value: { needsSetup: false, agency: { code: 'CUE', name: 'CAU Cuenca' } } });
      const again = await core.call('setup.createAdmin', { ...input, username: 'otro.admin' }, anonymous);
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const token = (created as { value: { token: string } }).value.token;
      expect(await core.call('users.list', {}, { kind: 'session', token })).toMatchObject({ ok: true, value: { items: [{ username: 'jefa.ti' }] } });
    } finally {
      close();
    }
  });
});

describe('user management', () => {
  it('creates a user with a temporary password that must be changed before anything else', async () => {
    const created = await desk.core.call('users.create', { username: 'ventanilla4', displayName: 'Efraín Guamán', role: 'ventanillero', password: 'Temporal.Uio.2026' }, ADMIN);
    expect(created).toMatchObject({ ok: true, value: { user: { username: 'ventanilla4', mustChangePassword: true, disabled: false } } });
    const auth = await desk.login('ventanilla4', 'Temporal.Uio.2026');
    expect(codeOf(await desk.core.call('requests.list', {}, auth))).toBe('password_change_required');
    const weak = await desk.core.call('account.changePassword', { currentPassword: 'Temporal.Uio.2026', newPassword: 'ventanilla4-2026' }, auth);
    expect(weak).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('no se basa en el nombre de usuario') } });
    const changed = await desk.core.call('account.changePassword', { currentPassword: 'Temporal.Uio.2026', newPassword: 'Nueva.Clave.77' }, auth);
    expect(changed).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(codeOf(await desk.core.call('requests.list', {}, auth))).toBe('ok');
  });

  it('refuses a duplicate username, whatever its case', async () => {
    const r = await desk.core.call('users.create', { username: 'VENTANILLA1', displayName: 'Otro', role: 'ventanillero', password: 'Temporal.Uio.2026' }, ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Ya existe') } });
  });

  it('never removes the last enabled administrator, and nobody disables themself', async () => {
    const admin = userId('admin');
    expect(codeOf(await desk.core.call('users.setDisabled', { userId: admin, disabled: true }, ADMIN))).toBe('conflict');
    expect(codeOf(await desk.core.call('users.update', { userId: admin, role: 'supervisor' }, ADMIN))).toBe('conflict');
    await desk.core.call('users.create', { username: 'admin2', displayName: 'Álvaro Benítez', role: 'administrador', password: 'Segundo.Admin.1' }, ADMIN);
    const second = await desk.login('admin2', 'Segundo.Admin.1');
    // A temporary password allows nothing but changing it.
    expect(codeOf(await desk.core.call('users.update', { userId: admin, role: 'supervisor' }, second))).toBe('password_change_required');
    await desk.core.call('account.changePassword', { currentPassword: 'Segundo.Admin.1', newPassword: 'Segundo.Admin.2' }, second);
    expect(await desk.core.call('users.update', { userId: admin, role: 'supervisor' }, second)).toMatchObject({ ok: true, value: { user: { role: 'supervisor' } } });
    expect(await desk.core.call('users.update', { userId: admin, role: 'administrador' }, second)).toMatchObject({ ok: true, value: { user: { role: 'administrador' } } });
  });

  it('disabling a user ends their sessions and their logins', async () => {
    const auth = await desk.login('ventanilla2', 'Ventanilla.Demo.2026');
    expect(codeOf(await desk.core.call('users.setDisabled', { userId: userId('ventanilla2'), disabled: true }, ADMIN))).toBe('ok');
    expect(codeOf(await desk.core.call('session.current', {}, auth))).toBe('unauthenticated');
    const login = await desk.core.call('session.login', { username: 'ventanilla2', password: 'Ventanilla.Demo.2026' }, anonymous);
    expect(login).toMatchObject({ ok: false, error: { message: expect.stringContaining('deshabilitado') } });
    await desk.core.call('users.setDisabled', { userId: userId('ventanilla2'), disabled: false }, ADMIN);
    expect(codeOf(await desk.core.call('session.login', { username: 'ventanilla2', password: 'Ventanilla.Demo.2026' }, anonymous))).toBe('ok');
  });

  it("resets a locked-out user's password, unlocks the account and ends its sessions", async () => {
    const auth = await desk.login('ventanilla3', 'Ventanilla.Demo.2026');
    for (let i = 0; i < 3; i++) await desk.core.call('session.login', { username: 'ventanilla3', password: 'mala' }, anonymous);
    // Locked: even the right password is refused (with the answer of any failed login).
    expect(codeOf(await desk.core.call('session.login', { username: 'ventanilla3', password: 'Ventanilla.Demo.2026' }, anonymous))).toBe('unauthenticated');
    expect(codeOf(await desk.core.call('session.current', {}, auth))).toBe('unauthenticated');
    const reset = await desk.core.call('users.resetPassword', { userId: userId('ventanilla3'), password: 'Temporal.Reset.9' }, ADMIN);
    expect(reset).toMatchObject({ ok: true, value: { user: { lockedUntil: null, mustChangePassword: true } } });
    expect(codeOf(await desk.core.call('session.login', { username: 'ventanilla3', password: 'Temporal.Reset.9' }, anonymous))).toBe('ok');
  });

  it("does not let an administrator touch another agency's staff", async () => {
    const r = await desk.core.call('users.resetPassword', { userId: userId('ventanilla.gye'), password: 'Temporal.Reset.9' }, ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const list = await desk.core.call('users.list', {}, ADMIN);
    expect(JSON.stringify(list)).not.toContain('ventanilla.gye');
  });
});

describe('idle lock', () => {
  it('locks a session until the same password unlocks it; only unlock, logout and current answer meanwhile', async () => {
    const auth = await desk.login('supervisora', 'Super.Demo.2026');
    expect(codeOf(await desk.core.call('session.lock', {}, auth))).toBe('ok');
    expect(codeOf(await desk.core.call('requests.list', {}, auth))).toBe('session_locked');
    expect(await desk.core.call('session.current', {}, auth)).toMatchObject({ ok: true, value: { locked: true } });
    expect(codeOf(await desk.core.call('session.unlock', { password: 'Ventanilla.Demo.2026' }, auth))).toBe('unauthenticated');
    expect(await desk.core.call('session.unlock', { password: 'Super.Demo.2026' }, auth)).toMatchObject({ ok: true, value: { locked: false } });
    expect(codeOf(await desk.core.call('requests.list', {}, auth))).toBe('ok');
  });

  it('three wrong passwords at the lock screen lock the account and end the session', async () => {
    const auth = await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
    await desk.core.call('session.lock', {}, auth);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(codeOf(await desk.core.call('session.unlock', { password: `mala-${i}` }, auth)));
    expect(codes).toEqual(['unauthenticated', 'unauthenticated', 'locked_out']);
    expect(codeOf(await desk.core.call('session.current', {}, auth))).toBe('unauthenticated');
    desk.clock.advance(16 * 60_000);
  });
});

describe('password hashes', () => {
  it('stores scrypt with its parameters and salt, and upgrades weaker hashes at the next login', async () => {
    const stored = (desk.core.ctx.db.$client.prepare("SELECT password_hash AS h FROM users WHERE username = 'supervisora'").get() as { h: string }).h;
    expect(parseHash(stored)?.params).toEqual({ N: 32768, r: 8, p: 1 });
    const weak = await hashPassword('Super.Demo.2026', { N: 1024, r: 8, p: 1 });
    desk.core.ctx.db.$client.prepare("UPDATE users SET password_hash = ? WHERE username = 'supervisora'").run(weak);
    await desk.login('supervisora', 'Super.Demo.2026');
    const upgraded = (desk.core.ctx.db.$client.prepare("SELECT password_hash AS h FROM users WHERE username = 'supervisora'").get() as { h: string }).h;
    expect(parseHash(upgraded)?.params.N).toBe(32768);
  });

  it('counts wrong passwords sent in parallel: twelve at once lock the account, and the right one then waits', async () => {
    // ventanilla3's password was reset to a temporary one above.
    const attempts = Array.from({ length: 12 }, (_, i) => desk.core.call('session.login', { username: 'ventanilla3', password: `mala-${i}` }, anonymous));
    const codes = (await Promise.all(attempts)).map(codeOf);
    // The login says the same for a locked account as for a wrong password (no username probing).
    expect(codes.every((c) => c === 'unauthenticated')).toBe(true);
    const row = desk.core.ctx.db.$client.prepare("SELECT locked_until AS until FROM users WHERE username = 'ventanilla3'").get() as { until: number | null };
    expect(row.until).toBeGreaterThan(desk.clock.now());
    expect(codeOf(await desk.core.call('session.login', { username: 'ventanilla3', password: 'Temporal.Reset.9' }, anonymous))).toBe('unauthenticated');
    desk.clock.advance(16 * 60_000);
    expect(codeOf(await desk.core.call('session.login', { username: 'ventanilla3', password: 'Temporal.Reset.9' }, anonymous))).toBe('ok');
  });

  it('applies the configured lockout time', async () => {
    expect(await desk.core.call('settings.update', { lockoutMinutes: 2 }, ADMIN)).toMatchObject({ ok: true, value: { lockoutMinutes: 2 } });
    for (let i = 0; i < 3; i++) await desk.core.call('session.login', { username: 'ventanilla2', password: 'mala' }, anonymous);
    const r = await desk.core.call('session.login', { username: 'ventanilla2', password: 'Ventanilla.Demo.2026' }, anonymous);
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('se bloquea por 2 minutos') } });
    desk.clock.advance(2 * 60_000 + 1);
    expect(codeOf(await desk.core.call('session.login', { username: 'ventanilla2', password: 'Ventanilla.Demo.2026' }, anonymous))).toBe('ok');
  });

  it('rejects out-of-range settings with Spanish messages and keeps the old values', async () => {
    const r = await desk.core.call('settings.update', { idleLockMinutes: 0 }, ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('al menos 1 minuto') } });
    expect(await desk.core.call('settings.get', {}, ADMIN)).toMatchObject({ ok: true, value: { idleLockMinutes: 5, secretsEncrypted: false } });
  });
});
