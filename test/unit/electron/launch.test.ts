import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findElectronBinary, launch, NO_ELECTRON_MESSAGE } from '../../../electron/hosts/launch';

const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-launch-'));
fs.mkdirSync(path.join(appDir, 'dist-electron'));
fs.writeFileSync(path.join(appDir, 'dist-electron', 'main.cjs'), '');
afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

function deps(electronPath: string | null) {
  const child = new EventEmitter();
  return {
    child,
    findElectron: vi.fn(() => electronPath),
    spawn: vi.fn(() => child as never),
    startBrowserHost: vi.fn(async () => {}),
    print: vi.fn(),
    exit: vi.fn(),
    appDir,
    env: { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' },
  };
}

describe('findElectronBinary', () => {
  it('is null when the electron package throws (binary download skipped)', () => {
    const requireFn = () => {
      throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
    };
    expect(findElectronBinary(requireFn, () => true)).toBeNull();
  });

  it('is null when the reported executable does not exist', () => {
    expect(findElectronBinary(() => '/nowhere/electron', () => false)).toBeNull();
  });

  it('returns the executable when it exists', () => {
    expect(findElectronBinary(() => '/opt/electron/electron', (f) => f === '/opt/electron/electron')).toBe('/opt/electron/electron');
  });
});

describe('launch', () => {
  it('falls back to the browser host, saying so once in Spanish, when Electron is missing', async () => {
    const d = deps(null);
    await expect(launch(['--data-dir', '/tmp/x'], d)).resolves.toBe('browser');
    expect(d.print).toHaveBeenCalledExactlyOnceWith(NO_ELECTRON_MESSAGE);
    expect(NO_ELECTRON_MESSAGE).toMatch(/navegador/);
    // It opens no window: it says which address to open (the web host prints it after «lista en:»).
    expect(NO_ELECTRON_MESSAGE).toMatch(/dirección completa que aparece abajo en «lista en:»/);
    expect(d.startBrowserHost).toHaveBeenCalledExactlyOnceWith(['--data-dir', '/tmp/x']);
    expect(d.spawn).not.toHaveBeenCalled();
  });

  it('starts Electron on the app folder, passing the arguments through', async () => {
    const d = deps('/opt/electron/electron');
    await expect(launch(['--data-dir', '/tmp/x'], d)).resolves.toBe('electron');
    expect(d.startBrowserHost).not.toHaveBeenCalled();
    expect(d.print).not.toHaveBeenCalled();
    const [command, args, options] = d.spawn.mock.calls[0] as unknown as [string, string[], { env: NodeJS.ProcessEnv }];
    expect(command).toBe('/opt/electron/electron');
    expect(args).toEqual([appDir, '--data-dir', '/tmp/x']);
    expect(options.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(options.env.PATH).toBe('/usr/bin');
    d.child.emit('exit', 3, null);
    expect(d.exit).toHaveBeenCalledWith(3);
  });

  it('asks for a build when the desktop bundle is missing', async () => {
    const d = { ...deps('/opt/electron/electron'), appDir: os.tmpdir() + '/vp-no-such-app' };
    await expect(launch([], d)).rejects.toThrow(/npm run build/);
    expect(d.spawn).not.toHaveBeenCalled();
  });
});
