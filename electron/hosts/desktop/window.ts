// The clerk's window: hidden until the first paint (no white flash), large enough for the
// work queues, always loading our own origin.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../common/paths';
import { APP_ENTRY_URL } from './origin';
import { mainWindowWebPreferences } from './security';

export const MIN_WIDTH = 1280;
export const MIN_HEIGHT = 800;

export function mainWindowOptions(opts: { preloadPath: string; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: MIN_WIDTH,
    height: MIN_HEIGHT,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: mainWindowWebPreferences(opts),
  };
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(
  BrowserWindowCtor: BrowserWindowClass,
  opts: { preloadPath: string; devTools: boolean; onLoadError(err: unknown): void },
): BrowserWindow {
  const window = new BrowserWindowCtor(mainWindowOptions(opts));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-prevent-unload', allowUnload);
  window.loadURL(APP_ENTRY_URL).catch(opts.onLoadError);
  return window;
}

/**
 * The intake asks the browser to hold a close while a save is pending (`beforeunload`); in
 * Electron, with no handler here, that silently cancels the close and the window will not go.
 * We let it close without asking: every keystroke not yet saved is already in the renderer's
 * write-through copy (renderer/src/counter/intake/localDraft.ts), which is restored and saved
 * when the request is opened again — so a dialog would only stand between the clerk (or an
 * update, or a shutdown) and a close that loses nothing.
 */
export function allowUnload(event: { preventDefault(): void }): void {
  event.preventDefault();
}
