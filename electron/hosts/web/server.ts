// The browser host: the same core, over HTTP on 127.0.0.1 only. A random per-launch token
// (given in the printed URL's fragment, never sent in a query string or logged) must accompany
// every call; the Host header is checked so that a web page cannot reach us by DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MESSAGES, fail, type Result } from '../../../shared/contract';
import { silentLogger, type Logger } from '../../core/context';
import type { Core } from '../../core/registry';
import { CONTENT_SECURITY_POLICY } from '../common/csp';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const CallEnvelope = z
  .object({ call: z.string().max(100), input: z.unknown(), session: z.string().max(200).nullable().optional() })
  .strict();

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebHostOptions {
  core: Core;
  staticDir: string;
  port?: number;
  token?: string;
  log?: Logger;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let allowedHosts: Set<string> = new Set();

  const log = opts.log ?? silentLogger;
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain; charset=utf-8', 'Host no permitido.');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/call') return handleCall(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Método no permitido.');
    await serveStatic(opts.staticDir, url.pathname, res);
  };
  // No request may end the process: whatever a request makes throw is answered and logged.
  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      log.error('request failed', { error: err instanceof Error ? `${err.name} ${(err as NodeJS.ErrnoException).code ?? ''}`.trim() : typeof err });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Error interno.');
      else res.destroy();
    });
  });

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, fail('invalid_input', 'Use POST para las operaciones.'));
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) {
      return sendJson(res, 401, fail('unauthenticated', 'Esta ventana no fue abierta por Ventanilla Patronal. Abra la dirección que muestra la aplicación al iniciar.'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, fail('invalid_input', 'La solicitud debe enviarse como JSON.'));
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      if (req.destroyed && !req.complete) return void res.destroy();
      const tooLarge = err instanceof BodyTooLarge;
      if (tooLarge) res.setHeader('Connection', 'close');
      return sendJson(res, tooLarge ? 413 : 400, fail('invalid_input', tooLarge ? 'Los datos enviados superan el tamaño máximo permitido.' : 'Los datos enviados no son un JSON válido.'));
    }
    const envelope = CallEnvelope.safeParse(body);
    if (!envelope.success) return sendJson(res, 400, fail('invalid_input', DEFAULT_MESSAGES.invalid_input));
    const { call, input, session } = envelope.data;
    const result = await opts.core.call(call, input, { kind: 'session', token: session ?? null });
    sendJson(res, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/#launch=${token}`,
    port,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

class BodyTooLarge extends Error {}

/**
 * An over-limit body is read to its end and thrown away before the 413 goes out: a server that
 * closes while the client is still sending resets the connection, and the client never reads
 * the answer. Past this many bytes in all, the connection is cut (nobody legitimate sends that).
 */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge && size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
    req.on('close', () => reject(new BodyTooLarge()));
  });
}

async function serveStatic(root: string, pathname: string, res: http.ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Dirección no válida.');
  }
  // A NUL byte makes fs throw instead of answering ENOENT: no file name holds one.
  if (decoded.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'Dirección no válida.');
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) return send(res, 404, 'text/plain; charset=utf-8', 'No encontrado.');
  let data: Buffer;
  try {
    data = await fs.promises.readFile(file);
  } catch {
    // Client-side routes fall back to the app; missing assets are a plain 404.
    if (path.extname(rel) === '') return serveStatic(root, '/', res);
    return send(res, 404, 'text/plain; charset=utf-8', 'No encontrado.');
  }
  send(res, 200, MIME[path.extname(file)] ?? 'application/octet-stream', data);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));
}
