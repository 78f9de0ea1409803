import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CoreOpenError } from '../../../electron/hosts/common/core-client';
import type { DesktopCore, DesktopCoreOptions } from '../../../electron/hosts/desktop/core-process';
import { silentLogger } from '../../../electron/core/context';
import { startMainProcess } from '../../../electron/hosts/desktop/main-process';
import { FORBIDDEN_SENDER_MESSAGE } from '../../../electron/hosts/desktop/ipc';
import { IPC_CALL_CHANNEL } from '../../../shared/contract/bridge';
import { ok } from '../../../shared/contract/result';
import { fakeElectron, FakeWebContents } from './fake-electron';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-main-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function start(argv: string[] = [], fake = fakeElectron({ appData: path.join(tmp, 'appData'), appPath: '/repo' })) {
  const core = { call: vi.fn(async () => ok('hecho')) };
  const stop = vi.fn(async () => {});
  const startCore = vi.fn(
    (_opts: DesktopCoreOptions): DesktopCore => ({ call: core.call as never, ready: Promise.resolve(), updateUrl: async () => null, hostUpdate: vi.fn(), client: {} as never, stop }),
  );
  const main = startMainProcess(fake.asElectron, {
    argv: ['/usr/lib/electron/electron', '/repo', '--no-sandbox', ...argv],
    cwd: tmp,
    mainDir: '/repo/dist-electron',
    resourcesPath: '/opt/vp/resources',
    platform: 'linux',
    log: silentLogger,
    startCore,
  });
  return { ...fake, main, core, stop, startCore };
}

describe('startMainProcess', () => {
  it('before ready: names the app, points userData at --data-dir, takes the lock, registers the scheme', () => {
    const s = start(['--data-dir', 'escritorio-1']);
    const dataDir = path.join(tmp, 'escritorio-1');
    expect(s.electron.app.setName).toHaveBeenCalledWith('Ventanilla Patronal');
    expect(s.electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'es-EC');
    expect(s.electron.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(fs.statSync(dataDir).isDirectory()).toBe(true);
    expect(s.electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    const [schemes] = s.electron.protocol.registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(schemes[0].privileges).not.toHaveProperty('bypassCSP');
    // Nothing that needs a ready app has happened yet.
    expect(s.startCore).not.toHaveBeenCalled();
    expect(s.windows).toHaveLength(0);
  });

  it('defaults userData to <appData>/Ventanilla Patronal', () => {
    const s = start();
    expect(s.main?.dataDir).toBe(path.join(tmp, 'appData', 'Ventanilla Patronal'));
    expect(s.electron.app.setPath).toHaveBeenCalledWith('userData', s.main?.dataDir);
  });

  it('quits as a second instance without opening anything', () => {
    const s = start([], fakeElectron({ appData: tmp, appPath: '/repo', lock: false }));
    expect(s.main).toBeNull();
    expect(s.electron.app.quit).toHaveBeenCalledOnce();
    expect(s.electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(s.electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('refuses a bare --data-dir instead of opening the default data', () => {
    const s = start(['--data-dir']);
    expect(s.main).toBeNull();
    expect(s.electron.dialog.showErrorBox).toHaveBeenCalledWith('Ventanilla Patronal', expect.stringMatching(/--data-dir/));
    expect(s.electron.app.exit).toHaveBeenCalledWith(2);
    expect(s.electron.app.setPath).not.toHaveBeenCalled();
  });

  it('on ready: opens the core, hardens the session, serves app://, opens one secure window', async () => {
    const s = start(['--data-dir', 'escritorio-2']);
    s.fireReady();
    await s.main!.ready;

    expect(s.startCore).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ dataDir: path.join(tmp, 'escritorio-2'), migrationsDir: path.join('/repo', 'db', 'migrations') }),
    );
    const ses = s.electron.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(s.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));

    expect(s.windows).toHaveLength(1);
    const win = s.windows[0]!;
    const prefs = win.options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.preload).toBe(path.join('/repo/dist-electron', 'preload.cjs'));
    expect(win.options.show).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith('app://ventanilla/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();

    // The window's webContents was hardened through app 'web-contents-created'.
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalledOnce();
    const menu = s.electron.Menu.setApplicationMenu.mock.calls[0]![0] as { label?: string }[];
    expect(menu.map((m) => m.label)).toEqual(['Archivo', 'Edición', 'Ver']);
  });

  it('routes IPC from the window to the core, and refuses other senders', async () => {
    const s = start();
    s.fireReady();
    await s.main!.ready;
    const [channel, handler] = s.electron.ipcMain.handle.mock.calls[0]!;
    expect(channel).toBe(IPC_CALL_CHANNEL);
    const win = s.windows[0]!;
    const envelope = { call: 'system.status', input: {}, session: 't' };

    await expect(handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, envelope)).resolves.toEqual(ok('hecho'));
    expect(s.core.call).toHaveBeenCalledExactlyOnceWith('system.status', {}, { kind: 'session', token: 't' }, { signal: expect.any(AbortSignal) });

    const stranger = new FakeWebContents();
    const refused = await handler({ sender: stranger, senderFrame: stranger.mainFrame }, envelope);
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_SENDER_MESSAGE } });

    // After the window is closed nobody is trusted.
    win.emit('closed');
    expect((await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, envelope)).ok).toBe(false);
    expect(s.core.call).toHaveBeenCalledOnce();
  });

  it('on quit, waits for the core worker to stop (services, database) before quitting', async () => {
    const s = start();
    s.fireReady();
    await s.main!.ready;
    expect(s.stop).not.toHaveBeenCalled();
    const event = { preventDefault: vi.fn() };
    s.electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(s.stop).toHaveBeenCalledOnce();
    expect(s.electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL_CHANNEL);
    await vi.waitFor(() => expect(s.electron.app.quit).toHaveBeenCalledOnce());
    // The quit comes back through will-quit: nothing left to stop, it is not held again.
    const again = { preventDefault: vi.fn() };
    s.electron.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(s.stop).toHaveBeenCalledOnce();
  });

  it('a reload or close of the window cancels the heavy reads its page started', async () => {
    const s = start();
    let signal: AbortSignal | undefined;
    s.core.call.mockImplementationOnce((async (_n: string, _i: unknown, _a: unknown, o: { signal: AbortSignal }) => ((signal = o.signal), ok('hecho'))) as never);
    s.fireReady();
    await s.main!.ready;
    const [, handler] = s.electron.ipcMain.handle.mock.calls[0]!;
    const win = s.windows[0]!;
    await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, { call: 'dashboard.stats', input: {}, session: 't' });
    expect(signal?.aborted).toBe(false);
    win.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(signal?.aborted).toBe(true);
  });

  it('shows the Spanish reason and quits when the database is from a newer version', async () => {
    const fake = fakeElectron({ appData: tmp, appPath: '/repo' });
    const main = startMainProcess(fake.asElectron, {
      argv: [],
      cwd: tmp,
      mainDir: '/repo/dist-electron',
      resourcesPath: '/r',
      platform: 'linux',
      log: silentLogger,
      startCore: () => {
        const ready = Promise.reject(new CoreOpenError('La base de datos fue creada por una versión más reciente de Ventanilla Patronal.', true));
        return { call: vi.fn(), ready, updateUrl: async () => null, hostUpdate: vi.fn(), client: {} as never, stop: vi.fn(async () => {}) };
      },
    });
    fake.fireReady();
    await main!.ready;
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith('Ventanilla Patronal', expect.stringMatching(/versión más reciente/));
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});
