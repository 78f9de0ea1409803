// The clerk's window: hidden until the first paint (no white flash), large enough for the
// work queues, always loading our own origin.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../host/paths';
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
  window.loadURL(APP_ENTRY_URL).catch(opts.onLoadError);
  return window;
}
