// The browser host: the same core, over HTTP on 127.0.0.1 only. A random per-launch token
// (given in the printed URL's fragment, never sent in a query string or logged) must accompany
// every call; the Host header is checked so that a web page cannot reach us by DNS rebinding.
// The envelope and the static files are the desktop app's too (electron/hosts/common/).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { fail, type Result } from '../../../shared/contract';
import { silentLogger, type Logger } from '../../core/context';
import type { Core } from '../../core/registry';
import { answerEnvelope } from '../common/envelope';
import { MAX_CALL_INPUT_BYTES } from '../common/limits';
import { createStaticHandler, plainAnswer, SECURITY_HEADERS, type StaticAnswer } from '../common/static-files';

export const MAX_BODY_BYTES = MAX_CALL_INPUT_BYTES;

export interface WebHostOptions {
  core: Pick<Core, 'call'>;
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

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const log = opts.log ?? silentLogger;
  const serveStatic = createStaticHandler(opts.staticDir);
  let allowedHosts: Set<string> = new Set();

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, plainAnswer(421, 'Host no permitido.'));
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      // "//", "//x:y": a request target that is no path on this host.
      return send(res, plainAnswer(400, 'Dirección no válida.'));
    }
    if (pathname === '/api/call') return handleCall(req, res);
    send(res, await serveStatic(pathname, req.method ?? ''));
  };

  // No request may end the process: whatever a request makes throw is answered and logged.
  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      log.error('request failed', { error: err instanceof Error ? `${err.name} ${(err as NodeJS.ErrnoException).code ?? ''}`.trim() : typeof err });
      if (!res.headersSent) send(res, plainAnswer(500, 'Error interno.'));
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
    // The page that asked is gone (navigated, closed, its fetch aborted): a heavy read it
    // started is cancelled instead of running on for nobody.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const answer = await answerEnvelope(opts.core, body, log, gone.signal);
    sendJson(res, answer.wellFormed ? 200 : 400, answer.result);
  }

  // What Node's HTTP parser refuses (bad bytes in the request line, oversized headers) is
  // answered by us too, with the same headers as every other answer.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    log.warn('malformed request refused', { error: err.code ?? err.name });
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    const body = Buffer.from('Solicitud no válida.');
    socket.end(`HTTP/1.1 400 Bad Request\r\n${headers}Content-Length: ${body.length}\r\n\r\n${body.toString()}`);
  });

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

function send(res: http.ServerResponse, answer: StaticAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}

function sendJson(res: http.ServerResponse, status: number, result: Result<unknown>): void {
  send(res, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(result) });
}
