// Where a desk keeps its data. Matches Electron's app.getPath('userData') for our productName,
// so the browser host and the CLI open the same directory the desktop app does.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Ventanilla Patronal';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
