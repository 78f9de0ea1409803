import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenSession, hardenWebContents } from '../../../electron/hosts/desktop/security';
import { mainWindowOptions, MIN_HEIGHT, MIN_WIDTH } from '../../../electron/hosts/desktop/window';
import { silentLogger } from '../../../electron/core/context';
import { FakeWebContents } from './fake-electron';

type Listener = (...args: unknown[]) => void;

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', devTools: false });

  it('keeps the renderer isolated and sandboxed', () => {
    const prefs = options.webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
    expect(prefs.devTools).toBe(false);
  });

  it('opens hidden, titled in Spanish, no smaller than 1280×800', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Ventanilla Patronal');
    expect([options.minWidth, options.minHeight]).toEqual([1280, 800]);
    expect([MIN_WIDTH, MIN_HEIGHT]).toEqual([1280, 800]);
  });
});

describe('session hardening', () => {
  function hardened() {
    const ses = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    hardenSession(ses as unknown as Session);
    return ses;
  }

  it('sets a strict CSP on every response, replacing any other', () => {
    const ses = hardened();
    const listener = ses.webRequest.onHeadersReceived.mock.calls[0]![0] as Listener;
    const callback = vi.fn();
    listener(
      { url: 'https://example.org/', responseHeaders: { 'content-security-policy': ["script-src 'unsafe-inline'"], 'X-Other': ['1'] } },
      callback,
    );
    const { responseHeaders } = callback.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> };
    const cspNames = Object.keys(responseHeaders).filter((n) => n.toLowerCase() === 'content-security-policy');
    expect(cspNames).toEqual(['Content-Security-Policy']);
    expect(responseHeaders['X-Other']).toEqual(['1']);

    const csp = responseHeaders['Content-Security-Policy']![0]!;
    const parsed = directives(csp);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('adds the CSP to a response that had no headers', () => {
    const listener = hardened().webRequest.onHeadersReceived.mock.calls[0]![0] as Listener;
    const callback = vi.fn();
    listener({ url: 'app://ventanilla/index.html' }, callback);
    expect(callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toMatch(/script-src 'self'/);
  });

  it('denies every permission request and check', () => {
    const ses = hardened();
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request(new FakeWebContents(), permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', 'app://ventanilla', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://ventanilla', {})).toBe(false);
  });
});

describe('webContents hardening', () => {
  function hardened() {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, silentLogger);
    return contents;
  }
  const navigate = (contents: FakeWebContents, event: string, url: string) => {
    const e = { url, preventDefault: vi.fn() };
    contents.emit(event, e, url);
    return e.preventDefault;
  };

  it.each(['will-navigate', 'will-redirect'])('%s: stays on our origin', (event) => {
    const contents = hardened();
    expect(navigate(contents, event, 'app://ventanilla/solicitudes/12')).not.toHaveBeenCalled();
    expect(navigate(contents, event, 'app://ventanilla/index.html#/cola')).not.toHaveBeenCalled();
    for (const url of [
      'https://example.org/',
      'file:///etc/passwd',
      'app://ventanilla.evil/',
      'app://ventanilla@evil/',
      'app://ventanilla:8080/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(navigate(contents, event, url), url).toHaveBeenCalledOnce();
    }
  });

  it('denies window.open without opening anything', () => {
    const contents = hardened();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://ventanilla/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.org/' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});
