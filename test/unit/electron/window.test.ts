// The clerk's window, with the electron module replaced by the stand-in the other host tests use.
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../electron/hosts/desktop/origin';
import { createMainWindow, MIN_HEIGHT, MIN_WIDTH, type BrowserWindowClass } from '../../../electron/hosts/desktop/window';
import { fakeElectron } from './fake-electron';

function openWindow() {
  const fake = fakeElectron({ appData: '/tmp/vp-app-data', appPath: '/tmp/vp-app' });
  const onLoadError = vi.fn();
  createMainWindow(fake.electron.BrowserWindow as unknown as BrowserWindowClass, { preloadPath: '/tmp/preload.cjs', devTools: false, onLoadError });
  const win = fake.windows[0]!;
  return { win, onLoadError };
}

describe('main window', () => {
  it('opens hidden at the minimum size, loads our origin and shows on the first paint', () => {
    const { win } = openWindow();
    expect(win.options).toMatchObject({ show: false, width: MIN_WIDTH, height: MIN_HEIGHT, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT });
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('lets the window close when the page holds it with beforeunload (unsaved typing is kept locally)', () => {
    const { win } = openWindow();
    expect(win.webContents.listenerCount('will-prevent-unload')).toBe(1);
    // Electron cancels the unload unless the handler calls preventDefault on this event.
    const event = { preventDefault: vi.fn() };
    win.webContents.emit('will-prevent-unload', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});
