// The Electron main process, with Electron passed in so it can be exercised without a binary.
// Order matters: name, data folder and the single-instance lock (keyed on userData) come first,
// the privileged scheme before 'ready', everything that needs a session after it.
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { DatabaseVersionError, ensurePrivateDir } from '../../../db/open';
import { IPC_CALL_CHANNEL } from '../../../shared/contract/bridge';
import type { Logger } from '../../core/context';
import type { OpenCoreOptions, OpenedCore } from '../../core/open';
import { UsageError } from '../common/args';
import { memoryHostState } from '../common/host-state';
import { PRODUCT_NAME } from '../common/paths';
import { parseDesktopArgs } from './args';
import { createCallHandler } from './ipc';
import { applicationMenuTemplate } from './menu';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './origin';
import { migrationsDir, preloadPath, rendererDir } from './paths';
import { createAppProtocolHandler } from './protocol';
import { safeStorageSecretStore } from './secrets';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { startDesktopOps, type DesktopOps } from './operations';
import type { UpdaterLike } from './updater';

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
  /** Operations of the installed app (electron/hosts/desktop/operations.ts); absent in tests that only check the shell. */
  ops?: {
    /** The rotated log in <dataDir>/logs, replacing `log` once the data directory is known. */
    createLog(dataDir: string): Logger & { close(): Promise<void> };
    updater?: () => UpdaterLike;
  };
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
  const fileLog = opts.ops?.createLog(dataDir) ?? null;
  const log: Logger = fileLog ?? opts.log;
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
  let ops: DesktopOps | null = null;
  const loc = { isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: opts.resourcesPath };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Before the windows close and the database with them: may an update install on quit?
  app.on('before-quit', () => ops?.beforeQuit());
  app.on('will-quit', () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ops?.stop();
    ops = null;
    // Stopping disarms the services' timers: a sync call in flight ends by its timeout; its state is in SQLite.
    void opened?.services.stop();
    opened?.close();
    opened = null;
    void fileLog?.close();
  });

  const ready = app.whenReady().then(() => {
    hardenSession(electron.session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir(loc)));
    try {
      const secrets = safeStorageSecretStore(electron.safeStorage, dataDir, log);
      opened = opts.openCore({ dataDir, migrationsDir: migrationsDir(loc), host: 'electron', log, secrets, hostState: memoryHostState() });
    } catch (err) {
      log.error('core failed to open', { error: err instanceof Error ? err.name : typeof err });
      fatal(
        err instanceof DatabaseVersionError
          ? err.message
          : `No se pudo abrir la base de datos en ${dataDir}. Verifique que la carpeta exista y tenga permisos, y vuelva a abrir la aplicación.`,
      );
      app.quit();
      return;
    }
    if (opts.ops) {
      ops = startDesktopOps(opened.core.ctx, { isPackaged: app.isPackaged, log, ...(opts.ops.updater ? { updater: opts.ops.updater } : {}) });
    }
    const core = ops ? ops.core(opened.core) : opened.core;
    // Sync, retention and backups (core/services.ts), after agencia.json was applied above.
    opened.services.start();
    // Registered before the window loads, so the first call from the renderer finds it.
    ipcMain.handle(IPC_CALL_CHANNEL, createCallHandler({ core, trusted: () => liveContents(window), log }));
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(applicationMenuTemplate({ isPackaged: app.isPackaged, platform: opts.platform })),
    );
    window = createMainWindow(electron.BrowserWindow, {
      preloadPath: preloadPath(opts.mainDir),
      devTools: !app.isPackaged,
      onLoadError: (err) => log.error('renderer failed to load', { error: err instanceof Error ? err.message : String(err) }),
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
