// A stand-in for the parts of Electron the main process touches. It records what was asked of
// it; behaviour (IPC checks, headers, navigation) is exercised by calling the handlers the code
// under test registered.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ElectronMain } from '../../../electron/hosts/desktop/main-process';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame;
  readonly setWindowOpenHandler = vi.fn();
  constructor(url = 'app://ventanilla/index.html') {
    super();
    this.mainFrame = { url, parent: null };
  }
}

export function fakeElectron(opts: { appData: string; appPath: string; isPackaged?: boolean; lock?: boolean }) {
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: opts.isPackaged ?? false,
    setName: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    getPath: vi.fn((name: string) => {
      if (name === 'appData') return opts.appData;
      throw new Error(`unexpected getPath(${name})`);
    }),
    setPath: vi.fn(),
    getAppPath: vi.fn(() => opts.appPath),
    requestSingleInstanceLock: vi.fn(() => opts.lock ?? true),
    whenReady: vi.fn(() => whenReady),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => false);
    readonly isDestroyed = vi.fn(() => false);
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
      // As in Electron: every new webContents is announced on the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    // A reversible stand-in for the OS keychain: enough to prove what reaches the disk.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`)),
      decryptString: vi.fn((data: Buffer) => Buffer.from(data.toString().slice(4), 'hex').toString()),
    },
  };
  return {
    electron,
    /** The same object typed as what startMainProcess accepts. */
    asElectron: electron as unknown as ElectronMain,
    windows,
    fireReady: resolveReady,
  };
}
