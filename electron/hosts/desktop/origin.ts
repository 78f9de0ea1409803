// The renderer's one origin. Every trust decision (IPC sender, navigation, what the protocol
// serves) compares parsed URL parts against these constants: never a string prefix, because
// "app://ventanilla.evil/" and "app://ventanilla@evil/" both start with "app://ventanilla".
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ventanilla';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs, an origin and web storage like https; secure: a secure context.
 * No corsEnabled (other origins cannot read our files) and no bypassCSP (our CSP applies).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** True when `url` is on our exact origin: scheme, host, no port, no credentials. */
export function isAppUrl(url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
