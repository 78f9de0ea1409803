// The built renderer (dist/renderer) as both hosts serve it: the browser host over HTTP, the
// desktop app on app://ventanilla/. One MIME table, one set of security headers, one rule for
// which file a path names: decoded once, resolved, and it must stay inside the root, so "..",
// "%2e%2e", an encoded "/" or "\", absolute paths and NUL bytes never reach a file outside it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';

export const MIME_TYPES: Readonly<Record<string, string>> = {
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

/** On every answer of either host, files and errors alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * What the renderer's build names by content (vite's `assets/[name]-[hash].[ext]`, vite.config.ts):
 * a new build gives changed files new names, so such a file can be kept by the browser for good.
 * Without this every reload fetched and compiled the whole bundle again (Chromium keeps compiled
 * code only for scripts its HTTP cache holds). index.html, which names the bundle, and every
 * answer of /api/call stay no-store: what is cached is code and fonts, never anyone's data.
 */
const CONTENT_NAMED = /^\/assets\/[\w.-]+-[\w-]{8}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export const mimeType = (file: string): string => MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

export type StaticPath = { file: string } | { refused: 'invalida' | 'fuera' };

/** The absolute file a URL path (still percent-encoded) names under `root`, or why it names none. */
export function resolveStaticPath(root: string, pathname: string): StaticPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 'invalida' };
  }
  // fs throws on a NUL byte instead of answering ENOENT (it once ended the browser host).
  if (decoded.includes('\0')) return { refused: 'invalida' };
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  return file.startsWith(base + path.sep) ? { file } : { refused: 'fuera' };
}

export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  /** Null for HEAD. */
  body: Uint8Array | string | null;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

export const plainAnswer = (status: number, text: string): StaticAnswer => ({
  status,
  headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  body: text,
});

export function createStaticHandler(rootDir: string, readFile: ReadFile = (file) => fs.readFile(file)): (pathname: string, method: string) => Promise<StaticAnswer> {
  const root = path.resolve(rootDir);
  const indexFile = path.join(root, 'index.html');
  return async (pathname, method) => {
    if (method !== 'GET' && method !== 'HEAD') return plainAnswer(405, 'Método no permitido.');
    const resolved = resolveStaticPath(root, pathname);
    if ('refused' in resolved) return resolved.refused === 'invalida' ? plainAnswer(400, 'Dirección no válida.') : plainAnswer(404, 'No encontrado.');
    // Client-side routes ("/solicitudes/123") have no extension and fall back to the app;
    // a missing asset is a plain 404 so a broken build shows up as such.
    const candidates = path.extname(resolved.file) === '' ? [resolved.file, indexFile] : [resolved.file];
    for (const candidate of candidates) {
      const body = await readOrNull(readFile, candidate);
      if (body) {
        const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeType(candidate), ...(candidate === resolved.file && CONTENT_NAMED.test(pathname) ? { 'Cache-Control': IMMUTABLE } : {}) };
        return { status: 200, headers, body: method === 'HEAD' ? null : body };
      }
    }
    return plainAnswer(404, 'No encontrado.');
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
