// The desktop main process wires the operations: the rotated log in <dataDir>/logs, the
// updater (stand-in) and the before-quit rule, with the real core on a temporary data folder.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { SOURCE_MIGRATIONS_DIR } from '../../../db/paths';
import { silentLogger } from '../../../electron/core/context';
import { openCore, type OpenCoreOptions } from '../../../electron/core/open';
import { startMainProcess } from '../../../electron/hosts/desktop/main-process';
import type { UpdaterLike } from '../../../electron/hosts/desktop/updater';
import { fileLogger } from '../../../electron/hosts/common/log';
import { fakeElectron } from '../electron/fake-electron';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-main-ops-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('logs to <dataDir>/logs/electron.log, starts the updater and asks it before quitting', async () => {
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
    openCore: (o: OpenCoreOptions) => openCore({ ...o, migrationsDir: SOURCE_MIGRATIONS_DIR }),
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
  fake.electron.app.emit('before-quit');
  expect(updater.autoInstallOnAppQuit).toBe(true); // nothing unsaved was reported
  fake.electron.app.emit('will-quit');
  await logs[0]!.close();
  const text = fs.readFileSync(path.join(tmp, 'escritorio', 'logs', 'electron.log'), 'utf8');
  expect(text).toContain('"host":"electron"');
  expect(text).toContain('update failed');
  expect(text).toContain('[correo]');
  expect(text).not.toContain('maria.perez');
});
