// The update rule with electron-updater replaced by a stand-in: an update waits while the
// screen reports unsaved work, and is never installed on its own.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/context';
import type { HostUpdateState } from '../../../electron/core/context';
import { createUpdateController, installDecision, withUpdateHooks, type UpdaterLike } from '../../../electron/hosts/desktop/updater';
import { ok, fail } from '../../../shared/contract/result';

function fakeUpdater() {
  const emitter = new EventEmitter();
  const u = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    logger: null as unknown,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
  return u as typeof u & UpdaterLike;
}

function setup(opts: { packaged?: boolean; url?: string | null; unsaved?: boolean } = {}) {
  const updater = fakeUpdater();
  const states: HostUpdateState[] = [];
  let unsaved = opts.unsaved ?? false;
  const timers = { setTimeout: vi.fn((fn: () => void) => (fn(), 0)), clearTimeout: vi.fn(), setInterval: vi.fn(() => 0), clearInterval: vi.fn() };
  const controller = createUpdateController({
    updater,
    isPackaged: opts.packaged ?? true,
    feedUrl: () => (opts.url === undefined ? 'https://actualizaciones.iess.gob.ec/ventanilla' : opts.url),
    unsavedWork: () => unsaved,
    report: (s) => states.push(s),
    log: silentLogger,
    now: () => 1_000,
    timers: timers as never,
  });
  return { updater, states, controller, setUnsaved: (v: boolean) => (unsaved = v), last: () => states.at(-1)! };
}

describe('installDecision', () => {
  it('installs only a downloaded update, and only with nothing unsaved', () => {
    expect(installDecision({ state: 'lista', unsavedWork: false })).toBe('instalar');
    expect(installDecision({ state: 'lista', unsavedWork: true })).toBe('esperar_trabajo');
    expect(installDecision({ state: 'descargando', unsavedWork: false })).toBe('nada_que_instalar');
  });
});

describe('update controller', () => {
  it('checks the agency feed over https with the generic provider and downloads in the background', async () => {
    const s = setup();
    s.controller.start();
    await s.controller.checkNow();
    expect(s.updater.autoDownload).toBe(true);
    expect(s.updater.allowDowngrade).toBe(false);
    expect(s.updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://actualizaciones.iess.gob.ec/ventanilla' });
    expect(s.updater.checkForUpdates).toHaveBeenCalled();
  });

  it('refuses a feed that is not https, and says when none is configured', async () => {
    const plain = setup({ url: 'http://actualizaciones.iess.gob.ec/' });
    plain.controller.start();
    await plain.controller.checkNow();
    expect(plain.updater.setFeedURL).not.toHaveBeenCalled();
    expect(plain.last()).toMatchObject({ state: 'error', message: expect.stringContaining('https://') });
    const none = setup({ url: null });
    none.controller.start();
    expect(none.last().state).toBe('sin_configurar');
    await none.controller.checkNow();
    expect(none.updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('does nothing in development (not packaged)', async () => {
    const s = setup({ packaged: false });
    s.controller.start();
    await s.controller.checkNow();
    expect(s.last().state).toBe('no_disponible');
    expect(s.updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('a downloaded update only waits: it is never installed by the download itself', () => {
    const s = setup();
    s.controller.start();
    s.updater.emit('update-available', { version: '0.2.0' });
    s.updater.emit('download-progress', { percent: 55.5 });
    expect(s.last()).toMatchObject({ state: 'descargando', percent: 56, availableVersion: '0.2.0' });
    s.updater.emit('update-downloaded', { version: '0.2.0' });
    expect(s.last()).toMatchObject({ state: 'lista', availableVersion: '0.2.0', message: expect.stringContaining('0.2.0') });
    expect(s.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('with an intake unsaved, "Reiniciar y actualizar" and quitting both leave the update waiting', () => {
    const s = setup({ unsaved: true });
    s.controller.start();
    s.updater.emit('update-downloaded', { version: '0.2.0' });
    expect(s.controller.requestInstall()).toBe('esperar_trabajo');
    s.controller.beforeQuit();
    expect(s.updater.autoInstallOnAppQuit).toBe(false);
    expect(s.updater.quitAndInstall).not.toHaveBeenCalled();

    s.setUnsaved(false);
    s.controller.beforeQuit();
    expect(s.updater.autoInstallOnAppQuit).toBe(true);
    expect(s.controller.requestInstall()).toBe('instalar');
    expect(s.updater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('an error after the download keeps the waiting update', () => {
    const s = setup();
    s.controller.start();
    s.updater.emit('update-downloaded', { version: '0.2.0' });
    s.updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(s.last().state).toBe('lista');
  });

  it('the IPC door restarts into the installer only after the core accepted app.installUpdate', async () => {
    const requestInstall = vi.fn(() => 'instalar' as const);
    const refused = withUpdateHooks({ call: vi.fn(async () => fail('conflict', 'Hay una atención en curso')) }, { requestInstall });
    await refused.call('app.installUpdate', {}, { kind: 'session', token: 't' });
    expect(requestInstall).not.toHaveBeenCalled();
    const accepted = withUpdateHooks({ call: vi.fn(async () => ok({ version: '0.2.0' })) }, { requestInstall });
    await accepted.call('status.summary', {}, { kind: 'session', token: 't' });
    expect(requestInstall).not.toHaveBeenCalled();
    await accepted.call('app.installUpdate', {}, { kind: 'session', token: 't' });
    expect(requestInstall).toHaveBeenCalledOnce();
  });
});
