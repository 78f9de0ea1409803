// Electron main process entry (bundled to dist-electron/main.cjs). Only wiring: the logic is in
// electron-host/, where tests drive it with a stand-in for Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, utilityProcess } from 'electron';
import { autoUpdater } from 'electron-updater';
import { consoleLogger, fileLogger } from '../common/log';
import { startUtilityCore } from './core-process';
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
    // The core in a utility process: no SQL, PDF or hashing on this, the windows' process.
    startCore: (o) => startUtilityCore(utilityProcess, __dirname, o),
    ops: {
      // In development the terminal shows the lines too.
      createLog: (dataDir) => fileLogger({ dataDir, host: 'electron', stderr: !app.isPackaged }),
      // autoUpdater is a getter that builds the platform's updater on first access: after 'ready'.
      updater: () => autoUpdater as unknown as UpdaterLike,
    },
  },
);
