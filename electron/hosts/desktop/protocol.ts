// Serves the built renderer (dist/renderer) on app://ventanilla/. Only files under that folder
// can be answered: a path is decoded once, resolved, and must stay inside the root, so "..",
// "%2e%2e", an encoded "/" or "\" and absolute paths all end as 404.
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { isAppUrl } from './origin';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The part of a Request the handler reads; Electron's GlobalRequest satisfies it. */
export interface AppRequest {
  url: string;
  method: string;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/**
 * The absolute file a request asks for, or null when it names something outside `root`
 * (or is not on our origin at all).
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  return file.startsWith(base + path.sep) ? file : null;
}

export function createAppProtocolHandler(
  rendererDir: string,
  readFile: ReadFile = (file) => fs.readFile(file),
): (request: AppRequest) => Promise<Response> {
  const indexFile = path.join(path.resolve(rendererDir), 'index.html');

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Método no permitido.');
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return plain(404, 'No encontrado.');
    // Client-side routes ("/solicitudes/123") have no extension and fall back to the app;
    // a missing asset is a plain 404 so a broken build shows up as such.
    const candidates = path.extname(file) === '' ? [file, indexFile] : [file];
    for (const candidate of candidates) {
      const body = await readOrNull(readFile, candidate);
      if (body) {
        const type = MIME[path.extname(candidate).toLowerCase()] ?? 'application/octet-stream';
        return new Response(request.method === 'HEAD' ? null : Buffer.from(body), {
          status: 200,
          headers: { ...SECURITY_HEADERS, 'Content-Type': type },
        });
      }
    }
    return plain(404, 'No encontrado.');
  };
}

async function readOrNull(readFile: ReadFile, file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch {
    // ENOENT, EISDIR (a folder asked as a file), EACCES: all are "not found" to the renderer.
    return null;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
