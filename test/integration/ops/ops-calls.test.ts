// The operations calls through the core's one door (roles, audit, Spanish errors), on a real desk.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSetting } from '../../../electron/core/settings';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { inProcessOpsPort, startDesktopOps } from '../../../electron/hosts/desktop/operations';
import { applyAgencyConfigAtStart } from '../../../electron/core/ops/agency-config';
import type { UpdaterLike } from '../../../electron/hosts/desktop/updater';
import { seededDesk, tempDir, type TestDesk } from '../../support/desk';
import { GOOD } from '../../unit/ops/fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
async function desk(): Promise<TestDesk> {
  const d = await seededDesk({ requests: 50 });
  cleanups.push(() => d.dispose());
  return d;
}
const withBackupDir = () => {
  const dir = tempDir('vp-respaldos-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { ...GOOD, backup: { ...GOOD.backup, dir } };
};

describe('agency configuration calls', () => {
  it('an administrator updates it: settings applied, agencia.json written, audited', async () => {
    const d = await desk();
    const admin = await d.login('admin', 'Admin.Demo.2026');
    const config = { ...withBackupDir(), agency: { code: 'UIN', name: 'CAU Quito Norte (Iñaquito)', provinceCode: '17' } };
    const r = await d.core.call('config.update', config, admin);
    expect(r).toMatchObject({ ok: true, value: { config: { agency: { code: 'UIN' } } } });
    const db = d.core.ctx.db;
    expect(getSetting(db, 'idleLockMinutes')).toBe(5);
    expect(getSetting(db, 'counterAttachmentMaxBytes')).toBe(5 * 1_048_576);
    expect(getSetting(db, 'maxPendingReview')).toBe(40);
    expect(getSetting(db, 'slaMinutesByState')).toEqual({ pendiente_revision: 120 });
    expect(getSetting(db, 'centralUrl')).toBe(GOOD.centralUrl);
    const file = JSON.parse(fs.readFileSync(path.join(d.dataDir, 'agencia.json'), 'utf8'));
    expect(file.agency.code).toBe('UIN');
    const get = await d.core.call('config.get', {}, admin);
    expect(get).toMatchObject({ ok: true, value: { file: { state: 'aplicado', errors: [] } } });
    const audit = d.core.ctx.db.$client.prepare("SELECT outcome, target FROM audit_log WHERE call = 'config.update'").all();
    expect(audit).toEqual([{ outcome: 'ok', target: 'settings:agency' }]);
  });

  it('accepts empty URLs and no backup folder (stored as absent settings)', async () => {
    const d = await desk();
    const admin = await d.login('admin', 'Admin.Demo.2026');
    await d.core.call('config.update', GOOD, admin);
    const r = await d.core.call('config.update', { ...GOOD, centralUrl: null, updateUrl: null, backup: { ...GOOD.backup, dir: null } }, admin);
    expect(r).toMatchObject({ ok: true, value: { config: { centralUrl: null, updateUrl: null, backup: { dir: null } } } });
    expect(getSetting(d.core.ctx.db, 'centralUrl')).toBeNull();
  });

  it('a clerk may not read or change it', async () => {
    const d = await desk();
    const clerk = await d.login('ventanilla1', 'Ventanilla.Demo.2026');
    expect(await d.core.call('config.get', {}, clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await d.core.call('config.update', GOOD, clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a bad file changes nothing and says which field is wrong; a good one is applied on reload', async () => {
    const d = await desk();
    const admin = await d.login('admin', 'Admin.Demo.2026');
    const before = await d.core.call('config.get', {}, admin);
    fs.writeFileSync(path.join(d.dataDir, 'agencia.json'), JSON.stringify({ ...GOOD, centralUrl: 'http://inseguro.example', idleLockMinutes: 3 }));
    const bad = await d.core.call('config.reload', {}, admin);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Campo "centralUrl"') } });
    expect(getSetting(d.core.ctx.db, 'idleLockMinutes')).toBe(5);
    const after = await d.core.call('config.get', {}, admin);
    const configOf = (r: typeof after) => (r.ok ? (r.value as { config: unknown }).config : null);
    expect(configOf(after)).toEqual(configOf(before));
    expect(after).toMatchObject({ ok: true, value: { file: { state: 'invalido', errors: [expect.stringContaining('https://')] } } });

    fs.writeFileSync(path.join(d.dataDir, 'agencia.json'), JSON.stringify({ ...GOOD, idleLockMinutes: 3 }));
    expect(await d.core.call('config.get', {}, admin)).toMatchObject({ ok: true, value: { file: { state: 'pendiente' } } });
    expect(await d.core.call('config.reload', {}, admin)).toMatchObject({ ok: true });
    expect(getSetting(d.core.ctx.db, 'idleLockMinutes')).toBe(3);
  });

  it('refuses an agency code that belongs to another agency on this desk', async () => {
    const d = await desk();
    const admin = await d.login('admin', 'Admin.Demo.2026');
    const r = await d.core.call('config.update', { ...GOOD, agency: { code: 'GYE', name: 'Otra', provinceCode: '09' } }, admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', fields: [{ path: 'agency.code' }] } });
  });
});

describe('backups, diagnostics and updates through the core', () => {
  it('backup.run needs a folder, then backs up; backup.list and backup.verify see it', async () => {
    const d = await desk();
    const admin = await d.login('admin', 'Admin.Demo.2026');
    expect(await d.core.call('backup.run', {}, admin)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('carpeta de respaldos') } });
    await d.core.call('config.update', withBackupDir(), admin);
    const run = await d.core.call('backup.run', {}, admin);
    const name = run.ok ? (run.value as { name: string }).name : '';
    expect(run).toMatchObject({ ok: true, value: { name: expect.stringMatching(/^respaldo-/) } });
    const list = await d.core.call('backup.list', {}, admin);
    expect(list).toMatchObject({ ok: true, value: { last: { ok: true, trigger: 'manual' }, items: [{ name }] } });
    const verify = await d.core.call('backup.verify', { name }, admin);
    expect(verify).toMatchObject({ ok: true, value: { ok: true } });
    expect(await d.core.call('backup.verify', { name: '../../etc' }, admin)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('diagnostics.copy has versions and counts, and no personal data even when a log line had some', async () => {
    const d = await desk();
    fs.mkdirSync(path.join(d.dataDir, 'logs'));
    fs.writeFileSync(
      path.join(d.dataDir, 'logs', 'web.log'),
      `${JSON.stringify({ level: 'error', time: '2026-11-20T14:00:00.000Z', host: 'web', message: 'old line about Carmen Rosa Tipán 1710034065 carmen@correo.ec' })}\n`,
    );
    const clerk = await d.login('ventanilla1', 'Ventanilla.Demo.2026');
    const r = await d.core.call('diagnostics.copy', {}, clerk);
    expect(r.ok).toBe(true);
    const text = r.ok ? (r.value as { text: string }).text : '';
    expect(text).toContain('Versión de la aplicación: ');
    expect(text).toMatch(/Versión del esquema de base de datos: \d+/);
    expect(text).toContain('Registro de auditoría: íntegro');
    expect(text).toContain('[nombre] [cédula] [correo]');
    expect(text).not.toMatch(/Carmen|Tipán|1710034065|carmen@/);
    // No personal data from the database either: no cédula, RUC or e-mail of the seeded requests.
    // (An affiliate's request has no employer: its RUC is empty, its cédula is the representative's.)
    const sample = d.core.ctx.db.$client
      .prepare("SELECT employer_ruc AS ruc, representative_id_number AS id FROM requests WHERE employer_ruc <> '' AND representative_id_number <> '' LIMIT 20")
      .all() as { ruc: string; id: string }[];
    expect(sample.length).toBeGreaterThan(0);
    for (const s of sample) {
      expect(text).not.toContain(s.ruc);
      expect(text).not.toContain(s.id);
    }
  });

  it('outside the desktop app the update status says updates are not available here', async () => {
    const d = await desk();
    const clerk = await d.login('ventanilla1', 'Ventanilla.Demo.2026');
    expect(await d.core.call('app.updateStatus', {}, clerk)).toMatchObject({ ok: true, value: { state: 'no_disponible', currentVersion: d.core.ctx.appVersion } });
    expect(await d.core.call('app.installUpdate', {}, clerk)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('desktop: an update waits while the screen reports unsaved work, then installs on request', async () => {
    const d = await desk();
    // The same core, as the desktop host builds it.
    (d.core.ctx as { host: string }).host = 'electron';
    const updater = Object.assign(new (await import('node:events')).EventEmitter(), {
      autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: true, logger: null as unknown,
      setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn(),
    });
    const timers = { setTimeout: vi.fn((fn: () => void) => (fn(), 0)), clearTimeout: vi.fn(), setInterval: vi.fn(() => 0), clearInterval: vi.fn() };
    const ops = startDesktopOps(inProcessOpsPort(d.core.ctx), { isPackaged: true, log: d.core.ctx.log, updater: () => updater as unknown as UpdaterLike, timers: timers as never });
    cleanups.push(() => ops.stop());
    const core = ops.core(d.core);
    const clerk = await d.login('ventanilla1', 'Ventanilla.Demo.2026');

    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(await core.call('app.updateStatus', {}, clerk)).toMatchObject({ ok: true, value: { state: 'lista', availableVersion: '0.2.0', unsavedWork: false } });

    await core.call('app.setUnsavedWork', { unsaved: true }, clerk);
    const refused = await core.call('app.installUpdate', {}, clerk);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('atención en curso') } });
    ops.beforeQuit();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();

    await core.call('app.setUnsavedWork', { unsaved: false }, clerk);
    expect(await core.call('app.installUpdate', {}, clerk)).toMatchObject({ ok: true, value: { version: '0.2.0' } });
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
    expect(d.core.ctx.hostState.update()?.state).toBe('lista');
  });

  it("the updater's state and the unsaved-work flag stay with the host: never in the database, so never in a backup", async () => {
    const d = await desk();
    (d.core.ctx as { host: string }).host = 'electron';
    const updater = Object.assign(new (await import('node:events')).EventEmitter(), {
      autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: true, logger: null as unknown,
      setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn(),
    });
    const timers = { setTimeout: vi.fn(() => 0), clearTimeout: vi.fn(), setInterval: vi.fn(() => 0), clearInterval: vi.fn() };
    const ops = startDesktopOps(inProcessOpsPort(d.core.ctx), { isPackaged: true, log: d.core.ctx.log, updater: () => updater as unknown as UpdaterLike, timers: timers as never });
    cleanups.push(() => ops.stop());
    const clerk = await d.login('ventanilla1', 'Ventanilla.Demo.2026');
    const settingsRows = () => d.core.ctx.db.$client.prepare('SELECT key, value FROM settings ORDER BY key').all();
    const before = settingsRows();
    updater.emit('update-downloaded', { version: '0.2.0' });
    await ops.core(d.core).call('app.setUnsavedWork', { unsaved: true }, clerk);
    expect(await d.core.call('app.updateStatus', {}, clerk)).toMatchObject({ ok: true, value: { state: 'lista', unsavedWork: true } });
    expect(settingsRows()).toEqual(before);
    expect(before.map((r) => (r as { key: string }).key).filter((k) => k === 'ops.update' || k === 'ops.unsavedWork')).toEqual([]);
  });

  it("an older version's host rows in the settings table are dropped when the database opens", async () => {
    const d = await desk();
    const put = d.core.ctx.db.$client.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    put.run('ops.update', JSON.stringify({ state: 'lista', availableVersion: '0.0.9', percent: 100, checkedAt: 1, message: null }));
    put.run('ops.unsavedWork', JSON.stringify({ unsaved: true, at: 1 }));
    d.close();
    const again = openDesk({ dataDir: d.dataDir, host: 'electron', clock: d.clock });
    cleanups.push(() => again.close());
    expect(again.core.ctx.db.$client.prepare("SELECT key FROM settings WHERE key IN ('ops.update', 'ops.unsavedWork')").all()).toEqual([]);
    const admin = await again.core.call('session.login', { username: 'admin', password: 'Admin.Demo.2026' }, { kind: 'session', token: null });
    const token = (admin as { value: { token: string } }).value.token;
    expect(await again.core.call('app.updateStatus', {}, { kind: 'session', token })).toMatchObject({ ok: true, value: { state: 'no_disponible', unsavedWork: false } });
  });

  it('a screen signed out or locked can still clear its unsaved work, so the update is not refused until a restart', async () => {
    const d = await desk();
    (d.core.ctx as { host: string }).host = 'electron';
    const updater = Object.assign(new (await import('node:events')).EventEmitter(), {
      autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: true, logger: null as unknown,
      setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn(),
    });
    const timers = { setTimeout: vi.fn(() => 0), clearTimeout: vi.fn(), setInterval: vi.fn(() => 0), clearInterval: vi.fn() };
    const ops = startDesktopOps(inProcessOpsPort(d.core.ctx), { isPackaged: true, log: d.core.ctx.log, updater: () => updater as unknown as UpdaterLike, timers: timers as never });
    cleanups.push(() => ops.stop());
    const core = ops.core(d.core);
    updater.emit('update-downloaded', { version: '0.2.0' });
    const anonymous = { kind: 'session', token: null } as const;

    // A request open, then the idle lock: the locked session may not make other calls...
    const clerk = await d.login('ventanilla1', 'Ventanilla.Demo.2026');
    await core.call('app.setUnsavedWork', { unsaved: true }, clerk);
    await core.call('session.lock', {}, clerk);
    expect(await core.call('app.updateStatus', {}, clerk)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    // ...but the screen leaving the request still reports it.
    expect(await core.call('app.setUnsavedWork', { unsaved: false }, clerk)).toEqual({ ok: true, value: {} });

    // A request open, then "Cerrar sesión": the screen unmounts after the session is gone.
    const again = await d.login('ventanilla2', 'Ventanilla.Demo.2026');
    await core.call('app.setUnsavedWork', { unsaved: true }, again);
    const admin = await d.login('admin', 'Admin.Demo.2026');
    expect(await core.call('app.installUpdate', {}, admin)).toMatchObject({ ok: false, error: { message: expect.stringContaining('atención en curso') } });
    await core.call('session.logout', {}, again);
    expect(await core.call('app.setUnsavedWork', { unsaved: false }, anonymous)).toEqual({ ok: true, value: {} });
    expect(await core.call('app.installUpdate', {}, admin)).toMatchObject({ ok: true, value: { version: '0.2.0' } });
  });

  it('desktop: agencia.json is applied at start when it changed; the backup service backs up when due', async () => {
    const d = await desk();
    const config = withBackupDir();
    fs.writeFileSync(path.join(d.dataDir, 'agencia.json'), JSON.stringify({ ...config, idleLockMinutes: 7 }));
    const timers = { setTimeout: vi.fn(() => 0), clearTimeout: vi.fn(), setInterval: vi.fn(() => 0), clearInterval: vi.fn() };
    // What the desktop app's core worker does at start (electron/hosts/common/core-worker.ts).
    applyAgencyConfigAtStart(d.core.ctx, d.core.ctx.log);
    const ops = startDesktopOps(inProcessOpsPort(d.core.ctx), { isPackaged: false, log: d.core.ctx.log, timers: timers as never });
    cleanups.push(() => ops.stop());
    expect(getSetting(d.core.ctx.db, 'idleLockMinutes')).toBe(7);
    // The services as a host starts them, paused: each step is one look at the schedule.
    d.services.start({ paused: true });
    await d.services.step('backup');
    expect(getSetting(d.core.ctx.db, 'ops.lastBackup')).toMatchObject({ ok: true, trigger: 'programado' });
    expect(fs.readdirSync(config.backup.dir).filter((n) => n.startsWith('respaldo-'))).toHaveLength(1);
    // Not due again until everyHours have passed.
    expect(await d.services.step('backup')).toEqual({ outcome: 'no_corresponde' });
    expect(fs.readdirSync(config.backup.dir)).toHaveLength(1);
    d.clock.advance(24 * 3_600_000);
    await d.services.step('backup');
    expect(fs.readdirSync(config.backup.dir)).toHaveLength(2);
    const audited = d.core.ctx.db.$client.prepare("SELECT call, outcome FROM audit_log WHERE call IN ('config.file', 'backup.scheduled') ORDER BY seq").all();
    expect(audited).toEqual([
      { call: 'config.file', outcome: 'ok' },
      { call: 'backup.scheduled', outcome: 'ok' },
      { call: 'backup.scheduled', outcome: 'ok' },
    ]);
  });
});
