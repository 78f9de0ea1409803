// The Electron main process, with Electron passed in so it can be exercised without a binary.
// Order matters: name, data folder and the single-instance lock (keyed on userData) come first,
// the privileged scheme before 'ready', everything that needs a session after it.
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { DatabaseVersionError, ensurePrivateDir } from '../../db/open';
import { IPC_CALL_CHANNEL } from '../../shared/contract/bridge';
import type { Logger } from '../core/context';
import type { OpenCoreOptions, OpenedCore } from '../core/open';
import { UsageError } from '../host/args';
import { PRODUCT_NAME } from '../host/paths';
import { parseDesktopArgs } from './args';
import { createCallHandler } from './ipc';
import { applicationMenuTemplate } from './menu';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './origin';
import { migrationsDir, preloadPath, rendererDir } from './paths';
import { createAppProtocolHandler } from './protocol';
import { safeStorageSecretStore } from './secrets';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

export type ElectronMain = Pick<
  typeof import('electron'),
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'Menu' | 'dialog' | 'safeStorage'
>;

export interface MainProcessOptions {
  argv: readonly string[];
  cwd: string;
  /** Folder of the bundled main.cjs; the preload sits next to it. */
  mainDir: string;
  resourcesPath: string;
  platform: NodeJS.Platform;
  log: Logger;
  openCore(opts: OpenCoreOptions): OpenedCore;
}

export interface MainProcess {
  dataDir: string;
  /** Settles once the window exists, or the start-up failed and the app is quitting. */
  ready: Promise<void>;
  window(): BrowserWindow | null;
}

/** Returns null when this process is not the one to run (bad arguments, second instance). */
export function startMainProcess(electron: ElectronMain, opts: MainProcessOptions): MainProcess | null {
  const { app, ipcMain, protocol, dialog } = electron;
  const fatal = (message: string) => dialog.showErrorBox(PRODUCT_NAME, message);

  app.setName(PRODUCT_NAME);
  // Spanish (Ecuador) for Chromium's own UI: date inputs read dd/mm/aaaa on any OS language.
  app.commandLine.appendSwitch('lang', 'es-EC');
  let dataDir: string;
  try {
    // Default: the same folder the browser host and the CLI use (host/paths.ts defaultDataDir).
    dataDir = parseDesktopArgs(opts.argv, opts.cwd).dataDir ?? path.join(app.getPath('appData'), PRODUCT_NAME);
  } catch (err) {
    fatal(err instanceof UsageError ? err.message : String(err));
    app.exit(2);
    return null;
  }
  ensurePrivateDir(dataDir);
  // Chromium's profile lives with our database, and the single-instance lock is per userData:
  // two desks on one machine with different --data-dir do not block each other.
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  let window: BrowserWindow | null = null;
  let opened: OpenedCore | null = null;
  const loc = { isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: opts.resourcesPath };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, opts.log));
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    opened?.close();
    opened = null;
  });

  const ready = app.whenReady().then(() => {
    hardenSession(electron.session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir(loc)));
    try {
      const secrets = safeStorageSecretStore(electron.safeStorage, dataDir, opts.log);
      opened = opts.openCore({ dataDir, migrationsDir: migrationsDir(loc), host: 'electron', log: opts.log, secrets });
    } catch (err) {
      opts.log.error('core failed to open', { error: err instanceof Error ? err.name : typeof err });
      fatal(
        err instanceof DatabaseVersionError
          ? err.message
          : `No se pudo abrir la base de datos en ${dataDir}. Verifique que la carpeta exista y tenga permisos, y vuelva a abrir la aplicación.`,
      );
      app.quit();
      return;
    }
    const core = opened.core;
    // Registered before the window loads, so the first call from the renderer finds it.
    ipcMain.handle(IPC_CALL_CHANNEL, createCallHandler({ core, trusted: () => liveContents(window), log: opts.log }));
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(applicationMenuTemplate({ isPackaged: app.isPackaged, platform: opts.platform })),
    );
    window = createMainWindow(electron.BrowserWindow, {
      preloadPath: preloadPath(opts.mainDir),
      devTools: !app.isPackaged,
      onLoadError: (err) => opts.log.error('renderer failed to load', { error: err instanceof Error ? err.message : String(err) }),
    });
    window.on('closed', () => {
      window = null;
    });
  });

  return { dataDir, ready, window: () => window };
}

function liveContents(window: BrowserWindow | null) {
  return window && !window.isDestroyed() ? window.webContents : null;
}
