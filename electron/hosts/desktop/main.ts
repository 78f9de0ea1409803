// Electron main process entry (bundled to dist-electron/main.cjs). Only wiring: the logic is in
// electron-host/, where tests drive it with a stand-in for Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { openCore } from '../../core/open';
import { consoleLogger, fileLogger } from '../common/log';
import { startMainProcess } from './main-process';
import type { UpdaterLike } from './updater';

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
    ops: {
      // In development the terminal shows the lines too.
      createLog: (dataDir) => fileLogger({ dataDir, host: 'electron', stderr: !app.isPackaged }),
      // autoUpdater is a getter that builds the platform's updater on first access: after 'ready'.
      updater: () => autoUpdater as unknown as UpdaterLike,
    },
  },
);
