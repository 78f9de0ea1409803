// Sync never follows a redirect to another origin: a central (or whatever answers at its
// address) that redirects the push to another server would receive the batch there — names,
// e-mail addresses, identity numbers — and the desk's token with it. A redirect within the same
// origin is followed (307/308 keep the method and body).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncOnce } from '../../../electron/core/sync';
import { exchange, SyncError } from '../../../electron/core/sync/http';
import { setSetting } from '../../../electron/core/settings';
import type { TestDesk } from '../../support/desk';
import { central, enrolledDesk, fabricateEvents, FAST, unacked, type Central } from './support';

interface Recorder {
  url: string;
  hits: { method: string; path: string; body: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1 that records what reaches it and answers with `answer`. */
async function server(answer: (req: http.IncomingMessage, res: http.ServerResponse, self: Recorder) => void): Promise<Recorder> {
  const self: Recorder = { url: '', hits: [], close: async () => undefined };
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      self.hits.push({ method: req.method ?? '', path: req.url ?? '', body, authorization: req.headers.authorization });
      answer(req, res, self);
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  self.close = () => new Promise<void>((resolve) => srv.close(() => resolve()));
  return self;
}

let c: Central;
let desk: TestDesk;
let elsewhere: Recorder;
let redirector: Recorder;
beforeAll(async () => {
  c = await central();
  desk = await enrolledDesk(c);
  elsewhere = await server((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results":[]}'));
  redirector = await server((req, res) => res.writeHead(307, { Location: `${elsewhere.url}${req.url}` }).end());
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
  await elsewhere.close();
  await redirector.close();
});

describe('redirects', () => {
  test('a push redirected (307) to another origin is not sent there: the cycle fails in Spanish and the events stay pending', async () => {
    fabricateEvents(desk.core.ctx.db.$client, 3, { prefix: 'RED' });
    const pending = unacked(desk.core.ctx.db.$client);
    setSetting(desk.core.ctx.db, 'centralUrl', redirector.url);
    const r = await syncOnce(desk.core.ctx, FAST);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^Los servicios centrales redirigieron la conexión a otro servidor \(127\.0\.0\.1:\d+\): por seguridad no se envió nada allí/) });
    expect(elsewhere.hits).toEqual([]);
    expect(redirector.hits.map((h) => h.method)).toEqual(['POST']);
    expect(unacked(desk.core.ctx.db.$client)).toBe(pending);
  });

  test('a redirect within the same origin is followed, keeping method, body and token (308)', async () => {
    const moved = await server((req, res, self) => {
      if (req.url === '/viejo/v1/push') res.writeHead(308, { Location: `${self.url}/v1/push` }).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
    try {
      const answer = await exchange(z.object({ ok: z.boolean() }), { method: 'POST', url: `${moved.url}/viejo/v1/push`, token: 'secreto', body: { events: [1] }, timeoutMs: 2000, maxBytes: 1000, now: 0 });
      expect(answer).toEqual({ ok: true });
      expect(moved.hits.map((h) => [h.method, h.path, h.body, h.authorization])).toEqual([
        ['POST', '/viejo/v1/push', '{"events":[1]}', 'Bearer secreto'],
        ['POST', '/v1/push', '{"events":[1]}', 'Bearer secreto'],
      ]);
    } finally {
      await moved.close();
    }
  });

  test('a 302 that would turn the push into a GET is refused, and redirect loops end', async () => {
    const odd = await server((req, res, self) => {
      if (req.url === '/push') res.writeHead(302, { Location: `${self.url}/otro` }).end();
      else res.writeHead(307, { Location: `${self.url}/bucle` }).end();
    });
    try {
      const push = exchange(z.unknown(), { method: 'POST', url: `${odd.url}/push`, body: {}, timeoutMs: 2000, maxBytes: 1000, now: 0 });
      await expect(push).rejects.toBeInstanceOf(SyncError);
      await expect(push).rejects.toThrow(/redirigieron/);
      const loop = exchange(z.unknown(), { method: 'GET', url: `${odd.url}/bucle`, timeoutMs: 2000, maxBytes: 1000, now: 0 });
      await expect(loop).rejects.toThrow(/demasiadas redirecciones/);
    } finally {
      await odd.close();
    }
  });
});
