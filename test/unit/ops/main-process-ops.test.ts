// The desktop main process wires the operations: the rotated log in <dataDir>/logs, the
// updater (stand-in) and the before-quit rule, with the real core in a real worker (a worker
// thread standing in for Electron's utility process: the same core-worker.ts and messages).
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { SOURCE_MIGRATIONS_DIR } from '../../../db/paths';
import { silentLogger } from '../../../electron/core/context';
import { startMainProcess } from '../../../electron/hosts/desktop/main-process';
import { startDesktopCore } from '../../../electron/hosts/desktop/core-process';
import type { UpdaterLike } from '../../../electron/hosts/desktop/updater';
import { SOURCE_WORKER, workerThreadProcess } from '../../../electron/hosts/common/core-thread';
import { fileLogger } from '../../../electron/hosts/common/log';
import { SECRETS_FILE } from '../../../electron/hosts/common/secrets-file';
import { fakeElectron } from '../electron/fake-electron';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-main-ops-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('logs to <dataDir>/logs/electron.log, starts the updater and asks it before quitting; the core runs in a worker', async () => {
  const fake = fakeElectron({ appData: tmp, appPath: '/repo', isPackaged: true });
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: true, logger: null as unknown,
    setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn(),
  });
  const logs: ReturnType<typeof fileLogger>[] = [];
  const main = startMainProcess(fake.asElectron, {
    argv: ['/opt/vp/ventanilla-patronal', '--data-dir', 'escritorio'],
    cwd: tmp,
    mainDir: '/opt/vp/resources/app.asar/dist-electron',
    resourcesPath: '/opt/vp/resources',
    platform: 'linux',
    log: silentLogger,
    // The packaged layout points at resources/migrations; here the source migrations stand in.
    startCore: (o) => startDesktopCore(() => workerThreadProcess(SOURCE_WORKER, o.log), SOURCE_WORKER, { ...o, migrationsDir: SOURCE_MIGRATIONS_DIR }),
    ops: {
      createLog: (dataDir) => {
        const l = fileLogger({ dataDir, host: 'electron' });
        logs.push(l);
        return l;
      },
      updater: () => updater as unknown as UpdaterLike,
    },
  });
  fake.fireReady();
  await main!.ready;
  expect(updater.autoDownload).toBe(true);
  updater.emit('update-downloaded', { version: '9.9.9' });
  updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED for maria.perez@gmail.com'));

  // The updater's state reached the core in its worker; the screen's unsaved work came back.
  const core = main!.core()!;
  await core.call('setup.createAdmin', { agency: { code: 'UIO', name: 'CAU Quito Norte', provinceCode: '17' }, username: 'admin', displayName: 'Ana Admin', password: 'Una.Clave.Segura.1' }, { kind: 'session', token: null });
  const login = await core.call('session.login', { username: 'admin', password: 'Una.Clave.Segura.1' }, { kind: 'session', token: null });
  // The worker created the audit key (first audit entry); only the main process could store it, encrypted by safeStorage.
  const stored = JSON.parse(fs.readFileSync(path.join(tmp, 'escritorio', SECRETS_FILE), 'utf8')) as Record<string, string>;
  const names = Object.keys(stored);
  expect(names.length).toBeGreaterThan(0);
  for (const value of Object.values(stored)) expect(Buffer.from(value, 'base64').toString()).toMatch(/^enc:/);

  const auth = { kind: 'session', token: (login as { value: { token: string } }).value.token } as const;
  expect(await core.call('app.updateStatus', {}, auth)).toMatchObject({ ok: true, value: { state: 'lista', availableVersion: '9.9.9' } });
  await core.call('app.setUnsavedWork', { unsaved: true }, auth);
  fake.electron.app.emit('before-quit');
  expect(updater.autoInstallOnAppQuit).toBe(false);
  await core.call('app.setUnsavedWork', { unsaved: false }, auth);
  fake.electron.app.emit('before-quit');
  expect(updater.autoInstallOnAppQuit).toBe(true);

  fake.electron.app.emit('will-quit', { preventDefault: vi.fn() });
  await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled(), { timeout: 20_000 });
  await logs[0]!.close();
  const text = fs.readFileSync(path.join(tmp, 'escritorio', 'logs', 'electron.log'), 'utf8');
  expect(text).toContain('"host":"electron"');
  expect(text).toContain('update failed');
  expect(text).toContain('[correo]');
  expect(text).not.toContain('maria.perez');
}, 60_000);
