// Electron main process entry (bundled to dist-electron/main.cjs). Only wiring: the logic is in
// electron-host/, where tests drive it with a stand-in for Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { openCore } from './core/open';
import { consoleLogger } from './host/log';
import { startMainProcess } from './electron-host/main-process';

startMainProcess(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session },
  {
    argv: process.argv,
    cwd: process.cwd(),
    mainDir: __dirname,
    resourcesPath: process.resourcesPath,
    platform: process.platform,
    log: consoleLogger('electron'),
    openCore,
  },
);
