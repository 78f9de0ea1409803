// The Electron main process, with Electron passed in so it can be exercised without a binary.
// Order matters: name, data folder and the single-instance lock (keyed on userData) come first,
// the privileged scheme before 'ready', everything that needs a session after it.
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { ensurePrivateDir } from '../../../db/open';
import { IPC_CALL_CHANNEL } from '../../../shared/contract/bridge';
import type { Logger } from '../../core/context';
import type { HostState } from '../../core/context';
import { CoreOpenError } from '../common/core-client';
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
import type { DesktopCore, DesktopCoreOptions } from './core-process';
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
  /**
   * Starts the core off this process (core-process.ts startUtilityCore: an Electron utility
   * process); tests pass a worker thread or a stand-in.
   */
  startCore(opts: DesktopCoreOptions): DesktopCore;
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
  /** The running core, once ready. */
  core(): DesktopCore | null;
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
  let core: DesktopCore | null = null;
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
  app.on('will-quit', (event?: { preventDefault(): void }) => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ops?.stop();
    ops = null;
    const running = core;
    core = null;
    if (running) {
      // Quit once the worker has stopped its services and closed the database (a sync call in
      // flight ends by its timeout; its state is in SQLite): quitting comes back here with none.
      event?.preventDefault();
      void running.stop().finally(() => {
        void fileLog?.close();
        app.quit();
      });
      return;
    }
    void fileLog?.close();
  });

  const ready = app.whenReady().then(async () => {
    hardenSession(electron.session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir(loc)));
    const secrets = safeStorageSecretStore(electron.safeStorage, dataDir, log);
    const hostState = memoryHostState();
    const started = opts.startCore({ dataDir, migrationsDir: migrationsDir(loc), log, secrets, hostState });
    try {
      await started.ready;
    } catch (err) {
      log.error('core failed to open', { error: err instanceof Error ? err.name : typeof err });
      fatal(
        err instanceof CoreOpenError
          ? err.message
          : `No se pudo abrir la base de datos en ${dataDir}. Verifique que la carpeta exista y tenga permisos, y vuelva a abrir la aplicación.`,
      );
      app.quit();
      return;
    }
    core = started;
    // The updater reads the feed address synchronously: kept here, read again after a config.* call.
    let updateUrl = await started.updateUrl().catch(() => null);
    if (opts.ops) {
      // started.hostUpdate keeps the report in hostState too (core-client.ts).
      const reported: HostState = { ...hostState, reportUpdate: (state) => started.hostUpdate(state) };
      ops = startDesktopOps({ hostState: reported, now: () => Date.now(), updateUrl: () => updateUrl }, { isPackaged: app.isPackaged, log, ...(opts.ops.updater ? { updater: opts.ops.updater } : {}) });
    }
    const door: DesktopCore['call'] = async (name, input, auth, options) => {
      const result = await started.call(name, input, auth, options);
      if (result.ok && name.startsWith('config.')) updateUrl = await started.updateUrl().catch(() => updateUrl);
      return result;
    };
    const callable = ops ? ops.core({ call: door }) : { call: door };
    // Registered before the window loads, so the first call from the renderer finds it.
    const handler = createCallHandler({ core: callable, trusted: () => liveContents(window), log });
    ipcMain.handle(IPC_CALL_CHANNEL, handler);
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(applicationMenuTemplate({ isPackaged: app.isPackaged, platform: opts.platform })),
    );
    window = createMainWindow(electron.BrowserWindow, {
      preloadPath: preloadPath(opts.mainDir),
      devTools: !app.isPackaged,
      onLoadError: (err) => log.error('renderer failed to load', { error: err instanceof Error ? err.message : String(err) }),
    });
    // A page that reloads or leaves takes its screens with it: their heavy reads are cancelled.
    window.webContents.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
      if (details?.isMainFrame && !details.isSameDocument) handler.pageGone();
    });
    window.webContents.on('render-process-gone', () => handler.pageGone());
    window.on('closed', () => {
      handler.pageGone();
      window = null;
    });
  });

  return { dataDir, ready, window: () => window, core: () => core };
}

function liveContents(window: BrowserWindow | null) {
  return window && !window.isDestroyed() ? window.webContents : null;
}
