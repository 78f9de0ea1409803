// Where the desktop host finds its files. Computed from what Electron reports (never from
// import.meta.url, which is empty once main is bundled to CommonJS).
import path from 'node:path';

export interface AppLocation {
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the repository root in development, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
}

/** Packaged: real files next to app.asar (the migrator reads a folder); development: db/migrations. */
export function migrationsDir(loc: AppLocation): string {
  return loc.isPackaged ? path.join(loc.resourcesPath, 'migrations') : path.join(loc.appPath, 'db', 'migrations');
}

/** The Vite build of the renderer; inside app.asar when packaged (Electron's fs reads it). */
export function rendererDir(loc: AppLocation): string {
  return path.join(loc.appPath, 'dist', 'renderer');
}

/** The preload is bundled next to main.cjs. */
export function preloadPath(mainDir: string): string {
  return path.join(mainDir, 'preload.cjs');
}
