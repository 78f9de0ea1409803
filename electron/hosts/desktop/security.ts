// Hardening applied to every webContents and to the default session. The renderer is a web
// page that must never reach Node, other origins, new windows or device permissions.
import type { Session, WebContents, WebPreferences } from 'electron';
import type { Logger } from '../../core/context';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { isAppUrl } from './origin';

export function mainWindowWebPreferences(opts: { preloadPath: string; devTools: boolean }): WebPreferences {
  return {
    preload: opts.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    devTools: opts.devTools,
  };
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenWebContents(contents: HardenedContents, log: Logger): void {
  // Links and scripts may move within our app only; a dropped file or a crafted link that
  // tries to load another page is stopped before it starts.
  const stayOnOrigin = (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('navigation away from the app blocked', { scheme: schemeOf(event.url) });
  };
  contents.on('will-navigate', (event) => stayOnOrigin(event));
  contents.on('will-redirect', (event) => stayOnOrigin(event));
  // No new windows, and no shell.openExternal on a URL the renderer chose.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

export function hardenSession(ses: HardenedSession): void {
  // The app needs no camera, notifications, geolocation, clipboard reads or the like.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Our protocol handler already sends the CSP; this covers any other response (an error
  // page, a future resource) and replaces whatever CSP it came with.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
}

function schemeOf(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}
